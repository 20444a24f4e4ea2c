import JourneyKit

/// Runs the compare screen until the user goes back or quits.
public struct CompareRunner {
    /// Builds the comparison again with other columns (`b`).
    public var regroup: (CompareGrouping?) -> Result<Comparison, ReviewFailure>

    public init(regroup: @escaping (CompareGrouping?) -> Result<Comparison, ReviewFailure>) {
        self.regroup = regroup
    }

    /// Returns false when the user asked to quit altogether (Ctrl-C, a closed terminal, a signal).
    @discardableResult
    public func run(_ initial: CompareState, terminal: Terminal) -> Bool {
        var state = initial
        while true {
            terminal.present { CompareScreen.render(state, into: &$0) }
            switch terminal.nextEvent(timeout: 60_000) {
            case .closed, .interrupted: return false
            case .tick, .resized: continue
            case .key(let key):
                let size = terminal.size
                switch state.apply(key, page: CompareScreen.pageSize(height: size.height), columnsShown: CompareScreen.columnsShown(width: size.width, comparison: state.comparison)) {
                case .back?: return true
                case .quit?: return false
                case .regroup(let grouping)?:
                    switch regroup(grouping) {
                    case .success(let fresh): state.regrouped(fresh)
                    case .failure(let failure): state.failed(failure.message)
                    }
                case nil: break
                }
            }
        }
    }
}
