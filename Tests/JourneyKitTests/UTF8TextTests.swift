import JourneyKit
import Testing

/// The one UTF-8 rule that walk files, their JSON and journey files are read by.
@Suite struct UTF8TextTests {
    @Test func textIsValidAndTheFirstBadByteIsFound() {
        #expect(UTF8Text.firstInvalidByte(in: Array("café ★ 😀".utf8)) == nil)
        #expect(UTF8Text.firstInvalidByte(in: [UInt8]()) == nil)
        #expect(UTF8Text.firstInvalidByte(in: [0x61, 0xED, 0xA0, 0x80]) == 1, "a surrogate is not UTF-8")
        #expect(UTF8Text.firstInvalidByte(in: [0xC0, 0x80]) == 0, "nor is an overlong form")
        #expect(UTF8Text.firstInvalidByte(in: [0x61, 0xE0, 0x80, 0x80]) == 1, "nor a three-byte overlong form")
        #expect(UTF8Text.firstInvalidByte(in: [0xF0, 0x80, 0x80, 0x80]) == 0, "nor a four-byte overlong form")
        #expect(UTF8Text.firstInvalidByte(in: [0xF4, 0x90, 0x80, 0x80]) == 0, "nor a code point past U+10FFFF")
        #expect(UTF8Text.firstInvalidByte(in: [0x61, 0x62, 0xE2, 0x98]) == 2, "nor a sequence cut off at the end")
        #expect(UTF8Text.firstInvalidByte(in: [0xE2, 0x41, 0x85]) == 0, "nor one broken in the middle")
        #expect(UTF8Text.firstInvalidByte(in: [0x61, 0x80]) == 1, "nor a lone continuation byte")
        #expect(UTF8Text.firstInvalidByte(in: Array("ab".utf8) + [0xE9] + Array("cd".utf8)) == 2)
    }

    @Test func aSliceCountsFromItsOwnStart() {
        let bytes: [UInt8] = [0xFF, 0x61, 0x62, 0xFF]
        #expect(UTF8Text.firstInvalidByte(in: bytes[1...]) == 2)
        #expect(UTF8Text.string(validating: bytes[1..<3]) == "ab")
    }

    @Test func stringIsTheTextOrNil() {
        #expect(UTF8Text.string(validating: Array("Grüße ★".utf8)) == "Grüße ★")
        #expect(UTF8Text.string(validating: [0x61, 0xED, 0xA0, 0x80]) == nil)
    }

    @Test func theRuleIsTheStandardLibrarys() {
        // Every one- and two-byte sequence, and three-byte sequences around each boundary.
        var samples: [[UInt8]] = (0...255).map { [UInt8($0)] }
        for first in 0...255 { for second in stride(from: 0, through: 255, by: 5) { samples.append([UInt8(first), UInt8(second)]) } }
        for first: UInt8 in [0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5] {
            for second: UInt8 in [0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0] {
                samples.append([first, second, 0x80])
                samples.append([first, second, 0x80, 0x80])
            }
        }
        for sample in samples {
            #expect((UTF8Text.firstInvalidByte(in: sample) == nil) == (String(validating: sample, as: UTF8.self) != nil), "\(sample)")
        }
    }
}
