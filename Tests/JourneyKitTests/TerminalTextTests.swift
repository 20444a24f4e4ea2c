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

    @Test func wrapsLinesOfTheirOwnForCharactersWiderThanTheLine() {
        // A character two columns wide on a line of one still moves the wrap on (it used to loop forever).
        #expect(TerminalText.wrap("日本 語", to: 1) == ["日", "本", "語"])
        #expect(TerminalText.wrap("a日本", to: 2) == ["a", "日", "本"])
    }

    /// `wrap(_:to:lines:)` gives the lines `wrap` gives, as far as they are shown and one more, from
    /// only the start of the text.
    @Test func wrapsOnlyTheLinesShownAsTheWholeTextWraps() {
        let prose = String(repeating: "Nobody looked up for fifty seconds \u{1B}[31m by the door; 日本語 à la carte.\n", count: 2_000)
        let texts = [
            "one two three four", "", "short", "a\n\nb\n\n\nc", prose,
            String(repeating: "x", count: 60_000),
            String(repeating: "word ", count: 20_000) + String(repeating: "y", count: 30_000),
            String(repeating: "ab日本 ", count: 9_000),
        ]
        for text in texts {
            for columns in [1, 7, 20, 64] {
                let whole = TerminalText.wrap(text, to: columns)
                for shown in [1, 2, 5, 40] {
                    let lines = TerminalText.wrap(text, to: columns, lines: shown)
                    #expect(lines == Array(whole.prefix(shown + 1)), "\(text.prefix(20))… at \(columns) columns, \(shown) lines")
                }
            }
        }
        // Text the cut leaves without enough lines to show that more follows (spaces take no room): `…` says so.
        let spaces = "a" + String(repeating: " ", count: 10_000) + "b"
        #expect(TerminalText.wrap(spaces, to: 20) == ["a b"])
        #expect(TerminalText.wrap(spaces, to: 20, lines: 2) == ["a", "…"])
    }

    @Test func reflowsJourneyProse() {
        let text = "A mystery shopper's visit\nto a store.\n\nSecond paragraph.\n"
        #expect(TerminalText.reflow(text, to: 80) == ["A mystery shopper's visit to a store.", "", "Second paragraph."])
    }
}
