import Foundation
import Glibc
import JourneyKit
import JourneyStore

/// The walk files of a folder with their size and modification time, read with one `stat` each
/// and no file opened: what tells the index which files changed since it read them.
struct WalkFolderScan {
    struct Entry: Equatable {
        var name: String
        var size: Int64
        /// Nanoseconds since 1970.
        var modified: Int64
    }

    var entries: [Entry]
    /// The modification time of the shared journey copies' folder (0 when there is none).
    var copiesModified: Int64

    static func scan(_ folder: String) -> WalkFolderScan {
        guard let directory = opendir(folder) else { return WalkFolderScan(entries: [], copiesModified: 0) }
        defer { closedir(directory) }
        let fd = dirfd(directory)
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasSuffix(".jsonl"), !name.hasPrefix(".") else { continue }
            names.append(name)
        }
        // In name order, so that the index's rows (`ORDER BY name`) can be walked beside them. For the
        // ASCII names journeywalk writes the two orders agree; where they do not, a file is only read again.
        names.sort()
        // One stat per file, on every core.
        let sorted = names
        var found = [Entry?](repeating: nil, count: names.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, names.count / 1024))
        found.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < sorted.count {
                    var info = stat()
                    if fstatat(fd, sorted[index], &info, 0) == 0, info.st_mode & S_IFMT == S_IFREG {
                        slots[index] = Entry(name: sorted[index], size: Int64(info.st_size), modified: nanoseconds(info.st_mtim))
                    }
                    index += workers
                }
            }
        }
        let entries = found.compactMap { $0 }
        var copies = stat()
        let copiesModified = stat(JourneyCopies.folder(forWalks: folder), &copies) == 0 ? nanoseconds(copies.st_mtim) : 0
        return WalkFolderScan(entries: entries, copiesModified: copiesModified)
    }

    static func nanoseconds(_ time: timespec) -> Int64 { Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec) }
}

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
    static func read(_ paths: [String], batch: ([String], [Outcome]) throws -> Void) rethrows {
        var start = 0
        while start < paths.count {
            let slice = Array(paths[start..<min(paths.count, start + batchSize)])
            try batch(slice, readBatch(slice))
            start += batchSize
        }
    }

    static func readBatch(_ paths: [String]) -> [Outcome] {
        var results = [Outcome?](repeating: nil, count: paths.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, paths.count / 16))
        results.withUnsafeMutableBufferPointer { buffer in
            // Each worker writes only its own slots.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < paths.count {
                    slots[index] = outcome(paths[index])
                    index += workers
                }
            }
        }
        return results.map { $0 ?? .unreadable("\(paths.first ?? ""): not read") }
    }

    static func outcome(_ path: String) -> Outcome {
        do {
            let file = try WalkFile.load(path: path)
            let digest = WalkDigest(file.walk, path: path, problems: file.warnings.map(\.description))
            return .walk(digest, JourneyOutline(file.walk.journey), copy: file.walk.header.journeyCopy)
        } catch {
            return .unreadable(error.description)
        }
    }
}
