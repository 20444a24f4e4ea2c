import Foundation

extension WalkAnalysis {
    /// The moments in the order they happened (`Walk.timelineParts`): walking order when no time
    /// is stated; else the moments with a time by stated time, then the touchpoints without a time,
    /// in walking order.
    public var timeline: [Entry] {
        guard let parts = timelineParts else { return entries }
        return parts.timed + parts.untimed
    }

    /// The timeline in its two parts when it is not in walking order (a time was stated and it
    /// changes the order): the moments with a time in the order they happened, then the touchpoints
    /// without a time, in walking order. Nil when the timeline is in walking order.
    public var timelineParts: (timed: [Entry], untimed: [Entry])? {
        guard let parts = walk.timelineParts, !(parts.timed + parts.untimed).elementsEqual(entries.indices) else { return nil }
        return (parts.timed.map { entries[$0] }, parts.untimed.map { entries[$0] })
    }

    /// How a timeline that is not in walking order is ordered, in the words of every screen and report.
    public static let timelineOrderText = "in the order it happened, by stated time; touchpoints without a time after them, in walking order"

    /// When a moment happened as far as the walk knows: its stated time, else when its verdict was recorded.
    public func when(_ entry: Entry) -> MomentTime? {
        if let stated = entry.moment.statedAt {
            return MomentTime(date: stated, stated: true, offset: stated.timeIntervalSince(walk.header.statedStart ?? walk.header.started))
        }
        guard let at = entry.moment.ratedAt else { return nil }
        // Entered after the visit: the time of entry says nothing about the visit, so no offset from its start.
        return MomentTime(date: at, stated: false, offset: walk.header.statedStart == nil ? at.timeIntervalSince(walk.header.started) : nil)
    }

    /// The timer of a moment held against the touchpoint's target (SPEC 7.2).
    public func timer(_ entry: Entry) -> TimerReading {
        TimerReading(moment: entry.moment, target: entry.touchpoint.target, readAt: walk.finished ?? walk.lastChange)
    }
}

/// When a moment happened: the date, whether the operator stated it, and the seconds since the
/// (stated) start of the visit where that means something.
public struct MomentTime: Equatable, Sendable {
    public var date: Date
    public var stated: Bool
    public var offset: TimeInterval?

    public init(date: Date, stated: Bool, offset: TimeInterval?) {
        self.date = date
        self.stated = stated
        self.offset = offset
    }

    /// `+12:05`, rounded to the nearest second (the one rounding rule of screens and reports).
    public var offsetText: String? {
        offset.map { ($0 < 0 ? "-" : "+") + TimeStandard.clock(seconds: Int(abs($0).rounded())) }
    }
}

/// The reading that is kept for a moment, and how it compares with the target. The reading is the
/// split timer's when the operator used it (a timer still running is read at the walk's last
/// record; one reset to 0:00 or undone back to it was not used); otherwise the automatic stopwatch's when the verdict was given, unless it read 0 seconds
/// (`Moment.stopwatchReading`).
public struct TimerReading: Equatable, Sendable {
    /// Seconds, one decimal; nil when neither timer has a reading.
    public var seconds: Double?
    public var target: Int?
    /// True when the reading comes from the split timer.
    public var split: Bool
    /// True when the split timer was still running at the walk's last record.
    public var running: Bool

    public init(seconds: Double?, target: Int?, split: Bool = false, running: Bool = false) {
        self.seconds = seconds
        self.target = target
        self.split = split
        self.running = running
    }

    public init(moment: Moment, target: Int?, readAt: Date) {
        if let timer = moment.usedSplitTimer {
            self.init(seconds: (timer.reading(at: readAt) * 10).rounded() / 10, target: target, split: true, running: timer.running)
        } else {
            self.init(seconds: moment.stopwatchReading.map(Double.init), target: target)
        }
    }

    /// Whether the reading is within the target; nil when there is no reading or no target.
    public var met: Bool? {
        guard let seconds, let target else { return nil }
        return seconds <= Double(target)
    }

    /// Seconds over the target when missed.
    public var over: Double? {
        guard let seconds, let target, seconds > Double(target) else { return nil }
        return seconds - Double(target)
    }

    /// The reading as a clock, `1:35`, rounded to the nearest second.
    public var clock: String? { seconds.map { TimeStandard.clock(seconds: Int($0.rounded())) } }

    /// `0:41 — target 0:30, missed by 0:11`, `1:35 — target 2:00, met`, or `0:41` without a target.
    public var text: String? {
        guard let clock else { return nil }
        var text = clock + (running ? " (running)" : "")
        if let target {
            let goal = TimeStandard.clock(seconds: target)
            if let over { text += " — target \(goal), missed by \(TimeStandard.clock(seconds: max(1, Int(over.rounded()))))" } else { text += " — target \(goal), met" }
        }
        return text
    }
}
