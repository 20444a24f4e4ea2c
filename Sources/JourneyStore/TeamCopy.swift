import Glibc

/// A walk file that is a team copy (`$JOURNEYWALK_HOME/team/walks/AUTHOR/WALK-ID.jsonl`, written
/// only by `journeywalk pull`): read by review, compare, actions and report, marked with its author,
/// and never written to, submitted, resumed or moved to the trash. Also the refusal that says so.
public struct TeamCopy: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    /// The member who pushed the walk (their login name, the folder's name).
    public var author: String

    public init(path: String, author: String) {
        self.path = path
        self.author = author
    }

    /// One line naming the file and its author.
    public var description: String {
        "\(path): a team copy pulled from \(author), read-only (only journeywalk pull writes it); nothing was changed"
    }

    /// The team copy a walk file is, or nil for any other file: the folder it is in (links followed)
    /// is `…/team/walks/AUTHOR`. Decided from the path alone, so that every writer can ask it first,
    /// whichever data folder the file is in.
    public static func at(_ path: String) -> TeamCopy? {
        let parent = PosixFile.parentFolder(of: PosixFile.absolute(path))
        guard !parent.isEmpty, let resolved = realpath(parent, nil) else { return nil }
        defer { free(resolved) }
        let folder = String(cString: resolved)
        let parts = folder.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 3, parts[parts.count - 3] == "team", parts[parts.count - 2] == "walks" else { return nil }
        let author = String(parts[parts.count - 1])
        guard TeamFiles.isSafeName(author) else { return nil }
        return TeamCopy(path: path, author: author)
    }

    /// The author of a file in `copies` (`TeamFiles.copies`) by its path as listed there, without a
    /// system call: what the walk index and the listing use for every team copy.
    public static func author(ofPath path: String, copies: String) -> String? {
        guard path.utf8.count > copies.utf8.count + 1, path.hasPrefix(copies + "/") else { return nil }
        let rest = path.utf8.dropFirst(copies.utf8.count + 1)
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        return String(Substring(rest[..<slash]))
    }
}
