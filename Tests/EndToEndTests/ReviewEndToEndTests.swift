import Foundation
import Glibc
import Testing

/// A walk file as journeywalk writes it, with a damaged last line and text that tries HTML and formulas.
let sampleJournal = """
    {"type":"walk","format":1,"walk":"20261122-101503-retail-store-visit","started":"2026-11-22T10:15:03.000Z","operator":"Sam <b>","role":"shopper","location":"Main Street","channel":"store","journey":{"id":"retail-store-visit","title":"Retail store visit","version":1,"fingerprint":"fnv1a64:0000000000000000","path":"/nowhere/retail-store-visit.yaml","stages":[{"name":"In the store","touchpoints":[{"id":"greeting","title":"Greeting","channel":"store","target_seconds":30,"moment_of_truth":true},{"id":"needs","title":"Understanding what you need"},{"id":"payment","title":"Queue and payment","target_seconds":180}]}]}}
    {"type":"verdict","at":"2026-11-22T10:16:00.000Z","touchpoint":"greeting","verdict":"misery","intensity":2,"timer_seconds":52}
    {"type":"note","at":"2026-11-22T10:16:05.000Z","touchpoint":"greeting","text":"=1+1 <script>alert(1)</script> nobody looked up"}
    {"type":"verdict","at":"2026-11-22T10:20:00.000Z","touchpoint":"needs","verdict":"magic","intensity":1,"timer_seconds":200}
    {"type":"verdict","at":"2026-11-22T10:2
    """

@Suite(.serialized) struct ReviewEndToEndTests {
    func makeHome() throws -> (home: String, walk: String) {
        let home = temporaryFolder()
        try FileManager.default.createDirectory(atPath: home + "/walks", withIntermediateDirectories: true)
        let walk = home + "/walks/20261122-101503-retail-store-visit.jsonl"
        try sampleJournal.write(toFile: walk, atomically: true, encoding: .utf8)
        return (home, walk)
    }

    @Test func reportsInEveryFormatFromTheRealBinary() throws {
        let (home, walk) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let json = spawnAndWait([journeywalkBinary, "report", "20261122", "--format", "json", "--data-dir", home])
        #expect(json.status == 0)
        #expect(json.output.contains("warning: \(walk):5: the last record was cut off"))
        let body = try #require(json.output.split(separator: "\n").first { $0.hasPrefix("{") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary.compactMapValues { $0 as? Int } == ["magic": 1, "neutral": 0, "misery": 1, "skipped": 0, "unrecorded": 1])
        #expect((object["walk"] as? [String: Any])?["status"] as? String == "draft")

        let html = home + "/walk.html"
        let written = spawnAndWait([journeywalkBinary, "report", walk, "--format", "html", "-o", html])
        #expect(written.status == 0)
        let check = spawnAndWait(["python3", repositoryRoot + "/scripts/check-html.py", html, "--text", "=1+1 <script>alert(1)</script> nobody looked up", "--text", "Sam <b>"])
        #expect(check.status == 0, "\(check.output)")

        let csv = spawnAndWait([journeywalkBinary, "report", walk, "--format", "csv"])
        #expect(csv.output.contains("'=1+1 <script>alert(1)</script> nobody looked up"))
        let mermaid = spawnAndWait([journeywalkBinary, "report", walk, "--format", "mermaid"])
        #expect(mermaid.output.contains("      Greeting: 1: Sam ‹b›"))
    }

    @Test func anUnreadableWalkIsNamedAndTheOthersStillReported() throws {
        let (home, walk) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = spawnAndWait([journeywalkBinary, "report", walk, home + "/walks/missing.jsonl", "--format", "text"])
        #expect(result.status == 1)
        #expect(result.output.contains("\(home)/walks/missing.jsonl: cannot read the walk file: No such file or directory"))
        #expect(result.output.contains("Retail store visit v1 — walk 20261122-101503-retail-store-visit (DRAFT)"))
        let byJourney = spawnAndWait([journeywalkBinary, "report", "--journey", "retail-store-visit", "--since", "2026-11-22", "--format", "csv", "--data-dir", home])
        #expect(byJourney.status == 0)
        #expect(byJourney.output.components(separatedBy: "\r\n").filter { $0.hasPrefix("20261122-101503") }.count == 3)
        let later = spawnAndWait([journeywalkBinary, "report", "--since", "2026-11-23", "--data-dir", home])
        #expect(later.status == 1)
        #expect(later.output.contains("no walks match"))
        let none = spawnAndWait([journeywalkBinary, "report", "--format", "json"])
        #expect(none.status != 0)
        #expect(none.output.contains("name the walks to report"))
    }

    @Test func theHomeScreensReviewIsTheSameListFromTheIndex() throws {
        let (home, _) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("cd \(shellQuoted(repositoryRoot)) && env JOURNEYWALK_HOME=\(shellQuoted(home)) \(shellQuoted(journeywalkBinary)); echo EXIT=$?; sleep 600", width: 100, height: 30)
        #expect(tmux.waitFor("Review saved walks").found)
        tmux.send("G", "Enter")
        let list = tmux.waitUntil { $0.contains("1 of 1 · newest first") && $0.contains("! draft") }
        #expect(list.found, "list:\n\(list.screen)")
        // The files are checked against the index right after the first frame, which builds it.
        var indexed = false
        for _ in 0..<100 where !indexed {
            indexed = FileManager.default.fileExists(atPath: home + "/index.sqlite")
            if !indexed { usleep(50_000) }
        }
        #expect(indexed, "the index is built behind the list")
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0").found)
    }

    @Test func reviewListOpenAndExportInARealTerminal() throws {
        let (home, _) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("cd \(shellQuoted(home)) && \(shellQuoted(journeywalkBinary)) review --data-dir \(shellQuoted(home)); echo EXIT=$?; sleep 600", width: 100, height: 30)
        let list = tmux.waitFor("1 of 1 · newest first")
        #expect(list.found, "list:\n\(list.screen)")
        #expect(list.screen.contains("! draft"))
        tmux.send("Enter")
        let walk = tmux.waitFor("Peak")
        #expect(walk.found, "walk:\n\(walk.screen)")
        #expect(walk.screen.contains("line 5 of the walk file: the last record was cut off"))
        #expect(walk.screen.contains("worst ✖✖ Greeting"))
        tmux.send("E")
        #expect(tmux.waitFor("Export this walk").found)
        tmux.send("h")
        let exported = tmux.waitFor("Exported to")
        #expect(exported.found, "after export:\n\(exported.screen)")
        #expect(FileManager.default.fileExists(atPath: home + "/20261122-101503-retail-store-visit.html"))
        tmux.send("Escape")
        #expect(tmux.waitFor("Saved walks").found)
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0").found)
    }
}
