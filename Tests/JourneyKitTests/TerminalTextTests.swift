import JourneyKit
import Testing

@Suite struct TerminalTextTests {
    @Test func neutralisesControlCharactersAndEscapes() {
        let hostile = "Hi\u{1B}[2J\u{1B}]0;owned\u{07} there\u{9B}31m\u{202E}x\u{7F}"
        let clean = TerminalText.sanitize(hostile)
        #expect(clean == "Hi^[[2J^[]0;owned^G there\u{FFFD}31m\u{FFFD}x^?")
        #expect(!clean.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func messageLinesAreSanitizedLineByLineAndCut() {
        #expect(TerminalText.messageLines("unknown '\u{1B}[31mred\u{07}'\nnext\tline", columns: nil) == "unknown '^[[31mred^G'\nnext line")
        #expect(TerminalText.messageLines(String(repeating: "é", count: 50) + "\nshort", columns: 10) == "ééééééééé…\nshort")
        #expect(TerminalText.messageLines("", columns: 10) == "")
    }

    @Test func measuresColumns() {
        #expect(TerminalText.width(of: "Café ★ naïve") == 12)
        #expect(TerminalText.width(of: "e\u{301}") == 1)
        #expect(TerminalText.width(of: "日本") == 4)
        #expect(TerminalText.width(of: "✖ ● ○ ·") == 7)
    }

    @Test func joinedEmojiAreDrawnAsTheirPartsEverywhere() {
        // Terminals disagree on joined emoji; drawn without the joiner and skin tone, every
        // terminal puts the same parts in the same columns.
        #expect(TerminalText.cells("skin 👋🏽 x") == "skin 👋 x")
        #expect(TerminalText.cells("👨\u{200D}👩\u{200D}👧") == "👨👩👧")
        #expect(TerminalText.width(of: "skin 👋🏽 x") == 9)
        #expect(TerminalText.width(of: "👨\u{200D}👩\u{200D}👧!") == 7, "the width of the parts drawn")
        let plain = "Greeting · café"
        #expect(TerminalText.cells(plain) == plain)
    }

    @Test func clipsToWidthWithEllipsis() {
        #expect(TerminalText.clip("Find opening hours", to: 8) == "Find op…")
        #expect(TerminalText.clip("日本語", to: 4, ellipsis: false) == "日本")
        #expect(TerminalText.clip("short", to: 10) == "short")
    }

    @Test func wrapsWordsAndLongWords() {
        #expect(TerminalText.wrap("one two three four", to: 9) == ["one two", "three", "four"])
        #expect(TerminalText.wrap("abcdefghij", to: 4) == ["abcd", "efgh", "ij"])
        #expect(TerminalText.wrap("a\nb", to: 10) == ["a", "b"])
    }

    @Test func reflowsJourneyProse() {
        let text = "A mystery shopper's visit\nto a store.\n\nSecond paragraph.\n"
        #expect(TerminalText.reflow(text, to: 80) == ["A mystery shopper's visit to a store.", "", "Second paragraph."])
    }
}
