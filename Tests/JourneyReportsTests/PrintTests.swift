import Foundation
import JourneyKit
@testable import JourneyReports
import Testing

/// The HTML report printed on A4 by a real browser (headless Chromium) and read back with pdftotext:
/// every page A4, no word off the page, every long text present. Skipped, saying why, where
/// Chromium or pdftotext is not installed.
@Suite(.serialized) struct PrintTests {
    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Runs scripts/check-print.py; nil when it skipped (the reason is printed).
    static func checkPrint(_ html: String, texts: [String], maxPages: Int) throws -> (status: Int32, output: String)? {
        let folder = NSTemporaryDirectory() + "print-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = folder + "/report.html"
        try html.write(toFile: report, atomically: true, encoding: .utf8)
        // To look at what was printed: JOURNEYWALK_KEEP_PRINT=FOLDER keeps the HTML and the PDF there.
        let keep = ProcessInfo.processInfo.environment["JOURNEYWALK_KEEP_PRINT"]
        if let keep { try? html.write(toFile: keep + "/\(UUID().uuidString.prefix(8)).html", atomically: true, encoding: .utf8) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repository + "/scripts/check-print.py", report, "--max-pages", String(maxPages)]
            + texts.flatMap { ["--text", $0] }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 77 {
            // CI installs Chromium and pdftotext (.ci/run): there a skip is a failure.
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("PrintTests cannot run in CI: \(output.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            print("PrintTests skipped: \(output.trimmingCharacters(in: .whitespacesAndNewlines))")
            return nil
        }
        return (process.terminationStatus, output)
    }

    /// A walk that tries to push content off the page: long words in every column, a long checklist,
    /// forty touchpoints, evidence with a long path, praise and actions.
    static func widestWalk() -> (ReportInput, [String]) {
        let token = "https://receipts.example.invalid/" + String(repeating: "9f86d081884c7d65", count: 12) + "/END"
        let longTitle = "Asking-whether-the-extended-warranty-covers-accidental-damage-abroad-and-who-to-call"
        var touchpoints = (1...40).map { Touchpoint(id: "t\($0)", title: $0 == 7 ? longTitle : "Touchpoint \($0)", target: 30) }
        touchpoints[2] = Touchpoint(id: "t3", title: "Checklist", checklist: (1...20).map { ChecklistItem("Item \($0) " + String(repeating: "word ", count: $0 % 7), weight: $0 % 3 + 1, critical: $0 == 20) })
        let journey = Journey(id: "wide", title: "A very wide walk", stages: [Stage(name: "Everything", touchpoints: touchpoints)])
        var walk = Walk(header: WalkHeader(walkID: "20261122-101503-wide", journey: journey, journeyPath: nil, journeyFingerprint: "f",
                                           details: WalkDetails(operator: "Sam"), started: at(0)))
        for index in 1...40 {
            let verdict: Verdict = [.magic, .neutral, .misery][index % 3]
            walk.apply(.rated(RatingChange(touchpoint: "t\(index)", rating: Rating(verdict), at: at(Double(index * 60)), timerSeconds: index * 7)))
        }
        walk.apply(.noted(NoteChange(touchpoint: "t5", text: "See " + token, at: at(3000))))
        for item in 0..<20 { walk.apply(.answered(AnswerChange(touchpoint: "t3", item: item, answer: [.yes, .no, .na][item % 3], at: at(3001)))) }
        walk.apply(.commented(CommentChange(touchpoint: "t3", item: 1, text: "Comment-without-any-spaces-" + String(repeating: "abc", count: 60), at: at(3002))))
        let evidence = Evidence(path: "/photos/" + String(repeating: "long-folder-name/", count: 8) + "IMG_20261122_101503_" + String(repeating: "x", count: 80) + ".jpg",
                                bytes: 2_401_112, sha256: String(repeating: "ab", count: 32))
        walk.apply(.attached(EvidenceChange(touchpoint: "t40", evidence: evidence, at: at(3003))))
        walk.apply(.praised(PraiseChange(touchpoint: "t9", praise: Praise(to: "The-whole-weekend-team-at-the-Main-Street-store", text: "Thank you " + String(repeating: "so much ", count: 30)), at: at(3004))))
        walk.apply(.actionChanged(ActionChange(touchpoint: "t40", action: Action(id: "a1", text: "Fix-" + String(repeating: "the-card-reader-", count: 10), owner: "Store manager", due: "2026-12-01"), at: at(3005))))
        walk.apply(.finished(at: at(3100)))
        let input = ReportInput(walk: walk, file: nil, evidence: [evidence: .changed], evidencePaths: true)
        return (input, [token, longTitle, evidence.path, "Comment-without-any-spaces-" + String(repeating: "abc", count: 60), "Touchpoint 40",
                       "The-whole-weekend-team-at-the-Main-Street-store", "Fix-" + String(repeating: "the-card-reader-", count: 10)])
    }

    @Test func theFixtureOfEveryRecordPrintsOnA4() throws {
        let html = Report.render([try fixtureInput("v2-every-record.jsonl", evidence: [fixturePhoto: .missing])], as: .html)
        guard let result = try Self.checkPrint(html, texts: [
            "Asked for ID before selling alcohol (weight 5, critical) (no comment)", "Calm and kind with a queue of twelve",
            "Second till at peak", "IMG_2041.jpg", "MISSING", "FAILED", "Fire alarm test",
        ], maxPages: 4) else { return }
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func longWordsWrapInsteadOfRunningOffThePage() throws {
        let (input, texts) = Self.widestWalk()
        guard let result = try Self.checkPrint(Report.render([input], as: .html), texts: texts, maxPages: 12) else { return }
        #expect(result.status == 0, "\(result.output)")
    }
}
