import Foundation
import Glibc
import JourneyKit
@testable import JourneyStore
import Testing

@Suite struct WalkTrashTests {
    func makeWalk(_ root: String, id: String = "20261122-101503-trip") throws -> String {
        let file = root + "/journeys/trip.yaml"
        try writeJourney(file, id: "trip", title: "Trip")
        return try recordWalk(of: file, into: root + "/walks", id: id)
    }

    @Test func deleteMovesTheWalkIntoAPrivateTrashAndRestoreBringsItBack() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let walk = try makeWalk(root)
        let bytes = try PosixFile.read(walk)
        // A trash folder made by hand with a wider mode is tightened.
        try PosixFile.makeFolder(root + "/trash", mode: 0o755)
        let trash = WalkTrash(locations: DataLocations(home: root))
        let moved = try trash.delete(walk)
        #expect(moved == root + "/trash/20261122-101503-trip.jsonl")
        #expect(!PosixFile.exists(walk))
        #expect(try PosixFile.read(moved) == bytes)
        var info = stat()
        #expect(stat(root + "/trash", &info) == 0 && info.st_mode & 0o777 == 0o700)
        #expect(WalkFileCatalog(folder: root + "/walks").paths.isEmpty)
        #expect(trash.list().walks.map(\.walkID) == ["20261122-101503-trip"])

        #expect(try trash.restore("20261122-1015") == walk)
        #expect(try PosixFile.read(walk) == bytes)
        #expect(trash.list().walks.isEmpty)
    }

    @Test func aWalkOpenForWritingElsewhereIsRefused() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let walk = try makeWalk(root)
        // Another process's writer: an exclusive lock on its own open file description.
        let fd = open(walk, O_RDWR | O_APPEND | O_CLOEXEC)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let trash = WalkTrash(locations: DataLocations(home: root))
        #expect(throws: TrashError.inUse(WalkFileWriter.Busy(path: walk, holder: nil))) { try trash.delete(walk) }
        #expect(PosixFile.isFile(walk))
        close(fd)
        #expect(try trash.delete(walk) == root + "/trash/20261122-101503-trip.jsonl")
    }

    @Test func aWalkOpenInAnotherProcessIsRefusedNamingTheProcess() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let walk = try makeWalk(root)
        // flock(1) from util-linux holds the lock in a child process, as resume or walk would.
        guard access("/usr/bin/flock", X_OK) == 0 else {
            Issue.record("/usr/bin/flock (util-linux) is needed for a second process to hold the lock")
            return
        }
        let child = try Process.run(URL(fileURLWithPath: "/usr/bin/flock"), arguments: ["-x", walk, "sleep", "5"])
        defer { child.terminate() }
        let trash = WalkTrash(locations: DataLocations(home: root))
        var refusal: TrashError?
        for _ in 0..<100 where refusal == nil {
            do {
                _ = try WalkFileWriter.reopen(path: walk).close()
                usleep(20_000)
            } catch {
                do { try trash.delete(walk) } catch { refusal = error }
            }
        }
        let message = try #require(refusal).description
        #expect(message.hasPrefix("\(walk): this walk is open for writing in another journeywalk (process \(child.processIdentifier): "), "\(message)")
        #expect(message.hasSuffix(" sleep 5); finish or leave it there first"), "the holder's command line, as resume says it: \(message)")
        #expect(PosixFile.isFile(walk))
    }

    @Test func onlyWalksOfTheWalksFolderAreMoved() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let walk = try makeWalk(root)
        let elsewhere = root + "/elsewhere.jsonl"
        #expect(rename(walk, elsewhere) == 0)
        let trash = WalkTrash(locations: DataLocations(home: root))
        #expect(throws: TrashError.notInWalks(path: elsewhere, walks: root + "/walks")) { try trash.delete(elsewhere) }
        #expect(PosixFile.isFile(elsewhere))
    }

    @Test func namesAreNeverReplacedEitherWay() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let trash = WalkTrash(locations: DataLocations(home: root))
        let walk = try makeWalk(root)
        let first = try PosixFile.read(walk)
        try trash.delete(walk)
        // The same name again (a copy put back by hand): kept beside the first.
        _ = try makeWalk(root)
        try "{}\n".write(toFile: walk, atomically: true, encoding: .utf8)
        #expect(try trash.delete(walk) == root + "/trash/20261122-101503-trip-2.jsonl")
        #expect(try PosixFile.read(root + "/trash/20261122-101503-trip.jsonl") == first)
        // A walk of that name in the walks folder is not replaced by a restore.
        try "{}\n".write(toFile: walk, atomically: true, encoding: .utf8)
        #expect(throws: TrashError.nameTaken(path: walk)) { try trash.restore("20261122-101503-trip") }
        #expect(try String(contentsOfFile: walk, encoding: .utf8) == "{}\n")
        #expect(throws: TrashError.notInTrash(reference: "2025", trash: root + "/trash")) { try trash.restore("2025") }
    }
}
