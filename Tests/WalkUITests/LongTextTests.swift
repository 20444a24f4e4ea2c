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

    @Test func drawingALongTextManyTimesIsQuick() {
        let started = Date()
        var canvas = Canvas(width: 120, height: 40)
        for row in 0..<40 {
            canvas.put(Self.long, row: row, column: 0, limit: 100, ellipsis: row.isMultiple(of: 2))
            canvas.putRight(Self.long, row: row, endColumn: 120)
        }
        // 80 draws of 21 MB each: before the cut each one cleaned and measured all of it.
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func clippingALongTextReadsOnlyItsStart() {
        let started = Date()
        let start = String(Self.long.prefix(100))
        for _ in 0..<50 { #expect(TerminalText.clip(Self.long, to: 30) == TerminalText.clip(start, to: 30)) }
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(TerminalText.head("short", columns: 1) == "short")
        #expect(TerminalText.head(String(repeating: "é", count: 200), columns: 1).utf8.count == 96)
    }
}
