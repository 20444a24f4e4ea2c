import Foundation
import JourneyReports

/// One walk under review as the program loop runs it.
struct ReviewWalkProgram: Program {
    var state: ReviewWalkState
    /// Whether it was left for the list of walks (`Esc`), not quit altogether (`q`, Ctrl-C, a closed terminal, a signal).
    var wentBack = false

    enum Action {
        case input(ScreenInput)
        /// The report was written to this path, or why not.
        case exported(Result<String, ReviewFailure>)
    }

    enum Effect: Equatable {
        /// Write a report of the walk in this format.
        case export(ReportFormat)
        case leave
    }

    static func action(for input: ScreenInput) -> Action { .input(input) }

    mutating func apply(_ action: Action, now: Date) -> [Effect] {
        switch action {
        case .input(.key(let key)):
            switch state.apply(key) {
            case .back?:
                wentBack = true
                return [.leave]
            case .quit?: return [.leave]
            case .export(let format)?: return [.export(format)]
            case nil: return []
            }
        case .input(.interrupted): return [.leave]
        case .input(.tick), .input(.resized): return []
        case .exported(.success(let path)): state.exported(to: path, error: nil)
        case .exported(.failure(let failure)): state.exported(to: nil, error: failure.message)
        }
        return []
    }

    func render(into canvas: inout Canvas) {
        ReviewWalkScreen.render(state, into: &canvas)
    }

    var tickInterval: Int { 60_000 }
}
