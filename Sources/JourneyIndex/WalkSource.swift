import JourneyKit
import JourneyStore

/// Where the review list and compare read walks from: the walk index, brought up to date first,
/// or, when the index cannot be used (a read-only or full disk, a folder outside the data folder),
/// the walk files themselves, read a batch at a time, with a one-line notice saying why.
public final class WalkSource {
    public let walksFolder: String
    /// Why the files are read instead of the index, in one line; nil when the index is used (or
    /// was not meant to be).
    public private(set) var notice: String?
    private var index: WalkIndex?
    private var fileOutlines: [String: JourneyOutline] = [:]

    /// The source for a walks folder; `indexPath` is nil for a folder that has no index (one given
    /// to `review FOLDER`).
    public init(walksFolder: String, indexPath: String?) {
        self.walksFolder = walksFolder
        guard let indexPath, PosixFile.isFolder(walksFolder) else { return }
        do {
            let opened = try WalkIndex.open(path: indexPath, walksFolder: walksFolder)
            try opened.refresh()
            index = opened
        } catch {
            notice = Self.fallback(error)
        }
    }

    /// Whether the index answers (false: the files are read).
    public var usesIndex: Bool { index != nil }

    static func fallback(_ error: WalkIndex.Unavailable) -> String {
        "the walk index cannot be used (\(error)); reading the walk files instead"
    }

    /// Calls `walk` with every readable walk that passes the filter, in file-name order (the order
    /// walks were started), with its steps when `steps` is set; `problem` with each file that could
    /// not be read at all (`FILE: message`). With `ordered` false the index gives its rows in its own
    /// order (faster, for a caller that sorts them itself).
    public func forEach(filter: WalkFilter, steps: Bool, ordered: Bool = true, walk body: (WalkDigest) -> Void, problem: (String) -> Void) {
        var delivered = 0
        if let index {
            do {
                try index.forEach(filter: filter, steps: steps, ordered: ordered, walk: { body($0); delivered += 1 }, problem: problem)
                return
            } catch {
                notice = Self.fallback(error)
                self.index = nil
            }
        }
        // The files, in the same order; walks the index already gave are skipped.
        var skip = delivered
        DigestReader.read(WalkLibrary(folder: walksFolder).paths) { _, outcomes in
            for outcome in outcomes {
                switch outcome {
                case .walk(let digest, let outline, _):
                    if fileOutlines[digest.outlineKey] == nil { fileOutlines[digest.outlineKey] = outline }
                    guard filter.matches(digest) else { continue }
                    if skip > 0 {
                        skip -= 1
                        continue
                    }
                    body(digest)
                case .unreadable(let message):
                    if delivered == 0 { problem(message) }
                }
            }
        }
    }

    /// The outline of a journey version that a walk given by `forEach` refers to.
    public func outline(_ key: String) -> JourneyOutline? {
        if let known = fileOutlines[key] { return known }
        return try? index?.outline(key)
    }
}
