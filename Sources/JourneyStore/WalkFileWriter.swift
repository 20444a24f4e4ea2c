import Foundation
import Glibc
import JourneyKit

/// The one writer of a walk file (its journal): creates the file, or opens it to continue, and
/// appends each event as one line flushed to disk (fsync) before `append` returns, so an
/// acknowledged record survives a crash or power loss.
///
/// A walk file has one writer: this holds an exclusive `flock` on it for as long as it is
/// open, so a second journeywalk cannot resume (and later undo or roll back over) the same walk.
/// Readers take no lock and never wait.
///
/// Format 3 chains the lines (`WalkChain`): the writer knows the next line's `seq` and the hash of the
/// last line, read once from the file when it is opened to continue, and moves them on only after a
/// write succeeded. A file of format 1 or 2 is continued in its own format, without seq and prev.
public final class WalkFileWriter {
    public let path: String
    private var fd: Int32
    /// The last record of `appendFlushing`, until the next write or `close` waits for its flush.
    private var unflushed: RecordFlush?
    /// Starts an fsync of the descriptor and returns how to wait for it (0, or the errno): on the
    /// background thread; tests give their own to fail a flush.
    var startFlush: (Int32) -> () -> Int32 = { BackgroundFsync.shared.start($0) }
    /// Where the file's chain goes on; nil until the file has been read (`contents`).
    private(set) var chainEnd: ChainEnd?

    /// Where a walk file's chain goes on.
    struct ChainEnd: Equatable {
        /// Whether lines carry seq and prev: the header says format 3 or later.
        var chained: Bool
        /// The seq of the next line (the header is 1).
        var nextSeq: Int
        /// The SHA-256 hex of the last line, without its "\n".
        var lastHash: String?

        /// A file without lines, about to get its header.
        static let newFile = ChainEnd(chained: true, nextSeq: 1, lastHash: nil)

        init(chained: Bool, nextSeq: Int, lastHash: String?) {
            self.chained = chained
            self.nextSeq = nextSeq
            self.lastHash = lastHash
        }

        /// The end of a file's chain. A last line without its "\n" (cut off by a crash) counts as a
        /// line: `endCutOffLine` closes it before anything is appended, and its bytes are hashed as they are.
        init(continuing bytes: [UInt8]) {
            var lines = 0
            var lastStart = 0
            var headerFormat: Int?
            bytes.withUnsafeBufferPointer { buffer in
                var start = 0
                while start < buffer.count {
                    let end = WalkChain.lineEnd(in: buffer, from: start)
                    if lines == 0 { headerFormat = WalkChain.headerFormat(buffer, start..<end) }
                    lines += 1
                    lastStart = start
                    start = end + 1
                }
            }
            let lastEnd = bytes.last == 0x0A ? bytes.count - 1 : bytes.count
            self.chained = (headerFormat ?? 0) >= 3
            self.nextSeq = lines + 1
            self.lastHash = lines == 0 ? nil : bytes.withUnsafeBufferPointer { WalkChain.hash($0, lastStart..<lastEnd) }
        }

        /// The end after one more line.
        mutating func advance(over line: [UInt8]) {
            nextSeq += 1
            lastHash = SHA256.hex(line)
        }
    }

    /// A writer over a descriptor already open; `path` names it in messages. Tests use it to write
    /// to /dev/full, which `reopen` refuses as not a regular file; `chainEnd` is where its chain goes on
    /// (nil: read from the file before the first write).
    init(path: String, fd: Int32, chainEnd: ChainEnd? = .newFile) {
        self.path = path
        self.fd = fd
        self.chainEnd = chainEnd
    }

    deinit { close() }

    /// How many ids a new walk tries, from the one `makeWalkID` chose (`ID`, `ID-2` … `ID-100`), when
    /// walks of the same journey started in the same second by other processes take them first.
    public static let newIDAttempts = 100

