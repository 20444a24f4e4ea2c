import Foundation
import Glibc
import Testing

/// Pushes interrupted as a shopper's bad connection interrupts them (SPEC 8.2: a retry after a kill
/// -9 or a cut connection adds nothing twice and loses nothing).
@Suite(.serialized) struct TeamSoakTests {
    /// Starts a program without waiting for it, its output thrown away.
    private func start(_ arguments: [String], environment: [String: String]) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        guard case .success(let pid) = spawnChild(arguments, environment: environment, actions: &actions, defaulting: [SIGPIPE, SIGTERM, SIGINT]) else { return nil }
        return pid
    }

    private func environment(_ team: TestTeam, _ person: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = team.password(person)
        environment["HOME"] = team.root
        return environment
    }

    /// Every walk file's records are on the server exactly once, in order, byte for byte.
    private func expectServerHoldsEveryFile(_ team: TestTeam, _ person: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for path in team.walkFiles(person) {
            let walkID = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let file = try String(contentsOfFile: path, encoding: .utf8)
            #expect(team.serverLines(walkID, of: person) == file, "\(walkID)", sourceLocation: sourceLocation)
            let lines = file.split(separator: "\n").count
            #expect(team.sql("SELECT records, count(r.*) FROM journeywalk.walks w JOIN journeywalk.records r USING (owner, walk_id) WHERE owner = '\(team.name(person))' AND walk_id = '\(walkID)' GROUP BY records")
                    == "\(lines)|\(lines)", sourceLocation: sourceLocation)
        }
    }

    @Test func fiftyKillsAtRandomMomentsOfAPushLoseNothingAndDoubleNothing() throws {
        guard let team = TestTeam(TestServer.required()), team.addMember("ana", role: "shopper"), team.addMember("lee", role: "leader") else { return }
        for index in 0..<12 {
            guard team.walk("ana", location: "Branch \(index)") != nil else { return }
            usleep(1_000_000 / 4)
        }
        let walks = team.walkFiles("ana")
        #expect(walks.count == 12)
        var generator = SystemRandomNumberGenerator()
        var killedMidway = 0
        for _ in 0..<50 {
            guard let pid = start([teamBinary, "push", "--all", "--data-dir", team.home("ana")], environment: environment(team, "ana")) else {
                Issue.record("cannot start the push")
                return
            }
            usleep(UInt32.random(in: 0...90_000, using: &generator))
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
            if (status & 0x7F) == SIGKILL { killedMidway += 1 }
        }
        #expect(killedMidway >= 25, "most kills land while the push runs (\(killedMidway) of 50)")
        let final = team.run(as: "ana", ["push", "--all"], password: team.password("ana"))
        #expect(final.status == 0, "\(final.output)")
        try expectServerHoldsEveryFile(team, "ana")
        // And what a leader pulls is the files again.
        #expect(team.run(as: "lee", ["pull"], password: team.password("lee")).status == 0)
        for path in walks {
            let copy = team.home("lee") + "/team/walks/\(team.name("ana"))/" + URL(fileURLWithPath: path).lastPathComponent
            #expect(FileManager.default.contents(atPath: copy) == FileManager.default.contents(atPath: path))
        }
    }

    @Test func aServerStoppedInTheMiddleOfAPushIsCaughtUpAfterItRestarts() throws {
        guard let shared = TestServer.required() else { return }
        // A server of this test's own, so that stopping it stops no other test.
        let folder = temporaryFolder()
        defer {
            TestServer.control("stop", folder)
            try? FileManager.default.removeItem(atPath: folder)
        }
        guard let own = shared.own(in: folder) else { return }
        guard let team = TestTeam(own), team.addMember("ana", role: "shopper") else { return }
        // A short connect timeout: a server that stops answering mid-push is given up on after three times it.
        #expect(team.run(as: "ana", ["team", "connect", team.url(team.name("ana")), "--connect-timeout", "2"], password: team.password("ana")).status == 0)
        for index in 0..<12 {
            guard team.walk("ana", location: "Branch \(index)") != nil else { return }
            usleep(1_000_000 / 4)
        }
        var stopped = false
        for attempt in 0..<5 where !stopped {
            // Push everything while the server goes away partway through.
            guard let pid = start([teamBinary, "push", "--all", "--data-dir", team.home("ana")], environment: environment(team, "ana")) else { return }
            usleep(UInt32(20_000 + attempt * 15_000))
            TestServer.control("crash", folder)
            var status: Int32 = 0
            let clock = ContinuousClock()
            let began = clock.now
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
            #expect(clock.now - began < .seconds(20), "a push whose server went away ends, it does not hang")
            let code = (status >> 8) & 0xFF
            stopped = code == 75
            #expect(code == 75 || code == 0, "a push that loses its server says so with status 75 (was \(code))")
            let restarted = TestServer.control("restart", folder)
            #expect(restarted.status == 0, "\(restarted.output)")
        }
        #expect(stopped, "the server went away in the middle of a push at least once")
        let waiting = team.run(as: "ana", ["team", "status"], password: team.password("ana"))
        #expect(waiting.output.contains("waiting      "), "\(waiting.output)")
        let final = team.run(as: "ana", ["push"], password: team.password("ana"))
        #expect(final.status == 0, "the queue is pushed once the server is back: \(final.output)")
        let again = team.run(as: "ana", ["push", "--all"], password: team.password("ana"))
        #expect(again.status == 0 && !again.output.contains("sent"), "\(again.output)")
        try expectServerHoldsEveryFile(team, "ana")
        #expect(team.run(as: "ana", ["team", "status"], password: team.password("ana")).output.contains("waiting      0 walks to push"))
    }
}
