import Foundation
import Glibc
import Synchronization
import Testing

/// A walk of the three-touchpoint store journey with the given verdicts (nil: not recorded).
func compareWalk(_ id: String, location: String, day: Int, _ verdicts: [String?], version: Int = 1) -> String {
    let journey = version == 1
        ? #"{"id":"shop","title":"Shop visit","version":1,"fingerprint":"fnv1a64:0","path":null,"stages":[{"name":"In the store","touchpoints":[{"id":"greeting","title":"Greeting","target_seconds":30},{"id":"needs","title":"Understanding what you need"},{"id":"payment","title":"Queue and payment"}]}]}"#
        : #"{"id":"shop","title":"Shop visit","version":2,"fingerprint":"fnv1a64:1","path":null,"stages":[{"name":"In the store","touchpoints":[{"id":"greeting","title":"Welcome","target_seconds":30},{"id":"needs","title":"Understanding what you need"},{"id":"parking","title":"Parking"}]}]}"#
    let ids = version == 1 ? ["greeting", "needs", "payment"] : ["greeting", "needs", "parking"]
    let started = "2026-11-\(String(format: "%02d", day))T10:00:00.000Z"
    var lines = [#"{"type":"walk","format":2,"walk":"\#(id)","started":"\#(started)","operator":"Ann","role":"shopper","location":"\#(location)","channel":"store","journey":\#(journey)}"#]
    for (touchpoint, verdict) in zip(ids, verdicts) {
        guard let verdict else { continue }
        lines.append(#"{"type":"verdict","at":"\#(started)","touchpoint":"\#(touchpoint)","verdict":"\#(verdict)","intensity":\#(verdict == "magic" || verdict == "misery" ? 1 : 0),"timer_seconds":25}"#)
    }
    lines.append(#"{"type":"finish","at":"\#(started)"}"#)
    return lines.joined(separator: "\n") + "\n"
}

@Suite(.serialized) struct CompareEndToEndTests {
    func makeHome(walks extra: Int = 0) throws -> String {
        let home = temporaryFolder()
        let walks = home + "/walks"
        try FileManager.default.createDirectory(atPath: walks, withIntermediateDirectories: true)
        chmod(walks, 0o700)
        try compareWalk("20261101-100000-shop", location: "North", day: 1, ["magic", "neutral", "misery"]).write(toFile: walks + "/20261101-100000-shop.jsonl", atomically: true, encoding: .utf8)
        try compareWalk("20261102-100000-shop", location: "South", day: 2, ["misery", "neutral", nil]).write(toFile: walks + "/20261102-100000-shop.jsonl", atomically: true, encoding: .utf8)
        try compareWalk("20261103-100000-shop", location: "South", day: 3, ["magic", "neutral", "magic"], version: 2).write(toFile: walks + "/20261103-100000-shop.jsonl", atomically: true, encoding: .utf8)
        for number in 0..<extra {
            let id = String(format: "20261110-%06d-shop", number)
            try compareWalk(id, location: number % 2 == 0 ? "North" : "South", day: 10, [number % 3 == 0 ? "misery" : "magic", "neutral", "skipped"])
                .write(toFile: walks + "/" + id + ".jsonl", atomically: true, encoding: .utf8)
        }
        return home
    }

    @Test func marksWalksInReviewAndComparesThemInTheTerminal() throws {
        let home = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("cd \(shellQuoted(home)) && \(shellQuoted(journeywalkBinary)) review --data-dir \(shellQuoted(home)); echo EXIT=$?; sleep 600", width: 100, height: 30)
        let list = tmux.waitUntil { $0.contains("3 of 3 · newest first") && $0.contains("quit") }
        #expect(list.found, "list:\n\(list.screen)")
        // Newest first: mark the two newest, then compare them.
        tmux.send("m")
        tmux.send("m")
        #expect(tmux.waitFor("2 marked").found)
        tmux.send("C")
        let matrix = tmux.waitUntil { $0.contains("Compare · Shop visit") && $0.contains("AGREE") && $0.contains("back") }
        #expect(matrix.found, "compare:\n\(matrix.screen)")
        #expect(matrix.screen.contains("2 walks · each walk · 1 flip"))
        #expect(matrix.screen.contains("Flips: Welcome"))
        tmux.send("b")
        let grouped = tmux.waitFor("by location")
        #expect(grouped.found, "grouped:\n\(grouped.screen)")
        #expect(grouped.screen.contains("South"))
        tmux.send("q")
        #expect(tmux.waitFor("2 marked · 3 of 3").found)
        // Every walk of the journey marked (M): compared from the index.
        tmux.send("M")
        #expect(tmux.waitFor("3 marked").found)
        tmux.send("C")
        let all = tmux.waitFor("3 walks · each walk")
        #expect(all.found, "all:\n\(all.screen)")
        tmux.send("q")
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0").found)
        #expect(FileManager.default.fileExists(atPath: home + "/index.sqlite"))
    }

    @Test func daysAndMonthsAreTheReadersAndDiffShowsEachWalksOwnZone() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let walks = home + "/walks"
        try FileManager.default.createDirectory(atPath: walks, withIntermediateDirectories: true)
        chmod(walks, 0o700)
        // 09:00 and 12:00 UTC on 30 November: 22:00 that day and 01:00 on 1 December at UTC+13.
        try compareWalk("20261130-090000-shop", location: "North", day: 30, ["magic", "neutral", "misery"])
            .replacingOccurrences(of: "T10:00:00.000Z", with: "T09:00:00.000Z")
            .write(toFile: walks + "/20261130-090000-shop.jsonl", atomically: true, encoding: .utf8)
        try compareWalk("20261130-120000-shop", location: "South", day: 30, ["misery", "neutral", "magic"])
            .replacingOccurrences(of: "T10:00:00.000Z", with: "T12:00:00.000Z")
            .replacingOccurrences(of: #""channel":"store","#, with: #""channel":"store","utc_offset":"+13:00","#)
            .write(toFile: walks + "/20261130-120000-shop.jsonl", atomically: true, encoding: .utf8)
        func run(_ zone: String, _ arguments: [String]) -> (status: Int32, output: String) {
            var environment = ProcessInfo.processInfo.environment
            environment["TZ"] = zone
            return spawnAndWait([journeywalkBinary] + arguments + ["--data-dir", home], environment: environment)
        }
        func monthKeys(_ zone: String) throws -> [String?] {
            let result = run(zone, ["compare", "--journey", "shop", "--by", "month", "--format", "json"])
            #expect(result.status == 0, "\(result.output)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            return (object["columns"] as? [[String: Any]])?.map { $0["key"] as? String } ?? []
        }
        // A POSIX zone string (13 hours ahead of UTC): no time zone database needed.
        let ahead = "JWT-13"
        #expect(try monthKeys(ahead) == ["2026-11", "2026-12"])
        #expect(try monthKeys("UTC0") == ["2026-11"])
        let since = run(ahead, ["compare", "--journey", "shop", "--since", "2026-12-01", "--format", "json"])
        #expect(since.output.contains(#""key":"20261130-120000-shop""#) && !since.output.contains(#""key":"20261130-090000-shop""#), "\(since.output)")
        let until = run(ahead, ["compare", "--journey", "shop", "--until", "2026-11-30", "--format", "json"])
        #expect(until.output.contains(#""key":"20261130-090000-shop""#) && !until.output.contains(#""key":"20261130-120000-shop""#), "\(until.output)")
        let text = run(ahead, ["compare", "--journey", "shop"])
        #expect(text.output.contains("20261130-120000-shop · 2026-12-01"), "\(text.output)")
        #expect(text.output.contains("20261130-090000-shop · 2026-11-30"), "\(text.output)")
        let diff = run("UTC0", ["diff", "20261130-09", "20261130-12"])
        #expect(diff.output.contains("2026-11-30 09:00 UTC"), "\(diff.output)")
        #expect(diff.output.contains("2026-12-01 01:00 UTC+13:00"), "the zone the walk recorded: \(diff.output)")
    }

    @Test func aSyncToolsConflictCopyIsCountedOnceInCompareAndReports() throws {
        let home = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let own = home + "/walks/20261101-100000-shop.jsonl"
        let copy = home + "/walks/20261101-100000-shop.sync-conflict-20261126-101010-ABCDEF.jsonl"
        try FileManager.default.copyItem(atPath: own, toPath: copy)
        let problem = "\(copy): another copy of walk 20261101-100000-shop (kept: \(own)); left out"
        let csv = spawnAndWait([journeywalkBinary, "compare", "--journey", "shop", "--format", "csv", "--data-dir", home])
        #expect(csv.status == 1, "\(csv.output)")
        #expect(csv.output.contains("journeywalk: " + problem), "\(csv.output)")
        #expect(csv.output.components(separatedBy: "\r\n").filter { $0.hasPrefix("shop,") && $0.contains(",20261101-100000-shop,") }.count == 4, "one column: a row per touchpoint: \(csv.output)")
        for selection in [["--journey", "shop"], ["--all"], ["--since", "2026-10-01"]] {
            let report = spawnAndWait([journeywalkBinary, "report"] + selection + ["--format", "json", "--data-dir", home])
            #expect(report.status == 1, "\(selection): \(report.output)")
            #expect(report.output.components(separatedBy: problem).count == 2, "named once: \(report.output)")
            #expect(report.output.components(separatedBy: "\"id\":\"20261101-100000-shop\"").count == 2, "reported once: \(report.output)")
        }
    }

    @Test func aCutOffWalkIsNamedOnceWhicheverWayItIsCompared() throws {
        let home = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let path = home + "/walks/20261102-100000-shop.jsonl"
        let whole = try String(contentsOfFile: path, encoding: .utf8)
        try (whole + #"{"type":"note","at":"2026-11-02T10:00:00.000Z","touch"#).write(toFile: path, atomically: false, encoding: .utf8)
        let warning = "\(path):5: the last record was cut off"
        for arguments in [
            ["--journey", "shop"], ["--journey", "shop", "--format", "json"], ["--journey", "shop", "--by", "location"],
            ["20261101", "20261102", "20261103"], ["--journey", "shop", "--format", "md"],
        ] {
            let result = spawnAndWait([journeywalkBinary, "compare"] + arguments + ["--data-dir", home])
            #expect(result.status == 1, "\(arguments): \(result.output)")
            #expect(result.output.components(separatedBy: warning).count == 2, "\(arguments) names it once: \(result.output)")
        }
    }

    @Test func compareAndDiffFromTheRealBinary() throws {
        let home = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let json = spawnAndWait([journeywalkBinary, "compare", "--journey", "shop", "--by", "location", "--format", "json", "--data-dir", home])
        #expect(json.status == 0, "\(json.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect((object["columns"] as? [[String: Any]])?.map { $0["key"] as? String } == ["North", "South"])
        let rows = try #require(object["touchpoints"] as? [[String: Any]])
        #expect(rows.map { $0["touchpoint"] as? String } == ["greeting", "needs", "payment", "parking"], "payment (version 1 only) after the touchpoint it followed there")
        #expect(rows[0]["flip"] as? Bool == true)
        #expect(rows[1]["consistency"] as? Double == 1.0)
        let text = spawnAndWait([journeywalkBinary, "compare", "20261101", "20261103", "--data-dir", home])
        #expect(text.status == 0)
        #expect(text.output.contains("Flips: none"))
        let filtered = spawnAndWait([journeywalkBinary, "compare", "--journey", "shop", "--location", "south", "--since", "2026-11-03", "--format", "csv", "--data-dir", home])
        #expect(filtered.output.components(separatedBy: "\r\n").filter { $0.hasPrefix("shop,") }.count == 3, "\(filtered.output)")
        let diff = spawnAndWait([journeywalkBinary, "diff", "20261101", "20261103", "--data-dir", home])
        #expect(diff.status == 0)
        #expect(diff.output.contains("~ renamed: Greeting → Welcome (greeting)"))
        #expect(diff.output.contains("+ added: Parking (parking)"))
        #expect(diff.output.contains("- removed: Queue and payment (payment)"))
        #expect(diff.output.contains("verdict: ✖ misery → — (not in this version)"))
        let bad = spawnAndWait([journeywalkBinary, "compare", "--journey", "shop", "--since", "soon", "--data-dir", home])
        #expect(bad.status != 0)
        #expect(bad.output.contains("--since: 'soon' is not a date"))
    }

    @Test func twoProcessesAtOnceBuildOneGoodIndex() throws {
        let home = try makeHome(walks: 400)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let outputs = Mutex<[(Int32, String)]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let result = spawnAndWait([journeywalkBinary, "compare", "--journey", "shop", "--by", "location", "--format", "json", "--data-dir", home])
            outputs.withLock { $0.append(result) }
        }
        let results = outputs.withLock { $0 }
        #expect(results.allSatisfy { $0.0 == 0 }, "\(results.map(\.1))")
        #expect(results[0].1 == results[1].1)
        #expect(results[0].1.contains("\"walks\":"))
        // The index is whole: an up-to-date read gives the same answer, and a cut-off walk is named and left out.
        let again = spawnAndWait([journeywalkBinary, "compare", "--journey", "shop", "--by", "location", "--format", "json", "--data-dir", home])
        #expect(again.output == results[0].1)
        let cut = home + "/walks/20261110-000001-shop.jsonl"
        let handle = try #require(FileHandle(forWritingAtPath: cut))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"type":"verdict","at":"2026"#.utf8))
        handle.closeFile()
        let left = spawnAndWait([journeywalkBinary, "compare", "--journey", "shop", "--format", "csv", "--data-dir", home])
        #expect(left.status == 1)
        #expect(left.output.contains("\(cut):6: the last record was cut off"))
        #expect(!left.output.contains("20261110-000001-shop,"))
    }
}
