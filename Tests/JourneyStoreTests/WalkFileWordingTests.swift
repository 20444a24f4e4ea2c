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
        let file = try WalkFile.parse(bytes + Array("\n".utf8), path: "w.jsonl")
        #expect(file.warnings.map(\.description) == [
            "w.jsonl:2: not valid UTF-8 text (byte 0xE9 at byte 76 of the line); skipped",
            "w.jsonl:3: not a complete JSON record; skipped",
        ])
        #expect(WalkCodec.firstInvalidUTF8(Array("café ★".utf8)) == nil)
        #expect(WalkCodec.firstInvalidUTF8([0x61, 0xED, 0xA0, 0x80]) == 1, "a surrogate is not UTF-8")
        #expect(WalkCodec.firstInvalidUTF8([0xC0, 0x80]) == 0, "nor is an overlong form")
    }

    @Test func jsonNestedTooDeepIsNamedAsSuch() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let brackets = #"{"type":"note","at":"2026-11-22T10:16:00.000Z","touchpoint":"a","text":"\#(String(repeating: "[", count: 100))"}"#
        let lines = [header, #"{"type":"note","deep":"# + deep + "}", brackets, #"{"type":"note","text":"#]
        let file = try WalkFile.parse(Array((lines.joined(separator: "\n") + "\n").utf8), path: "w.jsonl")
        #expect(file.warnings.map(\.description) == [
            "w.jsonl:2: JSON nested more than 64 levels deep, deeper than any walk record and than journeywalk reads; skipped",
            "w.jsonl:4: not a complete JSON record; skipped",
        ], "brackets inside a string are text")
        #expect(file.walk.moment(for: "a").note == String(repeating: "[", count: 100))
    }

    @Test func aCutOffRecordOfOneByteIsSingular() throws {
        let file = try WalkFile.parse(Array((header + "\n{").utf8), path: "w.jsonl")
        #expect(file.warnings.map(\.message) == ["the last record was cut off (1 byte, no end of line) and was not loaded"])
    }
}
