import Dispatch
import JourneyKit
import JourneyStore

/// Where the review list, compare and the home screen read walk digests from: the walk index, brought up to date first,
/// or, when the index cannot be used (a read-only or full disk, a folder outside the data folder),
/// the walk files themselves, read a batch at a time, with a one-line notice saying why.
public final class WalkDigestSource {
    public let walksFolder: String
    /// The team copies' folder (`team/walks`) whose `AUTHOR/ID.jsonl` files are walks too, each
    /// given with its `author`; nil for a folder without team copies (one given to `review FOLDER`).
    public var teamCopies: String? { team?.copies }
    private let team: TeamFiles?
    /// Why the files are read instead of the index, in one line; nil when the index is used (or
    /// was not meant to be).
    public private(set) var notice: String?
    /// The index answering, or nil when the files are read.
    private(set) var index: WalkIndex?
    private var fileOutlines: [String: JourneyOutline] = [:]

    /// The source for a walks folder; `indexPath` is nil for a folder that has no index (one given
    /// to `review FOLDER`). With `refreshLater`, an index that already holds walks is not brought up
    /// to date here but by `startRefresh` (a screen is drawn from it meanwhile); one that holds none
    /// is refreshed at once. `teamCopies` adds the team copies pulled into that folder.
    public init(walksFolder: String, indexPath: String?, team: TeamFiles? = nil, refreshLater: Bool = false) {
        self.walksFolder = walksFolder
        self.team = team
        let teamCopies = team?.copies
        guard let indexPath, PosixFile.isFolder(walksFolder) else { return }
        do {
            let opened = try WalkIndex.open(path: indexPath, walksFolder: walksFolder, teamCopies: teamCopies)
            if refreshLater, try opened.hasWalks() {
                refreshPending = true
            } else {
                try opened.refresh()
            }
            index = opened
        } catch {
            notice = Self.fallback(error)
        }
    }

    /// Whether the index was opened without being brought up to date and no refresh has started.
    public private(set) var refreshPending = false
    /// Signalled when the refresh started by `startRefresh` has ended.
    private var refreshing: DispatchSemaphore?
    /// Whether that refresh read or dropped any walk (or gave up the index), until `refreshOutcome` says so.
    private var refreshChanged = false

    /// How the refresh started by `startRefresh` stands.
    public enum RefreshOutcome: Equatable, Sendable {
        /// Still reading.
        case running
        /// The index was up to date: what was read from it before still holds.
        case unchanged
        /// Walks were read again or dropped (or the files are read instead): read the walks again.
        case changed
    }

    /// Brings an index opened with `refreshLater` up to date on another thread; `forEach` and
    /// `outline` wait for it to end. Does nothing when there is nothing to refresh.
    public func startRefresh() {
        guard refreshPending, let index else { return }
        refreshPending = false
        let done = DispatchSemaphore(value: 0)
        refreshing = done
        // This source is not touched until `done` is signalled: `forEach`, `outline` and
        // `refreshOutcome` wait for it first.
        nonisolated(unsafe) let source = self, indexToRefresh = index
        DispatchQueue.global().async {
            do throws(WalkIndex.Unavailable) {
                let refresh = try indexToRefresh.refresh()
                source.refreshChanged = refresh.read > 0 || refresh.dropped > 0
            } catch {
                source.notice = Self.fallback(error)
                source.index = nil
                source.refreshChanged = true
            }
            done.signal()
        }
    }

    /// Whether the refresh has ended and what it changed; each change is reported once.
    public func refreshOutcome(wait: Bool = false) -> RefreshOutcome {
        if let done = refreshing {
            if wait {
                done.wait()
            } else if done.wait(timeout: .now()) == .timedOut {
                return .running
            }
            refreshing = nil
        }
        defer { refreshChanged = false }
        return refreshChanged ? .changed : .unchanged
    }

    /// Waits for a refresh in progress (starting the one put off, if any), keeping what it changed
    /// for `refreshOutcome`.
    private func waitForRefresh() {
        startRefresh()
        guard let done = refreshing else { return }
        done.wait()
        refreshing = nil
    }

    static func fallback(_ error: WalkIndex.Unavailable) -> String {
        "the walk index cannot be used (\(error)); reading the walk files instead"
    }

    /// Calls `walk` with every readable walk that passes the filter, in file-name order (the order
    /// walks were started), with its steps when `steps` is set; `problem` with each file that could
    /// not be read at all (`FILE: message`). With `ordered` false the index gives its rows in its own
    /// order (faster, for a caller that sorts them itself). With `upToDate` false, an index opened with
    /// `refreshLater` answers as it is, before its refresh (a first frame, read again after it).
    public func forEach(filter: WalkFilter, steps: Bool, ordered: Bool = true, upToDate: Bool = true, walk body: (WalkDigest) -> Void, problem: (String) -> Void) {
        if upToDate { waitForRefresh() }
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
        // The files, in the index's order (by file name, a walk's own file before team copies of
        // that name); walks the index already gave are skipped.
        var skip = delivered
        let catalog = WalkFileCatalog(folder: walksFolder, team: team)
        var files = catalog.paths.map { (name: WalkCopies<String>.fileName($0), author: "", path: $0) }
        files += catalog.teamCopies.map { (name: WalkCopies<String>.fileName($0.path), author: $0.author, path: $0.path) }
        files.sort { $0.name != $1.name ? $0.name < $1.name : $0.author < $1.author }
        DigestReader.read(files.map(\.path)) { paths, outcomes in
            for (path, outcome) in zip(paths, outcomes) {
                switch outcome {
                case .walk(var digest, let outline, _):
                    if let teamCopies { digest.author = TeamCopy.author(ofPath: path, copies: teamCopies) }
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
        waitForRefresh()
        if let known = fileOutlines[key] { return known }
        return try? index?.outline(key)
    }
}
