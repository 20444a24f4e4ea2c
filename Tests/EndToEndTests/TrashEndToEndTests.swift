import Foundation
import Glibc
import Testing

@Suite(.serialized) struct TrashEndToEndTests {
    let id = "20261122-101503-retail-store-visit"

    func makeHome() throws -> String {
        let home = temporaryFolder()
        try FileManager.default.createDirectory(atPath: home + "/walks", withIntermediateDirectories: true)
        try sampleJournal.write(toFile: home + "/walks/\(id).jsonl", atomically: true, encoding: .utf8)
        return home
    }

    @Test func deleteListAndRestoreFromTheCommandLine() throws {
        let home = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let walk = home + "/walks/\(id).jsonl"
        let trashed = home + "/trash/\(id).jsonl"
        let original = try String(contentsOfFile: walk, encoding: .utf8)

        let unasked = spawnAndWait([journeywalkBinary, "delete", "20261122", "--data-dir", home])
        #expect(unasked.status == 1)
        #expect(unasked.output.contains("standard input is not a terminal, so there is no one to ask: add --yes"), "\(unasked.output)")
        #expect(FileManager.default.fileExists(atPath: walk))

        let unknown = spawnAndWait([journeywalkBinary, "delete", "20261122", "2025", "--yes", "--data-dir", home])
        #expect(unknown.status == 1)
        #expect(unknown.output.contains("2025: not a readable walk file: no walk file or walk id starting with it"))
        #expect(unknown.output.contains("nothing was moved to the trash"))
        #expect(FileManager.default.fileExists(atPath: walk), "one unknown name stops the whole command")

        // Open for writing elsewhere (the lock a walk holds): refused, left in place. Close-on-exec, so that
        // a program another test starts meanwhile (a tmux server lives on) cannot inherit the lock.
        let fd = open(walk, O_RDWR | O_APPEND | O_CLOEXEC)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let busy = spawnAndWait([journeywalkBinary, "delete", id, "--yes", "--data-dir", home])
        close(fd)
        #expect(busy.status == 1)
        // Named as resume and walk name it: the process holding the lock (this test) and its command line.
        #expect(busy.output.contains("\(walk): this walk is open for writing in another journeywalk (process \(getpid()): "), "\(busy.output)")
        #expect(FileManager.default.fileExists(atPath: walk))

        let deleted = spawnAndWait([journeywalkBinary, "delete", "20261122", "--yes", "--data-dir", home])
        #expect(deleted.status == 0, "\(deleted.output)")
        #expect(deleted.output.contains("Moved to the trash: \(walk) → \(trashed)"))
        #expect(deleted.output.contains("bring it back with: journeywalk restore \(id) --data-dir \(home)"))
        #expect(!FileManager.default.fileExists(atPath: walk))
        #expect(try String(contentsOfFile: trashed, encoding: .utf8) == original)
        var info = stat()
        #expect(stat(home + "/trash", &info) == 0 && info.st_mode & 0o777 == 0o700)

        let report = spawnAndWait([journeywalkBinary, "report", "--all", "--data-dir", home])
        #expect(report.status == 1, "a deleted walk is in no report:\n\(report.output)")

        let list = spawnAndWait([journeywalkBinary, "trash", "--data-dir", home])
        #expect(list.status == 0)
        #expect(list.output.contains("\(id)  Retail store visit · Sam <b> · Main Street · started "), "\(list.output)")
        #expect(list.output.contains("1/3 recorded, unfinished") || list.output.contains("2/3 recorded, unfinished"))
        #expect(list.output.contains("1 walk in \(home)/trash. Bring one back with: journeywalk restore ID --data-dir \(home)"))

        // The hint, run as printed, brings it back.
        let restored = spawnAndWait([journeywalkBinary, "restore", id, "--data-dir", home])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(restored.output.contains("Restored: \(walk)"))
        #expect(try String(contentsOfFile: walk, encoding: .utf8) == original)
        #expect(spawnAndWait([journeywalkBinary, "trash", "--data-dir", home]).output.contains("The trash is empty"))
        #expect(spawnAndWait([journeywalkBinary, "restore", id, "--data-dir", home]).status == 1)
    }

    @Test func deleteAsksOnATerminal() throws {
        let home = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        let command = "\(shellQuoted(journeywalkBinary)) delete \(id) --data-dir \(shellQuoted(home)); echo EXIT=$?"
        tmux.start("\(command); \(command); sleep 600", width: 200, height: 30)
        let asked = tmux.waitFor("to the trash (\(home)/trash)? [y/N]")
        #expect(asked.found, "question:\n\(asked.screen)")
        #expect(asked.screen.contains("\(id)  Retail store visit · Sam <b> · Main Street · started "))
        tmux.type("n")
        tmux.send("Enter")
        #expect(tmux.waitFor("Nothing was moved.").found)
        #expect(FileManager.default.fileExists(atPath: home + "/walks/\(id).jsonl"))
        #expect(tmux.waitFor("EXIT=0").found)
        tmux.type("y")
        tmux.send("Enter")
        #expect(tmux.waitFor("Moved to the trash").found)
        #expect(FileManager.default.fileExists(atPath: home + "/trash/\(id).jsonl"))
    }

    @Test func deleteFromTheReviewList() throws {
        let home = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("cd \(shellQuoted(home)) && \(shellQuoted(journeywalkBinary)) review --data-dir \(shellQuoted(home)); echo EXIT=$?; sleep 600", width: 120, height: 30)
        #expect(tmux.waitFor("1 of 1 · newest first").found)
        tmux.send("d")
        let asked = tmux.waitFor("Move to the trash? Retail store visit · Main Street")
        #expect(asked.found, "question:\n\(asked.screen)")
        #expect(asked.screen.contains("y move to the trash"))
        tmux.send("Escape")
        #expect(tmux.waitFor("/ filter").found)
        #expect(FileManager.default.fileExists(atPath: home + "/walks/\(id).jsonl"))
        tmux.send("d")
        #expect(tmux.waitFor("Move to the trash?").found)
        tmux.send("y")
        let moved = tmux.waitFor("Moved to the trash: \(id)")
        #expect(moved.found, "after y:\n\(moved.screen)")
        #expect(moved.screen.contains("0 of 0"))
        #expect(FileManager.default.fileExists(atPath: home + "/trash/\(id).jsonl"))
        #expect(!FileManager.default.fileExists(atPath: home + "/walks/\(id).jsonl"))
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0").found)
    }
}
