import Glibc
import JourneyKit

/// Checks attached files against what the walk recorded (size and SHA-256), for review and reports.
public enum EvidenceCheck {
    /// What the file at the evidence's path is now. A size that differs is enough to say `changed`
    /// without reading the file; otherwise the bytes are hashed, or the hash is taken from `hashes`
    /// when the file's size, times, device and inode are those it had when it was hashed.
    public static func status(of evidence: Evidence, hashes: EvidenceHashCache? = nil) -> EvidenceStatus {
        var info = stat()
        guard stat(evidence.path, &info) == 0 else { return errno == EACCES ? .unreadable : .missing }
        guard info.st_mode & S_IFMT == S_IFREG, Int64(info.st_size) == evidence.bytes else { return .changed }
        let digest = hashes.map { $0.sha256(ofFileAt: evidence.path, info: info, hash: sha256(ofFileAt:)) } ?? sha256(ofFileAt: evidence.path)
        guard let digest else { return .unreadable }
        return digest == evidence.sha256.lowercased() ? .present : .changed
    }

    /// The status of every file attached anywhere in the walks, each checked once.
    public static func statuses(for walks: [Walk], hashes: EvidenceHashCache? = nil) -> [Evidence: EvidenceStatus] {
        var result: [Evidence: EvidenceStatus] = [:]
        for walk in walks {
            for moment in walk.moments.values {
                for evidence in moment.evidence where result[evidence] == nil {
                    result[evidence] = status(of: evidence, hashes: hashes)
                }
            }
        }
        return result
    }

    /// The lower-case hex SHA-256 of a regular file's bytes, read in blocks; nil when it cannot be read.
    public static func sha256(ofFileAt path: String) -> String? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var digest = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            buffer.withUnsafeBufferPointer { digest.update(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
        return digest.hexDigest()
    }
}
