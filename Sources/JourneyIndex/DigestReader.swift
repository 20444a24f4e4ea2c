import Dispatch
import JourneyKit
import JourneyStore

/// Reads walk files into digests on every core, a batch at a time, so that no more than a batch
/// of whole walks is ever in memory.
enum DigestReader {
    /// What one file gave: a digest with its journey outline, or why it could not be read.
    enum Outcome: Sendable {
        case walk(WalkDigest, JourneyOutline, copy: String?)
        case unreadable(String)
    }

    static let batchSize = 2048

    /// Reads the files in batches and hands each batch's outcomes over in the order of `paths`.
    /// The next batch is read on the other cores while `batch` handles this one (writes it to the
    /// index), so at most two batches of whole walks are in memory.
    static func read(_ paths: [String], batch: ([String], [Outcome]) throws -> Void) rethrows {
        let slices = stride(from: 0, to: paths.count, by: batchSize).map { Array(paths[$0..<min(paths.count, $0 + batchSize)]) }
        guard let first = slices.first else { return }
        var current = readBatch(first)
        for number in slices.indices {
            let next = number + 1 < slices.count ? Pending(slices[number + 1]) : nil
            // Never leave a batch being read behind, also when `batch` throws.
            defer { if let next { current = next.wait() } }
            try batch(slices[number], current)
        }
    }

    /// A batch being read in the background.
    private final class Pending: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        /// Written once by the reading thread before `done` is signalled, read after waiting on it.
        private var outcomes: [Outcome] = []

        init(_ paths: [String]) {
            DispatchQueue.global().async { [self] in
                outcomes = DigestReader.readBatch(paths)
                done.signal()
            }
        }

        func wait() -> [Outcome] {
            done.wait()
            return outcomes
        }
    }

    static func readBatch(_ paths: [String]) -> [Outcome] {
        Parallel.map(paths, perWorker: 16) { outcome($0) }
    }

    static func outcome(_ path: String) -> Outcome {
        do {
            let file = try LoadedWalk.load(path: path, quickly: true)
            let digest = WalkDigest(file.walk, path: path, problems: file.warnings.map(\.description))
            return .walk(digest, JourneyOutline(file.walk.journey), copy: file.walk.header.journeyCopy)
        } catch {
            return .unreadable(error.description)
        }
    }
}
