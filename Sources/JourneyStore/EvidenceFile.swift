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

    /// Reads a regular file and returns it as evidence; a missing path, a folder, a FIFO or a device
    /// is refused (a FIFO is never waited on).
    public static func inspect(_ text: String, home: String?) throws(Refusal) -> Evidence {
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
        }
        return Evidence(path: path, bytes: total, sha256: hash.hexDigest())
    }

    private static func requireRegular(_ info: stat, path: String) throws(Refusal) {
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { throw Refusal(path: path, reason: "is a folder; attach a file") }
        guard kind == S_IFREG else { throw Refusal(path: path, reason: "is \(PosixFile.kindName(kind)), not a regular file") }
    }
}
