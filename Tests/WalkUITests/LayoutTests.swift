import Foundation
import JourneyKit
@testable import WalkUI
import Testing

/// What must stay readable at 80 columns and beyond: locations, the main keys, strong verdicts, whole numbers.
@Suite struct LayoutTests {
    @Test func theReviewListShowsTheLocationInItsOwnColumn() {
        let title = "Retail store visit, the long version with every touchpoint"
        var first = listing(1, title: title)
        first.location = "Main Street"
        var second = listing(2, title: title)
        second.location = "Station Road"
        var canvas = Canvas(width: 80, height: 24)
        ReviewListScreen.render(ReviewListState(items: [first, second]), into: &canvas)
        #expect(canvas.text(row: 2).contains("JOURNEY") && canvas.text(row: 2).contains("LOCATION"))
        let rows = [canvas.text(row: 3), canvas.text(row: 4)]
        #expect(rows.contains { $0.contains("Station") }, "\(rows)")
        #expect(rows.contains { $0.contains("Main Str") }, "\(rows)")
        #expect(rows.allSatisfy { $0.contains("Retail store") })
        // Without any location the journey keeps the whole width.
        var plain = Canvas(width: 80, height: 24)
        first.location = ""
        ReviewListScreen.render(ReviewListState(items: [first]), into: &plain)
        #expect(!plain.text(row: 2).contains("LOCATION"))
        #expect(plain.text(row: 3).contains("Retail store visit, the…"))
    }

    @Test func theWalkFooterKeepsEveryMainKeyAt80Columns() {
        let footer = render(.walkingStore()).text(row: 23)
        // The main keys (priority up to 4) at 80 columns; the field kit's keys join from 120, `?` lists them all.
        for item in WalkKeys.walking.footerItems where item.priority <= 4 {
            #expect(footer.contains("\(item.key) \(item.name)"), "footer lacks \(item.key) \(item.name): \(footer)")
        }
        #expect(footer.contains("s skip"))
        var wide = WalkState.walkingStore()
        _ = wide.apply(.resized(width: 120, height: 40), now: at(10))
        let wideFooter = render(wide, width: 120, height: 40).text(row: 39)
        for item in WalkKeys.walking.footerItems where item.priority <= 5 {
            #expect(wideFooter.contains("\(item.key) \(item.name)"), "footer lacks \(item.key) \(item.name) at 120: \(wideFooter)")
        }
    }

    @Test func theTimelineStripTellsStrongVerdictsFromNormalOnes() {
        var state = WalkState.walkingStore()
        state.press(.char("m"), .char("M"), .char("x"), .char("X"))
        let strip = render(state).text(row: 20)
        #expect(strip.hasPrefix(" Timeline ★ │ ★★ ✖ ✖✖ │ · "), "\(strip)")
        // The strip scrolls by display width: the current touchpoint stays on it in a long journey.
        let stops = (1...200).map { Touchpoint(id: "t\($0)", title: "Stop \($0)") }
        var long = WalkState(journey: Journey(id: "long", title: "Long", stages: [Stage(name: "All", touchpoints: stops)]), details: WalkDetails(), now: at(0))
        long.run([.resized(width: 80, height: 24), .key(.enter)], at: at(0))
        for _ in 0..<120 { long.press(.char("M")) }
        let canvas = render(long)
        let roles = (0..<80).map { canvas[20, $0].role }
        #expect(roles.contains(.selected), "the current touchpoint is on the strip")
        #expect(canvas.text(row: 20).contains("‹ ★★ ★★"))
        #expect(TerminalText.width(of: canvas.text(row: 20)) == 80)
    }

    @Test func theFinishDialogMentionsUnrecordedTouchpointsOnlyWhenThereAreSome() {
        var state = WalkState.walkingStore()
        state.press(.char("m"), .char("q"))
        #expect(render(state).text.contains("touchpoints not recorded stay unrecorded"))
        state.press(.escape)
        state.press(.char("m"), .char("n"), .char("x"), .char("s"), .char("q"))
        let done = render(state).text
        #expect(done.contains("All 5 touchpoints are recorded."))
        #expect(done.contains("f  finish the walk"))
        #expect(!done.contains("not recorded stay unrecorded"), "\(done)")
    }

    @Test func theTitleBarNeverCutsANumber() {
        let stops = (1...10_000).map { Touchpoint(id: "t\($0)", title: "Stop \($0)") }
        let journey = Journey(
            id: "big", title: "A very long journey title that goes on for a long while, then longer still, to the edge of the screen",
            stages: [Stage(name: "All", touchpoints: stops)])
        var state = WalkState(journey: journey, details: WalkDetails(), now: at(0))
        state.run([.resized(width: 120, height: 30), .key(.enter)], at: at(0))
        state.press(.char("G"))
        for width in [60, 80, 120] {
            let bar = render(state, width: width, height: 30).text(row: 0)
            #expect(bar.hasSuffix(" Stage 1/1 · Touchpoint 10000/10000 "), "\(width): \(bar)")
            #expect(bar.contains(" …"), "the title is cut between words: \(bar)")
        }
        // Narrower than the whole context, the stage gives way before any digit does.
        var canvas = Canvas(width: 40, height: 3)
        ScreenParts.titleBar(&canvas, left: "journeywalk · Big", right: "Stage 10000/10000 · Touchpoint 10000/10000")
        #expect(canvas.text(row: 0).hasSuffix(" Touchpoint 10000/10000 "), "\(canvas.text(row: 0))")
        #expect(!canvas.text(row: 0).contains("Stage"))
    }

    @Test func aFlagTakesTheTwoColumnsTerminalsGiveIt() {
        #expect(TerminalText.width(of: "🇬🇧") == 2)
        #expect(TerminalText.width(of: "Visit 🇬🇧🇫🇷") == 10)
        #expect(TerminalText.clipAtWord("Retail store visit in the city", to: 20) == "Retail store visit …")
        #expect(TerminalText.clipAtWord("Supercalifragilistic", to: 10) == "Supercali…")
    }
}
