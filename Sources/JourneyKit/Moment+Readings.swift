import Foundation

extension Moment {
    /// The checklist weights this moment answered Yes, and answered Yes or No, of the touchpoint's
    /// items (N/A and unanswered items count in neither: SPEC 7.2).
    public func checklistSums(of touchpoint: Touchpoint) -> (yes: Int, asked: Int) {
        var yes = 0, asked = 0
        for (index, item) in touchpoint.checklist.enumerated() {
            switch answers[index] {
            case .yes?: yes += item.weight; asked += item.weight
            case .no?: asked += item.weight
            case .na?, nil: break
            }
        }
        return (yes, asked)
    }

    /// The timing of this moment: the split timer's reading (one still running is read at `time`),
    /// nil when the operator never timed it. Only this is judged against a target (SPEC 7.2); the
    /// time the touchpoint was on screen (`onScreenSeconds`) is not a timing.
    public func splitReading(at time: Date) -> Double? {
        usedSplitTimer.map { $0.reading(at: time) }
    }

    /// The split timer when it holds a reading: one reset to 0:00 (`0`), or whose start was undone,
    /// is as if never used, as the walk screen shows it.
    public var usedSplitTimer: SplitTimer? {
        guard let splitTimer, !splitTimer.isCleared else { return nil }
        return splitTimer
    }

    /// How long the touchpoint was on screen when its verdict was given (the `timer_seconds` of the
    /// record), when that was more than 0 seconds. It says how long the operator spent on the
    /// screen, not how long anything took at the visit: it is never a timing and never meets or
    /// misses a target.
    public var onScreenSeconds: Int? {
        guard let timerSeconds, timerSeconds > 0 else { return nil }
        return timerSeconds
    }

    /// Whether the moment was judged (a verdict other than skipped): only a judged moment's timing
    /// is held against its target.
    public var isJudged: Bool { rating?.verdict.isJudgement ?? false }
}
