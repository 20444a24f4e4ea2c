import Foundation
import Testing

/// The agency's review of SPEC 8.3 end to end, on the real PostgreSQL server of the test run: the
/// shopper's submit, the reviewer's queue commands, the return, the shopper's correction and
/// resubmission, approval and release; and what each role may not do, tried with psql.
@Suite(.serialized) struct TeamReviewEndToEndTests {
    @Test func aWalkGoesFromSubmittedThroughAReturnToReleasedAndEveryEventIsKept() throws {
        guard let team = TestTeam(TestServer.required()) else { return }
        for (person, role) in [("ana", "shopper"), ("rita", "reviewer"), ("cleo", "client")] {
            guard team.addMember(person, role: role) else { return }
        }
        guard let walk = team.walk("ana") else { return }
        let walkID = URL(fileURLWithPath: walk).deletingPathExtension().lastPathComponent
        let ana = team.name("ana"), rita = team.name("rita")
        let submit = team.run(as: "ana", ["submit", walkID], password: team.password("ana"), program: journeywalkBinary)
        #expect(submit.status == 0, "\(submit.output)")
        #expect(team.sql("SELECT state || ' ' || revision FROM journeywalk.walks WHERE walk_id = '\(walkID)'") == "submitted 1")
        #expect(team.sql("SELECT kind || ' ' || by FROM journeywalk.review_events WHERE walk_id = '\(walkID)'") == "submit \(ana)",
                "the server writes the submission as an event of the shopper")

        // The reviewer's queue: the walk, submitted, due a day after the visit.
        let list = team.run(as: "rita", ["queue", "list"], password: team.password("rita"), program: journeywalkBinary)
        #expect(list.status == 0, "\(list.output)")
        #expect(list.output.hasPrefix("DUE "), "\(list.output)")
        #expect(list.output.contains("submitted") && list.output.contains(ana) && list.output.contains(walkID) && list.output.contains("Retail store visit"))
        let json = team.run(as: "rita", ["queue", "list", "--format", "json"], password: team.password("rita"))
        #expect(json.output.contains(#""walk":"\#(ana)/\#(walkID)""#) && json.output.contains(#""state":"submitted""#), "\(json.output)")

        #expect(team.run(as: "rita", ["queue", "claim", walkID], password: team.password("rita")).output == "Claimed \(ana)/\(walkID)\n")
        #expect(team.run(as: "rita", ["queue", "claim", walkID], password: team.password("rita")).output == "\(ana)/\(walkID) is yours already\n")
        let comment = team.run(as: "rita", ["queue", "comment", walkID, "--touchpoint", "find-opening-hours", "--item", "2", "Say which hours the website showed"],
                               password: team.password("rita"))
        #expect(comment.status == 0 && comment.output.contains("Commented on Find opening hours online, item 2"), "\(comment.output)")
        let noSuch = team.run(as: "rita", ["queue", "comment", walkID, "--touchpoint", "no-such-touchpoint", "text"], password: team.password("rita"))
        #expect(noSuch.status == 1 && noSuch.output.contains("has no touchpoint `no-such-touchpoint`"), "\(noSuch.output)")
        let early = team.run(as: "rita", ["queue", "release", walkID], password: team.password("rita"))
        #expect(early.status == 1 && early.output == "journeywalk: \(ana)/\(walkID) is in review: only an approved walk is released\n", "\(early.output)")
        let back = team.run(as: "rita", ["queue", "return", walkID, "--due", "+2d", "--message", "Two items need comments"], password: team.password("rita"))
        #expect(back.status == 0 && back.output.hasPrefix("Returned \(ana)/\(walkID) to \(ana), corrections due "), "\(back.output)")
        let approveReturned = team.run(as: "rita", ["queue", "approve", walkID, "--grade", "8"], password: team.password("rita"))
        #expect(approveReturned.status == 1, "a returned walk waits for its shopper")

