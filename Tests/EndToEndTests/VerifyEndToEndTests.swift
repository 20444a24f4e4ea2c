import Foundation
import Testing

/// `journeywalk verify`: the real binary checks the hash chain of walks written by the real binary.
@Suite struct VerifyEndToEndTests {
    let journey = repositoryRoot + "/journeys/retail-store-visit.yaml"

    func environment(_ home: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["JOURNEYWALK_HOME"] = home
        environment["TERM"] = "dumb"
        return environment
    }

    @Test func anIntactChainPassesAndAChangedRecordIsNamed() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let input = home + "/answers.txt"
        try "start\nm\nm\nfinish\nfinish anyway\n".write(toFile: input, atomically: true, encoding: .utf8)
        #expect(spawnAndWait([journeywalkBinary, "walk", journey, "--plain"], environment: environment(home), stdin: input).status == 0)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: home + "/walks").first { $0.hasSuffix(".jsonl") })
        let id = String(name.dropLast(".jsonl".count))
        let path = home + "/walks/" + name
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let records = lines.count - 1
        #expect(records >= 3, "\(lines)")

        // By id prefix and by path: the same line.
        for reference in [String(id.prefix(15)), path] {
            let intact = spawnAndWait([journeywalkBinary, "verify", reference], environment: environment(home))
            #expect(intact.status == 0)
            #expect(intact.output == "\(id): chain intact, \(records) records (format 3)\n", "\(intact.output)")
        }

        // A byte changed in record 2: its own seq and prev still read right, record 3's prev no longer matches.
        lines[1] = lines[1].replacingOccurrences(of: "\"at\":\"2", with: "\"at\":\"3")
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let damaged = spawnAndWait([journeywalkBinary, "verify", id], environment: environment(home))
        #expect(damaged.status == 1)
        #expect(damaged.output.hasPrefix("\(id): record 3: its prev is "), "\(damaged.output)")
        #expect(damaged.output.contains(", the line before hashes to "), "\(damaged.output)")

        // A walk of format 1 beside it: its chain is computed, not written; one broken walk fails the command.
        let old = home + "/walks/20261122-101503-retail-store-visit.jsonl"
        try (sampleJournal.split(separator: "\n").dropLast().joined(separator: "\n") + "\n").write(toFile: old, atomically: true, encoding: .utf8)
        let both = spawnAndWait([journeywalkBinary, "verify", old, id], environment: environment(home))
        #expect(both.status == 1)
        let outputLines = both.output.split(separator: "\n")
        #expect(outputLines.first == "20261122-101503-retail-store-visit: chain computed at push, \(sampleJournal.split(separator: "\n").count - 1) records (format 1)", "\(both.output)")
        #expect(outputLines.count == 2)
        #expect(spawnAndWait([journeywalkBinary, "verify", old], environment: environment(home)).status == 0)
    }

    @Test func anUnknownWalkAndAnUnreadableFileAreErrors() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home + "/walks", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let unknown = spawnAndWait([journeywalkBinary, "verify", "2099"], environment: environment(home))
        #expect(unknown.status == 1)
        #expect(unknown.output.hasPrefix("journeywalk: 2099: not a readable walk file: no walk file or walk id starting with it"), "\(unknown.output)")
        let missing = spawnAndWait([journeywalkBinary, "verify", home + "/walks/gone.jsonl"], environment: environment(home))
        #expect(missing.status == 1)
        #expect(missing.output == "journeywalk: \(home)/walks/gone.jsonl: cannot read the walk file: No such file or directory\n", "\(missing.output)")
        // A file name that would drive the terminal is printed cleaned.
        let hostile = home + "/walks/evil\u{1B}[31mred.jsonl"
        try "not a walk\n".write(toFile: hostile, atomically: true, encoding: .utf8)
        let cleaned = spawnAndWait([journeywalkBinary, "verify", hostile], environment: environment(home))
        #expect(cleaned.status == 1)
        #expect(!cleaned.output.contains("\u{1B}"), "\(cleaned.output)")
        #expect(cleaned.output.hasSuffix(": record 1: line 1 is not a walk header\n"), "\(cleaned.output)")
    }
}
