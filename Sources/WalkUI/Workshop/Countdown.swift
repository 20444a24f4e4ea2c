import Foundation

/// A touchpoint's discussion clock in a workshop: it counts down from the touchpoint's timebox while
/// the touchpoint is on screen, can be paused and given another minute, and when time is up it only
/// says so: it never moves the workshop on by itself.
public struct Countdown: Equatable, Sendable {
    /// How the clock stands, each shown with its own glyph as well as its colour.
    public enum Phase: Equatable, Sendable {
        case running, paused, up
    }

    /// What the trainer can do to the clock.
    public enum Command: Equatable, Sendable {
        case togglePause
        case addMinute
    }

    /// Seconds allowed, with the minutes added.
    public private(set) var timebox: Int
    /// Seconds discussed before `since`.
    public private(set) var spent: TimeInterval = 0
    /// When the clock last started running; nil while it stands still.
    public private(set) var since: Date?
    /// Paused by the trainer (a clock also stands still while its touchpoint is off screen).
    public private(set) var paused = false

    public init(timebox: Int) {
        self.timebox = max(1, timebox)
    }

    /// Seconds discussed so far.
    public func elapsed(at now: Date) -> TimeInterval {
        spent + (since.map { max(0, now.timeIntervalSince($0)) } ?? 0)
    }

    /// Whole seconds left, rounded up (a new three-minute clock shows 3:00); 0 once time is up.
    public func remaining(at now: Date) -> Int {
        max(0, Int((Double(timebox) - elapsed(at: now)).rounded(.up)))
    }

    /// Whole seconds past the timebox; 0 while there is time left.
    public func overtime(at now: Date) -> Int {
        max(0, Int((elapsed(at: now) - Double(timebox)).rounded(.down)))
    }

    public func phase(at now: Date) -> Phase {
        if elapsed(at: now) >= Double(timebox) { return .up }
        return paused ? .paused : .running
    }

    /// Milliseconds until what the clock shows next changes (the next whole second).
    public func millisecondsToNextChange(at now: Date) -> Int? {
        guard since != nil else { return nil }
        let elapsed = elapsed(at: now)
        let fraction = elapsed - elapsed.rounded(.down)
        return Int(((1 - fraction) * 1000).rounded(.up)) + 5
    }

    /// The touchpoint came on screen: the clock runs unless the trainer paused it.
    public mutating func show(at now: Date) {
        if !paused, since == nil { since = now }
    }

    /// The touchpoint left the screen: the clock stands still and keeps its reading.
    public mutating func hide(at now: Date) {
        spent = elapsed(at: now)
        since = nil
    }

    /// Applies a trainer's key; the clock records nothing, so there is no effect to perform.
    public mutating func apply(_ command: Command, now: Date) -> [WorkshopEffect] {
        switch command {
        case .togglePause:
            if paused {
                paused = false
                show(at: now)
            } else {
                hide(at: now)
                paused = true
            }
        case .addMinute:
            timebox += 60
        }
        return []
    }
}
