import Foundation
import Synchronization
import Testing

/// The team store end to end (SPEC 8.1–8.2): the real binaries against the real PostgreSQL server of
/// the test run, asserting on the screen's words, the files and the database.
@Suite(.serialized) struct TeamEndToEndTests {
    @Test func initIsIdempotentAndASchemaNewerThanTheBinaryIsRefused() throws {
        guard let team = TestTeam(TestServer.required()) else { return }
        let again = team.run(as: "owner", ["team", "init", "--url", team.url(team.owner)], password: team.ownerPassword)
        #expect(again.status == 0)
        #expect(again.output.contains("already at version \(teamSchemaVersion); nothing changed"))
        #expect(team.sql("SELECT count(*) FROM journeywalk.migrations") == "\(teamSchemaVersion)")
        #expect(team.sql("SELECT count(*) FROM journeywalk.members") == "1", "the owner is the first admin, once")

        team.server.superuserSQL("INSERT INTO journeywalk.migrations (version, name) VALUES (\(teamSchemaVersion + 1), 'from a newer journeywalk')", database: team.database)
        let newer = team.run(as: "owner", ["team", "init", "--url", team.url(team.owner)], password: team.ownerPassword)
        #expect(newer.status == 1)
        #expect(newer.output == "journeywalk: the team's schema is version \(teamSchemaVersion + 1), newer than this journeywalk knows (\(teamSchemaVersion)): upgrade journeywalk; nothing was changed\n")
        #expect(team.sql("SELECT count(*) FROM journeywalk.migrations") == "\(teamSchemaVersion + 1)")
        let file = team.root + "/ana.password"
        FileManager.default.createFile(atPath: file, contents: Data("ana-password-1\n".utf8))
        let add = team.run(as: "owner", ["team", "member", "add", team.name("ana"), "--role", "shopper", "--password-file", file], password: team.ownerPassword)
        #expect(add.status == 1 && add.output.contains("newer than this journeywalk knows (\(teamSchemaVersion)): upgrade journeywalk"), "every other command refuses it too")
    }

    @Test func membersAreLoginRolesAndNoPasswordIsKept() throws {
        guard let team = TestTeam(TestServer.required()), team.addMember("ana", role: "shopper") else { return }
        let ana = team.name("ana")
        #expect(team.server.psql("SELECT current_user", as: ana, password: team.password("ana"), database: team.database).output == ana + "\n")
        let wrong = team.server.psql("SELECT 1", as: ana, password: "not-her-password", database: team.database)
        #expect(wrong.status != 0)
        #expect(team.sql("SELECT rolpassword LIKE 'SCRAM-SHA-256$4096:%' FROM pg_authid WHERE rolname = '\(ana)'") == "t")
        let conf = try String(contentsOfFile: team.home("ana") + "/team.conf", encoding: .utf8)
        #expect(!conf.contains(team.password("ana")))
        var info = stat()
        stat(team.home("ana") + "/team.conf", &info)
        #expect(info.st_mode & 0o777 == 0o600)

        let list = team.run(as: "owner", ["team", "member", "list", "--format", "json"], password: team.ownerPassword)
        #expect(list.output.contains(#"{"name":"\#(ana)","role":"shopper""#))
        let status = team.run(as: "ana", ["team", "status"], password: team.password("ana"))
        #expect(status.status == 0)
        #expect(status.output.contains("member       \(ana) (shopper)"))
        #expect(status.output.contains("schema       version \(teamSchemaVersion)"))

        #expect(team.run(as: "owner", ["team", "member", "remove", ana], password: team.ownerPassword).status == 0)
        let after = team.server.psql("SELECT count(*) FROM journeywalk.walks", as: ana, password: team.password("ana"), database: team.database)
        #expect(after.status != 0 && after.output.contains("permission denied"), "a removed member reads nothing: \(after.output)")
    }

