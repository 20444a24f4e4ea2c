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

    /// The timing of a moment held against the touchpoint's target (SPEC 7.2), and its time on screen.
    public func timer(_ entry: Entry) -> TimerReading {
        TimerReading(
            moment: entry.moment, target: entry.touchpoint.target, readAt: walk.finished ?? walk.lastChange,
            enteredAfter: walk.header.statedStart != nil)
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

/// A moment's timing against its touchpoint's target (SPEC 7.2). Only the split timer, which the
/// operator starts and stops, is a timing: a timer still running is read at the walk's last record,
/// and one reset to 0:00 or undone back to it was not used. How long the touchpoint was on screen
/// when it was judged is kept beside it (`onScreen`) and shown as such, never held against the
/// target; a walk entered after the visit (a stated start) has none, since typing it took that long,
/// not the visit. Nothing is judged for a skipped or unrecorded moment.
public struct TimerReading: Equatable, Sendable {
    /// The split timer's reading in seconds, cut to one decimal (a stopwatch shows the time that has
    /// passed); nil when the touchpoint was not timed.
    public var seconds: Double?
    public var target: Int?
    /// True when the split timer was still running at the walk's last record.
    public var running: Bool
    /// Whole seconds the touchpoint was on screen before its verdict, when that says something.
    public var onScreen: Int?
    /// Whether the moment has a verdict other than skipped, so that a timing is held against the target.
    public var judged: Bool

    public init(seconds: Double?, target: Int?, running: Bool = false, onScreen: Int? = nil, judged: Bool = true) {
        self.seconds = seconds
        self.target = target
        self.running = running
        self.onScreen = onScreen
        self.judged = judged
    }

    /// `enteredAfter`: the walk has a stated start, so its time on screen is the time it took to type.
    public init(moment: Moment, target: Int?, readAt: Date, enteredAfter: Bool = false) {
        let reading = moment.splitReading(at: readAt).map { ($0 * 10).rounded(.down) / 10 }
        self.init(
            seconds: reading, target: target, running: moment.usedSplitTimer?.running ?? false,
            onScreen: enteredAfter ? nil : moment.onScreenSeconds, judged: moment.isJudged)
    }

    /// Whole seconds of the reading: the one rule for showing it and for comparing it with the
    /// target, as the walk screen's stopwatch does (`SplitTimer.wholeSeconds`).
    public var wholeSeconds: Int? { seconds.map { Int($0.rounded(.down)) } }

    /// Whether the timing is within the target; nil when the touchpoint was not timed, has no
    /// target, or was skipped or not recorded.
    public var met: Bool? {
        guard judged, let wholeSeconds, let target else { return nil }
        return wholeSeconds <= target
    }

    /// Whole seconds over the target when missed.
    public var over: Int? {
        guard met == false, let wholeSeconds, let target else { return nil }
        return wholeSeconds - target
    }

    /// The reading as a clock, `1:35`.
    public var clock: String? { wholeSeconds.map { TimeStandard.clock(seconds: $0) } }

    /// `0:41 — target 0:30, missed by 0:11`, `1:35 — target 2:00, met`, `0:41` without a target,
    /// `0:41 — target 0:30` for a moment not judged; nil when the touchpoint was not timed.
    public var text: String? {
        guard let clock else { return nil }
        var text = clock + (running ? " (running)" : "")
        if let target {
            let goal = TimeStandard.clock(seconds: target)
            switch met {
            case true?: text += " — target \(goal), met"
            case false?: text += " — target \(goal), missed by \(TimeStandard.clock(seconds: over ?? 0))"
            case nil: text += " — target \(goal)"
            }
        }
        return text
    }

    /// `on screen 0:02`: how long the touchpoint was on screen, when that is all there is.
    public var onScreenText: String? {
        guard seconds == nil, let onScreen else { return nil }
        return "on screen " + TimeStandard.clock(seconds: onScreen)
    }

    /// What a report's line says of time: `timer 0:41 — target 0:30, missed by 0:11`, else
    /// `on screen 0:02`, else nil.
    public var label: String? {
        text.map { "timer " + $0 } ?? onScreenText
    }
}
