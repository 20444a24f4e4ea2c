import Foundation

/// The home screen as the program loop runs it: the list, and the item chosen when it is left.
struct HomeProgram: Program {
    var state: HomeState
    /// The item opened; nil while the screen is up, and when the user quit.
    var chosen: HomeState.Item?

    enum Action {
        case input(ScreenInput)
    }

    enum Effect: Equatable {
        /// An item was opened, or the user quit (or the input closed).
        case leave
    }

    static func action(for input: ScreenInput) -> Action { .input(input) }

    mutating func apply(_ action: Action, now: Date) -> [Effect] {
        switch action {
        case .input(.key(let key)):
            switch state.apply(key) {
            case .quit?: return [.leave]
            case .open(let item)?:
                chosen = item
                return [.leave]
            case nil: return []
            }
        case .input(.interrupted): return [.leave]
        case .input(.tick), .input(.resized): return []
        }
    }

    func render(into canvas: inout Canvas) {
        HomeScreen.render(state, into: &canvas)
    }

    var tickInterval: Int { 60_000 }
}
