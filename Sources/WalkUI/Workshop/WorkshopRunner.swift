import Foundation
import JourneyKit

/// Runs the workshop in the program loop against a terminal and a recorder until the workshop is left.
public struct WorkshopRunner {
    public var clock: () -> Date
    /// While more input is waiting (a paste into the note), frames are skipped, but never for longer than this.
    public var frameInterval: TimeInterval = 0.05

    public init(clock: @escaping () -> Date = Date.init) {
        self.clock = clock
    }

    /// Hands back what a walk hands back, all the text that could not be written included.
    public func run(_ initial: WorkshopState, terminal: Terminal, recorder: WorkshopRecorder) -> WalkOutcome {
        let work = WorkshopEffectHandler(recorder: recorder, clock: clock)
        let end = ProgramLoop(terminal: terminal, clock: clock, frameInterval: frameInterval).run(initial, perform: work.perform)
        return WalkOutcome(leaving: end.program.walk, signal: end.signal)
    }
}

/// The effect handler of the workshop: the walk file created, each change's events written together.
struct WorkshopEffectHandler {
    let recorder: WorkshopRecorder
    let clock: () -> Date

    /// Does one piece of work the workshop asked for and says how it went, as actions for it.
    func perform(_ effect: WorkshopEffect, for state: WorkshopState) -> Performed<WorkshopAction> {
        switch effect {
        case .leave:
            return .leave
        case .start(let details):
            do {
                return .then([.started(try recorder.start(details, at: clock()))])
            } catch {
                return .then([.recordFailed([], reason: WalkRunner.reason(error))])
            }
        case .record(let events):
            do {
                if events.count == 1, let event = events.first {
                    try recorder.record(event)
                } else {
                    try recorder.record(together: events)
                }
                return .then([.recorded(events)])
            } catch {
                return .then([.recordFailed(events, reason: WalkRunner.reason(error))])
            }
        }
    }
}
