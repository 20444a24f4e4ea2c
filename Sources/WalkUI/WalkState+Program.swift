import Foundation

/// The walk (with its debrief) as the program loop runs it; `WalkEffectHandler` performs its effects.
extension WalkState: Program {
    func render(into canvas: inout Canvas) {
        WalkScreen.render(self, into: &canvas)
    }

    /// A tick a second keeps the touchpoint's timer on the screen current.
    var tickInterval: Int { 1000 }
}

extension WalkAction: ScreenActions {}
