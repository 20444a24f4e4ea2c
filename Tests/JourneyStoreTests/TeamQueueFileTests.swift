import Foundation
import Glibc
@testable import JourneyStore
import Testing

/// The team's queue of walks to push and its counts of records pushed: one file of lines each, added
/// to under a lock by `submit` and `push` at once, never a file per walk; what earlier versions kept
/// (a file per walk in `team/outbox/` and `team/pushed/`) still counts.
@Suite struct TeamQueueFileTests {
    func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    @Test func walksAreQueuedAndTakenOffInTheOrderTheyCame() throws {
        let home = temporaryFolder()
        defer { removeFolder(home) }
        let files = TeamFiles(home: home)
        #expect(files.waiting().isEmpty)
        try files.queue(["w-2", "w-1"])
        try files.queue("w-3")
        try files.queue("w-2")
        #expect(files.waiting() == ["w-2", "w-1", "w-3"], "queuing twice is the same as once")
        files.unqueue(["w-1", "w-3"])
        #expect(files.waiting() == ["w-2"])
        try files.queue("w-1")
        #expect(files.waiting() == ["w-2", "w-1"])
        #expect(text(files.outboxLog) == "+w-2\n+w-1\n+w-3\n-w-1\n-w-3\n+w-1\n", "a walk already waiting is not written again")
        #expect(!FileManager.default.fileExists(atPath: files.outbox), "no file per walk")
        var info = stat()
        #expect(stat(files.outboxLog, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(throws: FileError.self) { try files.queue(["../escape"]) }
        #expect(files.waiting() == ["w-2", "w-1"], "nothing of a refused batch is queued")
    }

    @Test func aQueueOfAnEarlierVersionStillCountsAndIsClearedByAPush() throws {
        let home = temporaryFolder()
        defer { removeFolder(home) }
        let files = TeamFiles(home: home)
        try FileManager.default.createDirectory(atPath: files.outbox, withIntermediateDirectories: true)
        for walkID in ["old-1", "old-2", ".hidden"] { FileManager.default.createFile(atPath: files.outbox + "/" + walkID, contents: nil) }
        try FileManager.default.createDirectory(atPath: files.pushed, withIntermediateDirectories: true)
        try "7\n".write(toFile: files.pushed + "/old-1", atomically: true, encoding: .utf8)
        try files.queue("new-1")
        #expect(files.waiting() == ["old-1", "old-2", "new-1"])
        #expect(files.pushedCounts() == ["old-1": 7])
        files.unqueue(["old-1", "new-1"])
        #expect(files.waiting() == ["old-2"])
        #expect(!FileManager.default.fileExists(atPath: files.outbox + "/old-1"), "the earlier version's file is removed once pushed")
        try files.recordPushed("old-1", records: 9)
        #expect(files.pushedCount("old-1") == 9, "the log's count is newer than the earlier version's file")
    }

    @Test func aLineCutOffByACrashIsNotReadAndTheNextOneStartsOnItsOwn() throws {
        let home = temporaryFolder()
        defer { removeFolder(home) }
        let files = TeamFiles(home: home)
        try files.queue("w-1")
        let fd = open(files.outboxLog, O_WRONLY | O_APPEND)
        _ = "+w-2".withCString { write(fd, $0, 4) }
        close(fd)
        #expect(files.waiting() == ["w-1"], "a line without its newline was cut off: not read")
        try files.queue("w-3")
        #expect(files.waiting() == ["w-1", "w-3"], "the cut line stays unread")
        #expect(text(files.outboxLog) == "+w-1\n+w-2#\n+w-3\n", "the cut line is closed, marked, before the next")
        try files.recordPushed("w-1", records: 4)
        let counts = open(files.pushedLog, O_WRONLY | O_APPEND)
        _ = "w-1 1".withCString { write(counts, $0, 5) }
        close(counts)
        #expect(files.pushedCount("w-1") == 4, "a count cut off is not read")
        try files.recordPushed("w-2", records: 2)
        #expect(files.pushedCounts() == ["w-1": 4, "w-2": 2], "nor once a line follows it")
    }

    @Test func theQueueIsRewrittenOnceMostOfItIsPushedWalks() throws {
        let home = temporaryFolder()
        defer { removeFolder(home) }
        let files = TeamFiles(home: home)
        let all = (0..<600).map { "w-\($0)" }
        try files.queue(all)
        files.unqueue(Array(all[0..<590]))
        #expect(files.waiting() == Array(all[590...]))
        #expect(text(files.outboxLog) == all[590...].map { "+\($0)\n" }.joined(), "1,190 lines, 10 waiting: rewritten with those 10")
        for round in 0..<3 {
            for walkID in all[0..<400] { try files.recordPushed(walkID, records: round + 1) }
        }
        files.compactPushedLog()
        #expect(text(files.pushedLog)?.split(separator: "\n").count == 400, "one line per walk, the last count")
        #expect(files.pushedCount("w-7") == 3)
    }

    @Test func processesQueueingAndPushingAtOnceLoseNothing() throws {
        let home = temporaryFolder()
        defer { removeFolder(home) }
        let files = TeamFiles(home: home)
        // Four writers queue 300 walks each, one at a time (as submits do); a fifth pushes the first
        // writer's walks as they come, which rewrites the file time and again.
        let group = DispatchGroup()
        for writer in 0..<4 {
            DispatchQueue.global().async(group: group) {
                for index in 0..<300 { try? files.queue("w\(writer)-\(index)") }
            }
        }
        DispatchQueue.global().async(group: group) {
            var taken = 0
            while taken < 300 {
                let ready = files.waiting().filter { $0.hasPrefix("w0-") }
                if ready.isEmpty { usleep(100); continue }
                files.unqueue(ready)
                taken += ready.count
            }
        }
        group.wait()
        let waiting = files.waiting()
        #expect(waiting.count == 900)
        #expect(Set(waiting) == Set((1..<4).flatMap { writer in (0..<300).map { "w\(writer)-\($0)" } }))
    }
}
