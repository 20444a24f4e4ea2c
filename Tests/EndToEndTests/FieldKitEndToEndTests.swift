import Foundation
import Glibc
import Testing

/// The mystery shopper's field kit in a real terminal: a visit entered afterwards, a checklist with
/// a No and its comment, the split timer, a stated time, an inserted touchpoint, evidence, the final
/// check, then `submit`, after which `resume` refuses the walk.
@Suite(.serialized) struct FieldKitEndToEndTests {
    @Test func aVisitEnteredAfterwardsIsCheckedAndSubmitted() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let receipt = home + "/receipt.txt"
        try "abc".write(toFile: receipt, atomically: true, encoding: .utf8)
        let tmux = Tmux()
        defer { tmux.stop() }
        let env = "JOURNEYWALK_HOME=\(shellQuoted(home)) TZ=Europe/Paris NO_COLOR="
        tmux.start("cd \(shellQuoted(repositoryRoot)) && env \(env) \(shellQuoted(journeywalkBinary)) walk retail-store-visit --at '2025-06-14 10:15'; echo EXIT=$?; sleep 600", width: 100, height: 30)
        let briefing = tmux.waitFor("Enter start")
        #expect(briefing.screen.contains("Visit      2025-06-14 10:15, entered afterwards (walk --at)"), "briefing:\n\(briefing.screen)")
        tmux.send("Enter")
        let first = tmux.waitFor("Touchpoint 1/9")
        #expect(first.screen.contains("Visit 2025-06-14 10:15 (stated start)"), "first touchpoint:\n\(first.screen)")

        // The checklist: Yes with one key, then a No that asks for its comment right there.
        tmux.send("c")
        #expect(tmux.waitFor("Esc done").found)
        tmux.send("y")
        #expect(tmux.waitFor("Saved ✔ Yes: Hours are on the first results page").found)
        tmux.send("n")
        #expect(tmux.waitFor("A No needs a comment").found)
        tmux.type("Website says 10-19, Google says 9-18")
        tmux.send("Enter")
        let commented = tmux.waitFor("Comment saved")
        #expect(commented.found, "screen:\n\(commented.screen)")
        #expect(commented.screen.contains("✖ Hours on the website match the search result"))
        #expect(commented.screen.contains("“Website says 10-19, Google says 9-18”"))
        #expect(commented.screen.contains("Score 50.0 %"))
        tmux.send("Escape")

        // The split timer, started and stopped.
        tmux.send("t")
        #expect(tmux.waitFor("Split timer started").found)
        usleep(1_200_000)
        tmux.send("t")
        let timed = tmux.waitFor("Split timer stopped at 0:01 · target 2:00 met")
        #expect(timed.found, "screen:\n\(timed.screen)")

        // A stated time, in local time on the day of the visit.
        tmux.send("@")
        #expect(tmux.waitFor("When did it happen?").found)
        tmux.type("25:00")
        tmux.send("Enter")
        #expect(tmux.waitFor("Not a time: use 10:42, 10:42:30, 2026-11-22 10:42 or +3m (UTC+0").found, "the forms fit the status line")
        tmux.send("C-u")
        tmux.type("10:20")
        tmux.send("Enter")
        #expect(tmux.waitFor("Time stated: 2025-06-14 10:20 (Europe/Paris, UTC+02:00)").found)

        // An ad-hoc touchpoint after this one, walked like the others.
        tmux.send("i")
        #expect(tmux.waitFor("Insert a touchpoint").found)
        tmux.type("Fire alarm drill")
        tmux.send("Enter")
        #expect(tmux.waitFor("Channel (store, phone, web…)").found)
        tmux.type("store")
        tmux.send("Enter")
        #expect(tmux.waitFor("Touchpoint 2/10").found)
        #expect(tmux.waitFor("Inserted Fire alarm drill after Find opening hours online").found)

