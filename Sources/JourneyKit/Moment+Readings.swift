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

    /// The timer in seconds: the split timer's reading (one still running is read at `time`),
    /// else the stopwatch kept with the verdict (`stopwatchReading`).
    public func timerReading(at time: Date) -> Double? {
        usedSplitTimer.map { $0.running ? $0.reading(at: time) : $0.seconds } ?? stopwatchReading.map(Double.init)
    }

    /// The split timer when it holds a reading: one reset to 0:00 (`0`), or whose start was undone,
    /// is as if never used, as the walk screen shows it.
    public var usedSplitTimer: SplitTimer? {
        guard let splitTimer, !splitTimer.isCleared else { return nil }
        return splitTimer
    }

    /// The automatic stopwatch kept with the verdict, when it timed anything: 0 seconds (a
    /// touchpoint judged at once, a walk entered afterwards) is no timing, so it is no reading and
    /// never meets a target. The split timer stopped at 0:00 is a reading: the operator used it.
    public var stopwatchReading: Int? {
        guard let timerSeconds, timerSeconds > 0 else { return nil }
        return timerSeconds
    }
}
