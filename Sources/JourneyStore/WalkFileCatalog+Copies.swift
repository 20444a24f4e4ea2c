import JourneyKit

extension WalkFileCatalog {
    /// Of walk files in this folder whose walk ids are known, those that are another copy of a walk
    /// (`WalkCopies`' rule over the whole folder, as compare and reports apply it: the file named
    /// `ID.jsonl` is kept, else the first by file name), in the order given. Other files are read
    /// only when needed, and then only their header line: a file named after its walk is kept
    /// without reading anything, and a copy beside `ID.jsonl` costs one header.
    public func copies(among known: [(walkID: String, path: String)]) -> [WalkCopy] {
        var pathsByID: [String: [String]] = [:]
        for entry in known { pathsByID[entry.walkID, default: []].append(entry.path) }
        var found: [String: WalkCopy] = [:]
        var undecided: [String] = []
        func choose(_ walkID: String, _ paths: [String]) {
            let (_, copies) = WalkCopies.choose(paths, walkID: { _ in walkID }, path: { $0 })
            for copy in copies where found[copy.path] == nil { found[copy.path] = copy }
        }
        for (walkID, paths) in pathsByID {
            if paths.contains(where: { WalkCopies<String>.isNamedAfter(walkID, path: $0) }) {
                choose(walkID, paths)
                continue
            }
            let named = folder + "/" + walkID + ".jsonl"
            if Self.walkID(ofFile: named) == walkID {
                for path in paths { found[path] = WalkCopy(path: path, walkID: walkID, kept: named) }
                continue
            }
            undecided.append(walkID)
        }
        if !undecided.isEmpty {
            // Neither file is named after its walk: every other file's header says which walk it holds.
            let knownNames = Set(known.map { WalkCopies<String>.fileName($0.path) })
            let wanted = Set(undecided)
            for path in self.paths where !knownNames.contains(WalkCopies<String>.fileName(path)) {
                if let walkID = Self.walkID(ofFile: path), wanted.contains(walkID) { pathsByID[walkID, default: []].append(path) }
            }
            for walkID in undecided { choose(walkID, pathsByID[walkID] ?? []) }
        }
        return known.compactMap { found[$0.path] }
    }

    /// The other copy that the walk file at `path` is, or nil when it is the file kept (or the
    /// walk's only file); other files of its folder are looked at as `copies(among:)` says.
    public static func copy(path: String, walkID: String) -> WalkCopy? {
        let folder = PosixFile.parentFolder(of: path)
        return WalkFileCatalog(folder: folder.isEmpty ? "." : folder).copies(among: [(walkID, path)]).first
    }

    /// Whether a new walk may not take `walkID` in a folder of these file names: a file is named
    /// after it (`ID.jsonl`) or is a sync tool's copy of such a file (`ID.….jsonl`), so that a new
    /// walk never becomes another copy of an old one.
    public static func isTaken(_ walkID: String, among names: [String]) -> Bool {
        let own = walkID + ".jsonl", copy = walkID + "."
        return names.contains { $0 == own || ($0.hasPrefix(copy) && $0.hasSuffix(".jsonl")) }
    }

    /// The walk id in a file's header line; nil when the file is not a walk that can be read.
    static func walkID(ofFile path: String) -> String? {
        guard let line = PosixFile.firstLine(path),
              case .started(let header)? = try? WalkCodec.decode(bytes: line, copies: SharedJourneyCopies.near(walkFile: path))
        else { return nil }
        return header.walkID
    }
}
