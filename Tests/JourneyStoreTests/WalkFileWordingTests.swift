import Foundation
import JourneyKit
@testable import JourneyStore
import Testing

/// Messages about damaged walk files say what is wrong with the line.
@Suite struct WalkFileWordingTests {
    let header = #"{"type":"walk","format":1,"walk":"w","started":"2026-11-22T10:15:03.000Z","journey":{"id":"j","title":"J","stages":[{"name":"S","touchpoints":[{"id":"a","title":"A"}]}]}}"#

    @Test func invalidUTF8InsideARecordIsNamedAsSuch() throws {
        var bytes = Array((header + "\n").utf8)
        bytes += Array(#"{"type":"note","at":"2026-11-22T10:16:00.000Z","touchpoint":"a","text":"caf"#.utf8) + [0xE9] + Array("\"}\n".utf8)
        bytes += Array(#"{"type":"note","at":"2026-11-22T10:16:00.000Z","touchpoint":"a","text":"#.utf8)
        let file = try LoadedWalk.parse(bytes + Array("\n".utf8), path: "w.jsonl")
        #expect(file.warnings.map(\.description) == [
            "w.jsonl:2: not valid UTF-8 text (byte 0xE9 at byte 76 of the line); skipped",
            "w.jsonl:3: not a complete JSON record; skipped",
        ])
    }

    @Test func jsonNestedTooDeepIsNamedAsSuch() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let brackets = #"{"type":"note","at":"2026-11-22T10:16:00.000Z","touchpoint":"a","text":"\#(String(repeating: "[", count: 100))"}"#
        let lines = [header, #"{"type":"note","deep":"# + deep + "}", brackets, #"{"type":"note","text":"#]
        let file = try LoadedWalk.parse(Array((lines.joined(separator: "\n") + "\n").utf8), path: "w.jsonl")
        #expect(file.warnings.map(\.description) == [
            "w.jsonl:2: JSON nested more than 64 levels deep, deeper than any walk record and than journeywalk reads; skipped",
            "w.jsonl:4: not a complete JSON record; skipped",
        ], "brackets inside a string are text")
        #expect(file.walk.moment(for: "a").note == String(repeating: "[", count: 100))
    }

    /// Found by the walk-file fuzzer (2026-12-06): a line of exactly 64 levels was refused and said to
    /// nest "more than 64 levels deep". The minimised input was `{` and 63 `[`, the file's only line.
    @Test func sixtyFourLevelsAreReadAndOnlyDeeperIsTooDeep() throws {
        func nested(_ levels: Int) -> String {
            // The record's object is the first level; the rest are arrays around one number.
            #"{"type":"note","at":"2026-11-22T10:16:00.000Z","touchpoint":"a","text":"deep \#(levels)","x":"#
                + String(repeating: "[", count: levels - 1) + "1" + String(repeating: "]", count: levels - 1) + "}"
        }
        let lines = [header, nested(64), nested(65), "{" + String(repeating: "[", count: 63), "{" + String(repeating: "[", count: 64)]
        let file = try LoadedWalk.parse(Array((lines.joined(separator: "\n") + "\n").utf8), path: "w.jsonl")
        #expect(file.warnings.map(\.description) == [
            "w.jsonl:3: JSON nested more than 64 levels deep, deeper than any walk record and than journeywalk reads; skipped",
            "w.jsonl:4: not a complete JSON record; skipped",
            "w.jsonl:5: JSON nested more than 64 levels deep, deeper than any walk record and than journeywalk reads; skipped",
        ])
        #expect(file.walk.moment(for: "a").note == "deep 64")
        do {
            _ = try LoadedWalk.parse(Array(("{" + String(repeating: "[", count: 63) + "\n").utf8), path: "w.jsonl")
            Issue.record("a file of one broken line loaded")
        } catch {
            #expect(error.description == "w.jsonl: not a readable walk file: line 1: not a complete JSON record")
        }
    }

    @Test func aCutOffRecordOfOneByteIsSingular() throws {
        let file = try LoadedWalk.parse(Array((header + "\n{").utf8), path: "w.jsonl")
        #expect(file.warnings.map(\.message) == ["the last record was cut off (1 byte, no end of line) and was not loaded"])
    }
}
