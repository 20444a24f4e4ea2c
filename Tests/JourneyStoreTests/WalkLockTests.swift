import Foundation
import Glibc
import JourneyKit
@testable import JourneyStore
import Testing

private let journey = Journey(id: "shop", title: "Shop", stages: [
    Stage(name: "In", touchpoints: [Touchpoint(id: "door", title: "Door"), Touchpoint(id: "till", title: "Till")]),
])

private let header = WalkHeader(
    walkID: "20261122-101503-shop", journey: journey, journeyPath: "/j/shop.yaml", journeyFingerprint: "fnv1a64:0123456789abcdef",
    details: WalkDetails(operator: "Ann"), started: Date(timeIntervalSince1970: 1_795_342_503))

/// One writer per walk file: the journal holds a lock; readers never wait and never see half a line.
@Suite struct WalkLockTests {
    @Test func aSecondWriterIsRefusedWhileTheFirstHasTheWalkOpen() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let first = try WalkFileWriter.create(folder: root, header: header)
        #expect(WalkFileWriter.isBeingWritten(first.path))
        do {
            _ = try WalkFileWriter.reopen(path: first.path)
            Issue.record("a second journal opened the walk while the first had it")
        } catch let busy as WalkFileWriter.Busy {
            #expect(busy.path == first.path)
            #expect(busy.description.contains("this walk is open for writing in another journeywalk"))
        }
        first.close()
        // Other tests start processes in parallel; one forked at the wrong moment holds the file for
        // an instant before its exec closes it (the descriptor is close-on-exec), so allow a moment.
        var released = false
        for _ in 0..<100 where !released {
            released = !WalkFileWriter.isBeingWritten(first.path)
            if !released { usleep(10_000) }
        }
        #expect(released)
        let second = try WalkFileWriter.reopen(path: first.path)
        try second.append(.moved(touchpoint: "till", at: Date(timeIntervalSince1970: 1_795_342_510)))
        #expect(throws: WalkFileWriter.Busy.self) { _ = try WalkFileWriter.reopen(path: first.path) }
        second.close()
    }

    @Test func anotherProcessHoldingTheLockIsNamed() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let journal = try WalkFileWriter.create(folder: root, header: header)
        journal.close()
        // flock(1) from util-linux holds the lock in a child process for a while.
        guard access("/usr/bin/flock", X_OK) == 0 else {
            print("skipped: /usr/bin/flock (util-linux) is not installed, so no second process can hold the lock")
            return
        }
        let child = try Process.run(URL(fileURLWithPath: "/usr/bin/flock"), arguments: ["-x", journal.path, "sleep", "5"])
        defer { child.terminate() }
        var busy: WalkFileWriter.Busy?
        for _ in 0..<100 {
            do {
                let opened = try WalkFileWriter.reopen(path: journal.path)
                opened.close()
                usleep(20_000)
            } catch let error as WalkFileWriter.Busy {
                busy = error
                break
            }
        }
        let error = try #require(busy)
        #expect(error.holder != nil, "the holder is read from /proc/locks")
        #expect(error.description.contains("sleep 5"), "\(error)")
    }

    @Test func aReaderSkipsTheLineBeingWrittenButReportsACutOffLineOnceNobodyWrites() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let journal = try WalkFileWriter.create(folder: root, header: header)
        let partial = Array("{\"type\":\"verdict\",\"at\":\"2026-11-2".utf8)
        let fd = open(journal.path, O_WRONLY | O_APPEND)
        #expect(write(fd, partial, partial.count) == partial.count)
        close(fd)
        let whileOpen = try LoadedWalk.load(path: journal.path)
        #expect(whileOpen.warnings.isEmpty, "a line being written is not damage: \(whileOpen.warnings)")
        journal.close()
        // A process another test is starting at this moment holds a copy of every descriptor until
        // its exec closes it (O_CLOEXEC acts only at exec): wait for the lock to go with it.
        for _ in 0..<200 where WalkFileWriter.isBeingWritten(journal.path) { usleep(10_000) }
        let afterwards = try LoadedWalk.load(path: journal.path)
        #expect(afterwards.warnings.map(\.line) == [2])
    }
}
