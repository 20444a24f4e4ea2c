import Foundation
import JourneyKit
@testable import JourneyReports
import Testing

@Suite struct ReportSnapshotTests {
    @Test(arguments: ReportFormat.allCases)
    func eachFormatMatchesItsSnapshot(format: ReportFormat) {
        assertReportSnapshot(Report.render([trickyInput], as: format), named: "walk.\(format.fileExtension)")
    }

    @Test func unfinishedAndDamagedWalksSaySo() {
        let input = ReportInput(walk: trickyWalk(finished: false), file: "w.jsonl", problems: ["w.jsonl:9: the last record was cut off (20 bytes, no end of line) and was not loaded"])
        let text = Report.render([input], as: .text)
        #expect(text.contains("(DRAFT)"))
        #expect(text.contains("Draft, not finished"))
        #expect(text.contains("! Not read: w.jsonl:9: the last record was cut off"))
        let html = Report.render([input], as: .html)
        #expect(html.contains("<strong>draft</strong> (not finished)"))
        #expect(html.contains("⚠ Not read: w.jsonl:9"))
    }
}

@Suite struct JSONReportTests {
    @Test func parsesBackWithTheDocumentedKeys() throws {
        let data = Data(Report.render([trickyInput], as: .json).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["walk", "moments", "summary", "peak", "end"])
        let walk = try #require(object["walk"] as? [String: Any])
        #expect(Set(walk.keys) == FormatTwoJSONTests.walkKeys)
        #expect(walk["status"] as? String == "complete")
        #expect(walk["started"] as? String == "2026-11-22T10:15:03Z")
        #expect(walk["finished"] as? String == "2026-11-22T10:31:43Z")
        let journey = try #require(walk["journey"] as? [String: Any])
        #expect(journey["title"] as? String == "Retail <store> & \"visit\"")
        #expect(journey["version"] as? Int == 3)
        let moments = try #require(object["moments"] as? [[String: Any]])
        #expect(moments.count == 6)
        for moment in moments {
            #expect(Set(moment.keys) == FormatTwoJSONTests.momentKeys)
        }
        #expect(moments.map { $0["verdict"] as? String } == ["magic", "skipped", "misery", "magic", "neutral", "unrecorded"])
        #expect(moments[2]["intensity"] as? Int == 2)
        #expect(moments[2]["note"] as? String == "=1+1 nobody looked up\u{1B}[31m; <script>alert(1)</script>", "JSON keeps the exact text")
        #expect(moments[0]["timer_seconds"] is NSNull, "95 s on screen, never timed")
        #expect(moments[0]["on_screen_seconds"] as? Int == 95)
        #expect(moments[5]["at"] is NSNull)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary.compactMapValues { $0 as? Int } == ["magic": 2, "neutral": 1, "misery": 1, "skipped": 1, "unrecorded": 1])
        let peak = try #require(object["peak"] as? [String: String])
        #expect(peak == ["best": "needs", "worst": "greeting"])
    }

    @Test func severalWalksMakeAnArray() throws {
        let data = Data(Report.render([trickyInput, trickyInput], as: .json).utf8)
        let array = try #require(try JSONSerialization.jsonObject(with: data) as? [Any])
        #expect(array.count == 2)
    }
}

@Suite struct CSVReportTests {
    @Test func quotesAndDefusesCells() {
        #expect(CSVReport.field("plain") == "plain")
        #expect(CSVReport.field("a,b") == "\"a,b\"")
        #expect(CSVReport.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVReport.field("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVReport.field("+1") == "'+1")
        #expect(CSVReport.field("-2 tills") == "'-2 tills")
        #expect(CSVReport.field("@me") == "'@me")
        #expect(CSVReport.field("line\nbreak") == "line^Jbreak")
    }

    @Test func oneRowPerMomentWithAHeader() {
        let csv = Report.render([trickyInput], as: .csv)
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 7)
        #expect(rows[0] == CSVReport.columns.joined(separator: ","))
        #expect(rows[2].contains("'=HYPERLINK(\"\"http://evil\"\")"))
        #expect(rows[3].contains("2026-11-22T10:20:03Z"))
        #expect(!csv.contains("\u{1B}"))
    }
}

@Suite struct HTMLReportTests {
    let html = Report.render([trickyInput], as: .html)

