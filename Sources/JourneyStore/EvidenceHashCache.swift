import Glibc
import JourneyKit
import Synchronization

/// The SHA-256 of evidence files hashed before, by path, with what `stat` said of the file then
/// (size, modification and change times to the nanosecond, device and inode). A report or review
/// hashes a file again only when one of these changed, so a 1 GB attachment is read once, not on
/// every report. Kept in `evidence-hashes` in the data folder; at most `maximumEntries`, the oldest
/// dropped first. A damaged or missing cache file only means files are hashed again.
public final class EvidenceHashCache: Sendable {
    /// The most files remembered: 1,000.
    public static let maximumEntries = 1_000

    struct Entry: Equatable, Sendable {
        var sha256: String
        var stamp: [Int64]
    }

    /// The file the hashes are kept in; nil: kept in memory only.
    public let file: String?
    private let state: Mutex<(entries: [String: Entry], order: [String], changed: Bool)>

    /// The hashes kept in `file` (none when it is missing or unreadable).
    public init(file: String?) {
        self.file = file
        var entries: [String: Entry] = [:]
        var order: [String] = []
        if let file, let bytes = try? PosixFile.read(file, limit: 10_000_000) {
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                let fields = line.split(separator: "\t", maxSplits: 7, omittingEmptySubsequences: false)
                guard fields.count == 8, fields[0].count == 64 else { continue }
                let stamp = fields[1...6].compactMap { Int64($0) }
                guard stamp.count == 6 else { continue }
                let path = String(fields[7])
                if entries.updateValue(Entry(sha256: String(fields[0]), stamp: stamp), forKey: path) == nil { order.append(path) }
            }
        }
        state = Mutex((entries, order, false))
    }

    /// What `stat` says of a file that the hash depends on.
    static func stamp(_ info: stat) -> [Int64] {
        [Int64(info.st_size), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec),
         Int64(info.st_ctim.tv_sec) &* 1_000_000_000 &+ Int64(info.st_ctim.tv_nsec), Int64(info.st_dev), Int64(info.st_ino)]
    }

    /// The hash of the file at `path`, from the cache when its stamp is unchanged, else read (and kept).
    func sha256(ofFileAt path: String, info: stat, hash: (String) -> String?) -> String? {
        let stamp = Self.stamp(info)
        if let known = state.withLock({ $0.entries[path] }), known.stamp == stamp { return known.sha256 }
        guard let digest = hash(path) else { return nil }
        // A path with a tab or a line break cannot be written in the file: it is hashed every time.
        guard !path.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return digest }
        state.withLock { cache in
            if cache.entries.updateValue(Entry(sha256: digest, stamp: stamp), forKey: path) == nil { cache.order.append(path) }
            while cache.order.count > Self.maximumEntries { cache.entries[cache.order.removeFirst()] = nil }
            cache.changed = true
        }
        return digest
    }

    /// Writes the hashes back when any was added; a failure is not an error (they are hashed again next time).
    public func save() {
        guard let file else { return }
        let text: String? = state.withLock { cache in
            guard cache.changed else { return nil }
            cache.changed = false
            return cache.order.compactMap { path in
                cache.entries[path].map { ([$0.sha256] + $0.stamp.map(String.init) + [path]).joined(separator: "\t") + "\n" }
            }.joined()
        }
        guard let text else { return }
        try? PosixFile.writeAtomically(Array(text.utf8), to: file, mode: 0o600, exactMode: true)
    }
}
