import Foundation

/// The walk files in a folder (the data folder's walks, the trash, a folder given to `review`): lists
/// them, finds one by walk id or id prefix, and loads them all. For the data folder it also knows the
/// team copies that `journeywalk pull` wrote (`team/walks/AUTHOR/`), which are read, never written.
public struct WalkFileCatalog: Sendable {
    public var folder: String
    /// The team's files when the team copies count as walks too (the data folder's walks); nil for
    /// any other folder.
    public var team: TeamFiles?

    public init(folder: String, team: TeamFiles? = nil) {
        self.folder = folder
        self.team = team
    }

    /// The walks of a data folder: its own walks and the team copies pulled into it.
    public init(_ locations: DataLocations) { self.init(folder: locations.walks, team: TeamFiles(locations)) }

    /// Paths of walk files in the folder itself, oldest first (names start with the start time);
    /// never a team copy.
    public var paths: [String] {
        PosixFile.list(folder).filter { $0.hasSuffix(".jsonl") }.map { folder + "/" + $0 }
    }

    /// The team copies (author and path), by author then file name; none without `team`.
    public var teamCopies: [(author: String, path: String)] { team?.pulledCopies() ?? [] }

    /// Every walk that loads, and the errors of those that do not, in file-name order.
    public func load() -> (walks: [LoadedWalk], errors: [WalkLoadError]) {
        Self.load(paths: paths)
    }

    /// Loads walk files on every core; results keep the order of `paths`.
    public static func load(paths: [String]) -> (walks: [LoadedWalk], errors: [WalkLoadError]) {
        let results = Parallel.map(paths, perWorker: 64) { path in
            Result { () throws(WalkLoadError) in try LoadedWalk.load(path: path) }
        }
        var walks: [LoadedWalk] = []
        var errors: [WalkLoadError] = []
        for result in results {
            switch result {
            case .success(let file): walks.append(file)
            case .failure(let error): errors.append(error)
            }
        }
        return (walks, errors)
    }

    /// Unfinished walks, the most recently changed first.
    public func unfinished() -> [LoadedWalk] {
        load().walks.filter { !$0.walk.isFinished }.sorted { $0.walk.lastChange > $1.walk.lastChange }
    }

    /// A walk by path, id or unique id prefix.
    public func find(_ reference: String) throws(WalkLoadError) -> LoadedWalk {
        try LoadedWalk.load(path: path(of: reference))
    }

    /// The file a reference names (a path as given, or a walk id or unique id prefix in the folder),
    /// without reading it, so that a damaged walk can still be named.
    public func path(of reference: String) throws(WalkLoadError) -> String {
        if (PosixFile.exists(reference) && !PosixFile.isFolder(reference)) || reference.contains("/") || reference.hasSuffix(".jsonl") { return reference }
        let matches = paths.filter { PosixFile.stem(of: $0).hasPrefix(reference) }
        if matches.isEmpty, !reference.isEmpty, let copy = try teamCopy(reference) { return copy }
        if let exact = matches.first(where: { PosixFile.stem(of: $0) == reference }) { return exact }
        // A walk's file and the copies a sync tool made of it (`ID.sync-conflict-….jsonl`): the walk's own.
        if let own = matches.min(by: { $0.utf8.count < $1.utf8.count }) {
            let stem = PosixFile.stem(of: own) + "."
            if matches.allSatisfy({ $0 == own || PosixFile.stem(of: $0).hasPrefix(stem) }) { return own }
        }
        guard !reference.isEmpty, matches.count == 1, let only = matches.first else {
            let reason = matches.isEmpty || reference.isEmpty ? "no walk file or walk id starting with it in \(folder)" : "\(matches.count) walks start with it; give more of the id"
            throw .damaged(path: reference, reason: reason)
        }
        return only
    }

    /// The team copy a walk id or id prefix names when no walk of the folder does: the one whose id
    /// is the reference, else the only one starting with it; nil when none starts with it.
    private func teamCopy(_ reference: String) throws(WalkLoadError) -> String? {
        let matches = teamCopies.filter { PosixFile.stem(of: $0.path).hasPrefix(reference) }
        guard !matches.isEmpty else { return nil }
        let exact = matches.filter { PosixFile.stem(of: $0.path) == reference }
        if exact.count == 1, let only = exact.first { return only.path }
        if matches.count == 1, let only = matches.first { return only.path }
        let authors = Set((exact.isEmpty ? matches : exact).map(\.author)).sorted().joined(separator: ", ")
        throw .damaged(path: reference, reason: "\(matches.count) team copies start with it (pulled from \(authors)); give the file's path")
    }
}
