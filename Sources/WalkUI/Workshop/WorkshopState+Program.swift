import Foundation

/// The workshop as the program loop runs it; `WorkshopEffectHandler` performs its effects. `begin` and
/// `tickInterval` (the countdown's next change) are the workshop's own.
extension WorkshopState: Program {
    static func action(for input: ScreenInput) -> WorkshopAction {
        switch input {
        case .key(let key): return .key(key)
        case .tick: return .tick
        case .resized(let width, let height): return .resized(width: width, height: height)
        case .interrupted: return .interrupted
        }
    }

    func render(into canvas: inout Canvas) {
        WorkshopScreen.render(self, into: &canvas)
    }
}
