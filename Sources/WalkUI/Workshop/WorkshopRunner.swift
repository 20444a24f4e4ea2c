import Foundation
import JourneyKit

/// Runs the workshop state machine against a terminal and a recorder until the workshop is left.
public struct WorkshopRunner {
    public var clock: () -> Date
    /// While more input is waiting (a paste into the note), frames are skipped, but never for longer than this.
    public var frameInterval: TimeInterval = 0.05

    public init(clock: @escaping () -> Date = Date.init) {
        self.clock = clock
    }

    public func run(_ initial: WorkshopState, terminal: Terminal, recorder: WorkshopRecorder) -> WalkOutcome {
        var state = initial
        var signal: Int32?
        let size = terminal.size
        var queue = state.apply(.resized(width: size.width, height: size.height), now: clock()) + state.begin()
        var lastFrame = Date.distantPast
        while true {
            var leaving = false
            while !queue.isEmpty {
                switch queue.removeFirst() {
                case .leave:
                    leaving = true
                case .start(let details):
                    do {
                        let header = try recorder.start(details, at: clock())
                        queue += state.apply(.started(header), now: clock())
                    } catch {
                        queue += state.apply(.recordFailed([], reason: WalkRunner.reason(error)), now: clock())
                    }
                case .record(let events):
                    do {
                        if events.count == 1, let event = events.first {
                            try recorder.record(event)
                        } else {
                            try recorder.record(together: events)
                        }
                        queue += state.apply(.recorded(events), now: clock())
                    } catch {
                        queue += state.apply(.recordFailed(events, reason: WalkRunner.reason(error)), now: clock())
                    }
                }
            }
            if leaving {
                let walk = state.walk
                return WalkOutcome(walk: walk.walk, finished: walk.mode == .done(finished: true), unsaved: walk.unsaved, signal: signal)
            }
            let now = clock()
            if !terminal.inputPending || now.timeIntervalSince(lastFrame) >= frameInterval {
                terminal.present { WorkshopScreen.render(state, into: &$0) }
                lastFrame = now
            }
            let action: WorkshopAction
            switch terminal.nextInput(timeout: state.tickInterval, signal: &signal) {
            case .key(let key): action = .key(key)
            case .tick: action = .tick
            case .resized(let width, let height): action = .resized(width: width, height: height)
            case .interrupted: action = .interrupted
            }
            queue = state.apply(action, now: clock())
        }
    }
}
