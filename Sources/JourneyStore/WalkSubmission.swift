import Foundation
import JourneyKit

/// Submitting a walk (SPEC 7.2): a `submit` record appended under the walk's lock, after which the
/// walk is read-only. Also the one check every writer makes before opening a walk.
public enum WalkSubmission {
    /// Why a walk cannot be submitted or changed.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case submitted(walkID: String, path: String, at: Date)
        case notComplete(walkID: String, path: String)
        case busy(WalkFileWriter.Busy)
        case unreadable(String)
        /// Another copy of a walk (a file sync tool's conflict copy): compare and reports leave it
        /// out, so nothing is ever written to it.
        case copy(WalkCopy)
        /// A team copy pulled from another member: only `journeywalk pull` writes it.
        case teamCopy(TeamCopy)

        public var description: String {
            switch self {
            case .submitted(let id, let path, let at):
                return "\(path): walk \(id) was submitted on \(Timestamp.format(at)) and is read-only; it cannot be changed or submitted again"
            case .notComplete(let id, let path):
                return "\(path): walk \(id) is not finished; finish it first (journeywalk resume \(id), then q and f: the final check lists what is missing)"
            case .busy(let busy):
                return busy.description
            case .unreadable(let message):
                return message
            case .copy(let copy):
                return copy.refusal
            case .teamCopy(let copy):
                return copy.description
            }
        }
    }

    /// Opens a walk for writing: takes its lock first (so nobody submits it in between), then reads
    /// it (a line cut off by a crash is reported as such) and refuses another copy of a walk (so a
    /// submitted walk stays read-only through its copies too) and a submitted walk, each with a
    /// message naming it; only then is a cut-off last line ended, ready for new records.
    public static func openForWriting(path: String) throws(Refusal) -> (writer: WalkFileWriter, file: LoadedWalk) {
        try openForWriting(path: path, evenSubmitted: false)
    }

    /// Opens a walk for writing, as above; `evenSubmitted` lets a submitted walk through (to reopen it).
    static func openForWriting(path: String, evenSubmitted: Bool) throws(Refusal) -> (writer: WalkFileWriter, file: LoadedWalk) {
        if let copy = TeamCopy.at(path) { throw .teamCopy(copy) }
        let writer: WalkFileWriter
        do {
            writer = try WalkFileWriter.lock(path: path)
        } catch let busy as WalkFileWriter.Busy {
            throw .busy(busy)
        } catch {
            throw .unreadable("cannot open the walk: \(error)")
        }
        let file: LoadedWalk
        do {
            // Read as its writer: a last line without its end is damage, not a record being written.
            let bytes = try writer.contents()
            file = try LoadedWalk.parse(bytes, path: path, keepingEvents: true)
        } catch let error as FileError {
            writer.close()
            throw .unreadable(WalkLoadError.unreadable(error).description)
        } catch let error as WalkLoadError {
            writer.close()
            throw .unreadable(error.description)
        } catch {
            writer.close()
            throw .unreadable("\(path): \(error)")
        }
        if let copy = WalkFileCatalog.copy(path: path, walkID: file.walkID) {
            writer.close()
            throw .copy(copy)
        }
        if let submitted = file.walk.submitted, !evenSubmitted {
            writer.close()
            throw .submitted(walkID: file.walkID, path: path, at: submitted)
        }
        do {
            try writer.endCutOffLine()
        } catch {
            writer.close()
            throw .unreadable("cannot continue the walk: \(error)")
        }
        return (writer, file)
    }

    /// Appends the `submit` record to a complete walk and returns the walk as submitted.
    public static func submit(path: String, at date: Date) throws(Refusal) -> Walk {
        let (writer, file) = try openForWriting(path: path)
        defer { writer.close() }
        guard file.walk.isFinished else { throw .notComplete(walkID: file.walkID, path: path) }
        do {
            try writer.append(.submitted(at: date))
        } catch {
            throw .unreadable("\(path): the walk was not submitted: \(error.reason)")
        }
        var walk = file.walk
        walk.apply(.submitted(at: date))
        return walk
    }

    /// Opens a submitted walk again for corrections, after a reviewer returned it (SPEC 8.3): a
    /// `reopen` record, after which the walk is complete and can be changed and submitted again.
    /// The caller has checked the return (the review events pulled from the team).
    public static func reopen(path: String, at date: Date) throws(Refusal) -> Walk {
        let (writer, file) = try openForWriting(path: path, evenSubmitted: true)
        defer { writer.close() }
        var walk = file.walk
        guard walk.isSubmitted else { return walk }
        do {
            try writer.append(.reopened(at: date))
        } catch {
            throw .unreadable("\(path): the walk was not reopened: \(error.reason)")
        }
        walk.apply(.reopened(at: date))
        return walk
    }
}
