import Foundation
import JourneyKit
@testable import WalkUI
import Testing

@Suite struct WorkshopScreenTests {
    /// Eight votes on the first touchpoint, forty seconds into its minute.
    func voting(width: Int, height: Int) -> WorkshopState {
        var state = WorkshopState.started(width: width, height: height)
        for key in "mmmnxmxm" { state.press(.char(key), at: at(40)) }
        return state
    }

    @Test func projectorAt200x60() {
        let state = voting(width: 200, height: 60)
        let canvas = render(state, width: 200, height: 60)
        assertSnapshot(canvas, named: "workshop-votes-200x60")
        #expect(canvas.text.contains("██"), "the title in big letters")
        #expect(!canvas.text.contains("Ask a question"), "…and not as text")
        #expect(canvas.text.contains("★ magic") && canvas.text.contains("Verdict ★ magic · 5 of 8 votes"))
    }

    @Test func aLookForHeadingAlwaysHasItemsUnderIt() {
        var checked = 0
        for height in 20...60 {
            for width in stride(from: 80, through: 140, by: 10) {
                var state = WorkshopState.started(width: width, height: height)
                for _ in 0..<state.journey.touchpointCount {
                    let canvas = render(state, width: width, height: height)
                    let rows = canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    for (index, row) in rows.enumerated() where row.contains("Look for") {
                        let next = index + 1 < rows.count ? rows[index + 1] : ""
                        #expect(next.contains("□") || next.contains("more"), "\(width)x\(height): a heading with nothing under it\n\(canvas.text)")
                        checked += 1
                    }
                    state.press(.right, at: at(1))
                }
            }
        }
        #expect(checked > 100)
    }

    @Test func timeUpAndASplitAt120x40() {
        var state = WorkshopState.started(width: 120, height: 40)
        state.press(.right, at: at(1))
        for key in "mxnmx" { state.press(.char(key), at: at(30)) }
        state.press(.char("u"), at: at(40))
        state.press(.char("x"), at: at(50))
        _ = state.apply(.tick, now: at(200))
        let canvas = render(state, width: 120, height: 40)
        assertSnapshot(canvas, named: "workshop-timeup-split-120x40")
        #expect(canvas.text.contains("▲ TIME UP"))
        #expect(canvas.text.contains("Verdict ◐ split · no majority, 5 votes"))
        #expect(canvas.text.contains("◆ moment of truth"))
    }

    @Test func pausedWithANoteAt80x24() {
        var state = voting(width: 80, height: 24)
        state.press(.char("p"), at: at(45))
        state.press(.char("e"), at: at(46))
        for character in "Nobody answered for two days" { state.press(.char(character), at: at(47)) }
        state.press(.enter, at: at(48))
        _ = state.apply(.tick, now: at(300))
        let canvas = render(state, width: 80, height: 24)
        assertSnapshot(canvas, named: "workshop-paused-80x24")
        #expect(canvas.text.contains("Ask a question"), "bold text, not big letters, at 80x24")
        #expect(canvas.text.contains("‖ 0:15 paused of 1:00"))
        #expect(canvas.text.contains("Note   Nobody answered for two days"))
        #expect(canvas.text.contains("p pause") && canvas.text.contains("+ minute"), "the countdown keys fit the footer")
    }

    @Test func typingTheNoteAt80x24() {
        var state = WorkshopState.started(width: 80, height: 24)
        state.press(.char("e"), .char("H"), .char("i"))
        assertSnapshot(render(state, width: 80, height: 24), named: "workshop-note-80x24")
    }

    @Test(arguments: [(200, 60), (120, 40), (80, 24)])
    func theSummarySlide(width: Int, height: Int) {
        var state = WorkshopState.started(width: width, height: height)
        for key in "mmx" { state.press(.char(key), at: at(5)) }
        state.press(.char("e"), at: at(6))
        for character in "Prices only after a sign-up" { state.press(.char(character), at: at(6)) }
        state.press(.enter, .right, at: at(7))
        for key in "mxnxm" { state.press(.char(key), at: at(8)) }
        state.press(.right, .char("x"), .char("x"), .char("q"), at: at(9))
        let canvas = render(state, width: width, height: height)
        assertSnapshot(canvas, named: "workshop-summary-\(width)x\(height)")
        #expect(canvas.text.contains("2. Tour"), "the closest split")
        #expect(canvas.text.contains("★2 ●1 ✖2  a dead heat"))
        #expect(canvas.text.contains("Prices only after a sign-up"))
        #expect(canvas.text.contains("q finish"))
    }

    @Test func notesThatDoNotFitPointToTheHandoutWithoutACommandThatCannotRun() {
        let touchpoints = (1...12).map { Touchpoint(id: "t\($0)", title: "Touchpoint \($0)") }
        let journey = Journey(id: "long", title: "Long", stages: [Stage(name: "All", touchpoints: touchpoints)])
        var state = WorkshopState.started(journey: journey, width: 80, height: 24)
        for index in 1...12 {
            state.press(.char("e"), at: at(Double(index)))
            for character in "Note \(index)" { state.press(.char(character), at: at(Double(index))) }
            state.press(.enter, .right, at: at(Double(index)))
        }
        let canvas = render(state, width: 80, height: 24)
        #expect(canvas.text.contains("Workshop summary"))
        let more = canvas.text.split(separator: "\n").first { $0.contains("more in the handout") }.map(String.init) ?? ""
        #expect(more.contains("more in the handout, whose command q prints as it finishes"), "\(canvas.text)")
        #expect(!canvas.text.contains("WALK"), "no placeholder to paste")
    }

    @Test func aTitleTheFontCannotDrawIsWrittenAsBoldText() {
        var journey = roomJourney
        journey.stages[0].touchpoints[0].title = "Ask → answer ☕"
        let state = WorkshopState.started(journey: journey, width: 200, height: 60)
        let canvas = render(state, width: 200, height: 60)
        #expect(canvas.text(row: 4).hasPrefix("  Ask → answer ☕"))
        #expect(canvas[4, 2].role == .heading)
        #expect(!canvas.text.split(separator: "\n").prefix(14).contains { $0.hasPrefix("  ██") })
    }

    @Test func resizingRelaysAtOnce() {
        var state = voting(width: 200, height: 60)
        _ = state.apply(.resized(width: 80, height: 24), now: at(41))
        #expect(render(state, width: 80, height: 24).text.contains("Ask a question"))
        _ = state.apply(.resized(width: 50, height: 14), now: at(42))
        let small = render(state, width: 50, height: 14)
        #expect(small.text.contains("Terminal too small: 50x14."))
        #expect(small.text.contains("Every vote shown is saved."))
    }

    @Test func everyStateHasAGlyphBesidesItsColour() {
        var state = WorkshopState.started(width: 80, height: 24)
        #expect(render(state, width: 80, height: 24).text.contains("⏱ 1:00 left of 1:00"))
        #expect(render(state, width: 80, height: 24).text.contains("Verdict · no votes yet"))
        state.press(.char("p"), at: at(1))
        #expect(render(state, width: 80, height: 24).text.contains("‖ 0:59 paused"))
        state.press(.char("p"), .char("m"), .char("x"), at: at(1))
        _ = state.apply(.tick, now: at(61))
        let canvas = render(state, width: 80, height: 24).text
        #expect(canvas.contains("▲ TIME UP +0:01 over 1:00"))
        #expect(canvas.contains("◐ split"))
    }
}
