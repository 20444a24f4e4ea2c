import Foundation
import Glibc
import Testing

/// Team copies pulled into `team/walks/AUTHOR/` (made here by copying fixture walks, mode 0400, as
/// `journeywalk pull` leaves them): listed by review, compare, report and actions with their author,
/// each counted once by (author, walk id), and never written to.
@Suite(.serialized) struct TeamCopiesEndToEndTests {
    static let fixtures = repositoryRoot + "/Tests/JourneyStoreTests/Fixtures/walks/"

    /// Two local walks; ann_login's copy of a walk with the same id as a local one, bo_login's copies
    /// of that id too and of another walk.
    func makeHome() throws -> (home: String, annCopy: String) {
        let home = temporaryFolder()
        let files = FileManager.default
        try files.createDirectory(atPath: home + "/walks", withIntermediateDirectories: true)
        try files.copyItem(atPath: Self.fixtures + "v3-every-record.jsonl", toPath: home + "/walks/20261122-101503-shop.jsonl")
        try files.copyItem(atPath: Self.fixtures + "v1-finished.jsonl", toPath: home + "/walks/20261125-202459-retail-store-visit.jsonl")
        let copies: [(author: String, fixture: String, name: String)] = [
            ("ann_login", "v2-leader-undo", "20261122-101503-shop"),
            ("bo_login", "v2-every-record", "20261122-101503-shop"),
            ("bo_login", "v1-unfinished", "20261125-202459-phone-support-call"),
        ]
        for copy in copies {
            let folder = home + "/team/walks/" + copy.author
            try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let path = folder + "/" + copy.name + ".jsonl"
            try files.copyItem(atPath: Self.fixtures + copy.fixture + ".jsonl", toPath: path)
            chmod(path, 0o400)
        }
        return (home, home + "/team/walks/ann_login/20261122-101503-shop.jsonl")
    }

    func run(_ arguments: [String], home: String) -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["JOURNEYWALK_HOME"] = home
        environment["TERM"] = "dumb"
        return spawnAndWait([journeywalkBinary] + arguments + ["--data-dir", home], environment: environment)
    }

    @Test func compareCountsEveryWalkOnceWithItsAuthor() throws {
        let (home, _) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = run(["compare", "--journey", "shop", "--format", "json"], home: home)
        let body = try #require(result.output.split(separator: "\n").first { $0.hasPrefix("{") }, "\(result.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let columns = try #require(object["columns"] as? [[String: Any]])
        #expect(columns.count == 3, "\(result.output)")
        #expect(Set(columns.map { $0["author"] as? String ?? "-" }) == ["-", "ann_login", "bo_login"])
        #expect(!result.output.contains("another copy"), "\(result.output)")
    }

    @Test func reportAllCarriesTheAuthor() throws {
        let (home, _) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = run(["report", "--all", "--format", "json"], home: home)
        let start = try #require(result.output.firstIndex(of: "["), "\(result.output)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.output[start...].utf8)) as? [[String: Any]])
        let authors = array.map { (($0["walk"] as? [String: Any])?["author"] as? String) ?? "-" }
        #expect(authors.sorted() == ["-", "-", "ann_login", "bo_login", "bo_login"], "\(authors)")
    }

    @Test func actionsListTheCopiesMarkedAndRefuseToCloseThem() throws {
        let (home, annCopy) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let before = try Data(contentsOf: URL(fileURLWithPath: annCopy))
        let list = run(["actions", "--status", "all"], home: home)
        #expect(list.output.contains("team: ann_login"), "\(list.output)")
        let done = run(["actions", "done", "0a0b0c"], home: home)
        #expect(done.status == 1)
        #expect(done.output == "journeywalk: \(annCopy): a team copy pulled from ann_login, read-only (only journeywalk pull writes it); nothing was changed\n", "\(done.output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: annCopy)) == before)
    }

    @Test func resumeSubmitAndDeleteRefuseACopy() throws {
        let (home, annCopy) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let before = try Data(contentsOf: URL(fileURLWithPath: annCopy))
        let refusal = "\(annCopy): a team copy pulled from ann_login, read-only (only journeywalk pull writes it); nothing was changed"
        for command in [["resume", annCopy], ["submit", annCopy], ["delete", annCopy, "--yes"], ["resume", "20261125-202459-phone"]] {
            let result = run(command, home: home)
            #expect(result.status == 1, "\(command): \(result.output)")
            if command[1] == annCopy { #expect(result.output.contains(refusal), "\(command): \(result.output)") }
            #expect(result.output.contains("a team copy pulled from"), "\(command): \(result.output)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: annCopy)) == before)
        #expect(FileManager.default.fileExists(atPath: annCopy))
    }

    @Test func reviewListsTheCopiesWithTheirAuthor() throws {
        let (home, annCopy) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let before = try Data(contentsOf: URL(fileURLWithPath: annCopy))
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("cd \(shellQuoted(home)) && \(shellQuoted(journeywalkBinary)) review --data-dir \(shellQuoted(home)); echo EXIT=$?; sleep 600", width: 80, height: 24)
        let list = tmux.waitFor("5 of 5 · newest first")
        #expect(list.found, "list:\n\(list.screen)")
        #expect(list.screen.contains("@ann_logi…"), "\(list.screen)")
        #expect(list.screen.contains("@bo_login…"), "\(list.screen)")
        // `d` on ann's copy: refused at once, nothing asked.
        let rows = list.screen.split(separator: "\n")
        let annRow = try #require(rows.firstIndex { $0.contains("@ann_logi") })
        let selectedRow = try #require(rows.firstIndex { $0.hasPrefix("▸") })
        for _ in 0..<abs(annRow - selectedRow) { tmux.send(annRow > selectedRow ? "Down" : "Up") }
        #expect(tmux.waitFor("Team copy pulled from ann_login").found)
        tmux.send("d")
        let refused = tmux.waitFor("20261122-101503-shop.jsonl: a team copy pulled from ann_login, read-only")
        #expect(refused.found, "\(refused.screen)")
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0").found)
        #expect(try Data(contentsOf: URL(fileURLWithPath: annCopy)) == before)
    }
}
