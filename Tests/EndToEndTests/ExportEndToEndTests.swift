import Foundation
import Glibc
import Testing

/// Exports are private, land where they were asked to without replacing devices or following links
/// onto files, and leave the walk file's path out unless asked; odd journey files never hang a command.
@Suite(.serialized) struct ExportEndToEndTests {
    private func makeHome() throws -> (home: String, walk: String) {
        let home = temporaryFolder()
        try FileManager.default.createDirectory(atPath: home + "/walks", withIntermediateDirectories: true)
        let walk = home + "/walks/20261122-101503-retail-store-visit.jsonl"
        try sampleJournal.write(toFile: walk, atomically: true, encoding: .utf8)
        return (home, walk)
    }

    private func mode(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    private func kind(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    @Test func validateRefusesDevicesFIFOsAndHugeFilesWithoutHanging() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/pipe.yaml"
        #expect(mkfifo(fifo, 0o600) == 0)
        let huge = folder + "/huge.yaml"
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        #expect(truncate(huge, 10_000_001) == 0)
        // `timeout` turns a hang into exit status 124 instead of a stuck test run.
        let result = spawnAndWait(["timeout", "20", journeywalkBinary, "journeys", "validate", "/dev/zero", fifo, huge])
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("/dev/zero: cannot read the file: is a character device, not a regular file"))
        #expect(result.output.contains("\(fifo): cannot read the file: is a FIFO (named pipe), not a regular file"))
        #expect(result.output.contains("\(huge): cannot read the file: is 10000001 bytes, larger than the 10 MB limit"))
        #expect(result.output.contains("3 of 3 journey files failed validation"))
        let single = folder + "/single.yaml"
        try "title: One stop\nstages:\n  - name: Only\n    touchpoints:\n      - title: Desk\n".write(toFile: single, atomically: true, encoding: .utf8)
        let fine = spawnAndWait([journeywalkBinary, "journeys", "validate", single])
        #expect(fine.status == 0)
        #expect(fine.output == "\(single): ok (1 stage, 1 touchpoint)\n")
        let walk = spawnAndWait(["timeout", "20", journeywalkBinary, "walk", fifo])
        #expect(walk.status == 1)
        #expect(walk.output.contains("is a FIFO (named pipe), not a regular file"))
        let report = spawnAndWait(["timeout", "20", journeywalkBinary, "report", fifo])
        #expect(report.status == 1)
        #expect(report.output.contains("\(fifo): cannot read the walk file: is a FIFO (named pipe), not a regular file"))
    }

    @Test func reportFilesArePrivateUnlessAskedAndLeaveThePathOut() throws {
        let (home, walk) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let json = home + "/walk.json"
        // An older, world-readable report of the same name is replaced by a private one.
        #expect(FileManager.default.createFile(atPath: json, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644]))
        let written = spawnAndWait([journeywalkBinary, "report", walk, "--format", "json", "-o", json])
        #expect(written.status == 0, "\(written.output)")
        #expect(mode(json) == 0o600)
        let shared = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let sharedWalk = try #require(shared["walk"] as? [String: Any])
        #expect(sharedWalk["file"] is NSNull)
        #expect(sharedWalk["problems"] as? [String] == ["line 5 of the walk file: the last record was cut off (39 bytes, no end of line) and was not loaded"])
        #expect(try !String(contentsOfFile: json, encoding: .utf8).contains(home))

        let html = home + "/walk.html"
        let open = spawnAndWait([journeywalkBinary, "report", walk, "--format", "html", "-o", html, "--mode", "644", "--with-paths"])
        #expect(open.status == 0, "\(open.output)")
        #expect(mode(html) == 0o644)
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<footer>Made with journeywalk from <code>\(walk)</code></footer>"))

        let bad = spawnAndWait([journeywalkBinary, "report", walk, "-o", html, "--mode", "999"])
        #expect(bad.status != 0)
        #expect(bad.output.contains("--mode"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: home).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func reportWritesIntoFIFOsAndDevicesAndRefusesLinksToFiles() throws {
        let (home, walk) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }

