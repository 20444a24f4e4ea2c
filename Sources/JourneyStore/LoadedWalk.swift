import JourneyKit

/// A walk read back from its walk file (the reader of the format `WalkCodec` encodes), with every
/// complete record applied and every problem listed.
public struct LoadedWalk: Sendable {
    public var path: String
    public var walk: Walk
    /// Problems that did not stop the load (a cut-off last line, a damaged record), each naming its line.
    public var warnings: [Warning]
    /// The records after the header, in order, when asked for (`keepingEvents`): resuming rebuilds
    /// what `u` can take back from them.
    public var events: [WalkEvent] = []

    /// A line of the file that was not loaded, and why.
    public struct Warning: Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var message: String

        /// `FILE:LINE: message`.
        public var description: String { "\(path):\(line): \(message)" }
        /// `line N: message`, for a screen that already says which walk it is.
        public var short: String { "line \(line) of the walk file: \(message)" }
    }

    /// The walk id the file carries.
    public var walkID: String { walk.header.walkID }

    /// Reads and folds a walk file. Damaged lines are skipped and reported; the file itself is never changed.
    /// `quickly`: the common records, written as journeywalk writes them, are read without a JSON
    /// tree (`WalkCodec.quickDecode`); every other line is read as before, so the walk, the warnings
    /// and the errors are the same either way (the walk index reads its files so).
    public static func load(path: String, quickly: Bool = false) throws(WalkLoadError) -> LoadedWalk {
        var bytes: [UInt8]
        do {
            bytes = try PosixFile.read(path)
        } catch {
            throw .unreadable(error)
        }
        // A last line without its end while another process holds the walk open is a record being
        // written right now, not damage: read up to the last complete line.
        if let last = bytes.last, last != 0x0A, WalkFileWriter.isBeingWritten(path) {
            bytes.removeSubrange((bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)...)
        }
        return try parse(bytes, path: path, quickly: quickly)
    }

    /// Folds journal bytes; `path` names the file in messages.
    public static func parse(_ bytes: [UInt8], path: String, keepingEvents: Bool = false, quickly: Bool = false) throws(WalkLoadError) -> LoadedWalk {
        guard !bytes.isEmpty else { throw .damaged(path: path, reason: "the file is empty (no walk header)") }
        var walk: Walk?
        var warnings: [Warning] = []
        var events: [WalkEvent] = []
        let copies = SharedJourneyCopies.near(walkFile: path)
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: 0x0A)
            let lineBytes = bytes[start..<(end ?? bytes.count)]
            start = (end ?? bytes.count) + 1
            if lineBytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
            do {
                let event = try (quickly ? WalkCodec.quickDecode(lineBytes) : nil) ?? WalkCodec.decode(bytes: lineBytes, copies: copies)
                if case .started = event {
                    if walk == nil { walk = Walk(events: [event]) } else {
                        warnings.append(Warning(path: path, line: lineNumber, message: "a second walk header was ignored"))
                    }
                } else if walk != nil {
                    walk?.apply(event)
                    if keepingEvents { events.append(event) }
                } else {
                    throw WalkLoadError.damaged(path: path, reason: "line \(lineNumber) comes before the walk header")
                }
            } catch let problem as WalkCodec.LineProblem {
                if end == nil {
                    warnings.append(Warning(path: path, line: lineNumber, message: "the last record was cut off (\(Counted.text(lineBytes.count, "byte")), no end of line) and was not loaded"))
                } else if walk == nil {
                    throw .damaged(path: path, reason: "line \(lineNumber): \(problem)")
                } else {
                    warnings.append(Warning(path: path, line: lineNumber, message: "\(problem); skipped"))
                }
            } catch let error as WalkLoadError {
                throw error
            } catch {
                throw .damaged(path: path, reason: "line \(lineNumber): unreadable")
            }
        }
        guard let walk else { throw .damaged(path: path, reason: "no walk header") }
        return LoadedWalk(path: path, walk: walk, warnings: warnings, events: events)
    }
}

/// Why a walk file could not be loaded at all.
public enum WalkLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(FileError)
    case damaged(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let error): return "\(error.path): cannot read the walk file: \(error.reason)"
        case .damaged(let path, let reason): return "\(path): not a readable walk file: \(reason)"
        }
    }
}