    /// Creates the file of a new walk started at `header.started` under the first free id
    /// (`header.walkID` is replaced): `makeWalkID`'s choice (`taken` says which ids a new walk may not
    /// take), or the next one (`-2`, `-3` …) when another walk started in the same second took it
    /// between the choice and the creation. Fails with "File exists" only after `newIDAttempts` ids.
    public static func createNew(folder: String, header: WalkHeader, taken: (String) -> Bool) throws(FileError) -> (writer: WalkFileWriter, header: WalkHeader) {
        var header = header
        var lost = Set<String>()
        for _ in 0..<newIDAttempts {
            header.walkID = makeWalkID(journeyID: header.journey.id, started: header.started) { lost.contains($0) || taken($0) }
            if let writer = try createUnlessTaken(folder: folder, header: header) { return (writer, header) }
            lost.insert(header.walkID)
        }
        throw FileError(path: folder + "/" + header.walkID + ".jsonl", errno: EEXIST)
    }

    /// Creates a new walk file (mode 0600) in `folder` (mode 0700), named after the walk id, holding its
    /// header. The header is written and flushed under a hidden temporary name and then linked into place,
    /// so a crash at any moment leaves no walk file or one that loads, never an empty or half header.
    /// Nil when the walk id's file (or this process's temporary file for it) exists: it is never replaced.
    static func createUnlessTaken(folder: String, header: WalkHeader) throws(FileError) -> WalkFileWriter? {
        try PosixFile.makeFolder(folder, mode: 0o700)
        chmod(folder, 0o700)
        let path = folder + "/" + header.walkID + ".jsonl"
        // Not a `.jsonl` name, so a leftover from a crash is never listed as a walk.
        let temporary = folder + "/." + header.walkID + ".jsonl.\(getpid()).new"
        let fd = open(temporary, O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { return nil }
            throw FileError(path: temporary, errno: errno)
        }
        // A new file: nobody else can hold it yet, but take the lock so others see the writer (the
        // lock belongs to the file, so it holds under its final name too).
        _ = flock(fd, LOCK_EX | LOCK_NB)
        let writer = WalkFileWriter(path: path, fd: fd)
        let published: Bool
        do throws(FileError) {
            try writer.append(.started(header))
            published = try publish(temporary, as: path)
        } catch {
            writer.close()
            unlink(temporary)
            throw error
        }
        unlink(temporary)
        guard published else {
            writer.close()
            return nil
        }
        PosixFile.syncFolder(folder)
        return writer
    }

    /// Gives a finished temporary file its final name, never replacing a file already there: false
    /// when the name is taken.
    private static func publish(_ temporary: String, as path: String) throws(FileError) -> Bool {
        if link(temporary, path) == 0 { return true }
        let code = errno
        if code == EEXIST { return false }
        // Folders without hard links (some network and FAT file systems): rename, after checking again.
        guard code == EPERM || code == EOPNOTSUPP else { throw FileError(path: path, errno: code) }
        if access(path, F_OK) == 0 { return false }
        if rename(temporary, path) != 0 { throw FileError(path: path, errno: errno) }
        return true
    }

    /// Opens an existing walk file to continue it. A last line cut off mid-way (a crash while
    /// writing) is closed with a newline, so the next record starts on a line of its own.
    /// Fails with `Busy` when another process has the walk open for writing.
    public static func reopen(path: String) throws -> WalkFileWriter {
        let writer = try lock(path: path)
        try writer.endCutOffLine()
        return writer
    }

    /// Opens an existing walk file for writing and takes its lock, changing nothing in it yet. A
    /// symbolic link is refused (O_NOFOLLOW): a walk file is written where it is, so a link left
    /// in the walks folder cannot send records into a file elsewhere.
    static func lock(path: String) throws -> WalkFileWriter {
        // Whoever asks: a team copy is written by `journeywalk pull` only.
        if let copy = TeamCopy.at(path) { throw copy }
        let fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else {
            let code = errno
            var info = stat()
            if code == ELOOP, lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { throw FileError(path: path, reason: symbolicLinkRefusal) }
            throw FileError(path: path, errno: code)
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            let kind = info.st_mode & S_IFMT
            Glibc.close(fd)
            throw FileError(path: path, reason: "is \(PosixFile.kindName(kind)), not a regular file")
        }
        guard lockExclusively(fd) else {
            Glibc.close(fd)
            throw Busy(path: path, holder: lockHolder(of: path))
        }
        return WalkFileWriter(path: path, fd: fd, chainEnd: nil)
    }