        // A named pipe with a reader: the report goes through it and the pipe stays a pipe.
        let fifo = home + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = ReceivedText()
        let reader = Thread {
            // Plain read(2): Foundation would see a zero-length file and stop before the writer comes.
            let fd = Glibc.open(fifo, O_RDONLY)
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while fd >= 0 {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                bytes += buffer[0..<count]
            }
            if fd >= 0 { Glibc.close(fd) }
            received.text = String(decoding: bytes, as: UTF8.self)
            received.done.signal()
        }
        reader.start()
        let piped = spawnAndWait(["timeout", "20", journeywalkBinary, "report", walk, "--format", "csv", "-o", fifo])
        #expect(piped.status == 0, "\(piped.output)")
        #expect(received.done.wait(timeout: .now() + 20) == .success)
        #expect(received.text.hasPrefix("walk_id,journey_id"))
        #expect(kind(fifo) == S_IFIFO)

        // A link to a character device is followed: the link stays, nothing is created.
        let toNull = home + "/null-link"
        #expect(symlink("/dev/null", toNull) == 0)
        let discarded = spawnAndWait([journeywalkBinary, "report", walk, "-o", toNull])
        #expect(discarded.status == 0, "\(discarded.output)")
        #expect(kind(toNull) == S_IFLNK)
        #expect(kind("/dev/null") == S_IFCHR)

        // A link to a file is refused: neither the link nor the file it points to changes.
        let target = home + "/elsewhere.txt"
        try "keep me".write(toFile: target, atomically: true, encoding: .utf8)
        let link = home + "/report.txt"
        #expect(symlink(target, link) == 0)
        let refused = spawnAndWait([journeywalkBinary, "report", walk, "-o", link])
        #expect(refused.status == 1)
        #expect(refused.output.contains("journeywalk: cannot write the report: \(link): is a symbolic link to a file; reports are not written through links"))
        #expect(kind(link) == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
    }

    @Test func aWalksFolderOpenToOthersIsMadePrivateByEveryCommand() throws {
        let (home, _) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let walks = home + "/walks"
        #expect(chmod(walks, 0o755) == 0)
        let report = spawnAndWait([journeywalkBinary, "report", "--all", "--format", "csv", "--data-dir", home])
        #expect(report.status == 0)
        #expect(report.output.contains("journeywalk: notice: \(walks) had mode 0755; changed to 0700 so only you can read the walks in it"))
        #expect(mode(walks) == 0o700)
        let again = spawnAndWait([journeywalkBinary, "report", "--all", "--format", "csv", "--data-dir", home])
        #expect(!again.output.contains("notice:"))
        // Commands that stop before their screen opens (no terminal here) have tightened it already.
        #expect(chmod(walks, 0o750) == 0)
        let resume = spawnAndWait([journeywalkBinary, "resume", "--data-dir", home])
        #expect(resume.output.contains("changed to 0700"))
        #expect(mode(walks) == 0o700)
        #expect(chmod(walks, 0o777) == 0)
        let review = spawnAndWait([journeywalkBinary, "review", "--data-dir", home])
        #expect(review.output.contains("had mode 0777; changed to 0700"))
        #expect(mode(walks) == 0o700)
    }

    @Test func reviewExportsArePrivateAndPathFreeUnlessAsked() throws {
        let (home, walk) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let exported = home + "/20261122-101503-retail-store-visit.html"
        for (options, expectedMode, withPath) in [("", mode_t(0o600), false), ("--mode 640 --with-paths", mode_t(0o640), true)] {
            unlink(exported)
            let tmux = Tmux()
            defer { tmux.stop() }
            tmux.start("cd \(shellQuoted(home)) && \(shellQuoted(journeywalkBinary)) review 20261122 \(options) --data-dir \(shellQuoted(home)); echo EXIT=$?; sleep 600")
            #expect(tmux.waitFor("Peak").found)
            tmux.send("E")
            #expect(tmux.waitFor("Export this walk").found)
            tmux.send("h")
            let done = tmux.waitFor("Exported to")
            #expect(done.found, "after export:\n\(done.screen)")
            #expect(mode(exported) == expectedMode)
            let html = try String(contentsOfFile: exported, encoding: .utf8)
            #expect(html.contains(walk) == withPath)
            tmux.send("q")
            #expect(tmux.waitFor("EXIT=0").found)
        }
    }
}

/// Text read on another thread.
private final class ReceivedText: @unchecked Sendable {
    var text = ""
    let done = DispatchSemaphore(value: 0)
}