        // The shopper pulls the return, reopens the walk, corrects it and submits it again.
        let pull = team.run(as: "ana", ["pull"], password: team.password("ana"), program: journeywalkBinary)
        #expect(pull.output.contains("review events"), "\(pull.output)")
        #expect(pull.output.contains("\(walkID) was returned by \(rita), corrections due"), "\(pull.output)")
        let status = team.run(as: "ana", ["team", "status"], password: team.password("ana"))
        #expect(status.output.contains("returned     \(walkID) by \(rita), corrections due ") && status.output.contains(": journeywalk resume \(walkID)"), "\(status.output)")
        #expect(team.run(as: "ana", ["team", "status", "--format", "json"], password: team.password("ana")).output.contains(#""returned":[{"walk":"\#(walkID)","by":"\#(rita)","due":"#))
        let trail = try String(contentsOfFile: team.home("ana") + "/team/reviews/\(ana)/\(walkID).jsonl", encoding: .utf8)
        #expect(trail.contains(#""kind":"comment""#) && trail.contains(#""touchpoint":"find-opening-hours","item":2,"text":"Say which hours the website showed""#), "\(trail)")
        let script = team.root + "/correct.txt"
        FileManager.default.createFile(atPath: script, contents: Data("first\nnote The website showed 9 to 18\nfinish\n".utf8))
        let resume = team.run(as: "ana", ["resume", walkID, "--plain"], program: journeywalkBinary, stdin: script)
        #expect(resume.status == 0, "\(resume.output)")
        #expect(resume.output.contains("walk \(walkID) was returned by \(rita)"), "\(resume.output)")
        // The reviewer's words where they apply: the return's message as the walk opens, the item's
        // comment under the item when the walk comes to its touchpoint.
        #expect(resume.output.contains("Reviewer (\(rita)), returning the walk: Two items need comments"), "\(resume.output)")
        #expect(resume.output.contains("Reviewer's comments on: 1. Find opening hours online (1)"), "\(resume.output)")
        #expect(resume.output.contains("   Item 2: Reviewer (\(rita)): Say which hours the website showed"), "\(resume.output)")
        let file = try String(contentsOfFile: walk, encoding: .utf8)
        #expect(file.contains(#"{"type":"reopen""#) && file.contains("The website showed 9 to 18"))

