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

    @Test func aCutOffRecordOfOneByteIsSingular() throws {
        let file = try WalkFile.parse(Array((header + "\n{").utf8), path: "w.jsonl")
        #expect(file.warnings.map(\.message) == ["the last record was cut off (1 byte, no end of line) and was not loaded"])
    }
}