    @Test func isSelfContainedAndEscaped() {
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg class=\"curve\""))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://evil\"") || html.contains("=HYPERLINK(&quot;http://evil&quot;)"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Retail &lt;store&gt; &amp; &quot;visit&quot;"))
        #expect(!html.contains("\u{1B}"))
        #expect(!html.contains("src=\"http"), "no network resources")
        #expect(!html.contains("href=\"http"))
        #expect(html.contains("@media print"))
    }

    @Test func tagsAreBalanced() {
        #expect(unbalancedTags(in: html) == [])
    }

    @Test func touchpointNumbersNeverWrap() {
        #expect(html.contains("<tr class=\"magic\"><td class=\"n\">1</td>"))
        #expect(html.contains("table.timeline td.n { white-space: nowrap; overflow-wrap: normal; }"))
        #expect(html.contains("<col class=\"n\" style=\"width: calc(2ch + 1.2rem)\">"))
        // The column is as wide as the widest number: three digits from the hundredth touchpoint.
        let touchpoints = (1...120).map { Touchpoint(id: "t\($0)", title: "Touchpoint \($0)") }
        let journey = Journey(id: "long", title: "Long", stages: [Stage(name: "All", touchpoints: touchpoints)])
        let walk = Walk(header: WalkHeader(walkID: "20261122-101503-long", journey: journey, journeyPath: nil, journeyFingerprint: "f",
                                           details: WalkDetails(), started: at(0)))
        let long = Report.render([ReportInput(walk: walk, file: nil)], as: .html)
        #expect(long.contains("<col class=\"n\" style=\"width: calc(3ch + 1.2rem)\">"))
        #expect(long.contains("<td class=\"n\">120</td>"))
    }

    @Test func theCurveHasOnePointPerTouchpoint() {
        #expect(html.components(separatedBy: "<circle").count - 1 == 6)
        #expect(html.contains("<polyline points=\"128,80 200,200 236,40 272,120\""))
    }
}

/// Open and close tags that do not pair up (void elements aside): a strict, small HTML check.
func unbalancedTags(in html: String) -> [String] {
    let void: Set<String> = ["meta", "br", "hr", "img", "input", "link", "col", "line", "circle", "polyline", "path", "rect"]
    var stack: [String] = []
    var problems: [String] = []
    var rest = Substring(html)
    while let open = rest.firstIndex(of: "<") {
        guard let close = rest[open...].firstIndex(of: ">") else { problems.append("unclosed <"); break }
        let tag = rest[rest.index(after: open)..<close]
        rest = rest[rest.index(after: close)...]
        if tag.hasPrefix("!") { continue }
        let selfClosing = tag.hasSuffix("/")
        let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
        if tag.hasPrefix("/") {
            if stack.last == name { stack.removeLast() } else { problems.append("</\(name)> closes <\(stack.last ?? "nothing")>") }
        } else if !selfClosing && !void.contains(name) {
            stack.append(name)
        }
    }
    return problems + stack.map { "<\($0)> never closed" }
}

@Suite struct MermaidReportTests {
    @Test func journeyDiagramWithScores() {
        let text = Report.render([trickyInput], as: .mermaid)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "journey")
        #expect(lines.contains("      Find opening hours online - 4 - Zoë  ”Z”") == false)
        #expect(lines.contains("      Find opening hours online: 4: Zoë  ”Z”"))
        #expect(lines.contains("      Greeting - first 30 s - no.1 moment: 1: Zoë  ”Z”"))
        #expect(lines.contains("      Understanding what you need: 5: Zoë  ”Z”"))
        #expect(lines.contains("      Queue, and payment: 3: Zoë  ”Z”"))
        #expect(lines.contains { $0.hasPrefix("%% not in the diagram: ") })
        for line in lines where line.hasPrefix("      ") {
            #expect(line.filter { $0 == ":" }.count == 2, "\(line)")
        }
    }
}

@Suite struct AnalysisTests {
    @Test func peakEndAndMoments() {
        let analysis = WalkAnalysis(trickyWalk())
        #expect(analysis.best?.touchpoint.id == "needs")
        #expect(analysis.worst?.touchpoint.id == "greeting")
        #expect(analysis.end.map(\.touchpoint.id) == ["needs", "payment"])
        #expect(analysis.momentsOfTruth.map(\.touchpoint.id) == ["greeting"])
    }
}
