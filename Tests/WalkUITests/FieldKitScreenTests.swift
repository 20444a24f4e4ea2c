import Foundation
import JourneyKit
@testable import WalkUI
import Testing

/// The field kit drawn at 80x24 and 120x40: the checklist with the keys, the timer, the final check.
@Suite struct FieldKitScreenTests {
    /// The greeting with two answers, a No being commented, the timer stopped over its target and a photo.
    func busyGreeting(width: Int, height: Int) -> WalkState {
        var state = WalkState.walking(shopJourney, width: width, height: height)
        state.press([.char("t")], at: at(10))
        state.press([.char("t")], at: at(52))
        state.press(.char("a"))
        state.type("door.jpg")
        state.press(.char("c"), .char("y"), .char("n"))
        state.run("Only water, and only when I ask".keys.map { .key($0) })
        return state
    }

    @Test func checklistWithTheKeys() {
        for (width, height) in [(80, 24), (120, 40)] {
            let state = busyGreeting(width: width, height: height)
            let canvas = render(state, width: width, height: height)
            assertSnapshot(canvas, named: "checklist-\(width)x\(height)")
            #expect(canvas.text.contains("▸ ✖ Offered the promised coffee  ×3"))
            #expect(canvas.text.contains("Comment Only water, and only when I ask"))
            #expect(canvas.text(row: height - 1).contains("Enter save"), "the comment is being typed")
        }
        var saved = busyGreeting(width: 80, height: 24)
        saved.type("")
        #expect(render(saved).text(row: 23).hasPrefix(" y yes  n no  a n/a  ↑↓ item  e comment"))
    }

    @Test func timerAgainstItsTarget() {
        for (width, height) in [(80, 24), (120, 40)] {
            var state = busyGreeting(width: width, height: height)
            state.type("")
            state.press(.escape)
            state.press([.right, .right, .char("t")], at: at(60))
            _ = state.apply(.tick, now: at(95))
            let canvas = render(state, width: width, height: height)
            assertSnapshot(canvas, named: "timer-\(width)x\(height)")
            #expect(canvas.text.contains("⏱ 0:35 ▶ running / 2:00  within target"))
        }
    }

    @Test func aMalformedStatedTimeShowsTheFormsAt80Columns() {
        var state = WalkState.walking(shopJourney, statedStart: at(-3600))
        state.press(.char("@"))
        state.type("quarter past")
        let canvas = render(state, width: 80, height: 24)
        assertSnapshot(canvas, named: "stated-time-refused-80x24")
        #expect(canvas.text(row: 22).trimmingCharacters(in: .whitespaces) == "✖ Not a time: use 10:42, 10:42:30, 2026-11-22 10:42 or +3m (UTC+01:00)", "\(canvas.text)")
        #expect(!canvas.text.contains("…"))
    }

    @Test func finalCheck() {
        for (width, height) in [(80, 24), (120, 40)] {
            var state = busyGreeting(width: width, height: height)
            state.press(.escape, .escape, .char("m"), .char("q"), .char("f"), .char("j"))
            let canvas = render(state, width: width, height: height)
            assertSnapshot(canvas, named: "final-check-\(width)x\(height)")
            #expect(canvas.text.contains("Final check · 4 items"))
            #expect(canvas.text.contains("▸ ▲ Target missed by 0:12 without a note: Greeting"))
            #expect(canvas.text(row: height - 1).contains("Enter go there"))
        }
    }

    @Test func aLongChecklistKeepsTheSelectedItemInView() {
        let items = (1...20).map { ChecklistItem("Check number \($0)") }
        let journey = Journey(id: "long", title: "Long checklist", stages: [Stage(name: "All", touchpoints: [Touchpoint(id: "big", title: "Big", checklist: items)])])
        var state = WalkState.walking(journey)
        state.press(.char("c"))
        for _ in 0..<15 { state.press(.char("y")) }
        let text = render(state).text
        #expect(text.contains("▸ □ Check number 16"), "\(text)")
        #expect(text.contains("15/20 answered"))
        #expect(text.contains("… 13 more above"))
    }
}
