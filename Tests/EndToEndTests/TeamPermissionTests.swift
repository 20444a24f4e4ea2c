import Foundation
import Testing

/// The role table of SPEC 8.1, as the database enforces it: each member connects with psql and their
/// own password and tries what journeywalk would never ask of them.
@Suite(.serialized) struct TeamPermissionTests {
    @Test func theDatabaseEnforcesEachRole() throws {
        guard let team = TestTeam(TestServer.required()) else { return }
        for (person, role) in [("ana", "shopper"), ("ben", "shopper"), ("lee", "leader"), ("rita", "reviewer"), ("cleo", "client"), ("tom", "trainer")] {
            guard team.addMember(person, role: role) else { return }
        }
        guard let anaWalk = team.walk("ana"), let benWalk = team.walk("ben") else { return }
        let anaID = URL(fileURLWithPath: anaWalk).deletingPathExtension().lastPathComponent
        let benID = URL(fileURLWithPath: benWalk).deletingPathExtension().lastPathComponent
        #expect(team.run(as: "ana", ["push", anaID], password: team.password("ana")).status == 0)
        #expect(team.run(as: "ben", ["push", benID], password: team.password("ben")).status == 0)

        func psql(_ person: String, _ sql: String) -> (status: Int32, output: String) {
            team.server.psql(sql, as: team.name(person), password: team.password(person), database: team.database)
        }
        // Ana and Ben started the same journey within a second or two: their walk ids may be the same,
        // and they are still two walks (a walk is its walker's and its id).
        let count = "SELECT count(*) FROM journeywalk.records WHERE owner = '\(team.name("ben"))' AND walk_id = '\(benID)'"

        // A shopper selecting another shopper's walk gets no rows; their own, all of them.
        #expect(psql("ana", count).output == "0\n")
        #expect(psql("ana", "SELECT count(*) FROM journeywalk.walks").output == "1\n")
        #expect(psql("ben", count).output == "12\n")
        // Inserting a record into another's walk is refused, and so is changing one's own.
        let line = #"{"type":"note","at":"2026-12-06T10:00:00.000Z","touchpoint":"greeting","text":"planted"}"#
        let planted = psql("ana", """
            INSERT INTO journeywalk.records (walk_id, seq, prev, hash, line, change)
            SELECT '\(benID)', 13, head, encode(sha256(convert_to('\(line)', 'UTF8')), 'hex'), convert_to('\(line)', 'UTF8'), 99 FROM journeywalk.walks WHERE walk_id = '\(benID)'
            """)
        #expect(planted.status == 0, "no row of Ben's walk is even visible to Ana, so nothing is inserted: \(planted.output)")
        #expect(team.sql(count) == "12")
        let direct = psql("ana", """
            INSERT INTO journeywalk.records (owner, walk_id, seq, prev, hash, line, change)
            VALUES ('\(team.name("ben"))', '\(benID)', 13, NULL, encode(sha256(convert_to('x', 'UTF8')), 'hex'), convert_to('x', 'UTF8'), 99)
            """)
        #expect(direct.status != 0 && direct.output.contains("permission denied"), "\(direct.output)")
        #expect(team.sql(count) == "12")
        let rewrite = psql("ana", "UPDATE journeywalk.records SET line = convert_to('{}', 'UTF8') WHERE walk_id = '\(anaID)'")
        #expect(rewrite.status != 0 && rewrite.output.contains("permission denied"), "\(rewrite.output)")
        let erase = psql("ana", "DELETE FROM journeywalk.records WHERE walk_id = '\(anaID)'")
        #expect(erase.status != 0 && erase.output.contains("permission denied"), "\(erase.output)")
        let promote = psql("ana", "UPDATE journeywalk.members SET role = 'admin' WHERE name = current_user")
        #expect(promote.status == 0, "Ana sees her own row but may not change it: \(promote.output)")
        #expect(team.sql("SELECT role FROM journeywalk.members WHERE name = '\(team.name("ana"))'") == "shopper")
        #expect(psql("ana", "SELECT journeywalk.member_role()").output == "shopper\n")
        // A pushed walk is pushed only by its walker: Ana cannot add a walk in Ben's name.
        let impersonate = psql("ana", "INSERT INTO journeywalk.walks (walk_id, owner, journey_id, journey_title, operator, location, started, format) VALUES ('x1', '\(team.name("ben"))', 'j', 'J', 'Ben', 'L', now(), 3)")
        #expect(impersonate.status != 0 && impersonate.output.contains("permission denied for table walks"), "\(impersonate.output)")
        // Nor a walk the review has approved and graded, nor a record stamped with a time of her choosing.
        let approved = psql("ana", "INSERT INTO journeywalk.walks (walk_id, journey_id, journey_title, operator, location, started, format, submitted, state, grade) VALUES ('x2', 'j', 'J', 'Ana', 'L', now(), 3, true, 'approved', 10)")
        #expect(approved.status != 0 && approved.output.contains("permission denied for table walks"), "\(approved.output)")
        let stamped = psql("ana", """
            INSERT INTO journeywalk.records (walk_id, seq, prev, hash, line, change, pushed_at)
            SELECT '\(anaID)', records + 1, head, encode(sha256(convert_to('\(line)', 'UTF8')), 'hex'), convert_to('\(line)', 'UTF8'), 99, now() - interval '1 year' FROM journeywalk.walks WHERE walk_id = '\(anaID)'
            """)
        #expect(stamped.status != 0 && stamped.output.contains("permission denied for table records"), "\(stamped.output)")
        // The team's owner owns the tables (row security does not bind a table's owner), and still
        // adds no record to a member's walk: the push trigger refuses it.
        let ownerPlant = team.server.psql("""
            INSERT INTO journeywalk.records (owner, walk_id, seq, prev, hash, line, change)
            SELECT owner, walk_id, records + 1, head, encode(sha256(convert_to('\(line)', 'UTF8')), 'hex'), convert_to('\(line)', 'UTF8'), 99 FROM journeywalk.walks WHERE walk_id = '\(anaID)' AND owner = '\(team.name("ana"))'
            """, as: team.owner, password: team.ownerPassword, database: team.database)
        #expect(ownerPlant.status != 0 && ownerPlant.output.contains("may add records only to walks of their own"), "\(ownerPlant.output)")
        // Nor records of a walk that is not on the server, nor a walk without the records it has.
        let orphan = team.server.psql("""
            INSERT INTO journeywalk.records (owner, walk_id, seq, prev, hash, line, change)
            VALUES ('\(team.name("ana"))', 'no-such-walk', 1, NULL, encode(sha256(convert_to('\(line)', 'UTF8')), 'hex'), convert_to('\(line)', 'UTF8'), 99)
            """, as: team.owner, password: team.ownerPassword, database: team.database)
        #expect(orphan.status != 0 && orphan.output.contains("walk no-such-walk of \(team.name("ana")) is not on the server: records come with their walk"), "\(orphan.output)")
        let orphanByMember = psql("ana", "INSERT INTO journeywalk.records (walk_id, seq, prev, hash, line, change) VALUES ('no-such-walk', 1, NULL, encode(sha256(convert_to('\(line)', 'UTF8')), 'hex'), convert_to('\(line)', 'UTF8'), 99)")
        #expect(orphanByMember.status != 0 && orphanByMember.output.contains("is not on the server: records come with their walk"), "\(orphanByMember.output)")
        let removed = team.server.psql("DELETE FROM journeywalk.walks WHERE walk_id = '\(anaID)'", as: team.owner, password: team.ownerPassword, database: team.database)
        #expect(removed.status != 0 && removed.output.contains("has records on the server: it is neither removed nor renamed"), "\(removed.output)")
        let renamed = team.server.psql("UPDATE journeywalk.walks SET walk_id = 'other' WHERE walk_id = '\(anaID)'", as: team.owner, password: team.ownerPassword, database: team.database)
        #expect(renamed.status != 0 && renamed.output.contains("has records on the server"), "\(renamed.output)")
        #expect(team.sql("SELECT count(*) FROM journeywalk.records WHERE walk_id = 'no-such-walk'") == "0")
        #expect(team.sql("SELECT count(*) = max(w.records) FROM journeywalk.records r JOIN journeywalk.walks w USING (owner, walk_id) WHERE owner = '\(team.name("ana"))'") == "t")

        // A leader reads every walk of the team.
        #expect(psql("lee", "SELECT count(*) FROM journeywalk.walks").output == "2\n")
        #expect(psql("lee", count).output == "12\n")
        // A reviewer reads submitted walks only: none is submitted yet.
        #expect(psql("rita", "SELECT count(*) FROM journeywalk.walks").output == "0\n")
        // A client reads nothing until a release exists, and writes nothing.
        #expect(psql("cleo", "SELECT count(*) FROM journeywalk.walks").output == "0\n")
        #expect(psql("cleo", "SELECT count(*) FROM journeywalk.records").output == "0\n")
        let clientPush = psql("cleo", "SELECT journeywalk.next_change()")
        #expect(clientPush.status != 0 && clientPush.output.contains("may not push"), "\(clientPush.output)")
        // The counter and the members are not the members' to change.
        let counter = psql("ana", "UPDATE journeywalk.change_counter SET last = 0")
        #expect(counter.status != 0 && counter.output.contains("permission denied"), "\(counter.output)")
        // Nobody outside the team reads anything: a login of the same server that is not a member.
        team.server.superuserSQL("CREATE ROLE \(team.name("eve")) LOGIN PASSWORD 'eve-password-1'")
        let outsider = psql("eve", "SELECT count(*) FROM journeywalk.walks")
        #expect(outsider.status != 0 && outsider.output.contains("permission denied for schema journeywalk"), "\(outsider.output)")

        // Once Ben submits (a submit record pushed), the reviewer sees his walk, and only his.
        let submit = team.run(as: "ben", ["submit", benID], password: team.password("ben"), program: journeywalkBinary)
        #expect(submit.status == 0, "\(submit.output)")
        #expect(submit.output.contains("\(benID): sent 1 record (12 already there)"), "submit pushes: \(submit.output)")
        #expect(psql("rita", "SELECT walk_id FROM journeywalk.walks").output == benID + "\n")
        #expect(psql("rita", count).output == "13\n")
    }
}
