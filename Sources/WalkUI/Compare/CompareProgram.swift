import Foundation
import JourneyKit

/// The compare screen as the program loop runs it.
struct CompareProgram: Program {
    var state: CompareState
    /// Whether it was left to go back (`q`, `Esc`), not quit altogether (Ctrl-C, a closed terminal, a signal).
    var wentBack = false
    /// The terminal's size, for the page and column keys.
    var width = minimumTerminalSize.width
    var height = minimumTerminalSize.height

    init(state: CompareState) {
        self.state = state
    }

    enum Action {
        case input(ScreenInput)
        /// The comparison built again with other columns, or why it could not be.
        case regrouped(Result<Comparison, ReviewFailure>)
        /// The agreement of the walks worked out, or why it could not be.
        case agreementWorkedOut(Result<Agreement, ReviewFailure>)
    }

    enum Effect: Equatable {
        /// Build the comparison again with these columns.
        case regroup(CompareGrouping?)
        /// Work out the agreement of the walks compared.
        case workOutAgreement
        case leave
    }

    static func action(for input: ScreenInput) -> Action { .input(input) }

    mutating func apply(_ action: Action, now: Date) -> [Effect] {
        switch action {
        case .input(.key(let key)):
            let page = CompareScreen.pageSize(height: height)
            let columns = CompareScreen.columnsShown(width: width, comparison: state.comparison)
            switch state.apply(key, page: page, columnsShown: columns) {
            case .back?:
                wentBack = true
                return [.leave]
            case .quit?: return [.leave]
            case .regroup(let grouping)?: return [.regroup(grouping)]
            case .workOutAgreement?: return [.workOutAgreement]
            case nil: return []
            }
        case .input(.interrupted): return [.leave]
        case .input(.tick): return []
        case .input(.resized(let columns, let rows)):
            width = columns
            height = rows
        case .regrouped(.success(let fresh)): state.regrouped(fresh)
        case .regrouped(.failure(let failure)): state.failed(failure.message)
        case .agreementWorkedOut(.success(let worked)): state.showAgreement(worked)
        case .agreementWorkedOut(.failure(let failure)): state.failed(failure.message)
        }
        return []
    }

    func render(into canvas: inout Canvas) {
        CompareScreen.render(state, into: &canvas)
    }

    var tickInterval: Int { 60_000 }
}