    /// Why a walk file that is a symbolic link is not opened to be written.
    public static let symbolicLinkRefusal = "is a symbolic link; journeywalk writes a walk file only where it is, never through a link: give the file the link points to, or move that file into its place"

    /// The whole file as it is now, read through the open (locked) descriptor, so it is the file
    /// that will be written; anything but a regular file is refused. The writer learns from it where
    /// the file's chain goes on.
    func contents() throws(FileError) -> [UInt8] {
        guard fd >= 0 else { throw FileError(path: path, reason: "the walk file is closed") }
        guard lseek(fd, 0, SEEK_SET) == 0 else { throw FileError(path: path, errno: errno) }
        let bytes = try PosixFile.read(opened: fd, path: path)
        chainEnd = ChainEnd(continuing: bytes)
        return bytes
    }

    /// Ends a last line cut off mid-way with a newline, so the next record starts on its own line.
    /// Reads the file first (once) when the writer does not know where its chain goes on yet.
    func endCutOffLine() throws(FileError) {
        if chainEnd == nil { _ = try contents() }
        let size = lseek(fd, 0, SEEK_END)
        guard size > 0 else { return }
        var last: UInt8 = 0
        if pread(fd, &last, 1, size - 1) == 1, last != 0x0A {
            try write([0x0A])
        }
    }

    /// Appends one event and waits until it is on disk. On failure (disk full, read-only) the
    /// file is put back as it was, so no half-written line is left behind.
    public func append(_ event: WalkEvent) throws(FileError) {
        try append(contentsOf: [event])
    }

    /// Appends several events in one write and one flush: they land together or not at all (a
    /// workshop's tally and the verdict it changes). Each line is chained to the one before it.
    public func append(contentsOf events: [WalkEvent]) throws(FileError) {
        guard !events.isEmpty else { return }
        if chainEnd == nil { _ = try contents() }
        guard let end = chainEnd else { return }
        let (bytes, next) = Self.lines(events, after: end)
        try write(bytes)
        chainEnd = next
    }

    /// Appends one event and starts its flush to disk on a thread of its own, returning at once: the
    /// caller waits on the flush before it shows the event as saved, and can do other work meanwhile.
    /// A failed write throws here and leaves the file as it was; a failed flush is said by the flush's
    /// `wait()`, which first takes the line back out of the file. The next write waits for the flush.
    public func appendFlushing(_ event: WalkEvent) throws(FileError) -> RecordFlush {
        if chainEnd == nil { _ = try contents() }
        guard let end = chainEnd else { return .done }
        let (bytes, next) = Self.lines([event], after: end)
        let before = try write(bytes, sync: false)
        chainEnd = next
        let waitForFlush = startFlush(fd)
        let flush = RecordFlush { [self] in
            let code = waitForFlush()
            guard code != 0 else { return nil }
            if before >= 0, fd >= 0 { _ = ftruncate(fd, before) }
            chainEnd = end
            return FileError(path: path, errno: code)
        }
        unflushed = flush
        return flush
    }

    /// Waits for the flush `appendFlushing` started, if it has not been waited for.
    private func settleUnflushed() {
        guard let flush = unflushed else { return }
        unflushed = nil
        _ = flush.wait()
    }

