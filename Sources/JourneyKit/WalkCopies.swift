/// Walk files that hold the same walk (a file sync tool's conflict copy such as
/// `ID.sync-conflict-20261126-101010-ABCDEF.jsonl`, a file copied by hand): compare and reports count
/// each walk id once. The copy named after the walk (`ID.jsonl`) is kept, else the first by file name;
/// each other copy is left out and named as a problem.
public struct WalkCopies<Item> {
    /// Files named after their walk, by walk id.
    private var named: [String: String] = [:]
    /// Files named otherwise, held until every walk has been offered.
    private var held: [(walkID: String, path: String, item: Item)] = []
    /// The copies left out so far.
    public private(set) var copies: [WalkCopy] = []

    public init() {}

    /// The walk id as this rule counts it: `ID` for a walk of this machine, `AUTHOR/ID` for a team
    /// copy (`team/walks/AUTHOR/ID.jsonl`), so a team copy is only ever another copy of a file of the
    /// same author. A team copy's file still ends in `/AUTHOR/ID.jsonl`: it is named after this.
    public static func identity(walkID: String, author: String?) -> String {
        guard let author else { return walkID }
        return author + "/" + walkID
    }

    /// Whether the file at `path` is named after walk `walkID` (`ID.jsonl`).
    /// Compares bytes in place: it runs for every walk of a 100,000-walk review list or compare.
    public static func isNamedAfter(_ walkID: String, path: String) -> Bool {
        let bytes = path.utf8, id = walkID.utf8
        guard bytes.count >= id.count + 6, path.hasSuffix(".jsonl") else { return false }
        let stem = bytes.dropLast(6)
        guard stem.suffix(id.count).elementsEqual(id) else { return false }
        let before = stem.dropLast(id.count)
        return before.isEmpty || before.last == UInt8(ascii: "/")
    }

    /// The file name of a path (after its last `/`).
    public static func fileName(_ path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return Substring(path) }
        return path[path.utf8.index(after: slash)...]
    }

    /// Offers one walk: returns it when it can be counted at once (its file is named after it and no
    /// such file came before), nil when it is held for `finish` or left out as a copy.
    public mutating func offer(walkID: String, path: String, _ item: Item) -> Item? {
        guard Self.isNamedAfter(walkID, path: path) else {
            held.append((walkID, path, item))
            return nil
        }
        if let kept = named[walkID] {
            copies.append(WalkCopy(path: path, walkID: walkID, kept: kept))
            return nil
        }
        named[walkID] = path
        return item
    }

    /// The held walks that are counted after all (in the order they were offered); the others
    /// join `copies`.
    public mutating func finish() -> [Item] {
        var firstByName: [String: (walkID: String, path: String, item: Item)] = [:]
        for entry in held where named[entry.walkID] == nil {
            if let first = firstByName[entry.walkID], Self.precedes(first.path, entry.path) { continue }
            firstByName[entry.walkID] = entry
        }
        var counted: [Item] = []
        for entry in held {
            let kept = named[entry.walkID] ?? firstByName[entry.walkID]?.path ?? entry.path
            if kept == entry.path, named[entry.walkID] == nil {
                counted.append(entry.item)
            } else {
                copies.append(WalkCopy(path: entry.path, walkID: entry.walkID, kept: kept))
            }
        }
        held = []
        return counted
    }

    /// Whether `a` comes before `b` by file name (then by path).
    static func precedes(_ a: String, _ b: String) -> Bool {
        let (na, nb) = (fileName(a), fileName(b))
        return na != nb ? na < nb : a < b
    }

    /// Whether every file is named after its walk and no two can hold the same walk, which the usual
    /// list (a review list of 100,000 walks) shows without hashing a walk id: a folder has one file of
    /// a name, so the walks of one folder (`ID.jsonl`) cannot clash, nor can the team copies under one
    /// folder (`AUTHOR/ID.jsonl`, an identity with a `/`) clash with each other or with the walks.
    static func noneCanClash(_ walks: [Item], walkID: (Item) -> String, path: (Item) -> String) -> Bool {
        // The folder a file's identity is named under, one for identities without a `/` (this
        // machine's walks) and one for those with one (team copies).
        var folders: [Bool: (count: Int, prefix: Substring.UTF8View)] = [:]
        for walk in walks {
            let (id, file) = (walkID(walk), path(walk))
            guard isNamedAfter(id, path: file) else { return false }
            let count = file.utf8.count - id.utf8.count - 6
            let team = id.utf8.contains(UInt8(ascii: "/"))
            if let folder = folders[team] {
                guard folder.count == count, file.utf8.prefix(count).elementsEqual(folder.prefix) else { return false }
            } else {
                folders[team] = (count, Substring(file).utf8.prefix(count))
            }
        }
        return true
    }

    /// Of a whole list of walks, those counted, in the list's order, and the copies left out.
    public static func choose(_ walks: [Item], walkID: (Item) -> String, path: (Item) -> String) -> (counted: [Item], copies: [WalkCopy]) {
        if noneCanClash(walks, walkID: walkID, path: path) { return (walks, []) }
        var copies = WalkCopies<Int>()
        var counted = Set<Int>()
        for (index, walk) in walks.enumerated() {
            if let kept = copies.offer(walkID: walkID(walk), path: path(walk), index) { counted.insert(kept) }
        }
        counted.formUnion(copies.finish())
        return (walks.indices.filter { counted.contains($0) }.map { walks[$0] }, copies.copies)
    }
}

/// A walk file left out because another file holds the same walk.
public struct WalkCopy: Equatable, Sendable {
    public var path: String
    public var walkID: String
    /// The file kept instead.
    public var kept: String

    public init(path: String, walkID: String, kept: String) {
        self.path = path
        self.walkID = walkID
        self.kept = kept
    }

    /// `FILE: another copy of walk ID (kept: FILE); left out`.
    public var problem: String { "\(path): another copy of walk \(walkID) (kept: \(kept)); left out" }

    /// Why the copy is not opened for writing (whatever is written to it, compare and reports leave
    /// out): both files, and how to keep one.
    public var refusal: String {
        refusal(diff: "journeywalk diff \(kept) \(path)", delete: "journeywalk delete \(path)")
    }

    /// The refusal with the commands to run as they work where it is said (`CommandHint.refusal`).
    public func refusal(diff: String, delete: String) -> String {
        "\(path): another copy of walk \(walkID), left out by compare and reports (kept: \(kept)); nothing is written to it. "
            + "Keep one: compare them with `\(diff)`, then `\(delete)` (or delete the other file to keep this one)"
    }
}