        // Evidence: a missing file is refused, a real one attached with its size and hash.
        tmux.send("a")
        #expect(tmux.waitFor("Attach evidence").found)
        tmux.type(home + "/missing.jpg")
        tmux.send("Enter")
        #expect(tmux.waitFor("Not attached:").found)
        tmux.send("C-u")
        tmux.type(receipt)
        tmux.send("Enter")
        let attached = tmux.waitFor("Attached receipt.txt to Fire alarm drill (3 bytes, sha256 ba7816bf8f01…)")
        #expect(attached.found, "screen:\n\(attached.screen)")
        #expect(attached.screen.contains("Evidence receipt.txt (3 bytes)"))
        tmux.send("x")
        #expect(tmux.waitFor("Saved ✖ misery: Fire alarm drill").found)

        // Finishing: the final check lists what is missing; Enter goes to the first item.
        tmux.send("q")
        #expect(tmux.waitFor("Finish the walk?").found)
        tmux.send("f")
        let check = tmux.waitFor("Final check · 9 items")
        #expect(check.found, "screen:\n\(check.screen)")
        #expect(check.screen.contains("Not recorded: Find opening hours online"))
        tmux.send("Enter")
        #expect(tmux.waitUntil { $0.contains("Touchpoint 1/10") && !$0.contains("Final check") }.found)
        tmux.send("m")
        #expect(tmux.waitFor("Saved ★ magic: Find opening hours online").found)
        tmux.send("q", "f")
        #expect(tmux.waitFor("Final check · 8 items").found)
        tmux.send("f")
        #expect(tmux.waitFor("What customers remember").found, "the debrief follows the final check")
        tmux.send("Enter")
        let done = tmux.waitFor("EXIT=0")
        #expect(done.found, "screen:\n\(done.screen)")
        #expect(done.screen.contains("1 magic · 0 neutral · 1 misery · 0 skipped · 8 unrecorded"))

        let walks = home + "/walks"
        let files = try FileManager.default.contentsOfDirectory(atPath: walks).filter { $0.hasSuffix(".jsonl") }
        #expect(files.count == 1)
        let path = walks + "/" + (files.first ?? "")
        let journal = try String(contentsOfFile: path, encoding: .utf8)
        #expect(journal.contains("\"stated_start\":\"2025-06-14T08:15:00.000Z\""))
        #expect(journal.contains("\"type\":\"answer\""))
        #expect(journal.contains("\"text\":\"Website says 10-19, Google says 9-18\""))
        #expect(journal.components(separatedBy: "\"type\":\"timer\"").count == 3, "started and stopped")
        #expect(journal.contains("\"stated_at\":\"2025-06-14T08:20:00.000Z\""))
        #expect(journal.contains("\"title\":\"Fire alarm drill\""))
        #expect(journal.contains("\"sha256\":\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\""))
        #expect(journal.split(separator: "\n").last?.contains("\"type\":\"finish\"") == true)

