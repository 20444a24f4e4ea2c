import Glibc

/// A small file of lines that several journeywalk processes add to (`submit` queues a walk while a
/// `push` takes others off): each addition is one write under an exclusive lock, appended, so no
/// file is made per entry (on ext4 without a journal each new file costs a search of the inodes
/// freed lately: docs/benchmarks.md). `compact` rewrites it whole under a new name and renames it
/// into place, under the same lock; a process that opened the old file notices and opens the new one.
///
/// A last line without its newline (a crash while writing) is not read: the next addition ends it
/// with `#` (which makes it no valid line for its readers) and starts on a line of its own.
struct SharedLineLog {
    let path: String

    /// The file opened and locked, checked to be the one under `path` now (not one `compact` replaced).
    private func openLocked(creating: Bool) throws(FileError) -> Int32? {
        for _ in 0..<100 {
            let fd = open(path, O_RDWR | O_APPEND | O_NOFOLLOW | O_CLOEXEC | (creating ? O_CREAT : 0), 0o600)
            guard fd >= 0 else {
                if errno == ENOENT && !creating { return nil }
                throw FileError(path: path, errno: errno)
            }
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let code = errno
                    close(fd)
                    throw FileError(path: path, errno: code)
                }
            }
            var opened = stat(), named = stat()
            if fstat(fd, &opened) == 0, lstat(path, &named) == 0, opened.st_ino == named.st_ino, opened.st_dev == named.st_dev {
                guard (opened.st_mode & S_IFMT) == S_IFREG else {
                    close(fd)
                    throw FileError(path: path, reason: "is not a regular file")
                }
                return fd
            }
            close(fd)
        }
        throw FileError(path: path, reason: "keeps being replaced while it is opened")
    }

    /// Adds lines (each without its newline) in one write; `sync` flushes them to disk before returning.
    func append(_ lines: [String], sync: Bool) throws(FileError) {
        guard !lines.isEmpty else { return }
        let existed = PosixFile.exists(path)
        guard let fd = try openLocked(creating: true) else { return }
        defer { close(fd) }
        var bytes: [UInt8] = []
        let size = lseek(fd, 0, SEEK_END)
        var last: UInt8 = 0x0A
        // A line cut off is closed with `#`, which no line may end with, so it stays unread.
        if size > 0, pread(fd, &last, 1, size - 1) == 1, last != 0x0A { bytes += [0x23, 0x0A] }
        bytes += Self.bytes(of: lines)
        do throws(FileError) {
            try PosixFile.writeAll(fd, bytes, path: path)
            guard !sync || fsync(fd) == 0 else { throw FileError(path: path, errno: errno) }
        } catch {
            if size >= 0 { _ = ftruncate(fd, size) }
            throw error
        }
        if sync && !existed { PosixFile.syncFolder(PosixFile.parentFolder(of: path)) }
    }

    /// The complete lines, in order; none when the file is missing or unreadable.
    func lines() -> [Substring] {
        guard let bytes = try? PosixFile.read(path, limit: 64 * 1024 * 1024) else { return [] }
        return Self.completeLines(bytes)
    }

    private static func completeLines(_ bytes: [UInt8]) -> [Substring] {
        guard let end = bytes.lastIndex(of: 0x0A) else { return [] }
        return String(decoding: bytes[..<end], as: UTF8.self).split(separator: "\n")
    }

    /// Rewrites the file as `keep` makes of its lines, under the lock (no addition is lost meanwhile),
    /// through a new file flushed and renamed into place.
    func compact(_ keep: ([Substring]) -> [String]) throws(FileError) {
        guard let fd = try openLocked(creating: false) else { return }
        defer { close(fd) }
        guard lseek(fd, 0, SEEK_SET) == 0 else { throw FileError(path: path, errno: errno) }
        let lines = keep(Self.completeLines(try PosixFile.read(opened: fd, path: path, limit: 64 * 1024 * 1024)))
        try PosixFile.writeAtomically(Self.bytes(of: lines), to: path, mode: 0o600, exactMode: true)
    }

    /// Lines as the file holds them, each ended by a newline.
    private static func bytes(of lines: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for line in lines {
            bytes += line.utf8
            bytes.append(0x0A)
        }
        return bytes
    }
}
