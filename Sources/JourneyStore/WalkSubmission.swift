import Foundation
import JourneyKit

/// Submitting a walk (SPEC 7.2): a `submit` record appended under the walk's lock, after which the
/// walk is read-only. Also the one check every writer makes before opening a walk.
public enum WalkSubmission {
    /// Why a walk cannot be submitted or changed.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case submitted(walkID: String, path: String, at: Date)
        case notComplete(walkID: String, path: String)
        case busy(WalkJournal.Busy)
        case unreadable(String)

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
            }
        }
    }

    /// Opens a walk for writing: takes its lock first (so nobody submits it in between), then reads
    /// it and refuses a submitted walk with a message naming it.
    public static func openForWriting(path: String) throws(Refusal) -> (journal: WalkJournal, file: WalkFile) {
        let journal: WalkJournal
        do {
            journal = try WalkJournal.reopen(path: path)
        } catch let busy as WalkJournal.Busy {
            throw .busy(busy)
        } catch {
            throw .unreadable("cannot open the walk: \(error)")
        }
        let file: WalkFile
        do {
            file = try WalkFile.load(path: path)
        } catch {
            journal.close()
            throw .unreadable(error.description)
        }
        if let submitted = file.walk.submitted {
            journal.close()
            throw .submitted(walkID: file.walkID, path: path, at: submitted)
        }
        return (journal, file)
    }

    /// Appends the `submit` record to a complete walk and returns the walk as submitted.
    public static func submit(path: String, at date: Date) throws(Refusal) -> Walk {
        let (journal, file) = try openForWriting(path: path)
        defer { journal.close() }
        guard file.walk.isFinished else { throw .notComplete(walkID: file.walkID, path: path) }
        do {
            try journal.append(.submitted(at: date))
        } catch {
            throw .unreadable("\(path): the walk was not submitted: \(error.reason)")
        }
        var walk = file.walk
        walk.apply(.submitted(at: date))
        return walk
    }
}
