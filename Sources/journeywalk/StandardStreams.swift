import Foundation
import Glibc
import JourneyKit

/// Standard output and standard error, written with write(2) and every write checked.
///
/// Standard output: the first write that fails (a full disk, `> /dev/full`, a closed pipe) is kept
/// with what was being written; later writes are dropped, and `Journeywalk.main` ends the command
/// with it: a closed pipe (EPIPE, SIGPIPE being ignored) ends quietly by SIGPIPE, as `git log | head`
/// does; any other failure is named on standard error and the exit status is 1.
///
/// Standard error: every line is made safe for a terminal (`TerminalText.messageLines`) and a
/// failed write is ignored (there is nowhere left to say it), never a crash.
enum StandardStreams {
    /// What went wrong writing standard output: the system's error and what was being written.
    struct Failure: Error, Equatable {
        var code: Int32
        /// `the report`, `the comparison`; nil for the lines a command prints.
        var what: String?

        /// `cannot write the report to standard output: No space left on device`.
        var message: String {
            "cannot write " + (what.map { $0 + " " } ?? "") + "to standard output: " + String(cString: strerror(code))
        }
    }

    /// The longest line written to standard error, in columns: a line echoing input (an unknown
    /// command, a walk id) is cut there, with `…`.
    static let longestErrorLine = 1_000

    private static let state = State()

    /// The first failed write of standard output, if any.
    static var outputFailure: Failure? { state.failure }

    /// Whether standard output has failed: a command writing a long report can stop early.
    static var outputFailed: Bool { state.failure != nil }

    /// Writes text to standard output now (no buffer). After a failure, nothing more is written.
    static func write(_ text: String, what: String? = nil) {
        write(Array(text.utf8), what: what)
    }

    /// Writes bytes to standard output now (no buffer). After a failure, nothing more is written.
    static func write(_ bytes: [UInt8], what: String? = nil) {
        guard !outputFailed else { return }
        if let code = writeAll(STDOUT_FILENO, bytes) { state.fail(Failure(code: code, what: what)) }
    }

    /// Keeps a failure found outside these writes (the C library's `stdout`).
    static func keepOutputFailure(code: Int32) {
        state.fail(Failure(code: code, what: nil))
    }

    /// Writes lines to standard error, each sanitized and cut to `longestErrorLine`; a failure is ignored.
    static func writeError(_ text: String, terminator: String = "\n") {
        _ = writeAll(STDERR_FILENO, Array((TerminalText.messageLines(text, columns: longestErrorLine) + terminator).utf8))
    }

    /// Writes text to standard error as it is (text to copy, such as notes that could not be
    /// saved): control characters made safe, no line cut. A failure is ignored.
    static func writeErrorUncut(_ text: String) {
        _ = writeAll(STDERR_FILENO, Array(TerminalText.messageLines(text, columns: nil).utf8))
    }

    /// Writes all bytes to a descriptor, retrying short writes and EINTR; the errno of a failure.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            offset += written
        }
        return nil
    }

    /// Holds the first failure; written from the main thread, read from any.
    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var first: Failure?

        var failure: Failure? { lock.withLock { first } }

        func fail(_ failure: Failure) {
            lock.withLock { if first == nil { first = failure } }
        }
    }
}

/// Standard output in 64 KB writes, for reports written a piece at a time; a failure is kept by
/// `StandardStreams` with `what` (`the report`), and the writes after it are dropped.
struct OutputBuffer {
    private var buffer: [UInt8] = []
    let what: String

    init(what: String) { self.what = what }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 65_536 { flush() }
    }

    mutating func flush() {
        StandardStreams.write(buffer, what: what)
        buffer.removeAll(keepingCapacity: true)
    }
}