        // Until it is submitted again the home screen lists it first, and opens it with the return's notice.
        let tmux = Tmux()
        defer { tmux.stop() }
        let home = team.home("ana")
        tmux.start("cd \(shellQuoted(home)) && TZ=UTC \(shellQuoted(journeywalkBinary)) --data-dir \(shellQuoted(home)); echo EXIT=$?; sleep 600", width: 100, height: 30)
        let listed = tmux.waitFor("Returned for corrections")
        #expect(listed.found && listed.screen.contains("Retail store visit") && listed.screen.contains("by \(rita) · due "), "home:\n\(listed.screen)")
        tmux.send("Enter")
        let notice = tmux.waitFor("returned the walk (revision 1)")
        #expect(notice.found && notice.screen.contains("“Two items need comments”") && notice.screen.contains("Say which hours the website showed"),
                "notice:\n\(notice.screen)")
        tmux.send("Escape")
        tmux.send("g")
        let first = tmux.waitFor("Touchpoint 1/9")
        #expect(first.found && first.screen.contains("Reviewer (\(rita)): Say which hours"), "the item's comment, under it:\n\(first.screen)")
        tmux.send("q")
        tmux.send("l")
        #expect(tmux.waitFor("EXIT=0").found, "left:\n\(tmux.capture())")
        let again = team.run(as: "ana", ["submit", walkID], password: team.password("ana"), program: journeywalkBinary)
        #expect(again.status == 0, "\(again.output)")
        #expect(team.sql("SELECT state || ' ' || revision FROM journeywalk.walks WHERE walk_id = '\(walkID)'") == "resubmitted 2")
        let stillReadOnly = team.run(as: "ana", ["resume", walkID, "--plain"], program: journeywalkBinary)
        #expect(stillReadOnly.status == 1 && stillReadOnly.output.contains("read-only"), "a resubmitted walk is read-only again: \(stillReadOnly.output)")

        // Approved with a grade, then released to the client without the people's names.
        let approve = team.run(as: "rita", ["queue", "approve", walkID, "--grade", "8", "--coaching", "Good detail on the hours"], password: team.password("rita"))
        #expect(approve.output == "Approved \(ana)/\(walkID) with grade 8\n", "\(approve.output)")
        let release = team.run(as: "rita", ["queue", "release", walkID], password: team.password("rita"))
        #expect(release.status == 0 && release.output.hasPrefix("Released \(ana)/\(walkID) to the client as \(walkID)-"), "\(release.output)")
        #expect(team.sql("SELECT string_agg(kind || ':' || revision || ':' || by, ' ' ORDER BY id) FROM journeywalk.review_events WHERE walk_id = '\(walkID)'")
                == "submit:1:\(ana) claim:1:\(rita) comment:1:\(rita) return:1:\(rita) submit:2:\(ana) approve:2:\(rita) release:2:\(rita)")
        #expect(team.sql("SELECT journeywalk.review_state('\(ana)', '\(walkID)') = state FROM journeywalk.walks WHERE walk_id = '\(walkID)'") == "t",
                "the state kept for the queue is the one the events give")

        // The team's figures: one walk of Ana's, returned once, first submitted within the day, graded 8.
        let stats = team.run(as: "rita", ["team", "stats", "--by", "shopper", "--format", "json"], password: team.password("rita"))
        #expect(stats.output.contains(#"{"name":"\#(ana)","walks":1,"returned_share":1.0,"on_time_share":1.0,"mean_grade":8.0,"mean_score":"#), "\(stats.output)")
        let shopperStats = team.run(as: "ana", ["team", "stats"], password: team.password("ana"))
        #expect(shopperStats.output.contains("team      1     100 %    100 %    8.0"), "a shopper's own figures: \(shopperStats.output)")
        // Offline, from the walks and reviews of the last pull (Ana pulled the return, not the approval yet).
        #expect(team.run(as: "ana", ["pull"], password: team.password("ana"), program: journeywalkBinary).status == 0)
        let conf = team.home("ana") + "/team.conf"
        let online = try String(contentsOfFile: conf, encoding: .utf8)
        try online.replacingOccurrences(of: ":\(team.server.port)/", with: ":\(freeTCPPort())/").write(toFile: conf, atomically: true, encoding: .utf8)
        let offlineStats = team.run(as: "ana", ["team", "stats", "--format", "json"], password: team.password("ana"))
        #expect(offlineStats.status == 0 && offlineStats.output.contains("the figures of the last pull"), "\(offlineStats.output)")
        #expect(offlineStats.output.contains(#"{"name":"team","walks":1,"returned_share":1.0,"on_time_share":1.0,"mean_grade":8.0"#), "\(offlineStats.output)")
        try online.write(toFile: conf, atomically: true, encoding: .utf8)
        let clientPull = team.run(as: "cleo", ["pull"], password: team.password("cleo"), program: journeywalkBinary)
        #expect(clientPull.status == 0 && clientPull.output.contains("1 released walk"), "\(clientPull.output)")
        let released = try FileManager.default.contentsOfDirectory(atPath: team.home("cleo") + "/team/walks/released")
        #expect(released.count == 1)
        let copy = try String(contentsOfFile: team.home("cleo") + "/team/walks/released/" + released[0], encoding: .utf8)
        #expect(!copy.contains("Ana") && !copy.contains(ana) && copy.contains(#""operator":"Person 1""#), "the client's copy names nobody")
        let compare = team.run(as: "cleo", ["compare", "--journey", "retail-store-visit", "--format", "json"], program: journeywalkBinary)
        #expect(compare.status == 0 && compare.output.contains(#""author":"released""#) && !compare.output.contains("Ana"), "\(compare.output.prefix(400))")
        let report = team.run(as: "cleo", ["report", "--all", "--format", "text"], program: journeywalkBinary)
        #expect(report.status == 0 && report.output.contains("Retail store visit") && !report.output.contains("Ana"), "\(report.output.prefix(400))")
    }

    @Test func theDatabaseRefusesWhatARoleMayNotDoInTheReview() throws {
        guard let team = TestTeam(TestServer.required()) else { return }
        for (person, role) in [("ana", "shopper"), ("ben", "shopper"), ("rita", "reviewer"), ("cleo", "client")] {
            guard team.addMember(person, role: role) else { return }
        }
        guard let walk = team.walk("ana") else { return }
        let walkID = URL(fileURLWithPath: walk).deletingPathExtension().lastPathComponent
        let ana = team.name("ana")
        #expect(team.run(as: "ana", ["submit", walkID], password: team.password("ana"), program: journeywalkBinary).status == 0)
        func psql(_ person: String, _ sql: String) -> (status: Int32, output: String) {
            team.server.psql(sql, as: team.name(person), password: team.password(person), database: team.database)
        }
        let approve = "SELECT journeywalk.review('\(ana)', '\(walkID)', 'approve', NULL, NULL, 'fine', NULL, 10)"
        // A shopper approving their own walk, and writing an event directly.
        let own = psql("ana", approve)
        #expect(own.status != 0 && own.output.contains("permission denied: only a reviewer or an admin reviews walks"), "\(own.output)")
        let direct = psql("ana", "INSERT INTO journeywalk.review_events (owner, walk_id, revision, kind, by, change) VALUES ('\(ana)', '\(walkID)', 1, 'approve', '\(ana)', 1)")
        #expect(direct.status != 0 && direct.output.contains("permission denied for table review_events"), "\(direct.output)")
        let state = psql("ana", "UPDATE journeywalk.walks SET state = 'approved' WHERE walk_id = '\(walkID)'")
        #expect(state.status != 0 && state.output.contains("permission denied"), "\(state.output)")
        // A shopper reads the events of their own walks only.
        #expect(psql("ana", "SELECT count(*) FROM journeywalk.review_events").output == "1\n")
        #expect(psql("ben", "SELECT count(*) FROM journeywalk.review_events").output == "0\n")
        // A client reads nothing of the walk and no event; no copy before a release.
        #expect(psql("cleo", "SELECT count(*) FROM journeywalk.review_events").output == "0\n")
        #expect(psql("cleo", "SELECT count(*) FROM journeywalk.client_copies").output == "0\n")
        #expect(psql("cleo", "SELECT count(*) FROM journeywalk.walks").output == "0\n")
        let clientReview = psql("cleo", approve)
        #expect(clientReview.status != 0 && clientReview.output.contains("permission denied"), "\(clientReview.output)")
        // A reviewer may not change the shopper's records, nor skip the states.
        let line = #"{"type":"note","at":"2026-12-06T10:00:00.000Z","touchpoint":"arrival","text":"planted by the reviewer"}"#
        let planted = psql("rita", "INSERT INTO journeywalk.records (owner, walk_id, seq, hash, line, change) VALUES ('\(ana)', '\(walkID)', 99, encode(sha256(convert_to('\(line)', 'UTF8')), 'hex'), convert_to('\(line)', 'UTF8'), 1)")
        #expect(planted.status != 0 && planted.output.contains("permission denied for table records"), "\(planted.output)")
        let rewrite = psql("rita", "UPDATE journeywalk.records SET line = convert_to('{}', 'UTF8') WHERE walk_id = '\(walkID)'")
        #expect(rewrite.status != 0 && rewrite.output.contains("permission denied"), "\(rewrite.output)")
        let release = psql("rita", "SELECT journeywalk.release_walk('\(ana)', '\(walkID)', 1, 'x1', convert_to('{}', 'UTF8'), '{}')")
        #expect(release.status != 0 && release.output.contains("is submitted: only an approved walk is released"), "\(release.output)")
        let noGrade = psql("rita", "SELECT journeywalk.review('\(ana)', '\(walkID)', 'approve', NULL, NULL, NULL, NULL, NULL)")
        #expect(noGrade.status != 0 && noGrade.output.contains("an approval needs a grade from 1 to 10"), "\(noGrade.output)")
        let badGrade = psql("rita", "SELECT journeywalk.review('\(ana)', '\(walkID)', 'approve', NULL, NULL, NULL, NULL, 11)")
        #expect(badGrade.status != 0 && badGrade.output.contains("review_events_grade_check"), "\(badGrade.output)")
        let pastDue = psql("rita", "SELECT journeywalk.review('\(ana)', '\(walkID)', 'return', NULL, NULL, NULL, now() - interval '1 hour', NULL)")
        #expect(pastDue.status != 0 && pastDue.output.contains("a return needs a due time after now"), "\(pastDue.output)")
        #expect(psql("rita", approve).status == 0)
        // Once approved, the shopper cannot slip in a correction: records after a submission need a return.
        let correction = team.run(as: "ana", ["push", walkID], password: team.password("ana"))
        #expect(correction.status == 0, "nothing new to push: \(correction.output)")
        let sneaked = psql("ana", """
            SELECT journeywalk.append_records('\(walkID)', 'retail-store-visit', 'Retail store visit', 'Ana', 'Main Street', NULL, now(), 3,
              (SELECT records FROM journeywalk.walks WHERE walk_id = '\(walkID)'), ARRAY[(SELECT records + 1 FROM journeywalk.walks WHERE walk_id = '\(walkID)')],
              ARRAY[(SELECT head FROM journeywalk.walks WHERE walk_id = '\(walkID)')], ARRAY[encode(sha256(convert_to('{"type":"note"}', 'UTF8')), 'hex')],
              ARRAY[convert_to('{"type":"note"}', 'UTF8')], '{}', NULL)
            """)
        #expect(sneaked.status != 0 && sneaked.output.contains("is approved: a submitted walk takes corrections only after a reviewer returns it"), "\(sneaked.output)")
        #expect(team.sql("SELECT count(*) FROM journeywalk.review_events WHERE walk_id = '\(walkID)'") == "2")
    }

    @Test func aTeamMadeByTheFirstSchemaIsUpgradedWithItsSubmissionsAsEvents() throws {
        guard let team = TestTeam(TestServer.required(), schemaVersion: 1) else { return }
        #expect(team.sql("SELECT max(version) FROM journeywalk.migrations") == "1")
        // A member on a team of the first schema, added as the journeywalk of that schema added
        // members (the members table is the same; the schema's number is lent meanwhile), and a
        // walk submitted on their machine and pushed as that journeywalk pushed walks: through
        // migration 1's append_records, as the member.
        team.sql("INSERT INTO journeywalk.migrations (version, name) SELECT v, 'lent' FROM generate_series(2, \(teamSchemaVersion)) AS v")
        guard team.addMember("ana", role: "shopper"), let walk = team.walk("ana") else { return }
        team.sql("DELETE FROM journeywalk.migrations WHERE version > 1")
        let walkID = URL(fileURLWithPath: walk).deletingPathExtension().lastPathComponent
        let conf = team.home("ana") + "/team.conf"
        try FileManager.default.moveItem(atPath: conf, toPath: conf + ".away")
        #expect(team.run(as: "ana", ["submit", walkID], program: journeywalkBinary).status == 0)
        try FileManager.default.moveItem(atPath: conf + ".away", toPath: conf)
        let pushed = team.server.psql(try TestTeam.schemaOnePush(walkFile: walk), as: team.name("ana"), password: team.password("ana"), database: team.database)
        #expect(pushed.status == 0, "\(pushed.output)")
        let refused = team.run(as: "ana", ["pull"], password: team.password("ana"))
        #expect(refused.status == 1 && refused.output.contains("the team's schema is version 1, older than this journeywalk's (\(teamSchemaVersion)): the database's owner runs journeywalk team init"), "\(refused.output)")
        #expect(team.sql("SELECT submitted FROM journeywalk.walks WHERE walk_id = '\(walkID)'") == "t")
        let upgrade = team.run(as: "owner", ["team", "init"], password: team.ownerPassword)
        #expect(upgrade.status == 0 && upgrade.output.contains("The team's schema is at version \(teamSchemaVersion) (was 1)"), "\(upgrade.output)")
        #expect(team.sql("SELECT state || ' ' || revision FROM journeywalk.walks WHERE walk_id = '\(walkID)'") == "submitted 1")
        #expect(team.sql("SELECT kind || ' ' || by || ' ' || revision FROM journeywalk.review_events WHERE walk_id = '\(walkID)'") == "submit \(team.name("ana")) 1")
        let list = team.run(as: "owner", ["queue", "list", "--format", "json"], password: team.ownerPassword)
        #expect(list.output.contains(#""state":"submitted""#), "an admin sees it in the queue: \(list.output)")
        // After the upgrade, a walk submitted with this journeywalk goes through the newest schema's push.
        guard let second = team.walk("ana", location: "High Street") else { return }
        let secondID = URL(fileURLWithPath: second).deletingPathExtension().lastPathComponent
        #expect(team.run(as: "ana", ["submit", secondID], password: team.password("ana"), program: journeywalkBinary).status == 0)
        let secondText = try String(contentsOfFile: second, encoding: .utf8)
        #expect(team.serverLines(secondID, of: "ana") == secondText)
        #expect(team.sql("SELECT state || ' ' || revision || ' ' || records || ' ' || submitted FROM journeywalk.walks WHERE walk_id = '\(secondID)'")
                == "submitted 1 \(secondText.split(separator: "\n").count) true")
        #expect(team.sql("SELECT string_agg(kind || ' ' || revision, ',' ORDER BY id) FROM journeywalk.review_events WHERE owner = '\(team.name("ana"))'") == "submit 1,submit 1")
    }
}
