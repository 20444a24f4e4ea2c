import Foundation
import JourneyKit
@testable import JourneyReports
import Testing

/// Text from walk files that tries to drive a terminal, reorder what a reader sees, or inject markup.
@Suite struct ReportSafetyTests {
    /// C1 controls (U+0085 next line, U+009B an 8-bit CSI), bidi overrides, isolates and marks.
    static let invisible: [Unicode.Scalar] = [
        "\u{80}", "\u{85}", "\u{9B}", "\u{9F}", "\u{061C}", "\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
        "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
    ]

    static func hostileWalk() -> Walk {
        let hidden = String(String.UnicodeScalarView(invisible))
        let journey = Journey(
            id: "hostile", title: "<script>alert(1)</script> & \"co\" \(hidden)", version: 1,
            stages: [
                Stage(name: "<img src=x onerror=alert(1)>", touchpoints: [
                    Touchpoint(id: "a", title: "<b onmouseover='alert(1)'>A</b>"),
                    Touchpoint(id: "b", title: "&lt;img src=x onerror=alert(2)&gt; `code`"),
                ]),
                Stage(name: "Sta\u{9B}31mge \u{202E}evil", touchpoints: [Touchpoint(id: "c", title: "<svg onload=alert(3)>")]),
            ])
        var walk = Walk(header: WalkHeader(
            walkID: "20261122-101503-hostile", journey: journey, journeyPath: nil, journeyFingerprint: "fnv1a64:0",
            details: WalkDetails(operator: "<i>Eve</i>", role: nil, location: "\u{202E}kcab", channel: ""), started: at(0)))
        walk.apply(.rated(RatingChange(touchpoint: "a", rating: Rating(.magic), at: at(5))))
        walk.apply(.noted(NoteChange(touchpoint: "a", text: "8-bit CSI \u{9B}31m red, next line\u{85}, \u{202E}reversed \(hidden)", at: at(6))))
        walk.apply(.rated(RatingChange(touchpoint: "b", rating: Rating(.misery, intensity: 2), at: at(7))))
        return walk
    }

    @Test func jsonEscapesC1ControlsAndBidiCharactersAndStillParses() throws {
        let walk = Self.hostileWalk()
        let json = Report.render([ReportInput(walk: walk, file: nil)], as: .json)
        for scalar in Self.invisible {
            #expect(!json.unicodeScalars.contains(scalar), "U+\(String(scalar.value, radix: 16)) written raw")
            let hex = String(scalar.value, radix: 16)
            #expect(json.contains("\\u" + String(repeating: "0", count: 4 - hex.count) + hex))
        }
        #expect(json.contains("8-bit CSI \\u009b31m red"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let moments = try #require(object["moments"] as? [[String: Any]])
        #expect(moments[0]["note"] as? String == walk.moment(for: "a").note, "the exact text comes back")
        let journey = try #require((object["walk"] as? [String: Any])?["journey"] as? [String: Any])
        #expect(journey["title"] as? String == walk.journey.title)
        #expect(moments[2]["stage"] as? String == "Sta\u{9B}31mge \u{202E}evil")
    }

    @Test func mermaidLabelsCarryNoMarkup() {
        let mermaid = Report.render([ReportInput(walk: Self.hostileWalk(), file: nil)], as: .mermaid)
        for forbidden in ["<", ">", "&", "\"", "'", "`"] {
            #expect(!mermaid.contains(forbidden), "\(forbidden) in:\n\(mermaid)")
        }
        #expect(mermaid.contains("title ‹script›alert(1)‹/script› ＆ ”co”"))
        #expect(mermaid.contains("    section ‹img src=x onerror=alert(1)›"))
        #expect(mermaid.contains("      ‹b onmouseover=’alert(1)’›A‹/b›: 4: ‹i›Eve‹/i›"))
        #expect(mermaid.contains("＆lt‹") == false && mermaid.contains("＆lt"), "an entity in the text stays text")
        #expect(mermaid.contains("%% not in the diagram: ‹svg onload=alert(3)› (not recorded)"))
        #expect(!mermaid.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
    }

    @Test func sharedReportsLeaveTheWalkFilePathOutUnlessAsked() throws {
        let path = "/home/sam/.local/share/journeywalk/walks/20261122-101503-retail-store-visit.jsonl"
        let shared = ReportInput(walk: trickyWalk(), file: nil, problems: ["line 9 of the walk file: the last record was cut off"])
        for format in ReportFormat.allCases {
            let text = Report.render([shared], as: format)
            #expect(!text.contains("/home/sam"), "\(format) carries the path")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Report.render([shared], as: .json).utf8)) as? [String: Any])
        let walk = try #require(json["walk"] as? [String: Any])
        #expect(walk["file"] is NSNull)
        #expect(walk["problems"] as? [String] == ["line 9 of the walk file: the last record was cut off"])
        #expect(Report.render([shared], as: .html).contains("<footer>Made with journeywalk</footer>"))

        let withPath = ReportInput(walk: trickyWalk(), file: path)
        let full = try #require(try JSONSerialization.jsonObject(with: Data(Report.render([withPath], as: .json).utf8)) as? [String: Any])
        #expect((full["walk"] as? [String: Any])?["file"] as? String == path)
        #expect(Report.render([withPath], as: .html).contains("<footer>Made with journeywalk from <code>\(path)</code></footer>"))
    }
}