    @Test func twoShoppersAndALeaderShareWalksThroughOneServer() throws {
        guard let team = TestTeam(TestServer.required()), team.addMember("ana", role: "shopper"), team.addMember("ben", role: "shopper"),
              team.addMember("lee", role: "leader") else { return }
        guard let anaWalk = team.walk("ana"), let benWalk = team.walk("ben", location: "High Street"), let leeWalk = team.walk("lee") else { return }
        let anaID = URL(fileURLWithPath: anaWalk).deletingPathExtension().lastPathComponent
        let benID = URL(fileURLWithPath: benWalk).deletingPathExtension().lastPathComponent
        let leeID = URL(fileURLWithPath: leeWalk).deletingPathExtension().lastPathComponent
        let anaBytes = try Data(contentsOf: URL(fileURLWithPath: anaWalk))

        let pushed = team.run(as: "ana", ["push", "--all"], password: team.password("ana"))
        #expect(pushed.status == 0)
        #expect(pushed.output.contains("\(anaID): sent 12 records"))
        #expect(team.serverLines(anaID, of: "ana") == String(decoding: anaBytes, as: UTF8.self), "the server holds the file's records, byte for byte")
        let again = team.run(as: "ana", ["push", anaID], password: team.password("ana"))
        #expect(again.output.contains("\(anaID): already on the server (12 records)"))
        #expect(team.sql("SELECT count(*) FROM journeywalk.records WHERE walk_id = '\(anaID)'") == "12", "a second push adds nothing")
        #expect(team.run(as: "ben", ["push", "--all"], password: team.password("ben")).status == 0)
        #expect(team.run(as: "lee", ["push", "--all"], password: team.password("lee")).status == 0)

        // The leader reads every walk of the team; a shopper reads none but their own.
        let leePull = team.run(as: "lee", ["pull"], password: team.password("lee"))
        #expect(leePull.status == 0)
        #expect(leePull.output.contains("Pulled 24 records of 2 walks"), "\(leePull.output)")
        let anaCopy = team.home("lee") + "/team/walks/\(team.name("ana"))/\(anaID).jsonl"
        #expect(FileManager.default.contents(atPath: anaCopy) == anaBytes)
        #expect(FileManager.default.fileExists(atPath: team.home("lee") + "/team/walks/\(team.name("ben"))/\(benID).jsonl"))
        #expect(!FileManager.default.fileExists(atPath: team.home("lee") + "/team/walks/\(team.name("lee"))"), "the leader's own walk is not copied")
        var info = stat()
        stat(anaCopy, &info)
        #expect(info.st_mode & 0o777 == 0o400, "a pulled copy is read-only")
        let nothing = team.run(as: "lee", ["pull"], password: team.password("lee"))
        #expect(nothing.output.contains("Nothing new on the team server"))

        let anaPull = team.run(as: "ana", ["pull"], password: team.password("ana"))
        #expect(anaPull.output.contains("Nothing new"), "a shopper never receives another shopper's walk: \(anaPull.output)")
        #expect(!FileManager.default.fileExists(atPath: team.home("ana") + "/team/walks/\(team.name("ben"))"))

        // Ana corrects her walk (a note appended after the push): the next push sends just that.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: anaWalk))
        try handle.seekToEnd()
        let last = try #require(String(decoding: anaBytes, as: UTF8.self).split(separator: "\n").last)
        let hash = sha256Hex(Array(last.utf8))
        try handle.write(contentsOf: Data(#"{"type":"note","at":"2026-12-06T10:00:00.000Z","touchpoint":"greeting","text":"added later","seq":13,"prev":"\#(hash)"}"#.utf8 + [0x0A]))
        try handle.close()
        let more = team.run(as: "ana", ["push", anaID], password: team.password("ana"))
        #expect(more.output.contains("\(anaID): sent 1 record (12 already there)"), "\(more.output)")
        let grown = team.run(as: "lee", ["pull"], password: team.password("lee"))
        #expect(grown.output.contains("Pulled 1 record of 1 walk"), "\(grown.output)")
        #expect(FileManager.default.contents(atPath: anaCopy) == FileManager.default.contents(atPath: anaWalk))
        _ = leeID
    }

    @Test func aLargeJourneysSharedCopyTravelsWithItsWalk() throws {
        guard let team = TestTeam(TestServer.required()), team.addMember("ana", role: "shopper"), team.addMember("lee", role: "leader") else { return }
        // 300 touchpoints: over 32 KB, so the walk's header names a shared copy instead of carrying it.
        var yaml = "id: big-visit\ntitle: Big visit\nstages:\n"
        for stage in 0..<3 {
            yaml += "  - name: Stage \(stage)\n    touchpoints:\n"
            for touchpoint in 0..<100 {
                yaml += "      - id: tp-\(stage)-\(touchpoint)\n        title: Touchpoint \(stage)-\(touchpoint) with a longer title\n"
                yaml += "        prompt: Look at what happens here and write down how it felt, number \(touchpoint).\n"
            }
        }
        try FileManager.default.createDirectory(atPath: team.home("ana") + "/journeys", withIntermediateDirectories: true)
        try yaml.write(toFile: team.home("ana") + "/journeys/big-visit.yaml", atomically: true, encoding: .utf8)
        let input = team.root + "/big.txt"
        FileManager.default.createFile(atPath: input, contents: Data("m\nx\n".utf8))
        team.run(as: "ana", ["walk", "big-visit", "--plain"], program: journeywalkBinary, stdin: input)
        guard let walk = team.walkFiles("ana").first else {
            Issue.record("the walk was not saved")
            return
        }
        let walkID = URL(fileURLWithPath: walk).deletingPathExtension().lastPathComponent
        #expect(try String(contentsOfFile: walk, encoding: .utf8).contains(#""copy":"fnv1a64-"#))
        #expect(team.run(as: "ana", ["push", walkID, "--drafts"], password: team.password("ana")).status == 0)
        #expect(team.sql("SELECT count(*) FROM journeywalk.journey_copies") == "1")
        #expect(team.run(as: "lee", ["pull"], password: team.password("lee")).status == 0)
        let copy = team.home("lee") + "/team/walks/\(team.name("ana"))/\(walkID).jsonl"
        let report = team.run(as: "lee", ["report", copy, "--format", "json"], program: journeywalkBinary)
        #expect(report.status == 0, "the pulled walk reads with its journey: \(report.output.prefix(300))")
        #expect(report.output.contains("Touchpoint 2-99 with a longer title"))
    }

    @Test func aDivergenceIsRefusedWithBothVersionsNamedAndNothingOverwritten() throws {
        guard let team = TestTeam(TestServer.required()), team.addMember("ana", role: "shopper"), let walk = team.walk("ana") else { return }
        let walkID = URL(fileURLWithPath: walk).deletingPathExtension().lastPathComponent
        #expect(team.run(as: "ana", ["push", walkID], password: team.password("ana")).status == 0)
        let pushed = team.serverLines(walkID, of: "ana")
        // Another copy of the walk: the same header, then other records (a file restored and walked again).
        let lines = try String(contentsOfFile: walk, encoding: .utf8).split(separator: "\n").map(String.init)
        let other = lines[0..<3].joined(separator: "\n") + "\n" + lines[3].replacingOccurrences(of: "\"misery\"", with: "\"magic\"") + "\n"
        try FileManager.default.removeItem(atPath: walk)
        FileManager.default.createFile(atPath: walk, contents: Data(other.utf8))
        let refused = team.run(as: "ana", ["push", walkID, "--drafts"], password: team.password("ana"))
        #expect(refused.status == 1)
        #expect(refused.output.contains("\(walkID): record 4 differs from the team server's: this machine has a verdict record of"), "\(refused.output)")
        #expect(refused.output.contains("the server has a verdict record of"))
        #expect(refused.output.contains("pushed by \(team.name("ana")) at"))
        #expect(refused.output.contains("nothing was sent or changed"))
        #expect(team.serverLines(walkID, of: "ana") == pushed, "the server's records are as they were")
        #expect(try String(contentsOfFile: walk, encoding: .utf8) == other, "and so is the file")
    }

    @Test func badInputGetsOneLineAndAnExitStatus() throws {
        guard let server = TestServer.required(), let team = TestTeam(server), team.addMember("ana", role: "shopper"),
              team.addMember("cleo", role: "client") else { return }
        func oneLine(_ result: (status: Int32, output: String), _ status: Int32, _ words: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(result.status == status, "\(result.output)", sourceLocation: sourceLocation)
            #expect(result.output.hasPrefix("journeywalk: ") && result.output.filter { $0 == "\n" }.count == 1, "\(result.output)", sourceLocation: sourceLocation)
            #expect(result.output.contains(words), "\(result.output)", sourceLocation: sourceLocation)
        }
        oneLine(team.run(as: "x", ["team", "connect", "postgres://ana@127.0.0.1:notaport/db"]), 1, "port that is not 1 to 65535")
        oneLine(team.run(as: "x", ["team", "connect", "postgres://ana:pw@127.0.0.1/db"]), 1, "never stores one")
        // A port nothing listens on, on this machine.
        let closed = freeTCPPort()
        oneLine(team.run(as: "x", ["team", "connect", "postgres://ana@127.0.0.1:\(closed)/db"], password: "x"), 75, "cannot reach the team server 127.0.0.1:\(closed)/db: connection refused")
        oneLine(team.run(as: "x", ["team", "connect", team.url(team.name("ana"))], password: "wrong-password"), 1, "refused the password of \(team.name("ana"))")
        // A database that is not a team.
        guard let bare = TestTeam(server, initialise: false) else { return }
        oneLine(bare.run(as: "owner", ["team", "status"], password: bare.ownerPassword), 1, "no team is configured")
        #expect(bare.run(as: "owner", ["team", "connect", bare.url(bare.owner)], password: bare.ownerPassword).status == 0)
        guard let walk = bare.walk("owner") else { return }
        oneLine(bare.run(as: "owner", ["push", walk], password: bare.ownerPassword), 1, "is not a journeywalk team (no journeywalk schema in it): its owner runs journeywalk team init")
        // A permission the database refuses: a client pushing a walk.
        guard let clientWalk = team.walk("cleo") else { return }
        let refused = team.run(as: "cleo", ["push", clientWalk], password: team.password("cleo"))
        #expect(refused.status == 1)
        #expect(refused.output.contains("refused: new row violates row-level security policy"), "\(refused.output)")
        #expect(team.sql("SELECT count(*) FROM journeywalk.walks") == "0")
        // A walk file damaged after it was pushed: verify says where.
        guard let anaWalk = team.walk("ana") else { return }
        #expect(team.run(as: "ana", ["push", anaWalk], password: team.password("ana")).status == 0)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: anaWalk)))
        let fifth = bytes.indices.filter { bytes[$0] == 0x0A }[3] + 11
        bytes[fifth] = bytes[fifth] == 0x61 ? 0x62 : 0x61
        try Data(bytes).write(to: URL(fileURLWithPath: anaWalk))
        let verify = team.run(as: "ana", ["verify", anaWalk], password: team.password("ana"))
        #expect(verify.status == 1)
        #expect(verify.output.contains("record 6: its prev is"), "\(verify.output)")
        #expect(verify.output.contains("record 5 differs from the team server's"), "\(verify.output)")
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on (bound, read and closed).
func freeTCPPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// SHA-256 hex, through the system's sha256sum (the tests check the product's own hashing against another's).
func sha256Hex(_ bytes: [UInt8]) -> String {
    let path = NSTemporaryDirectory() + "journeywalk-hash-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    defer { unlink(path) }
    return String(spawnAndWait(["sha256sum", path]).output.prefix(64))
}

/// The window every timestamp-based sync has: a push that took its number first but commits last.
/// Change numbers are handed out under a lock held until the pushing transaction commits, so a
/// pull never moves its cursor past a change that is not visible yet.
@Suite(.serialized) struct TeamOrderingTests {
    @Test func aPullNeverSkipsAPushThatCommitsLate() throws {
        guard let team = TestTeam(TestServer.required()), team.addMember("ana", role: "shopper"), team.addMember("ben", role: "shopper"),
              team.addMember("lee", role: "leader"), let anaWalk = team.walk("ana"), let benWalk = team.walk("ben", location: "High Street") else { return }
        // Ana's push takes a change number first and commits three seconds later, as a slow push on a
        // bad line would (written here with psql, one record of a walk of hers).
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = team.password("ana")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let line = #"{"type":"walk","walk":"slow-walk"}"#
        let slow = """
            BEGIN;
            INSERT INTO journeywalk.walks (walk_id, journey_id, journey_title, operator, location, started, format) VALUES ('slow-walk', 'j', 'J', 'Ana', 'L', now(), 3);
            INSERT INTO journeywalk.records (walk_id, seq, prev, hash, line, change)
              SELECT 'slow-walk', 1, NULL, encode(sha256(convert_to('\(line)', 'UTF8')), 'hex'), convert_to('\(line)', 'UTF8'), journeywalk.next_change();
            SELECT pg_sleep(3);
            COMMIT;
            """
        guard case .success(let pid) = spawnChild(
            ["psql", "-X", "-q", "-c", slow, "host=127.0.0.1 port=\(team.server.port) user=\(team.name("ana")) dbname=\(team.database)"],
            environment: environment, actions: &actions, defaulting: [SIGPIPE]) else { return }
        usleep(500_000)
        // Ben's push waits behind it; meanwhile the leader pulls and sees nothing of Ben's yet.
        let clock = ContinuousClock()
        let began = clock.now
        let benResult = Mutex<(status: Int32, output: String)?>(nil)
        let benPush = Thread {
            let result = team.run(as: "ben", ["push", "--all"], password: team.password("ben"))
            benResult.withLock { $0 = result }
        }
        benPush.start()
        usleep(500_000)
        let early = team.run(as: "lee", ["pull"], password: team.password("lee"))
        #expect(early.status == 0)
        #expect(!FileManager.default.fileExists(atPath: team.home("lee") + "/team/walks/\(team.name("ben"))"), "\(early.output)")
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        while benResult.withLock({ $0 == nil }), clock.now - began < .seconds(20) { usleep(50_000) }
        let pushed = benResult.withLock { $0 }
        #expect(pushed?.status == 0, "\(pushed?.output ?? "no answer")")
        #expect(clock.now - began > .seconds(1), "Ben's push waited for the earlier number to commit")
        // The next pull gets both: the cursor did not pass Ana's change, which committed after Ben's number was asked for.
        let later = team.run(as: "lee", ["pull"], password: team.password("lee"))
        #expect(later.output.contains("Pulled 13 records of 2 walks"), "\(later.output)")
        #expect(FileManager.default.contents(atPath: team.home("lee") + "/team/walks/\(team.name("ana"))/slow-walk.jsonl") == Data((line + "\n").utf8))
        let benID = URL(fileURLWithPath: benWalk).lastPathComponent
        #expect(FileManager.default.contents(atPath: team.home("lee") + "/team/walks/\(team.name("ben"))/\(benID)") == FileManager.default.contents(atPath: benWalk))
        _ = anaWalk
    }
}

extension TeamEndToEndTests {
    /// A push to a new team (no statistics yet, plans cached while its tables are empty) finds each
    /// walk by its key: schema 4 went through the index for the rotation rule, which led with the
    /// walk's owner too, and read the member's every walk for each walk pushed.
    @Test func aPushToANewTeamLooksEachWalkUpByItsKey() throws {
        guard let team = TestTeam(TestServer.required()), team.addMember("ana", role: "shopper") else { return }
        let made = spawnAndWait(["python3", repositoryRoot + "/bench/make-walks.py", "--count", "300", "--home", team.home("ana"), "--format", "3", "--submitted", "--seed", "5"])
        #expect(made.status == 0, "\(made.output)")
        let push = team.run(as: "ana", ["push", "--all"], password: team.password("ana"))
        #expect(push.status == 0, "\(push.output.suffix(400))")
        #expect(team.sql("SELECT count(*) FROM journeywalk.walks WHERE submitted") == "300")
        // The push's backend hands in its counts as it exits: wait for them.
        var read = ""
        for _ in 0..<50 {
            let row = team.sql("SELECT n_tup_ins, seq_tup_read + coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables WHERE relid = 'journeywalk.walks'::regclass")
            let parts = row.split(separator: "|")
            if parts.first == "300" {
                read = String(parts.last ?? "")
                break
            }
            usleep(100_000)
        }
        let rowsRead = try #require(Int(read), "the server's counts for walks")
        #expect(rowsRead < 300 * 40, "rows of walks read for 300 walks pushed: \(rowsRead) (by key: a few per look-up; the member's every walk per look-up: several hundred thousand)")
    }
}
