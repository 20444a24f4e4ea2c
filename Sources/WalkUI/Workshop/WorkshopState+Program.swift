import Foundation

/// The workshop as the program loop runs it; `WorkshopEffectHandler` performs its effects. `begin` and
/// `tickInterval` (the countdown's next change) are the workshop's own.
extension WorkshopState: Program {
    func render(into canvas: inout Canvas) {
        WorkshopScreen.render(self, into: &canvas)
    }
}

extension WorkshopAction: ScreenActions {}
