import Foundation
import Testing

/// Waves of visits (SPEC 8.4) end to end on the real server: assigning with rotation, what each role
/// sees (psql), the shopper's pulled assignments offline and on the home screen, a walk started from
/// one carrying its id, and the reviewer's check of its window.
@Suite(.serialized) struct TeamAssignmentTests {
    @Test func anAssignmentIsWalkedOfflineAndItsWindowIsChecked() throws {
        guard let team = TestTeam(TestServer.required()) else { return }
        for (person, role) in [("ana", "shopper"), ("ben", "shopper"), ("rita", "reviewer")] {
            guard team.addMember(person, role: role) else { return }
        }
        let ana = team.name("ana")
        func owner(_ arguments: [String]) -> (status: Int32, output: String) { team.run(as: "owner", arguments, password: team.ownerPassword) }
        let first = owner(["assign", "retail-store-visit", "--to", ana, "--location", "High Street 12", "--due", "+3d", "--window", "18:00-21:00"])
        #expect(first.status == 0 && first.output.hasPrefix("Assignment ") && first.output.contains("for \(ana) at High Street 12"), "\(first.output)")
        let id = team.sql("SELECT max(id) FROM journeywalk.assignments")
        // Rotation: the same shopper at the same place within the team's 60 days is refused, naming the earlier assignment.
        let again = owner(["assign", "retail-store-visit", "--to", ana, "--location", " high street 12 ", "--due", "+10d"])
        #expect(again.status == 1 && again.output.contains("within the team's rotation of 60 days: assignment \(id) due "), "\(again.output)")
        #expect(again.output.contains("--force assigns anyway"))
        let forced = owner(["assign", "retail-store-visit", "--to", ana, "--location", "High Street 12", "--due", "+10d", "--force", "--reason", "the only shopper in town"])
        #expect(forced.status == 0, "\(forced.output)")
        #expect(team.sql("SELECT forced FROM journeywalk.assignments WHERE id > \(id)") == "the only shopper in town (rotation: assignment \(id) due \(team.sql("SELECT due FROM journeywalk.assignments WHERE id = \(id)")))")
        #expect(owner(["assign", "retail-store-visit", "--to", team.name("ben"), "--location", "Market Square", "--due", "+5d"]).status == 0)
        #expect(owner(["assign", "retail-store-visit", "--to", team.name("rita"), "--location", "Market Square", "--due", "+5d"]).output.contains("is not a member who walks (reviewer)"))

        // What each role reads and may do, as the database says.
        func psql(_ person: String, _ sql: String) -> (status: Int32, output: String) {
            team.server.psql(sql, as: team.name(person), password: team.password(person), database: team.database)
        }
        #expect(psql("ana", "SELECT count(*) FROM journeywalk.assignments").output == "2\n", "a shopper sees only theirs")
        #expect(psql("ben", "SELECT count(*) FROM journeywalk.assignments").output == "1\n")
        #expect(psql("rita", "SELECT count(*) FROM journeywalk.assignments").output == "3\n")
        let selfAssigned = psql("ana", "SELECT journeywalk.assign('j', 'J', 'fnv1a64-0', '', '\(ana)', 'Anywhere', current_date + 1, NULL, NULL, NULL, NULL)")
        #expect(selfAssigned.status != 0 && selfAssigned.output.contains("only an admin or a reviewer assigns visits"), "\(selfAssigned.output)")
        let moved = psql("ana", "UPDATE journeywalk.assignments SET due = current_date + 300")
        #expect(moved.status != 0 && moved.output.contains("permission denied"), "\(moved.output)")
        let list = team.run(as: "ana", ["assignments", "--format", "json"], password: team.password("ana"))
        #expect(list.output.contains(#""location":"High Street 12","due":"#) && !list.output.contains("Market Square"), "\(list.output)")

        // The shopper pulls: the assignments and their journey, then works offline.
        let pull = team.run(as: "ana", ["pull"], password: team.password("ana"), program: journeywalkBinary)
        #expect(pull.output.contains("2 open assignments for you"), "\(pull.output)")
        let conf = team.home("ana") + "/team.conf"
        let online = try String(contentsOfFile: conf, encoding: .utf8)
        try online.replacingOccurrences(of: ":\(team.server.port)/", with: ":\(freeTCPPort())/").write(toFile: conf, atomically: true, encoding: .utf8)
        let offline = team.run(as: "ana", ["assignments", "--mine"], password: team.password("ana"), program: journeywalkBinary)
        #expect(offline.status == 0 && offline.output.contains("the assignments of the last pull") && offline.output.contains("High Street 12"), "\(offline.output)")
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("env HOME=\(team.root) TZ=UTC \(journeywalkBinary) --data-dir \(team.home("ana"))")
        let home = tmux.waitFor("Your assignments")
        #expect(home.found && home.screen.contains("Retail store visit · High Street 12") && home.screen.contains("18:00-21:00 · #\(id)"), "\(home.screen)")
        tmux.send("q")
        // Walked offline, entered afterwards at 17:00 yesterday: before the window.
        let script = team.root + "/assigned.txt"
        FileManager.default.createFile(atPath: script, contents: Data("m\nm\nm\nm\nm\nm\nm\nm\nm\nfinish\n".utf8))
        let yesterday = TeamQueueScreenTests.day(before: 1)
        let walked = team.run(as: "ana", ["walk", "--assignment", id, "--at", "\(yesterday) 17:00", "--operator", "Ana", "--plain"], program: journeywalkBinary, stdin: script)
        #expect(walked.status == 0, "\(walked.output)")
        guard let walk = team.walkFiles("ana").first else {
            Issue.record("the assigned walk was not saved: \(walked.output)")
            return
        }
        let walkID = URL(fileURLWithPath: walk).deletingPathExtension().lastPathComponent
        let header = try String(contentsOfFile: walk, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains(#""location":"High Street 12""#) && header.contains(#""assignment":{"id":\#(id),"window":"18:00-21:00","due":""#), "\(header)")
        try online.write(toFile: conf, atomically: true, encoding: .utf8)
        #expect(team.run(as: "ana", ["submit", walkID], password: team.password("ana"), program: journeywalkBinary).status == 0)
        #expect(team.sql("SELECT assignment FROM journeywalk.walks WHERE owner = '\(ana)' AND walk_id = '\(walkID)'") == id)
        let show = team.run(as: "rita", ["queue", "show", "\(ana)/\(walkID)"], password: team.password("rita"))
        #expect(show.output.contains("stated 17:00") && show.output.contains("before the assignment window 18:00–21:00"), "\(show.output)")
        let status = owner(["assignments"])
        #expect(status.output.contains("walked: submitted") && status.output.contains("(forced)"), "\(status.output)")

        // A cancelled assignment leaves the shopper's list at the next pull.
        let other = team.sql("SELECT max(id) FROM journeywalk.assignments WHERE shopper = '\(ana)'")
        #expect(owner(["assignments", "cancel", other]).output == "Cancelled assignment \(other)\n")
        #expect(owner(["assignments", "cancel", other]).output.contains("no assignment \(other) to cancel"))
        #expect(team.run(as: "ana", ["pull"], password: team.password("ana"), program: journeywalkBinary).status == 0)
        let after = try String(contentsOfFile: team.home("ana") + "/team/assignments.jsonl", encoding: .utf8)
        #expect(after.isEmpty, "the walked and the cancelled assignment are no longer offered: \(after)")
    }

    @Test func aWaveIsCalibratedFromItsWalks() throws {
        guard let team = TestTeam(TestServer.required()) else { return }
        for (person, role) in [("ana", "shopper"), ("ben", "shopper"), ("lee", "leader")] {
            guard team.addMember(person, role: role) else { return }
        }
        for (person, place) in [("ana", "North"), ("ben", "South")] {
            let made = team.run(as: "owner", ["assign", "retail-store-visit", "--to", team.name(person), "--location", place, "--due", "+2d", "--wave", "December A"],
                                password: team.ownerPassword)
            #expect(made.status == 0, "\(made.output)")
            #expect(team.run(as: person, ["pull"], password: team.password(person), program: journeywalkBinary).status == 0)
        }
        // Ana and Ben judge the first touchpoint differently and agree on the rest.
        for (person, first) in [("ana", "m"), ("ben", "x")] {
            let id = team.sql("SELECT id FROM journeywalk.assignments WHERE shopper = '\(team.name(person))'")
            let script = team.root + "/\(person)-wave.txt"
            FileManager.default.createFile(atPath: script, contents: Data((first + "\nm\nm\nm\nm\nm\nm\nm\nm\nfinish\n").utf8))
            let walked = team.run(as: person, ["walk", "--assignment", id, "--operator", person.capitalized, "--plain"], program: journeywalkBinary, stdin: script)
            #expect(walked.status == 0, "\(walked.output)")
            #expect(team.run(as: person, ["push", "--all"], password: team.password(person)).status == 0)
        }
        #expect(team.run(as: "lee", ["pull"], password: team.password("lee"), program: journeywalkBinary).status == 0)
        let agreement = team.run(as: "lee", ["compare", "--agreement", "--wave", "December A", "--format", "json"], program: journeywalkBinary)
        #expect(agreement.status == 0 && agreement.output.contains(#""walks":2"#), "\(agreement.output.prefix(600))")
        #expect(agreement.output.contains(#"{"touchpoint":"find-opening-hours","magic":1,"neutral":0,"misery":1,"agreement":0.0,"title":"Find opening hours online"}"#), "\(agreement.output.prefix(900))")
        let none = team.run(as: "lee", ["compare", "--agreement", "--wave", "no such wave"], program: journeywalkBinary)
        #expect(none.status == 1 && none.output.contains("no walk of the wave `no such wave`"), "\(none.output)")
    }
}
