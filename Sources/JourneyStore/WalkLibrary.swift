/// The saved walks in a data folder.
public struct WalkLibrary: Sendable {
    public var folder: String

    public init(folder: String) { self.folder = folder }

    /// Paths of walk files, oldest first (names start with the start time).
    public var paths: [String] {
        PosixFile.list(folder).filter { $0.hasSuffix(".jsonl") }.map { folder + "/" + $0 }
    }

    /// Every walk that loads, and the errors of those that do not.
    public func load() -> (walks: [WalkFile], errors: [WalkFileError]) {
        var walks: [WalkFile] = []
        var errors: [WalkFileError] = []
        for path in paths {
            do { walks.append(try WalkFile.load(path: path)) } catch { errors.append(error) }
        }
        return (walks, errors)
    }

    /// Unfinished walks, the most recently changed first.
    public func unfinished() -> [WalkFile] {
        load().walks.filter { !$0.walk.isFinished }.sorted { $0.walk.lastChange > $1.walk.lastChange }
    }

    /// A walk by path, id or unique id prefix.
    public func find(_ reference: String) throws(WalkFileError) -> WalkFile {
        if PosixFile.isFile(reference) { return try WalkFile.load(path: reference) }
        let matches = paths.filter { PosixFile.stem(of: $0).hasPrefix(reference) }
        if let exact = matches.first(where: { PosixFile.stem(of: $0) == reference }) { return try WalkFile.load(path: exact) }
        guard matches.count == 1, let only = matches.first else {
            let reason = matches.isEmpty ? "no walk file or walk id starting with it in \(folder)" : "\(matches.count) walks start with it; give more of the id"
            throw .damaged(path: reference, reason: reason)
        }
        return try WalkFile.load(path: only)
    }
}
