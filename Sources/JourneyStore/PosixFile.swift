import Glibc
import JourneyKit

/// A failed file operation, with the path and the system's reason ("Permission denied").
public struct FileError: FileFailure, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(path: String, errno code: Int32) {
        self.init(path: path, reason: String(cString: strerror(code)))
    }

    public var description: String { "\(path): \(reason)" }
    public var cause: String { reason }
}

/// Small, explicit wrappers over POSIX file calls, so every failure carries its path and reason.
public enum PosixFile {
    /// Reads a whole regular file. Anything else (a folder, a FIFO, a device such as `/dev/zero`, a socket)
    /// is refused before it is opened, and again after (the open never blocks: O_NONBLOCK), so a read
    /// can neither hang nor run without end. With `limit`, a file larger than that many bytes is
    /// refused before it is read.
    public static func read(_ path: String, limit: Int? = nil) throws(FileError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileError(path: path, errno: errno) }
        try requireRegular(info, path: path, limit: limit)
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw FileError(path: path, errno: errno) }
        defer { close(fd) }
        // The path may have been replaced between stat and open: check what was opened.
        return try read(opened: fd, path: path, limit: limit)
    }

    /// Reads a whole regular file from a descriptor already open (from where it stands), refusing
    /// anything but a regular file within the limit; `path` names it in messages.
    static func read(opened fd: Int32, path: String, limit: Int? = nil) throws(FileError) -> [UInt8] {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError(path: path, errno: errno) }
        try requireRegular(info, path: path, limit: limit)
        var result: [UInt8] = []
        result.reserveCapacity(max(Int(info.st_size), 0))
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, errno: errno)
            }
            if count == 0 { break }
            result.append(contentsOf: buffer[0..<count])
            // A file that grows while it is read is held to the same limit.
            if let limit, result.count > limit { throw FileError(path: path, reason: tooLarge(result.count, limit: limit, growing: true)) }
        }
        return result
    }

    /// Throws unless the file is a regular file within the limit.
    private static func requireRegular(_ info: stat, path: String, limit: Int?) throws(FileError) {
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { throw FileError(path: path, reason: "is a folder, not a file") }
        guard kind == S_IFREG else { throw FileError(path: path, reason: "is \(kindName(kind)), not a regular file") }
        if let limit, Int(info.st_size) > limit { throw FileError(path: path, reason: tooLarge(Int(info.st_size), limit: limit, growing: false)) }
    }

    /// What a file type is called in messages: "a folder", "a FIFO (named pipe)".
    static func kindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a file"
        }
    }

    /// `is 12.5 MB, larger than the 10 MB limit`.
    private static func tooLarge(_ size: Int, limit: Int, growing: Bool) -> String {
        // Just over the limit, megabytes would round to the limit itself: say the bytes.
        let shown = megabytes(size) == megabytes(limit) ? "\(size) bytes" : megabytes(size)
        return growing ? "grew past the \(megabytes(limit)) limit while being read" : "is \(shown), larger than the \(megabytes(limit)) limit"
    }

    /// A size in megabytes (10^6 bytes) for messages: `10 MB`, `12.5 MB`.
    public static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }

    /// Writes bytes fully to a descriptor, retrying short writes.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(FileError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, errno: errno)
            }
            offset += written
        }
    }

    /// Writes a whole file through a temporary file and a rename, so readers never see half of it.
    /// The temporary file is created beside the target with O_EXCL | O_NOFOLLOW (never through a link
    /// planted under its name) with `mode` less the umask, or exactly `mode` when `exactMode` (a mode the user asked for).
    /// `sync: false` leaves flushing to the caller (a pull writes many copies, then flushes the file system once).
    public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644, exactMode: Bool = false, sync: Bool = true) throws(FileError) {
        let folder = parentFolder(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<16 {
            temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw FileError(path: path, errno: errno) }
        do throws(FileError) {
            if exactMode, fchmod(fd, mode) != 0 { throw FileError(path: path, errno: errno) }
            try writeAll(fd, bytes, path: path)
            guard !sync || fsync(fd) == 0 else { throw FileError(path: path, errno: errno) }
            close(fd)
            fd = -1
            guard rename(temporary, path) == 0 else { throw FileError(path: path, errno: errno) }
        } catch {
            if fd >= 0 { close(fd) }
            unlink(temporary)
            throw error
        }
        if sync { syncFolder(folder.isEmpty ? "." : folder) }
    }

    /// Writes bytes to a new private file (mode 0600, never over an existing file or through a
    /// symlink) named `prefix-N.txt` in a folder; returns its path.
    public static func createPrivate(_ bytes: [UInt8], in folder: String, prefix: String) throws(FileError) -> String {
        var attempt = 1
        while true {
            let path = folder + "/" + prefix + (attempt == 1 ? "" : "-\(attempt)") + ".txt"
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd < 0 {
                if errno == EEXIST, attempt < 100 { attempt += 1; continue }
                throw FileError(path: path, errno: errno)
            }
            defer { close(fd) }
            do throws(FileError) {
                try writeAll(fd, bytes, path: path)
                guard fsync(fd) == 0 else { throw FileError(path: path, errno: errno) }
            } catch {
                unlink(path)
                throw error
            }
            return path
        }
    }

    /// Writes an export (a report) to `path`:
    /// - a new or regular file is replaced atomically and gets `mode` (0600 unless the user asks otherwise);
    /// - a character device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written into, never replaced;
    /// - a symbolic link is followed only to a character device or a FIFO; a link to a file, a folder or
    ///   nothing is refused, so a link planted under the export's name cannot redirect it onto another file;
    /// - a folder, a block device or a socket is refused.
    public static func writeExport(_ bytes: [UInt8], to path: String, mode: mode_t) throws(FileError) {
        var link = stat()
        guard lstat(path, &link) == 0 else {
            guard errno == ENOENT else { throw FileError(path: path, errno: errno) }
            try writeAtomically(bytes, to: path, mode: mode, exactMode: true)
            return
        }
        var info = link
        let isLink = (link.st_mode & S_IFMT) == S_IFLNK
        if isLink, stat(path, &info) != 0 {
            throw FileError(path: path, reason: "is a symbolic link to nothing; give a file name that is not a link")
        }
        switch info.st_mode & S_IFMT {
        case S_IFCHR, S_IFIFO:
            try writeInto(bytes, path: path)
        case S_IFREG where !isLink:
            try requireReplaceable(path)
            try writeAtomically(bytes, to: path, mode: mode, exactMode: true)
        case S_IFREG:
            throw FileError(path: path, reason: "is a symbolic link to a file; reports are not written through links: give the file itself, or remove the link")
        case S_IFDIR:
            throw FileError(path: path, reason: isLink ? "is a symbolic link to a folder, not a file" : "is a folder, not a file")
        default:
            throw FileError(path: path, reason: "is \(kindName(info.st_mode & S_IFMT)); reports are written to files, character devices and FIFOs only")
        }
    }

    /// Refuses to replace an existing file that could not be opened for writing (another user's
    /// write-protected file in a folder one may write): an export replaces a file only where `cp`
    /// or a shell's `>` could write it, as `access(W_OK)` (or the injected `access`) decides.
    static func requireReplaceable(_ path: String, access check: (String) -> Int32? = PosixFile.writeAccessError) throws(FileError) {
        guard let code = check(path) else { return }
        let reason = code == EACCES || code == EPERM || code == EROFS
            ? "cannot be written (\(String(cString: strerror(code)))), so it is not replaced; choose another file, or make this one writable first"
            : String(cString: strerror(code))
        throw FileError(path: path, reason: reason)
    }

    /// Why the file could not be opened for writing now (`access(W_OK)`), or nil when it could.
    static func writeAccessError(_ path: String) -> Int32? {
        access(path, W_OK) == 0 ? nil : errno
    }

    /// Writes into an existing character device or FIFO (opening a FIFO waits for its reader, as a shell redirection does).
    private static func writeInto(_ bytes: [UInt8], path: String) throws(FileError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw FileError(path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError(path: path, errno: errno) }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFCHR || kind == S_IFIFO else {
            throw FileError(path: path, reason: "changed while it was opened (now \(kindName(kind))); try again")
        }
        try writeAll(fd, bytes, path: path)
    }

    /// Takes group and other permissions off a private folder (walks/ must be 0700). Returns a one-line
    /// notice when the folder was wider, or could not be tightened; nil when all is well or it does not exist.
    public static func tightenFolder(_ path: String, to mode: mode_t = 0o700) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        let current = info.st_mode & 0o7777
        guard current & 0o777 & ~mode != 0 else { return nil }
        let tightened = (current & 0o7000) | (current & 0o777 & mode)
        guard chmod(path, tightened) == 0 else {
            return "warning: \(path) has mode \(octal(current)): others can read the walks in it, and it could not be changed to \(octal(mode)): \(String(cString: strerror(errno)))"
        }
        return "notice: \(path) had mode \(octal(current)); changed to \(octal(tightened)) so only you can read the walks in it"
    }

    /// A file mode as `0755`.
    public static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Creates a folder and its parents; the last one gets `mode`.
    public static func makeFolder(_ path: String, mode: mode_t = 0o700) throws(FileError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw FileError(path: path, reason: "exists and is not a folder") }
            return
        }
        let parent = parentFolder(of: path)
        if !parent.isEmpty, parent != path { try makeFolder(parent, mode: 0o755) }
        if mkdir(path, mode) != 0, errno != EEXIST { throw FileError(path: path, errno: errno) }
        chmod(path, mode)
    }

    /// Flushes a folder's entry list, so a newly created file survives a power loss.
    static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Whether a path names an existing regular file.
    public static func isFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether a path names anything that exists (following symbolic links).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Whether a path names an existing folder.
    public static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in a folder, sorted; empty when it cannot be read.
    public static func list(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The folder part of a path ("" for a bare name).
    public static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The file name without folder and extension.
    public static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// An absolute form of the path, relative to the current folder.
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let pointer = getcwd(nil, 0) else { return path }
        defer { free(pointer) }
        let cwd = String(validatingCString: pointer) ?? "."
        let trimmed = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return cwd == "/" ? "/" + trimmed : cwd + "/" + trimmed
    }
}
