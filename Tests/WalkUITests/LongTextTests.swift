import Foundation
import JourneyKit
@testable import WalkUI
import Testing

/// Text far longer than a row costs what the row shows: it is cut to the room before it is
/// cleaned and measured (a 50 MB location made each key in review take 5 to 8 s).
@Suite struct LongTextTests {
    static let long = String(repeating: "Main Street \u{1B}[31m ", count: 1_000_000)

    @Test func aLongTextIsDrawnAsItsStart() {
        var short = Canvas(width: 80, height: 2)
        var huge = Canvas(width: 80, height: 2)
        let start = String(Self.long.prefix(200))
        short.put(start, row: 0, column: 2, limit: 60, ellipsis: true)
        huge.put(Self.long, row: 0, column: 2, limit: 60, ellipsis: true)
        short.put(start, row: 1, column: 0)
        huge.put(Self.long, row: 1, column: 0)
        #expect(huge == short)
        #expect(huge.text(row: 0).hasSuffix("…" + String(repeating: " ", count: 18)))
        #expect(huge.text(row: 0).contains("^[[31m"))
    }

    /// Every way of putting text on a row draws a 21 MB text as its start (how fast that is, is
    /// measured by bench/long-text.py, not here).
    @Test func everyWayOfPuttingTextDrawsALongTextAsItsStart() {
        let start = String(Self.long.prefix(2_000))
        var huge = Canvas(width: 120, height: 4), short = Canvas(width: 120, height: 4)
        for row in 0..<4 {
            huge.put(Self.long, row: row, column: 0, limit: 100, ellipsis: row.isMultiple(of: 2))
            huge.putRight(Self.long, row: row, endColumn: 120)
            short.put(start, row: row, column: 0, limit: 100, ellipsis: row.isMultiple(of: 2))
            short.putRight(start, row: row, endColumn: 120)
        }
        #expect(huge == short)
    }

    @Test func clippingALongTextReadsOnlyItsStart() {
        let start = String(Self.long.prefix(100))
        #expect(TerminalText.clip(Self.long, to: 30) == TerminalText.clip(start, to: 30))
        #expect(TerminalText.head("short", columns: 1) == "short")
        #expect(TerminalText.head(String(repeating: "é", count: 200), columns: 1).utf8.count == 96)
    }

    /// A note of a hand-edited walk file can be 50 MB (typing keeps 10,000 characters): review's side
    /// panel and its Enter overlay, and the walk screen, show the lines they showed before, and wrap
    /// only as much of the note as they show.
    static let longNote = String(repeating: "Nobody looked up for fifty seconds \u{1B}[31m while two staff restocked the shelves. ", count: 60_000)
    /// The start of it: more lines than any of these screens shows, wrapped whole as before.
    static let noteStart = String(longNote.prefix(30_000))

    func review(note: String) -> ReviewWalkState {
        var walk = reviewedWalk()
        walk.apply(.noted(NoteChange(touchpoint: "find-opening-hours", text: note, at: at(97))))
        return ReviewWalkState(analysis: WalkAnalysis(walk), file: "/w/shop.jsonl")
    }

    func drawn(_ state: ReviewWalkState, width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        ReviewWalkScreen.render(state, into: &canvas)
        return canvas
    }

    @Test func reviewShowsTheStartOfALongNoteAsBefore() {
        var long = review(note: Self.longNote)
        var start = review(note: Self.noteStart)
        let panel = drawn(long, width: 120, height: 40)
        #expect(panel == drawn(start, width: 120, height: 40))
        #expect(panel.text.contains("Nobody looked up for fifty seconds ^[[31m while two staff"))
        #expect(panel.text.contains("Enter: all"))
        // The overlay, scrolled line by line and page by page: the same lines, as far down as the keys go.
        for key in [Key.enter] + Array(repeating: Key.char("j"), count: 12) + Array(repeating: Key.char(" "), count: 8) + [Key.char("k")] {
            _ = long.apply(key)
            _ = start.apply(key)
            #expect(long.details == start.details)
            #expect(drawn(long, width: 80, height: 24) == drawn(start, width: 80, height: 24))
            #expect(drawn(long, width: 120, height: 40) == drawn(start, width: 120, height: 40))
        }
        #expect(long.details?.offset == 91)
        #expect(drawn(long, width: 80, height: 24).text.contains("↓ j/k scroll"))
    }

    @Test func reviewScrollsAShortNoteToItsEnd() {
        var state = review(note: String(repeating: "Queue of six, one till open. ", count: 40))
        _ = state.apply(.enter)
        for _ in 0..<30 { _ = state.apply(.char(" ")) }
        let lines = ReviewWalkScreen.detailLines(state, width: minimumTerminalSize.width - 6, shown: .max).count
        #expect(state.details?.offset == lines - 1)
    }

    @Test func theWalkScreenShowsTheStartOfALongNoteAsBefore() {
        func walking(_ note: String) -> WalkState {
            var state = WalkState.walkingStore()
            state.run([.recorded(.noted(NoteChange(touchpoint: "find-opening-hours", text: note, at: at(5))))])
            return state
        }
        let long = walking(Self.longNote), start = walking(Self.noteStart)
        for (width, height) in [(80, 24), (120, 40), (60, 16)] {
            let canvas = render(long, width: width, height: height)
            #expect(canvas == render(start, width: width, height: height))
            #expect(canvas.text.contains("Nobody looked up for fifty"))
        }
    }
}
