import Foundation
import Testing

/// The agency's loop as a team lives it (issue 18's case), on the real server and with the
/// reviewer's queue in a real terminal (tmux): a visit with a No left without a comment, a stated
/// time on the day after the visit and a photo another shopper sent already; returned from the queue
/// screen with a comment on the item; corrected, resubmitted, approved, released; read by the client.
@Suite(.serialized) struct TeamQueueScreenTests {
    /// `YYYY-MM-DD` of the day `days` before today, in UTC (the tests run the programs with TZ=UTC).
    static func day(before days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let date = calendar.date(byAdding: .day, value: -days, to: Date()) ?? Date()
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 2026, parts.month ?? 1, parts.day ?? 1)
    }

    @Test func aReturnFromTheQueueScreenIsCorrectedApprovedAndReleased() throws {
        guard let team = TestTeam(TestServer.required()) else { return }
        for (person, role) in [("ana", "shopper"), ("ben", "shopper"), ("rita", "reviewer"), ("cleo", "client")] {
            guard team.addMember(person, role: role) else { return }
        }
        let ana = team.name("ana"), ben = team.name("ben"), rita = team.name("rita")
        let photo = team.root + "/shelf.jpg"
        FileManager.default.createFile(atPath: photo, contents: Data("the same photo, sent twice".utf8))
        // Ben's visit today, with the photo; submitted first.
        guard let benWalk = team.walk("ben", script: "attach \(photo)\nm\nm\nm\nm\nm\nm\nm\nm\nm\nfinish\n") else { return }
        let benID = URL(fileURLWithPath: benWalk).deletingPathExtension().lastPathComponent
        #expect(team.run(as: "ben", ["submit", benID], password: team.password("ben"), program: journeywalkBinary).status == 0)

        // Ana's visit two days ago at 22:00, entered afterwards: item 1 No without a comment, its time
        // stated on the next day, the same photo, and praise naming a member of staff.
        let script = team.root + "/ana-visit.txt"
        let lines = ["answer no 1", "at \(Self.day(before: 1)) 01:00", "attach \(photo)", "m", "praise Amira: found the gift in two minutes",
                     "m", "m", "m", "m", "m", "m", "m", "m", "finish", "finish anyway"]
        FileManager.default.createFile(atPath: script, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        let walked = team.run(as: "ana", ["walk", "retail-store-visit", "--operator", "Ana", "--location", "Main Street", "--at", "\(Self.day(before: 2)) 22:00", "--plain"],
                              program: journeywalkBinary, stdin: script)
        guard let anaWalk = team.walkFiles("ana").first else {
            Issue.record("Ana's walk was not saved: \(walked.output)")
            return
        }
        let anaID = URL(fileURLWithPath: anaWalk).deletingPathExtension().lastPathComponent
        let submit = team.run(as: "ana", ["submit", anaID], password: team.password("ana"), program: journeywalkBinary)
        #expect(submit.status == 0, "\(walked.output)\n\(submit.output)")

        // The reviewer's queue: Ana's walk first (due a day after a visit two days ago: late).
        let tmux = Tmux()
        defer { tmux.stop() }
        let command = "env PGPASSWORD=\(team.password("rita")) HOME=\(team.root) TZ=UTC \(journeywalkBinary) queue --data-dir \(team.home("rita"))"
        tmux.start(command)
        let queue = tmux.waitFor("Review queue")
        #expect(queue.found, "\(queue.screen)")
        let rows = queue.screen.split(separator: "\n").filter { $0.contains(ana) || $0.contains(ben) }
        #expect(rows.count == 2 && rows.first?.contains(ana) == true && rows.first?.contains("late") == true, "\(queue.screen)")
        tmux.send("Enter")
        let opened = tmux.waitFor("QA checks:")
        #expect(opened.found, "\(opened.screen)")
        let checks = tmux.waitUntil { $0.contains("answered No without") && $0.contains("not the visit's day") && $0.contains(ben + "'s walk") }
        #expect(checks.found, "the three QA findings are on the screen:\n\(checks.screen)")
        // A comment on item 1 of the first touchpoint in the timeline (the one with a stated time).
        tmux.send("g")
        tmux.send("i")
        #expect(tmux.waitFor("Which item of Find opening hours online").found)
        tmux.type("1")
        tmux.send("Enter")
        #expect(tmux.waitFor("Comment on Find opening hours online, item 1").found)
        tmux.type("Why was the answer No? Say what the first results page showed")
        tmux.send("Enter")
        let saved = tmux.waitFor("Comment saved on the server")
        #expect(saved.found, "\(saved.screen)")
        tmux.send("R")
        #expect(tmux.waitFor("Corrections due").found)
        tmux.send("Enter")
        #expect(tmux.waitFor("A message to the shopper").found)
        tmux.type("One comment to answer")
        tmux.send("Enter")
        let returned = tmux.waitFor("Returned to the shopper, corrections due")
        #expect(returned.found, "\(returned.screen)")
        #expect(team.sql("SELECT item || ' ' || touchpoint FROM journeywalk.review_events WHERE owner = '\(ana)' AND walk_id = '\(anaID)' AND kind = 'comment'") == "1 find-opening-hours")
        tmux.send("Escape")
        #expect(tmux.waitFor("Review queue").found)
        tmux.send("q")

        // Ana pulls the return, sees the comment on that item, corrects it and resubmits.
        let pull = team.run(as: "ana", ["pull"], password: team.password("ana"), program: journeywalkBinary)
        #expect(pull.output.contains("\(anaID) was returned by \(rita)"), "\(pull.output)")
        let trail = try String(contentsOfFile: team.home("ana") + "/team/reviews/\(ana)/\(anaID).jsonl", encoding: .utf8)
        #expect(trail.contains(#""touchpoint":"find-opening-hours","item":1,"text":"Why was the answer No?"#), "\(trail)")
        let fix = team.root + "/fix.txt"
        FileManager.default.createFile(atPath: fix, contents: Data("first\ncomment 1 The first page listed only a map, no hours\nfinish\nfinish anyway\n".utf8))
        let resume = team.run(as: "ana", ["resume", anaID, "--plain"], program: journeywalkBinary, stdin: fix)
        #expect(resume.status == 0, "\(resume.output)")
        #expect(team.run(as: "ana", ["submit", anaID], password: team.password("ana"), program: journeywalkBinary).status == 0)
        #expect(team.sql("SELECT state || ' ' || revision FROM journeywalk.walks WHERE owner = '\(ana)' AND walk_id = '\(anaID)'") == "resubmitted 2")

        // The reviewer sees the diff first, approves with grade 8 and releases.
        tmux.start(command)
        #expect(tmux.waitFor("Review queue").found)
        tmux.send("Enter")
        let diff = tmux.waitFor("Changes from revision 1 to 2")
        #expect(diff.found && diff.screen.contains("The first page listed"), "\(diff.screen)")
        tmux.send("Escape")
        tmux.send("A")
        #expect(tmux.waitFor("Grade for the shopper").found)
        tmux.type("8")
        tmux.send("Enter")
        #expect(tmux.waitFor("A coaching line").found)
        tmux.type("Good: every No now says why")
        tmux.send("Enter")
        #expect(tmux.waitFor("Approved with grade 8").found)
        tmux.send("L")
        #expect(tmux.waitFor("Release to the client?").found)
        tmux.send("e")
        let released = tmux.waitFor("Released to the client")
        #expect(released.found, "\(released.screen)")
        tmux.send("q")

        // The client pulls and reads a report naming neither the shopper nor the staff.
        #expect(team.run(as: "cleo", ["pull"], password: team.password("cleo"), program: journeywalkBinary).status == 0)
        let report = team.run(as: "cleo", ["report", "--all", "--format", "json"], program: journeywalkBinary)
        #expect(report.status == 0 && report.output.contains("Retail store visit"), "\(report.output.prefix(300))")
        for name in ["Ana", "Amira", ana, ben, rita] {
            #expect(!report.output.contains(name), "\(name) is not in the client's report")
        }
        // Released with its evidence (`e`): the photo came along, and the report finds it.
        #expect(report.output.contains(#""path":"\#(sha256Hex(Array("the same photo, sent twice".utf8)))","bytes":26"#) && report.output.contains(#""status":"present""#),
                "\(report.output.prefix(2000))")
        // The audit trail: every event in order, each with who and when.
        let trailRows = team.sql("SELECT string_agg(kind || ':' || by, ' ' ORDER BY id) FROM journeywalk.review_events WHERE owner = '\(ana)' AND walk_id = '\(anaID)'")
        #expect(trailRows == "submit:\(ana) comment:\(rita) return:\(rita) submit:\(ana) approve:\(rita) release:\(rita)", "\(trailRows)")
        #expect(team.sql("SELECT bool_and(at IS NOT NULL) AND bool_and(at >= lag_at) FROM (SELECT at, coalesce(lag(at) OVER (ORDER BY id), at) AS lag_at FROM journeywalk.review_events WHERE owner = '\(ana)' AND walk_id = '\(anaID)') t") == "t")
    }

    @Test func aCommentTheServerDidNotTakeWaitsAsADraftAndIsSentLater() throws {
        guard let shared = TestServer.required() else { return }
        let folder = temporaryFolder()
        defer {
            TestServer.control("stop", folder)
            try? FileManager.default.removeItem(atPath: folder)
        }
        guard let own = shared.own(in: folder), let team = TestTeam(own), team.addMember("ana", role: "shopper"),
              team.addMember("rita", role: "reviewer"), let walk = team.walk("ana") else { return }
        let walkID = URL(fileURLWithPath: walk).deletingPathExtension().lastPathComponent
        #expect(team.run(as: "ana", ["submit", walkID], password: team.password("ana"), program: journeywalkBinary).status == 0)
        let tmux = Tmux()
        defer { tmux.stop() }
        let command = "env PGPASSWORD=\(team.password("rita")) HOME=\(team.root) TZ=UTC \(journeywalkBinary) queue --data-dir \(team.home("rita")); echo queue-exited-$?; sleep 30"
        tmux.start(command)
        #expect(tmux.waitFor("Review queue").found)
        tmux.send("Enter")
        #expect(tmux.waitFor("QA checks:").found)
        // The server goes away while the reviewer types.
        TestServer.control("crash", folder)
        tmux.send("w")
        tmux.type("The receipt photo is missing")
        tmux.send("Enter")
        let refused = tmux.waitFor("NOT SAVED (kept as a draft")
        #expect(refused.found, "\(refused.screen)")
        let draft = team.home("rita") + "/team/review-drafts/\(team.name("ana"))~\(walkID).txt"
        #expect((try? String(contentsOfFile: draft, encoding: .utf8)) == "The receipt photo is missing", "the comment waits on disk")
        tmux.send("Escape")
        tmux.send("q")
        #expect(tmux.waitFor("queue-exited-0").found, "the queue leaves normally with the server gone")
        tmux.stop()
        // Back online: the next session offers the draft again, and it is saved.
        #expect(TestServer.control("restart", folder).status == 0)
        let again = Tmux()
        defer { again.stop() }
        again.start(command)
        #expect(again.waitFor("Review queue").found)
        again.send("Enter")
        #expect(again.waitFor("A comment you typed was not saved").found)
        again.send("w")
        #expect(again.waitFor("The receipt photo is missing").found, "the draft is offered")
        again.send("Enter")
        #expect(again.waitFor("Comment saved on the server").found)
        #expect(team.sql("SELECT body FROM journeywalk.review_events WHERE kind = 'comment'") == "The receipt photo is missing")
        #expect(!FileManager.default.fileExists(atPath: draft), "a saved comment's draft is gone")
    }
}
