import Foundation

/// The walk (with its debrief) as the program loop runs it; `WalkEffectHandler` performs its effects.
extension WalkState: Program {
    static func action(for input: ScreenInput) -> WalkAction {
        switch input {
        case .key(let key): return .key(key)
        case .tick: return .tick
        case .resized(let width, let height): return .resized(width: width, height: height)
        case .interrupted: return .interrupted
        }
    }

    func render(into canvas: inout Canvas) {
        WalkScreen.render(self, into: &canvas)
    }

    /// A tick a second keeps the touchpoint's timer on the screen current.
    var tickInterval: Int { 1000 }
}
