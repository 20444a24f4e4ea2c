import Foundation
import Testing
@testable import WalkUI

@Suite struct BigTextTests {
    /// Printable ASCII and the Latin-1 letters (with ¡ ¿ « »), the characters the font promises.
    static let promised: [Character] = {
        var characters = (0x20...0x7E).compactMap { Unicode.Scalar($0).map(Character.init) }
        characters += (0xC0...0xFF).filter { $0 != 0xD7 && $0 != 0xF7 }.compactMap { Unicode.Scalar($0).map(Character.init) }
        return characters + ["¡", "¿", "«", "»"]
    }()

    @Test func everyPromisedCharacterHasAGlyphOfItsOwn() {
        var seen: [[String]: Character] = [:]
        for character in Self.promised {
            let rows = BigText.render(String(character), size: .large)
            #expect(rows != nil, "no glyph for \(character)")
            guard let rows else { continue }
            let widths = Set(rows.map(\.count))
            #expect(widths.count == 1, "\(character): rows of different widths")
            if character != " " {
                #expect(rows.contains { $0.contains("█") }, "\(character) draws nothing")
                if let other = seen[rows] { Issue.record("\(character) looks exactly like \(other)") }
                seen[rows] = character
            }
        }
        #expect(Self.promised.count == 95 + 62 + 4)
    }

    @Test func glyphsAreOnlyBlocksAndSpaces() {
        let all = String(Self.promised)
        for size in BigText.Size.allCases {
            let rows = BigText.render(all, size: size) ?? []
            #expect(!rows.isEmpty)
            #expect(rows.allSatisfy { $0.allSatisfy { " ▀▄█".contains($0) } })
        }
    }

    @Test func smallLettersAreHalfAsTallAndHalfAsWide() throws {
        let large = try #require(BigText.render("Hi", size: .large))
        let small = try #require(BigText.render("Hi", size: .small))
        #expect(large.count == 7 && small.count == 4)
        #expect(large[0].count == 2 * small[0].count)
        #expect(BigText.width(of: "Hi", size: .small) == 5 + 1 + 3)
        #expect(small == [
            "█   █  ▀ ",
            "█▄▄▄█ ▀█ ",
            "█   █  █ ",
            "▀   ▀ ▀▀▀",
        ])
    }

    @Test func accentsAndDescendersAddRowsOnlyWhenUsed() throws {
        #expect(BigText.render("ABC", size: .large)?.count == 7)
        #expect(BigText.render("Apy", size: .large)?.count == 9, "descenders")
        #expect(BigText.render("ÉA", size: .large)?.count == 9, "an accent over a capital")
        #expect(BigText.render("éa", size: .large)?.count == 7, "an accent over a small letter fits above it")
        let composed = try #require(BigText.render("e\u{0301}", size: .large))
        #expect(composed == BigText.render("é", size: .large), "a combining accent draws like the precomposed letter")
        #expect(BigText.render("ï", size: .small) == BigText.render("i\u{0308}", size: .small))
        #expect(BigText.render("Ç", size: .large)?.count == 9)
    }

    @Test func anythingElseIsRefusedSoTheCallerWritesNormalText() {
        for text in ["Queue → till", "Café ☕", "东京", "Tab\there", "e\u{0301}\u{0302}", "Ω", "x\u{0331}"] {
            #expect(!BigText.covers(text), "\(text)")
            #expect(BigText.render(text, size: .small) == nil)
            #expect(BigText.layout(text, width: 500, size: .small, maxLines: 9) == nil)
        }
    }

    @Test func titlesBreakBetweenWordsAndRefuseWhatCannotFit() throws {
        let lines = try #require(BigText.layout("Understanding what you need", width: 190, size: .large, maxLines: 2))
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.allSatisfy { $0.count <= 190 } })
        #expect(BigText.layout("Understanding what you need", width: 190, size: .large, maxLines: 1) == nil)
        #expect(BigText.layout("Supercalifragilistic", width: 60, size: .small, maxLines: 3) == nil, "a word wider than the room")
        #expect(BigText.layout("", width: 60, size: .small, maxLines: 3) == nil)
    }
}

