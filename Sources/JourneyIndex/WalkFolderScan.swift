import Foundation
import Glibc
import JourneyKit
import JourneyStore

/// The walk files of a folder with their size, modification time, inode and change time, read
/// with one `stat` each and no file opened, in the folder's own order: what tells the index which
/// files changed since it read them. The change time cannot be set back (`touch -r` sets the
/// modification time only), and a file replaced by another has another inode, so an edit that keeps
/// the size and puts the modification time back is still seen. Every `*.jsonl` name is listed, also
/// one that is not a regular file (a FIFO, a device, a folder, a dangling link): the index keeps it
/// as a file that cannot be read, so every command names it and counts it the same way.
struct WalkFolderScan {
    struct Entry: Equatable {
        var name: String
        var size: Int64
        /// Nanoseconds since 1970.
        var modified: Int64
        var inode: Int64 = 0
        /// The status change time (ctime), nanoseconds since 1970.
        var changed: Int64 = 0
    }

    var entries: [Entry]
    /// The modification time of the shared journey copies' folder (0 when there is none).
    var copiesModified: Int64

    static func scan(_ folder: String) -> WalkFolderScan {
        guard let directory = opendir(folder) else { return WalkFolderScan(entries: [], copiesModified: 0) }
        defer { closedir(directory) }
        let fd = dirfd(directory)
        var listed: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasSuffix(".jsonl"), !name.hasPrefix(".") else { continue }
            listed.append(name)
        }
        // One stat per file, on every core.
        let names = listed
        let entries = Parallel.map(names, perWorker: 1024) { name -> Entry? in
            var info = stat()
            // A link is followed; a dangling one is described by the link itself.
            guard fstatat(fd, name, &info, 0) == 0 || fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
            return Entry(
                name: name, size: Int64(info.st_size), modified: nanoseconds(info.st_mtim), inode: Int64(bitPattern: UInt64(info.st_ino)),
                changed: nanoseconds(info.st_ctim))
        }.compactMap { $0 }
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
            let file = try WalkFile.load(path: path, quickly: true)
            let digest = WalkDigest(file.walk, path: path, problems: file.warnings.map(\.description))
            return .walk(digest, JourneyOutline(file.walk.journey), copy: file.walk.header.journeyCopy)
        } catch {
            return .unreadable(error.description)
        }
    }
}
