import Glibc
import JourneyKit

/// Files attached to a moment as evidence (a photo, a receipt, a recording): read once to record
/// their size and SHA-256, so review and reports can tell later whether the file changed.
public enum EvidenceFile {
    /// Why a path cannot be attached; nothing is recorded.
    public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// The path as the walk keeps it: `~/` expanded from `home`, relative paths made absolute.
    public static func resolve(_ text: String, home: String?) -> String {
        let trimmed = text.trimmingSpaces
        if trimmed == "~" || trimmed.hasPrefix("~/"), let home, !home.isEmpty {
            return home + trimmed.dropFirst()
        }
        return PosixFile.absolute(trimmed)
    }

    /// The largest file attached: 2 GB (2,000,000,000 bytes). Hashing reads every byte (about 10 s a
    /// GB on a laptop disk), so a larger file, or a sparse one that claims to be, is refused at once.
    public static let maximumSize: Int64 = 2_000_000_000

    /// Why a file was not attached after its reading was cancelled.
    public static let cancelledReason = "cancelled; nothing was attached"

    /// Reads a regular file and returns it as evidence; a missing path, a folder, a FIFO or a device
    /// is refused (a FIFO is never waited on), and so is a file over `maximumSize`. `progress` is
    /// called with the bytes read and the size after every block (and once at the end); returning
    /// false cancels the reading, and nothing is returned.
    public static func inspect(
        _ text: String, home: String?, progress: (_ read: Int64, _ size: Int64) -> Bool = { _, _ in true }
    ) throws(Refusal) -> Evidence {
        guard !text.trimmingSpaces.isEmpty else { throw Refusal(path: text, reason: "no path given") }
        let path = resolve(text, home: home)
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            throw Refusal(path: path, reason: code == ENOENT ? "no such file" : String(cString: strerror(code)))
        }
        try requireRegular(info, path: path)
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw Refusal(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { throw Refusal(path: path, reason: String(cString: strerror(errno))) }
        try requireRegular(info, path: path)
        let size = Int64(info.st_size)
        guard size <= maximumSize else {
            throw Refusal(path: path, reason: "is \(gigabytes(size)); evidence files may be at most \(gigabytes(maximumSize))")
        }
        var hash = SHA256()
        var total: Int64 = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Refusal(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            buffer.withUnsafeBufferPointer { hash.update(UnsafeBufferPointer(rebasing: $0[0..<count])) }
            total += Int64(count)
            guard total <= maximumSize else {
                throw Refusal(path: path, reason: "grew past \(gigabytes(maximumSize)) while it was read; evidence files may be at most \(gigabytes(maximumSize))")
            }
            guard progress(total, max(size, total)) else { throw Refusal(path: path, reason: cancelledReason) }
        }
        // Asked once more at the end, so a cancel (or a signal) during the last block still counts.
        guard progress(total, total) else { throw Refusal(path: path, reason: cancelledReason) }
        return Evidence(path: path, bytes: total, sha256: hash.hexDigest())
    }

    /// A size as people read it: `2 GB`, `50.0 GB`, `512 MB`.
    static func gigabytes(_ bytes: Int64) -> String {
        if bytes < 1_000_000_000 { return "\(max(1, bytes / 1_000_000)) MB" }
        if bytes % 1_000_000_000 == 0 { return "\(bytes / 1_000_000_000) GB" }
        let tenths = bytes / 100_000_000
        return "\(tenths / 10).\(tenths % 10) GB"
    }

    private static func requireRegular(_ info: stat, path: String) throws(Refusal) {
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { throw Refusal(path: path, reason: "is a folder; attach a file") }
        guard kind == S_IFREG else { throw Refusal(path: path, reason: "is \(PosixFile.kindName(kind)), not a regular file") }
    }
}
