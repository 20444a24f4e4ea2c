import JourneyKit

/// Runs the compare screen in the program loop until the user goes back or quits.
public struct CompareRunner {
    /// Builds the comparison again with other columns (`b`).
    public var regroup: (CompareGrouping?) -> Result<Comparison, ReviewFailure>
    /// Works out the agreement of the walks compared (`a`); nil where it cannot be.
    public var agreement: (() -> Result<Agreement, ReviewFailure>)?

    public init(regroup: @escaping (CompareGrouping?) -> Result<Comparison, ReviewFailure>, agreement: (() -> Result<Agreement, ReviewFailure>)? = nil) {
        self.regroup = regroup
        self.agreement = agreement
    }

    /// Returns false when the user asked to quit altogether (Ctrl-C, a closed terminal, a signal).
    @discardableResult
    public func run(_ initial: CompareState, terminal: Terminal) -> Bool {
        ProgramLoop(terminal: terminal).run(CompareProgram(state: initial)) { effect, _ in
            switch effect {
            case .regroup(let grouping): return .then([.regrouped(regroup(grouping))])
            case .workOutAgreement:
                return .then([.agreementWorkedOut(agreement?() ?? .failure(ReviewFailure("The agreement of these walks cannot be worked out here.")))])
            case .leave: return .leave
            }
        }.program.wentBack
    }
}
