import Foundation
import Glibc
import JourneyKit

/// The actions of every walk in a data folder: listed, and closed by appending to their walk file.
public struct ActionLedger: Sendable {
    public var folder: String
    /// The team's files when the actions of the team copies are listed too (marked with their
    /// author; never closed here).
    public var team: TeamFiles?

    public init(folder: String, team: TeamFiles? = nil) {
        self.folder = folder
        self.team = team
    }

    /// Every action in the folder's walks, each walk counted once (`WalkCopies`, as compare and
    /// reports count them: the actions of another copy of a walk are left out, and the copy is named
    /// in `copies`), and the walk files that could not be read. Only files that mention an action are
    /// read in full, so thousands of walks without actions cost little.
    public func load() -> (actions: [ActionListing], errors: [WalkLoadError], copies: [WalkCopy]) {
        let all = loadAll()
        return (all.counted, all.errors, all.copies)
    }

    /// The actions counted, those of copies left out (with the copies that hold them), and the errors.
    private func loadAll() -> (counted: [ActionListing], leftOut: [ActionListing], copies: [WalkCopy], errors: [WalkLoadError]) {
        let library = WalkFileCatalog(folder: folder, team: team)
        let team = library.teamCopies
        let local = library.paths
        let results = Parallel.map(local + team.map(\.path), perWorker: 64) { path in Self.actions(in: path).map { (path, $0) } }
        var walks: [(walkID: String, path: String)] = []
        // A team copy is only ever another copy of a file of the same author: each author's folder on its own.
        var teamWalks: [String: [(walkID: String, path: String)]] = [:]
        var listings: [ActionListing] = []
        var errors: [WalkLoadError] = []
        for (index, result) in results.enumerated() {
            switch result {
            case .success(let (path, found)):
                guard let found else { continue }
                if index < local.count {
                    walks.append((found.walkID, path))
                    listings += found.actions
                } else {
                    let author = team[index - local.count].author
                    teamWalks[author, default: []].append((found.walkID, path))
                    listings += found.actions.map { listing in
                        var listing = listing
                        listing.author = author
                        return listing
                    }
                }
            case .failure(let error): errors.append(error)
            }
        }
        var copies = library.copies(among: walks)
        if let files = self.team {
            for (author, found) in teamWalks.sorted(by: { $0.key < $1.key }) {
                copies += WalkFileCatalog(folder: files.copies + "/" + author).copies(among: found)
            }
        }
        guard !copies.isEmpty else { return (listings, [], [], errors) }
        let copyPaths = Set(copies.map(\.path))
        let (leftOut, counted) = (listings.filter { copyPaths.contains($0.walkPath) }, listings.filter { !copyPaths.contains($0.walkPath) })
        let holding = Set(leftOut.map(\.walkPath))
        return (counted, leftOut, copies.filter { holding.contains($0.path) }, errors)
    }

    /// The ids of every action in the folder (copies of walks included), so a new one is never the same as an old one.
    public func ids() -> Set<String> {
        let all = loadAll()
        return Set((all.counted + all.leftOut).map(\.action.id))
    }

    private static let marker = Array("\"action\"".utf8)

    /// The walk id and actions of a walk file; nil when it mentions no action (its header is not read).
    private static func actions(in path: String) -> Result<(walkID: String, actions: [ActionListing])?, WalkLoadError> {
        let bytes: [UInt8]
        do {
            bytes = try PosixFile.read(path)
        } catch {
            return .failure(.unreadable(error))
        }
        guard ByteSearch.contains(bytes, marker) else { return .success(nil) }
        return Result { () throws(WalkLoadError) in
            let walk = try actionsWalk(bytes, path: path)
            return (walk.header.walkID, ActionListing.all(in: walk, path: path))
        }
    }

    private static let adhocMarker = Array("\"adhoc\"".utf8)