    /// Events as chained lines after `end`, and where the chain goes on after them.
    private static func lines(_ events: [WalkEvent], after end: ChainEnd) -> (bytes: [UInt8], end: ChainEnd) {
        var end = end
        var bytes: [UInt8] = []
        for event in events {
            let line = Array((end.chained ? WalkCodec.encode(event, seq: end.nextSeq, prev: end.lastHash) : WalkCodec.encode(event)).utf8)
            end.advance(over: line)
            bytes += line
            bytes.append(0x0A)
        }
        return (bytes, end)
    }

    /// Appends bytes after the flush of the last `appendFlushing` is settled, flushed to disk when
    /// `sync`; on failure the file is put back as it was. Returns where the file ended before.
    @discardableResult
    private func write(_ bytes: [UInt8], sync: Bool = true) throws(FileError) -> off_t {
        settleUnflushed()
        guard fd >= 0 else { throw FileError(path: path, reason: "the walk file is closed") }
        let before = lseek(fd, 0, SEEK_END)
        do throws(FileError) {
            try PosixFile.writeAll(fd, bytes, path: path)
            if sync, fsync(fd) != 0 { throw FileError(path: path, errno: errno) }
        } catch {
            if before >= 0 { _ = ftruncate(fd, before) }
            throw error
        }
        return before
    }

    /// Another process holds the walk file open for writing.
    public struct Busy: Error, Equatable, Sendable, CustomStringConvertible {
        public var path: String
        /// The process holding the lock and its command line, when the system tells (Linux does).
        public var holder: (pid: Int32, command: String)?

        public static func == (a: Busy, b: Busy) -> Bool { a.path == b.path && a.holder?.pid == b.holder?.pid }

        public var description: String {
            let who = holder.map { "process \($0.pid)" + ($0.command.isEmpty ? "" : ": \($0.command)") } ?? "another process"
            return "\(path): this walk is open for writing in another journeywalk (\(who)); finish or leave it there first"
        }
    }

    /// Takes the exclusive lock without waiting for a writer; a reader's momentary check
    /// (see `isBeingWritten`) is outwaited for up to a tenth of a second.
    static func lockExclusively(_ fd: Int32) -> Bool {
        for _ in 0..<20 {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
            guard errno == EWOULDBLOCK || errno == EINTR else { return false }
            usleep(5_000)
        }
        return false
    }

    /// Whether a journeywalk process has the walk file open for writing now. Never waits.
    public static func isBeingWritten(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { Glibc.close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }

    /// The process holding a `flock` on the file, from /proc/locks (Linux), with its command line.
    static func lockHolder(of path: String) -> (pid: Int32, command: String)? {
        var info = stat()
        guard stat(path, &info) == 0, let locks = try? PosixFile.read("/proc/locks") else { return nil }
        let inode = String(info.st_ino)
        for line in String(decoding: locks, as: UTF8.self).split(separator: "\n") {
            // "1: FLOCK  ADVISORY  WRITE 4242 00:2a:1234567 0 EOF"
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1] == "FLOCK", fields[3] == "WRITE",
                  fields[5].split(separator: ":").last.map(String.init) == inode,
                  let pid = Int32(fields[4]), pid != getpid() else { continue }
            let command = (try? PosixFile.read("/proc/\(pid)/cmdline"))
                .map { TerminalText.sanitize(String(decoding: $0.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self).trimmingCharacters(in: .whitespaces)) } ?? ""
            return (pid, command)
        }
        return nil
    }

    /// Closes the file; later appends fail.
    public func close() {
        settleUnflushed()
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    /// A new walk id from the start time and journey: `20261122-101503-retail-store-visit`.
    public static func makeWalkID(journeyID: String, started: Date, existing: (String) -> Bool) -> String {
        let stamp = Timestamp.format(started)
        let digits: [Character] = stamp.filter { $0.isNumber }.map { $0 }
        let day = String(digits.prefix(8))
        let time = String(digits.dropFirst(8).prefix(6))
        let base = day + "-" + time + "-" + journeyID
        if !existing(base) { return base }
        var counter = 2
        while existing("\(base)-\(counter)") { counter += 1 }
        return "\(base)-\(counter)"
    }
}
