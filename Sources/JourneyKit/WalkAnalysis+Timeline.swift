import Foundation

extension WalkAnalysis {
    /// The moments in the order they happened: by stated time where one is given (entry after the
    /// visit), else in walking order. A moment without a stated time stays right after the moment
    /// it followed when walked, so a walk with no stated times reads exactly in walking order.
    public var timeline: [Entry] {
        guard entries.contains(where: { $0.moment.statedAt != nil }) else { return entries }
        var anchor: Date?
        let keyed = entries.map { entry -> (key: Date?, entry: Entry) in
            if let stated = entry.moment.statedAt { anchor = stated }
            return (anchor, entry)
        }
        return keyed.sorted { left, right in
            switch (left.key, right.key) {
            case (nil, nil): return left.entry.index < right.entry.index
            case (nil, _): return true
            case (_, nil): return false
            case let (l?, r?): return l != r ? l < r : left.entry.index < right.entry.index
            }
        }.map(\.entry)
    }

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
/// record); otherwise the automatic stopwatch's when the verdict was given.
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
        if let timer = moment.splitTimer {
            self.init(seconds: (timer.reading(at: readAt) * 10).rounded() / 10, target: target, split: true, running: timer.running)
        } else {
            self.init(seconds: moment.timerSeconds.map(Double.init), target: target)
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
