import JourneyKit
import JourneyReports

/// Why a walk could not be opened or exported, in words for the status line.
public struct ReviewFailure: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Runs the review screens: the list of walks and one walk at a time.
public struct ReviewRunner {
    /// Loads a walk from the list.
    public var open: (WalkListing) -> Result<ReviewWalkState, ReviewFailure>
    /// Writes a report of the walk; returns the path written.
    public var export: (ReviewWalkState, ReportFormat) -> Result<String, ReviewFailure>
    /// Moves a walk to the trash; returns what to tell the user. Nil where walks cannot be deleted.
    public var delete: ((WalkListing) -> Result<String, ReviewFailure>)?
    /// Compares walks with the given columns (`C` on the list, `b` on the compare screen). Nil where walks cannot be compared.
    public var compare: ((ReviewListState.CompareRequest, CompareGrouping?) -> Result<Comparison, ReviewFailure>)?

    /// A fresher list of walks, asked for after each frame while it is being made (the walk index is
    /// brought up to date after the first frame). Nil when there is none to wait for.
    public var freshList: (() -> FreshList)?

    /// Where the fresher list stands.
    public enum FreshList: Equatable, Sendable {
        /// Still being made: ask again shortly.
        case waiting
        /// The list shown holds.
        case unchanged
        /// Walks changed: these replace the list's.
        case walks([WalkListing], notes: [String])
    }

    public init(
        open: @escaping (WalkListing) -> Result<ReviewWalkState, ReviewFailure>,
        export: @escaping (ReviewWalkState, ReportFormat) -> Result<String, ReviewFailure>
    ) {
        self.open = open
        self.export = export
    }

    /// The list; Enter opens a walk, which returns to the list on Esc.
    public func run(list initial: ReviewListState, terminal: Terminal) {
        var list = initial
        var message: WalkState.Message?
        var fresh = freshList
        while true {
            terminal.present { ReviewListScreen.render(list, message: message, into: &$0) }
            if let poll = fresh {
                switch poll() {
                case .waiting: break
                case .unchanged: fresh = nil
                case .walks(let items, let notes):
                    fresh = nil
                    list.replaceItems(items, notes: notes)
                    continue
                }
            }
            message = nil
            switch terminal.nextEvent(timeout: fresh == nil ? 60_000 : 20) {
            case .closed, .interrupted: return
            case .tick, .resized: continue
            case .key(let key):
                let page = ReviewListScreen.pageSize(height: terminal.size.height)
                switch list.apply(key, page: page) {
                case .quit?: return
                case .open(let listing)?:
                    switch open(listing) {
                    case .success(let walk):
                        if !run(walk: walk, terminal: terminal) { return }
                    case .failure(let failure):
                        message = .init(text: failure.message, kind: .error)
                    }
                case .compare(let request)?:
                    guard let compare else {
                        message = .init(text: "Walks in this folder cannot be compared from here", kind: .error)
                        break
                    }
                    switch compare(request, nil) {
                    case .success(let comparison):
                        let runner = CompareRunner { grouping in compare(request, grouping) }
                        if !runner.run(CompareState(comparison: comparison), terminal: terminal) { return }
                    case .failure(let failure):
                        message = .init(text: failure.message, kind: .error)
                    }
                case .delete(let listing)?:
                    switch delete?(listing) ?? .failure(ReviewFailure("Walks in this folder cannot be deleted from here")) {
                    case .success(let text):
                        list.removeWalk(path: listing.path)
                        message = .init(text: text, kind: .info)
                    case .failure(let failure):
                        message = .init(text: failure.message, kind: .error)
                    }
                case nil: break
                }
            }
        }
    }

    /// One walk; returns false when the user asked to quit altogether.
    @discardableResult
    public func run(walk initial: ReviewWalkState, terminal: Terminal) -> Bool {
        var state = initial
        while true {
            terminal.present { ReviewWalkScreen.render(state, into: &$0) }
            switch terminal.nextEvent(timeout: 60_000) {
            case .closed, .interrupted: return false
            case .tick, .resized: continue
            case .key(let key):
                switch state.apply(key) {
                case .back?: return true
                case .quit?: return false
                case .export(let format)?:
                    switch export(state, format) {
                    case .success(let path): state.exported(to: path, error: nil)
                    case .failure(let failure): state.exported(to: nil, error: failure.message)
                    }
                case nil: break
                }
            }
        }
    }
}
