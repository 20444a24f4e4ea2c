import Foundation
import Glibc
import Testing

/// journeywalk writes only where it may and only into the file named: not over a file one could not
/// open for writing, not through a walk file that is a symbolic link.
@Suite(.serialized) struct WriteTargetEndToEndTests {
    private var complete: String { sampleJournal.split(separator: "\n").dropLast().joined(separator: "\n") + "\n" }

    @Test func reportDashOReplacesNoFileThatCouldNotBeOpenedForWriting() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A folder anyone may write (no sticky bit), holding a write-protected file of this user.
        #expect(chmod(folder, 0o777) == 0)
        let walk = folder + "/walk.jsonl"
        #expect(FileManager.default.createFile(atPath: walk, contents: Data(complete.utf8), attributes: [.posixPermissions: 0o644]))
        let target = folder + "/report.html"
        #expect(FileManager.default.createFile(atPath: target, contents: Data("theirs".utf8), attributes: [.posixPermissions: 0o444]))
        var environment = ProcessInfo.processInfo.environment
        environment["JOURNEYWALK_HOME"] = folder + "/home"
        let command = [journeywalkBinary, "report", walk, "--format", "html", "-o", target]
        // Root may write any file, so as root the report is made by another user (nobody), for whom
        // the file is another user's write-protected file; otherwise this user's own 0444 file is
        // refused as `cp` refuses it.
        let asRoot = getuid() == 0
        if asRoot {
            guard access("/usr/bin/setpriv", X_OK) == 0 else {
                Issue.record("setpriv (util-linux) is needed to run the report as another user")
                return
            }
        }
        let result = spawnAndWait(asRoot ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + command : command, environment: environment)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output == "journeywalk: cannot write the report: \(target): cannot be written (Permission denied), so it is not replaced; choose another file, or make this one writable first\n")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "theirs")
        var info = stat()
        #expect(lstat(target, &info) == 0 && info.st_uid == getuid(), "still the owner's file")
        // A file that can be written is replaced as before.
        #expect(chmod(target, 0o666) == 0)
        let replaced = spawnAndWait(asRoot ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + command : command, environment: environment)
        #expect(replaced.status == 0, "\(replaced.output)")
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    @Test func aWalkFileThatIsASymbolicLinkIsNotResumedThroughTheLink() throws {
        let home = temporaryFolder()
        let elsewhere = temporaryFolder()
        defer {
            try? FileManager.default.removeItem(atPath: home)
            try? FileManager.default.removeItem(atPath: elsewhere)
        }
        try FileManager.default.createDirectory(atPath: home + "/walks", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let outside = elsewhere + "/notes.jsonl"
        try complete.write(toFile: outside, atomically: true, encoding: .utf8)
        let link = home + "/walks/20261122-101503-retail-store-visit.jsonl"
        #expect(symlink(outside, link) == 0)
        let input = elsewhere + "/answers.txt"
        try "m\n".write(toFile: input, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["JOURNEYWALK_HOME"] = home
        environment["TERM"] = "dumb"
        let resumed = spawnAndWait([journeywalkBinary, "resume", "20261122-101503-retail-store-visit", "--plain"], environment: environment, stdin: input)
        #expect(resumed.status == 1)
        #expect(resumed.output == "journeywalk: cannot open the walk: \(link): is a symbolic link; journeywalk writes a walk file only where it is, never through a link: give the file the link points to, or move that file into its place\n", "\(resumed.output)")
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == complete, "nothing was appended to the file the link points to")
        let submitted = spawnAndWait([journeywalkBinary, "submit", "20261122-101503-retail-store-visit"], environment: environment)
        #expect(submitted.status == 1)
        #expect(submitted.output.contains("is a symbolic link"), "\(submitted.output)")
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == complete)
    }
}
