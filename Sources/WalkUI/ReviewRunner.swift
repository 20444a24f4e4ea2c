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
    /// Works out the agreement of the walks compared (`a` on the compare screen). Nil where it cannot be.
    public var agreement: ((ReviewListState.CompareRequest) -> Result<Agreement, ReviewFailure>)?

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
        let program = ReviewListProgram(list: initial, waitingForFreshList: freshList != nil)
        _ = ProgramLoop(terminal: terminal).run(program) { effect, _ in perform(effect, terminal: terminal) }
    }

    /// One walk; returns false when the user asked to quit altogether.
    @discardableResult
    public func run(walk initial: ReviewWalkState, terminal: Terminal) -> Bool {
        ProgramLoop(terminal: terminal).run(ReviewWalkProgram(state: initial)) { effect, program in
            switch effect {
            case .export(let format): return .then([.exported(export(program.state, format))])
            case .leave: return .leave
            }
        }.program.wentBack
    }

    /// The list's effect handler: a walk opened or compared runs its own screen on the same terminal
    /// (the list is left with it when that screen quits altogether).
    func perform(_ effect: ReviewListProgram.Effect, terminal: Terminal) -> Performed<ReviewListProgram.Action> {
        switch effect {
        case .leave:
            return .leave
        case .open(let listing):
            switch open(listing) {
            case .success(let walk):
                return run(walk: walk, terminal: terminal) ? .done : .leave
            case .failure(let failure):
                return .then([.failed(failure)])
            }
        case .compare(let request):
            guard let compare else {
                return .then([.failed(ReviewFailure("Walks in this folder cannot be compared from here"))])
            }
            switch compare(request, nil) {
            case .success(let comparison):
                let agreement = self.agreement
                let runner = CompareRunner(regroup: { grouping in compare(request, grouping) }, agreement: agreement.map { work in { work(request) } })
                return runner.run(CompareState(comparison: comparison), terminal: terminal) ? .done : .leave
            case .failure(let failure):
                return .then([.failed(failure)])
            }
        case .delete(let listing):
            let result = delete?(listing) ?? .failure(ReviewFailure("Walks in this folder cannot be deleted from here"))
            return .then([.deleted(listing, result)])
        case .askFreshList:
            guard let answer = freshList?() else { return .then([.freshList(.unchanged)]) }
            // Still being made: nothing changes, and it is asked for again after the next frame.
            return answer == .waiting ? .done : .then([.freshList(answer)])
        }
    }
}
