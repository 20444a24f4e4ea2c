@testable import JourneyStore
import Testing

@Suite struct JSONValueTests {
    func parse(_ text: String) -> JSONValue? { JSONValue.parse(Array(text.utf8)) }

    @Test func parsesValues() {
        #expect(parse(#"{"a":[1,-2.5e1,true,false,null],"b":"x"}"#) == .object([
            "a": .array([.number(1), .number(-25), .bool(true), .bool(false), .null]), "b": .string("x"),
        ]))
        #expect(parse(" [ ] ") == .array([]))
        #expect(parse("{}") == .object([:]))
    }

    @Test func decodesEscapesAndUnicode() {
        #expect(parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
        #expect(parse("\"Café ★ naïve\"") == .string("Café ★ naïve"))
        #expect(parse(#""\u001b[31m""#) == .string("\u{1B}[31m"))
    }

    @Test(arguments: [
        "", "{", "[1,", #"{"a":}"#, #"{"a" 1}"#, "tru", "nul", "\"unterminated", "\"bad \\x escape\"",
        "\"raw\ncontrol\"", #""\ud83d""#, "{} extra", "-", "[1 2]", #"{"a":1,}"#,
    ])
    func rejectsInvalidJSON(text: String) {
        #expect(parse(text) == nil)
    }

    @Test func rejectsInvalidUTF8() {
        #expect(JSONValue.parse([0x22, 0xFF, 0x22]) == nil)
    }

    @Test func refusesDeepNesting() {
        #expect(parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) == nil)
        #expect(parse(String(repeating: "[", count: 10) + String(repeating: "]", count: 10)) != nil)
        // 64 levels are read, 65 are not, and only those are said to be too deep.
        func nested(_ levels: Int) -> String { String(repeating: "[", count: levels) + "1" + String(repeating: "]", count: levels) }
        #expect(parse(nested(64)) != nil)
        #expect(parse(nested(65)) == nil)
        #expect(!JSONValue.nestsTooDeep(Array(nested(64).utf8)))
        #expect(JSONValue.nestsTooDeep(Array(nested(65).utf8)))
        // The same limit for a header's journey, which is skipped over first and parsed later.
        let header = #"{"type":"walk","journey":"# + nested(63) + "}"
        #expect(JSONValue.parse(Array(header.utf8), leavingRaw: "journey") != nil)
        #expect(JSONValue.parse(Array((#"{"type":"walk","journey":"# + nested(64) + "}").utf8), leavingRaw: "journey") == nil)
    }
}