        // Submitted once; then read-only: resume (full screen or plain) and a second submit refuse it.
        let id = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let environment = ProcessInfo.processInfo.environment.merging(["JOURNEYWALK_HOME": home, "TZ": "Europe/Paris"]) { $1 }
        let submitted = spawnAndWait([journeywalkBinary, "submit", id], environment: environment)
        #expect(submitted.status == 0, "\(submitted.output)")
        #expect(submitted.output.contains("Walk submitted: \(path)"))
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").last?.contains("\"type\":\"submit\"") == true)
        let again = spawnAndWait([journeywalkBinary, "submit", id], environment: environment)
        #expect(again.status == 1)
        #expect(again.output.contains("walk \(id) was submitted on"))
        let plain = spawnAndWait([journeywalkBinary, "resume", id, "--plain"], environment: environment)
        #expect(plain.status == 1)
        #expect(plain.output.contains("walk \(id) was submitted on") && plain.output.contains("is read-only"), "\(plain.output)")

        tmux.tmux("kill-session", "-t", "jw")
        tmux.start("cd \(shellQuoted(repositoryRoot)) && env \(env) \(shellQuoted(journeywalkBinary)) resume \(id); echo EXIT=$?; sleep 600", width: 100, height: 30)
        let refused = tmux.waitFor("EXIT=1")
        #expect(refused.found, "screen:\n\(refused.screen)")
        #expect(refused.screen.replacingOccurrences(of: "\n", with: "").contains("walk \(id) was submitted on"))
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").last?.contains("\"type\":\"submit\"") == true, "nothing was written")
    }

    @Test func aStatedStartInTheFutureOrMalformedIsRefusedWithTheForms() {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ProcessInfo.processInfo.environment.merging(["JOURNEYWALK_HOME": home, "TZ": "Europe/Paris"]) { $1 }
        for at in ["3025-01-01 10:00", "tea time"] {
            let result = spawnAndWait([journeywalkBinary, "walk", "retail-store-visit", "--plain", "--at", at], environment: environment)
            #expect(result.status == 1)
            #expect(result.output.contains("journeywalk: --at: "), "\(result.output)")
            #expect(result.output.contains("accepted: \"2026-11-22 10:15\", \"2026-11-22 10:15:30\" or \"10:15\" (today), local time Europe/Paris, UTC+0"), "\(result.output)")
            #expect(!FileManager.default.fileExists(atPath: home + "/walks") || (try? FileManager.default.contentsOfDirectory(atPath: home + "/walks").filter { $0.hasSuffix(".jsonl") }.isEmpty) == true)
        }
    }

    /// A visit entered afterwards is in visit time everywhere: the briefing says its start; a time
    /// earlier than the one before it is asked about; the review list shows and sorts it by its stated
    /// start; its timeline shows stated times only, never when a verdict was typed.
    @Test func aVisitEnteredAfterwardsIsListedAndReviewedInVisitTime() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ProcessInfo.processInfo.environment.merging(["JOURNEYWALK_HOME": home, "TZ": "Europe/Paris"]) { $1 }
        let input = home + "/visit.txt"
        try "start\nm\nleave\n".write(toFile: input, atomically: true, encoding: .utf8)
        let today = spawnAndWait([journeywalkBinary, "walk", "retail-store-visit", "--plain"], environment: environment, stdin: input)
        #expect(today.status == 0, "\(today.output)")

        // Entered after today's walk: 10:30 is a typo for 10:45, asked about and corrected; the third
        // touchpoint gets a verdict and no time. `here` after a verdict: the next `at` is for the
        // touchpoint on screen, not the one just judged.
        try "start\nat 10:40\nm\nhere\nat 10:30\nno\nat 10:45\nm\nn\nleave\n".write(toFile: input, atomically: true, encoding: .utf8)
        let entered = spawnAndWait([journeywalkBinary, "walk", "retail-store-visit", "--plain", "--at", "2025-06-14 10:15"], environment: environment, stdin: input)
        #expect(entered.status == 0, "\(entered.output)")
        #expect(entered.output.contains("Visit: 2025-06-14 10:15 (Europe/Paris, UTC+02:00), entered afterwards (walk --at)"), "\(entered.output)")
        #expect(entered.output.contains("10:30 for Check whether the store has gift ideas in stock is earlier than 10:40, the time stated for Find opening hours online"),
                "\(entered.output)")
        #expect(entered.output.contains("Not stated; the time stays as it was: at TIME states another"), "\(entered.output)")
        #expect(try statedTimes(home) == ["2025-06-14T08:40:00.000Z", "2025-06-14T08:45:00.000Z"], "the typo was never written")

        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("cd \(shellQuoted(repositoryRoot)) && env JOURNEYWALK_HOME=\(shellQuoted(home)) TZ=Europe/Paris NO_COLOR= \(shellQuoted(journeywalkBinary)) review; echo EXIT=$?; sleep 600", width: 100, height: 30)
        let list = tmux.waitFor("STARTED")
        #expect(list.found, "screen:\n\(list.screen)")
        let rows = list.screen.split(separator: "\n").filter { $0.contains("Retail store visit") }
        #expect(rows.count == 2, "\(list.screen)")
        #expect(rows.last?.contains("2025-06-14 10:15") == true, "the visit of June, listed at its stated start and after today's:\n\(list.screen)")
        #expect(rows.first?.contains("2025-06-14") == false, "\(list.screen)")

        tmux.send("j", "Enter")
        let review = tmux.waitFor("@10:45")
        #expect(review.found, "screen:\n\(review.screen)")
        #expect(review.screen.contains("visit 2025-06-14 10:15"))
        #expect(review.screen.contains("@10:40"))
        let arrival = review.screen.split(separator: "\n").first { $0.contains("Arrival and first impression") }.map(String.init) ?? ""
        #expect(arrival.contains("●"), "recorded neutral: \(arrival)")
        #expect(arrival.range(of: "[0-9][0-9]:[0-9][0-9]", options: .regularExpression) == nil, "no time typed shown as a time of the visit: \(arrival)")
        tmux.send("q", "q")
        #expect(tmux.waitFor("EXIT=0").found)
    }

    /// The stated times of the walk files, in the order they were written (the files by name).
    func statedTimes(_ home: String) throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(atPath: home + "/walks").filter { $0.hasSuffix(".jsonl") }.sorted()
        return try files.flatMap { file in
            let journal = try String(contentsOfFile: home + "/walks/" + file, encoding: .utf8)
            return journal.split(separator: "\n").filter { $0.contains("\"type\":\"stated\"") }.compactMap { line in
                line.range(of: "\"stated_at\":\"").map { String(line[$0.upperBound...].prefix(24)) }
            }
        }
    }

    @Test func aVisitAcrossMidnightAndAWalkResumedInAnotherZone() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let input = home + "/visit.txt"
        // Judge, then say when it happened (what is recorded right after a verdict is about the
        // moment just judged); `here` before a time for the touchpoint on screen.
        try "start\nm\nat 23:55\nm\nat 00:05\nm\nat +0m\nhere\nat 2025-06-14 23:40\nleave\n".write(toFile: input, atomically: true, encoding: .utf8)
        let utc = ProcessInfo.processInfo.environment.merging(["JOURNEYWALK_HOME": home, "TZ": "UTC"]) { $1 }
        let walked = spawnAndWait([journeywalkBinary, "walk", "retail-store-visit", "--plain", "--at", "2025-06-14 23:50"], environment: utc, stdin: input)
        #expect(walked.status == 1, "a refused line: \(walked.output)")
        #expect(walked.output.contains("journeywalk: standard input line 9: Not stated: 2025-06-14 23:40 is before"), "\(walked.output)")
        #expect(walked.output.contains("Time stated: 2025-06-15 00:05 (UTC): Check whether the store has gift ideas in stock"), "\(walked.output)")
        #expect(walked.output.contains("Error: Not stated: 2025-06-14 23:40 is before the visit's stated start (2025-06-14 23:50); accepted: 10:42, 10:42:30, "
            + "2026-11-22 10:42 or +3m (after the previous stated time), local time UTC"), "\(walked.output)")
        #expect(try statedTimes(home) == ["2025-06-14T23:55:00.000Z", "2025-06-15T00:05:00.000Z", "2025-06-15T00:05:00.000Z"])

        // Resumed on Kiritimati (UTC+14:00): typed times are the walk's (UTC), as review shows them.
        let files = try FileManager.default.contentsOfDirectory(atPath: home + "/walks").filter { $0.hasSuffix(".jsonl") }
        let id = try #require(files.first).replacingOccurrences(of: ".jsonl", with: "")
        try "at\nat 00:16\nleave\n".write(toFile: input, atomically: true, encoding: .utf8)
        let kiritimati = utc.merging(["TZ": "Pacific/Kiritimati"]) { $1 }
        let resumed = spawnAndWait([journeywalkBinary, "resume", id, "--plain"], environment: kiritimati, stdin: input)
        #expect(resumed.status == 0, "\(resumed.output)")
        #expect(resumed.output.contains("Accepted: 10:42, 10:42:30, 2026-11-22 10:42 or +3m (after the previous stated time), local time UTC;"), "\(resumed.output)")
        #expect(resumed.output.contains("Time stated: 2025-06-15 00:16 (UTC): "), "\(resumed.output)")
        #expect(try statedTimes(home).last == "2025-06-15T00:16:00.000Z")
    }
}
