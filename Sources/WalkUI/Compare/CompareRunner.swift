import JourneyKit

/// Runs the compare screen in the program loop until the user goes back or quits.
public struct CompareRunner {
    /// Builds the comparison again with other columns (`b`).
    public var regroup: (CompareGrouping?) -> Result<Comparison, ReviewFailure>

    public init(regroup: @escaping (CompareGrouping?) -> Result<Comparison, ReviewFailure>) {
        self.regroup = regroup
    }

    /// Returns false when the user asked to quit altogether (Ctrl-C, a closed terminal, a signal).
    @discardableResult
    public func run(_ initial: CompareState, terminal: Terminal) -> Bool {
        ProgramLoop(terminal: terminal).run(CompareProgram(state: initial)) { effect, _ in
            switch effect {
            case .regroup(let grouping): return .then([.regrouped(regroup(grouping))])
            case .leave: return .leave
            }
        }.program.wentBack
    }
}