    /// The walk with only what listing actions needs folded in: the header, the ad-hoc touchpoints
    /// (actions can come from them) and the action records; the other lines are not decoded.
    static func actionsWalk(_ bytes: [UInt8], path: String) throws(WalkLoadError) -> Walk {
        var walk: Walk?
        let copies = SharedJourneyCopies.near(walkFile: path)
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = Array(bytes[start..<end])
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
            if walk == nil {
                guard case .started(let header)? = try? WalkCodec.decode(bytes: line, copies: copies) else {
                    throw .damaged(path: path, reason: "no walk header on its first line")
                }
                walk = Walk(header: header)
            } else if ByteSearch.contains(line, marker) || ByteSearch.contains(line, adhocMarker), let event = try? WalkCodec.decode(bytes: line, copies: copies) {
                walk?.apply(event)
            }
        }
        guard let walk else { throw .damaged(path: path, reason: "the file is empty (no walk header)") }
        return walk
    }

    /// Closes an action (done or dropped) by appending an `action` record to its walk file, with the
    /// walk locked as a resume would; a walk open in another journeywalk is refused. `reference` is
    /// an id or the start of one. Nothing is written when the action is not found exactly once.
    public func close(_ reference: String, as status: ActionStatus, at date: Date) throws(ActionLedgerError) -> (listing: ActionListing, changed: Bool) {
        let all = loadAll()
        let listings = all.counted
        let id: String
        do {
            id = try ActionReference.resolve(reference, among: listings.map(\.action.id))
        } catch {
            // An action only another copy of a walk holds: that file is never written to.
            if case .unknown = error, let inCopy = try? ActionReference.resolve(reference, among: all.leftOut.map(\.action.id)),
               let listing = all.leftOut.first(where: { $0.action.id == inCopy }),
               let copy = all.copies.first(where: { $0.path == listing.walkPath }) {
                throw .copy(copy)
            }
            throw .reference(error)
        }
        guard let found = listings.first(where: { $0.action.id == id }) else { throw .reference(.unknown(reference)) }
        if let author = found.author { throw .teamCopy(TeamCopy(path: found.walkPath, author: author)) }
        let writer: WalkFileWriter
        do {
            writer = try WalkFileWriter.reopen(path: found.walkPath)
        } catch let busy as WalkFileWriter.Busy {
            throw .busy(busy)
        } catch let error as FileError {
            throw .file(error)
        } catch let copy as TeamCopy {
            throw .teamCopy(copy)
        } catch {
            throw .file(FileError(path: found.walkPath, reason: String(describing: error)))
        }
        defer { writer.close() }
        // A file that became another copy of its walk since (a copy named after the walk synced in).
        if let copy = WalkFileCatalog.copy(path: found.walkPath, walkID: found.walkID) { throw .copy(copy) }
        // Read the walk again under the lock: the action as it is now, in case it changed since.
        let current: ActionListing
        do {
            let file = try LoadedWalk.load(path: found.walkPath)
            guard let now = ActionListing.all(in: file.walk, path: found.walkPath).first(where: { $0.action.id == id }) else {
                throw ActionLedgerError.reference(.unknown(reference))
            }
            current = now
        } catch let error as WalkLoadError {
            throw .walk(error)
        } catch let error as ActionLedgerError {
            throw error
        } catch {
            throw .file(FileError(path: found.walkPath, reason: String(describing: error)))
        }
        guard current.action.status != status else { return (current, false) }
        var action = current.action
        action.status = status
        do {
            try writer.append(.actionChanged(ActionChange(touchpoint: current.touchpoint, action: action, at: date)))
        } catch {
            throw .file(error)
        }
        var listing = current
        listing.action = action
        return (listing, true)
    }
}

/// Why an action could not be closed.
public enum ActionLedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    case reference(ActionReference.Problem)
    case busy(WalkFileWriter.Busy)
    case file(FileError)
    case walk(WalkLoadError)
    /// The action is only in another copy of a walk, which is never written to.
    case copy(WalkCopy)
    /// The action is in a team copy pulled from another member, which only `journeywalk pull` writes.
    case teamCopy(TeamCopy)

    public var description: String {
        switch self {
        case .reference(let problem): return problem.description
        case .busy(let busy): return busy.description
        case .file(let error): return "cannot write to the walk file: \(error)"
        case .walk(let error): return error.description
        case .copy(let copy): return copy.refusal
        case .teamCopy(let copy): return copy.description
        }
    }
}
