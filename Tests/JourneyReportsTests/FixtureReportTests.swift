import Foundation
import JourneyKit
@testable import JourneyReports
import JourneyStore
import Testing

/// The walk fixtures of every format (Tests/JourneyStoreTests/Fixtures/walks).
let walkFixtures: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<2 { url.deleteLastPathComponent() }
    return url.path + "/JourneyStoreTests/Fixtures/walks"
}()

func fixtureInput(_ name: String, evidence: [Evidence: EvidenceStatus]? = nil) throws -> ReportInput {
    let file = try LoadedWalk.load(path: walkFixtures + "/" + name)
    return ReportInput(walk: file.walk, file: nil, problems: file.warnings.map(\.short), evidence: evidence ?? [:])
}

/// JSON text parsed back into Foundation values.
func parsedJSON(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite struct FormatOneReportTests {
    /// The keys the second wave added; everything else must read as the first wave wrote it.
    static let newWalkKeys: Set<String> = ["stated_start", "submitted", "author", "review"]
    static let newMomentKeys: Set<String> = ["adhoc", "stated_at", "timer", "checklist", "evidence", "recovery", "praise", "actions", "votes"]
    static let newSummaryKeys: Set<String> = ["score", "recoveries"]

    /// The report with the new keys taken out and the status in the first wave's words, as sorted JSON.
    static func firstWaveView(_ json: String) throws -> String {
        var object = try parsedJSON(json)
        var walk = try #require(object["walk"] as? [String: Any])
        for key in newWalkKeys { walk[key] = nil }
        let status = walk["status"] as? String
        walk["status"] = status == "draft" ? "unfinished" : status == "complete" ? "finished" : status
        object["walk"] = walk
        let moments = try #require(object["moments"] as? [[String: Any]])
        object["moments"] = moments.map { moment in moment.filter { !newMomentKeys.contains($0.key) } }
        let summary = try #require(object["summary"] as? [String: Any])
        object["summary"] = summary.filter { !newSummaryKeys.contains($0.key) }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    @Test(arguments: ["v1-finished.jsonl", "v1-unfinished.jsonl"])
    func formatOneFixturesReportAsTheFirstWaveDid(name: String) throws {
        let json = Report.render([try fixtureInput(name)], as: .json)
        // The snapshot was recorded by the first wave's JSON report (commit 00ff1c1).
        assertReportSnapshot(try Self.firstWaveView(json), named: name.replacingOccurrences(of: ".jsonl", with: ".first-wave.json"))
    }
}

let fixturePhoto = Evidence(path: "/photos/IMG_2041.jpg", bytes: 2_401_112, sha256: String(repeating: "ab", count: 32))

@Suite struct FormatTwoJSONTests {
    static let walkKeys: Set<String> = [
        "id", "journey", "operator", "role", "location", "channel", "started", "stated_start", "finished", "submitted", "status", "file", "author", "review", "problems",
    ]
    static let momentKeys: Set<String> = [
        "stage", "touchpoint", "title", "moment_of_truth", "adhoc", "verdict", "intensity", "score", "at", "stated_at", "note", "tags",
        "timer_seconds", "on_screen_seconds", "target_seconds", "timer", "checklist", "evidence", "recovery", "praise", "actions", "votes",
    ]

    @Test func everyKeyOfTheFixtureOfEveryRecord() throws {
        let json = Report.render([try fixtureInput("v2-every-record.jsonl", evidence: [fixturePhoto: .missing])], as: .json)
        let object = try parsedJSON(json)
        #expect(Set(object.keys) == ["walk", "moments", "summary", "peak", "end"])

        let walk = try #require(object["walk"] as? [String: Any])
        #expect(Set(walk.keys) == Self.walkKeys)
        #expect(walk["status"] as? String == "submitted")
        #expect(walk["stated_start"] as? String == "2026-11-21T10:15:03Z")
        #expect(walk["started"] as? String == "2026-11-22T10:15:03Z")
        #expect(walk["finished"] as? String == "2026-11-22T10:16:03Z")
        #expect(walk["submitted"] as? String == "2026-11-22T10:16:04Z")
        #expect(walk["operator"] as? String == "Zoë")

        let moments = try #require(object["moments"] as? [[String: Any]])
        #expect(moments.map { $0["touchpoint"] as? String } == ["door", "adhoc-1", "greet", "till"])
        for moment in moments { #expect(Set(moment.keys) == Self.momentKeys) }
        let door = moments[0], adhoc = moments[1], greet = moments[2], till = moments[3]

        // Checklist answers with weights, criticality and comments.
        let doorList = try #require(door["checklist"] as? [[String: Any]])
        #expect(doorList.count == 2)
        for item in doorList { #expect(Set(item.keys) == ["item", "weight", "critical", "answer", "comment"]) }
        #expect(doorList[0]["item"] as? String == "Clean entrance")
        #expect(doorList[0]["weight"] as? Int == 1)
        #expect(doorList[0]["critical"] as? Bool == false)
        #expect(doorList[0]["answer"] as? String == "yes")
        #expect(doorList[0]["comment"] is NSNull)
        #expect(doorList[1]["answer"] as? String == "no")
        #expect(doorList[1]["weight"] as? Int == 2)
        #expect(doorList[1]["comment"] as? String == "Hours say 9–18, site says \"10–18\"")
        let greetList = try #require(greet["checklist"] as? [[String: Any]])
        #expect(greetList.map { $0["answer"] as? String } == ["na", "yes", "no"])
        #expect(greetList[2]["critical"] as? Bool == true)
        #expect(greetList[2]["weight"] as? Int == 5)
        let tillList = try #require(till["checklist"] as? [[String: Any]])
        #expect(tillList.count == 1 && tillList[0]["answer"] is NSNull, "an unanswered item is null")
        #expect((adhoc["checklist"] as? [Any])?.isEmpty == true)

        // The split timer is the timing, in timer_seconds too; the walk was entered after the visit
        // (a stated start), so the 47 s its verdict took to type are no time on screen either.
        let timer = try #require(door["timer"] as? [String: Any])
        #expect(Set(timer.keys) == ["seconds", "target_seconds", "met"])
        #expect(timer["seconds"] as? Double == 41.3)
        #expect(timer["target_seconds"] as? Int == 30)
        #expect(timer["met"] as? Bool == false)
        #expect(door["timer_seconds"] as? Double == 41.3)
        #expect(door["on_screen_seconds"] is NSNull)
        #expect(door["target_seconds"] as? Int == 30)
        let noTimer = try #require(greet["timer"] as? [String: Any])
        #expect(noTimer["seconds"] is NSNull && noTimer["target_seconds"] is NSNull && noTimer["met"] is NSNull)

        // Times: entry and stated.
        #expect(door["at"] as? String == "2026-11-22T10:15:50Z")
        #expect(door["stated_at"] as? String == "2026-11-21T10:21:43Z")
        #expect(greet["stated_at"] is NSNull)

        // The ad-hoc touchpoint, walked like the others.
        #expect(adhoc["adhoc"] as? Bool == true)
        #expect(door["adhoc"] as? Bool == false)
        #expect(adhoc["title"] as? String == "Fire alarm test")
        #expect(adhoc["stage"] as? String == "Arrive")
        #expect(adhoc["verdict"] as? String == "neutral")

        // Evidence, named by its file name (paths are left out of shared reports), with its status.
        let evidence = try #require(greet["evidence"] as? [[String: Any]])
        #expect(evidence.count == 1)
        #expect(Set(evidence[0].keys) == ["path", "bytes", "sha256", "status"])
        #expect(evidence[0]["path"] as? String == "IMG_2041.jpg")
        #expect(evidence[0]["bytes"] as? Int == 2_401_112)
        #expect(evidence[0]["sha256"] as? String == String(repeating: "ab", count: 32))
        #expect(evidence[0]["status"] as? String == "missing")

        // Leader's records.
        #expect(greet["tags"] as? [String] == ["kept-waiting", "no-parking", "tag-from-the-future"])
        #expect(greet["recovery"] is NSNull, "recovery is null on a moment that is not misery")
        #expect(door["recovery"] is NSNull, "recovery is null when nothing was marked")
        #expect(greet["praise"] as? [String: String] == ["to": "Amira (till 2)", "text": "Calm and kind with a queue of twelve"])
        #expect(door["praise"] is NSNull)
        let actions = try #require(greet["actions"] as? [[String: Any]])
        #expect(actions.count == 1)
        #expect(Set(actions[0].keys) == ["id", "text", "owner", "due", "status"])
        #expect(actions[0]["id"] as? String == "a1b2c3")
        #expect(actions[0]["owner"] as? String == "Store manager")
        #expect(actions[0]["due"] as? String == "2026-12-01")
        #expect(actions[0]["status"] as? String == "done", "the later record changed it in place")
        #expect((till["actions"] as? [Any])?.isEmpty == true)
        #expect(till["votes"] as? [String: Int] == ["magic": 7, "neutral": 2, "misery": 11])
        #expect(greet["votes"] is NSNull)

        // The score of SPEC 7.2 and the recoveries.
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(Set(summary.keys) == ["magic", "neutral", "misery", "skipped", "unrecorded", "score", "recoveries"])
        #expect(summary["neutral"] as? Int == 1 && summary["misery"] as? Int == 1 && summary["unrecorded"] as? Int == 2)
        let score = try #require(summary["score"] as? [String: Any])
        #expect(Set(score.keys) == ["percent", "pass_mark", "passed", "critical_failed", "stages"])
        #expect(score["percent"] as? Double == 36.4, "Yes 1 + 3 of Yes or No 1 + 2 + 3 + 5")
        #expect(score["pass_mark"] as? Int == 80)
        #expect(score["passed"] as? Bool == false)
        #expect(score["critical_failed"] as? [String] == ["greet"])
        let stages = try #require(score["stages"] as? [[String: Any]])
        #expect(stages.map { $0["stage"] as? String } == ["Arrive", "Buy"])
        #expect(stages.map { $0["percent"] as? Double } == [33.3, 37.5])
        #expect(summary["recoveries"] as? [String: Int] == ["complete": 0, "incomplete": 1])
    }

    @Test func evidenceNotCheckedIsNullAndPathsComeWithWithPaths() throws {
        var input = try fixtureInput("v2-every-record.jsonl")
        input.evidencePaths = true
        let object = try parsedJSON(Report.render([input], as: .json))
        let moments = try #require(object["moments"] as? [[String: Any]])
        let evidence = try #require(moments[2]["evidence"] as? [[String: Any]])
        #expect(evidence[0]["path"] as? String == "/photos/IMG_2041.jpg")
        #expect(evidence[0]["status"] is NSNull)
    }

    @Test func aMiseryMomentCarriesItsRecovery() throws {
        var input = try fixtureInput("v2-every-record.jsonl")
        input.walk.apply(.recovered(RecoveryChange(touchpoint: "door", recovery: Recovery(apology: true, reassurance: true, restitution: nil), at: at(200))))
        input.walk.apply(.rated(RatingChange(touchpoint: "till", rating: Rating(.misery), at: at(201))))
        input.walk.apply(.recovered(RecoveryChange(touchpoint: "till", recovery: Recovery(apology: true, reassurance: true, restitution: true), at: at(202))))
        let object = try parsedJSON(Report.render([input], as: .json))
        let moments = try #require(object["moments"] as? [[String: Any]])
        let recovery = try #require(moments[0]["recovery"] as? [String: Any])
        #expect(Set(recovery.keys) == ["apology", "reassurance", "restitution"])
        #expect(recovery["apology"] as? Bool == true && recovery["reassurance"] as? Bool == true && recovery["restitution"] is NSNull)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["recoveries"] as? [String: Int] == ["complete": 1, "incomplete": 1])
    }
}

/// RFC 4180 read back: CRLF rows, quoted fields with doubled quotes.
func csvRecords(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text)[...]
    while let character = characters.popFirst() {
        if quoted {
            if character == "\"" {
                if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
            } else {
                field.append(character)
            }
        } else if character == "\"" {
            quoted = true
        } else if character == "," {
            record.append(field); field = ""
        } else if character == "\r\n" || character == "\n" {
            record.append(field); field = ""
            records.append(record); record = []
        } else {
            field.append(character)
        }
    }
    return records
}

@Suite struct FormatTwoCSVTests {
    @Test func oneColumnPerScalarOnTheFixtureOfEveryRecord() throws {
        let csv = Report.render([try fixtureInput("v2-every-record.jsonl", evidence: [fixturePhoto: .changed])], as: .csv)
        let records = csvRecords(csv)
        #expect(records.first == CSVReport.columns)
        #expect(records.count == 5)
        for record in records { #expect(record.count == CSVReport.columns.count) }
        let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(CSVReport.columns, $0)) }
        let door = rows[0], adhoc = rows[1], greet = rows[2], till = rows[3]
        for row in rows {
            #expect(row["walk_status"] == "submitted")
            #expect(row["walk_stated_start"] == "2026-11-21T10:15:03Z")
            #expect(row["walk_submitted"] == "2026-11-22T10:16:04Z")
            #expect(row["walk_score"] == "36.4")
            #expect(row["walk_pass_mark"] == "80")
            #expect(row["walk_passed"] == "false")
            #expect(row["walk_critical_failed"] == "greet")
        }
        #expect(door["stage_score"] == "33.3" && greet["stage_score"] == "37.5")
        #expect(door["stated_at"] == "2026-11-21T10:21:43Z")
        #expect(door["timer_seconds"] == "41.3" && door["timer_reading_seconds"] == "41.3" && door["timer_met"] == "false")
        #expect(door["on_screen_seconds"] == "", "entered after the visit: typing time is no time on screen")
        #expect(door["checklist_yes"] == "1" && door["checklist_no"] == "1" && door["checklist_na"] == "0" && door["checklist_unanswered"] == "0")
        #expect(door["checklist"] == "Yes: Clean entrance | No: Hours on the door (weight 2) — Hours say 9–18, site says \"10–18\"")
        #expect(door["recovery_complete"] == "false" && door["recovery_apology"] == "")
        #expect(adhoc["adhoc"] == "true" && door["adhoc"] == "false")
        #expect(greet["checklist_critical_no"] == "1")
        #expect(greet["tags"] == "kept-waiting | no-parking | tag-from-the-future")
        #expect(greet["evidence_count"] == "1" && greet["evidence_problems"] == "1" && greet["evidence"] == "IMG_2041.jpg (changed)")
        #expect(greet["praise_to"] == "Amira (till 2)" && greet["praise_text"] == "Calm and kind with a queue of twelve")
        #expect(greet["actions_open"] == "0")
        #expect(greet["actions"] == "Second till at peak — owner Store manager, due 2026-12-01, done [a1b2c3]")
        #expect(till["votes_magic"] == "7" && till["votes_neutral"] == "2" && till["votes_misery"] == "11")
        #expect(till["checklist_unanswered"] == "1" && till["checklist"] == "Unanswered: Receipt offered (weight 2)")
    }
}

@Suite struct FormatTwoMermaidTests {
    @Test func scoresTagsAndTheAdHocMarkInTheDiagram() throws {
        var input = try fixtureInput("v2-every-record.jsonl")
        input.walk.apply(.rated(RatingChange(touchpoint: "greet", rating: Rating(.misery, intensity: 2), at: at(300))))
        input.walk.apply(.tagged(TagChange(touchpoint: "greet", tags: ["kept-waiting", "<img src=x onerror=alert(1)>"], at: at(301))))
        let lines = Report.render([input], as: .mermaid).split(separator: "\n").map(String.init)
        #expect(lines[1] == "    title Shop (2026-11-21 10:15 UTC) · score 36.4 % FAILED · submitted")
        #expect(lines.contains("    section Arrive · 33.3 %"))
        #expect(lines.contains("      Fire alarm test (ad hoc): 3: Zoë"))
        #expect(lines.contains("    section Buy · 37.5 %"))
        #expect(lines.contains("      Greeting [kept-waiting, ‹img src=x onerror=alert(1)›]: 1: Zoë"))
        #expect(lines.contains("%% critical item answered No: Greeting"))
        #expect(lines.contains("%% recoveries missing: Door, Greeting"))
        #expect(!lines.joined().contains("<"))
    }
}

@Suite struct FormatTwoReadableReportTests {
    /// The fixture with the till stated first, so the timeline order differs from walking order.
    static func input() throws -> ReportInput {
        var input = try fixtureInput("v2-every-record.jsonl", evidence: [fixturePhoto: .missing])
        input.walk.apply(.stated(StatedTimeChange(touchpoint: "till", stated: Date(timeIntervalSince1970: 1_795_256_400), at: at(400))))
        return input
    }

    func position(_ text: String, in report: String, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        guard let range = report.range(of: text) else {
            Issue.record("\(text) is not in the report", sourceLocation: sourceLocation)
            return Int.max
        }
        return report.distance(from: report.startIndex, to: range.lowerBound)
    }

    @Test func markdownOpensWithTheDebriefAndShowsEveryField() throws {
        let md = Report.render([try Self.input()], as: .md)
        #expect(position("## Debrief", in: md) < position("## Timeline", in: md))
        #expect(position("## Debrief", in: md) < position("## Score", in: md))
        for expected in [
            "**submitted**", "visit stated to start 2026-11-21 10:15 UTC",
            "- **Score:** 36.4 % · pass mark 80 % · FAILED (critical item answered No: Greeting)",
            "- **First moment:** ✖ misery — Door (Arrive)", "- **Top tags:** Kept waiting · No parking nearby · tag-from-the-future",
            "- **Recoveries missing:** Door (Arrive): apology ? · reassurance ? · restitution ?",
            "- **Praise to pass on:** Amira (till 2): Calm and kind with a queue of twelve — Greeting (Buy)",
            "| Arrive | 33.3 % |", "| Buy | 37.5 % |",
            "10:21:43 stated (+6:40) | 0:41 — target 0:30, missed by 0:11", "Fire alarm test *(ad hoc)*",
            "  - No — Hours on the door (weight 2): Hours say 9–18, site says \"10–18\"",
            "  - No — Asked for ID before selling alcohol (weight 5, critical) (no comment)",
            "- **⚠ Evidence:** IMG\\_2041.jpg · 2.4 MB · sha256 abababababab… · MISSING",
            "- **Votes:** ★ 7 magic · ● 2 neutral · ✖ 11 misery",
            "In the order it happened",
        ] {
            #expect(md.contains(expected), "\(expected)")
        }
        #expect(position("| 4 | Buy | Till", in: md) < position("| 1 | Arrive | Door", in: md), "the till was stated first")
    }

    @Test func htmlOpensWithTheDebrief() throws {
        let html = Report.render([try Self.input()], as: .html)
        #expect(position("<section class=\"debrief\">", in: html) < position("<h2>Timeline</h2>", in: html))
        #expect(position("<section class=\"debrief\">", in: html) < position("<h2>Emotion curve</h2>", in: html))
        #expect(html.contains("Journey walk · <strong>submitted</strong>"))
        #expect(html.contains("<p class=\"score failed\">36.4 % · pass mark 80 % · FAILED (critical item answered No: Greeting)</p>"))
        #expect(html.contains("<span class=\"adhoc\">ad hoc</span>"))
        #expect(html.contains("IMG_2041.jpg · 2.4 MB · sha256 abababababab… · MISSING"))
        #expect(html.contains("<span class=\"over\">▲ missed 0:30 by 0:11</span>"))
        #expect(unbalancedTags(in: html) == [])
    }

    @Test func textCarriesTheDebriefAndEachMomentsRecords() throws {
        let text = Report.render([try Self.input()], as: .text)
        #expect(text.hasPrefix("Shop v3 — walk 20261122-101503-shop (SUBMITTED)"))
        #expect(position("Debrief", in: text) < position("Timeline", in: text))
        for expected in [
            "  Score by stage: Arrive 33.3 % · Buy 37.5 %",
            "    ✖  1. Door · Arrive  [misery, 10:21:43 stated (+6:40), timer 0:41 — target 0:30, missed by 0:11]",
            "    ●  2. Fire alarm test [ad hoc] · Arrive  [neutral, entered 10:15:52]",
            "         ! Evidence: IMG_2041.jpg · 2.4 MB · sha256 abababababab… · MISSING",
            "         Praise: to Amira (till 2): Calm and kind with a queue of twelve",
            "         Actions: Second till at peak — owner Store manager, due 2026-12-01, done [a1b2c3]",
        ] {
            #expect(text.contains(expected), "\(expected)")
        }
        #expect(position("4. Till", in: text) < position("1. Door", in: text))
    }
}
