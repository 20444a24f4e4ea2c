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
                _ = try WalkFile.load(path: walk)
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

    @Test func sizesAreWrittenInMegabytes() {
        #expect(PosixFile.megabytes(10_000_000) == "10 MB")
        #expect(PosixFile.megabytes(12_345_678) == "12.3 MB")
    }
}
