import Foundation
import Glibc
import JourneyKit
@testable import JourneyStore
import Testing

/// Journey and walk files that are not regular files, or far too large, are refused without hanging.
@Suite struct FileSafetyTests {
    /// Runs `body` on another thread and fails (instead of hanging the suite) when it takes over `seconds`.
    private func withinSeconds<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () -> T) -> T? {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: T?
        Thread.detachNewThread {
            result = body()
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return result
    }

    private func loadProblem(_ path: String) -> String? {
        withinSeconds(5) {
            do {
                _ = try JourneyLoader.load(path: path)
                return "loaded"
            } catch {
                return String(describing: error)
            }
        }
    }

    @Test func aDeviceIsRefusedBeforeItIsRead() {
        let problem = loadProblem("/dev/zero")
        #expect(problem == "/dev/zero: cannot read the file: is a character device, not a regular file")
    }

    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let fifo = root + "/journey.yaml"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(loadProblem(fifo) == "\(fifo): cannot read the file: is a FIFO (named pipe), not a regular file")
        // Found in a journey folder, it is listed as a file with a problem, not skipped and not waited on.
        let entries = withinSeconds(5) { JourneyCatalog(folders: [root]).entries().map(\.path) }
        #expect(entries == [fifo])
        let walk = root + "/walk.jsonl"
        #expect(mkfifo(walk, 0o600) == 0)
        let walkProblem = withinSeconds(5) { () -> String in
            do {
                _ = try LoadedWalk.load(path: walk)
                return "loaded"
            } catch {
                return String(describing: error)
            }
        }
        #expect(walkProblem == "\(walk): cannot read the walk file: is a FIFO (named pipe), not a regular file")
    }

    @Test func aJourneyFileOverTenMegabytesIsRefusedBeforeItIsRead() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let path = root + "/huge.yaml"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        #expect(fd >= 0)
        // A sparse file: 20 MB long, nothing written; reading it would still take 20 MB of memory.
        #expect(ftruncate(fd, 20_000_000) == 0)
        close(fd)
        #expect(loadProblem(path) == "\(path): cannot read the file: is 20 MB, larger than the 10 MB limit")
        let fine = root + "/fine.yaml"
        try Data("title: T\nstages:\n  - name: S\n    touchpoints:\n      - title: A\n".utf8).write(to: URL(fileURLWithPath: fine))
        #expect(loadProblem(fine) == "loaded")
    }

    @Test func anExportDoesNotReplaceAFileThatCouldNotBeOpenedForWriting() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let target = folder + "/report.html"
        #expect(FileManager.default.createFile(atPath: target, contents: Data("theirs".utf8)))
        // The decision, with what access(W_OK) answers injected: tests run as root, for whom the
        // system answers yes to every file, so the refusal itself is proven here and end to end as another user.
        #expect(throws: FileError(path: target, reason: "cannot be written (Permission denied), so it is not replaced; choose another file, or make this one writable first")) {
            try PosixFile.requireReplaceable(target, access: { _ in EACCES })
        }
        #expect(throws: FileError(path: target, reason: "cannot be written (Read-only file system), so it is not replaced; choose another file, or make this one writable first")) {
            try PosixFile.requireReplaceable(target, access: { _ in EROFS })
        }
        try PosixFile.requireReplaceable(target, access: { _ in nil })
        // What the system says is what is asked: a file one may write is replaced.
        try PosixFile.writeExport(Array("ours".utf8), to: target, mode: 0o600)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "ours")
        if getuid() != 0 {
            // Not root: one's own write-protected file is refused too, as `cp` and `>` refuse it.
            #expect(chmod(target, 0o444) == 0)
            #expect(throws: FileError.self) { try PosixFile.writeExport(Array("again".utf8), to: target, mode: 0o600) }
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "ours")
        }
    }

    @Test func aWalkFileThatIsASymbolicLinkIsNeitherReadNorWrittenToContinueIt() throws {
        let walks = temporaryFolder()
        let elsewhere = temporaryFolder()
        defer {
            removeFolder(walks)
            removeFolder(elsewhere)
        }
        let journey = Journey(id: "shop", title: "Shop", stages: [Stage(name: "In", touchpoints: [Touchpoint(id: "door", title: "Door")])])
        let header = WalkHeader(
            walkID: "20261122-101503-shop", journey: journey, journeyPath: "/j/shop.yaml", journeyFingerprint: "fnv1a64:0123456789abcdef",
            details: WalkDetails(operator: "Ann"), started: Date(timeIntervalSince1970: 1_795_342_503))
        let target = try WalkFileWriter.create(folder: elsewhere, header: header)
        target.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: target.path))
        let link = walks + "/20261122-101503-shop.jsonl"
        #expect(symlink(target.path, link) == 0)
        let refusal = FileError(path: link, reason: WalkFileWriter.symbolicLinkRefusal)
        #expect(throws: refusal) { try WalkFileWriter.reopen(path: link) }
        #expect(throws: WalkSubmission.Refusal.unreadable("cannot open the walk: \(refusal)")) { try WalkSubmission.openForWriting(path: link) }
        #expect(throws: WalkSubmission.Refusal.unreadable("cannot open the walk: \(refusal)")) { try WalkSubmission.submit(path: link, at: Date()) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: target.path)) == before, "nothing was written through the link")
        // A FIFO under a walk's name is refused as it is opened, before any lock or read.
        let fifo = walks + "/20261122-101504-shop.jsonl"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: FileError(path: fifo, reason: "is a FIFO (named pipe), not a regular file")) { try WalkFileWriter.reopen(path: fifo) }
    }

    @Test func sizesAreWrittenInMegabytes() {
        #expect(PosixFile.megabytes(10_000_000) == "10 MB")
        #expect(PosixFile.megabytes(12_345_678) == "12.3 MB")
    }
}
