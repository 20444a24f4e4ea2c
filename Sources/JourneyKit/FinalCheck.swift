import Foundation

/// What a walk still lacks before it is complete (SPEC 7.2): touchpoints without a verdict, checklist
/// items answered No without a comment, and split timers of judged moments over their target without a note.
public struct FinalCheck: Equatable, Sendable {
    /// One thing missing, about one touchpoint.
    public enum Problem: Equatable, Sendable {
        case unrecorded(touchpoint: String)
        case noWithoutComment(touchpoint: String, item: Int)
        /// The split timer read `seconds` against a target of `target` and the moment has no note.
        case missedTargetWithoutNote(touchpoint: String, seconds: Int, target: Int)

        public var touchpoint: String {
            switch self {
            case .unrecorded(let id), .noWithoutComment(let id, _), .missedTargetWithoutNote(let id, _, _): return id
            }
        }
    }

    /// In walking order; for each touchpoint: its verdict, its comments, its timer.
    public var problems: [Problem]

    public var isEmpty: Bool { problems.isEmpty }

    public init(_ walk: Walk, now: Date) {
        var problems: [Problem] = []
        for step in walk.steps {
            let id = step.touchpoint.id
            let moment = walk.moment(for: id)
            if moment.rating == nil { problems.append(.unrecorded(touchpoint: id)) }
            for item in step.touchpoint.checklist.indices where moment.answers[item] == .no && moment.comments[item] == nil {
                problems.append(.noWithoutComment(touchpoint: id, item: item))
            }
            if moment.isJudged, let target = step.touchpoint.target, let timer = moment.splitTimer,
               case .missed = timer.against(target: target, at: now), moment.note.isEmpty {
                problems.append(.missedTargetWithoutNote(touchpoint: id, seconds: timer.wholeSeconds(at: now), target: target))
            }
        }
        self.problems = problems
    }

    /// One line saying what is missing, for a list: `No without a comment: Greeting · Name badge`.
    public static func describe(_ problem: Problem, in walk: Walk) -> String {
        let step = walk.index(of: problem.touchpoint).map { walk.steps[$0] }
        let title = step?.touchpoint.title ?? problem.touchpoint
        switch problem {
        case .unrecorded:
            return "Not recorded: \(title)"
        case .noWithoutComment(_, let item):
            let text = step.flatMap { $0.touchpoint.checklist.indices.contains(item) ? $0.touchpoint.checklist[item].item : nil } ?? "item \(item + 1)"
            return "No without a comment: \(title) · \(text)"
        case .missedTargetWithoutNote(_, let seconds, let target):
            return "Target missed by \(TimeStandard.clock(seconds: seconds - target)) without a note: \(title)"
        }
    }
}

/// How a split timer's reading stands against a touchpoint's target.
public enum TargetResult: Equatable, Sendable {
    case met
    /// Over the target by this many whole seconds.
    case missed(by: Int)
}

extension SplitTimer {
    /// The reading in whole seconds (a stopwatch shows the seconds that have passed), the one rule
    /// for showing a reading and comparing it with its target.
    public func wholeSeconds(at now: Date) -> Int { Int(reading(at: now).rounded(.down)) }

    /// Met when the reading, in whole seconds, is at most the target.
    public func against(target: Int, at now: Date) -> TargetResult {
        let seconds = wholeSeconds(at: now)
        return seconds <= target ? .met : .missed(by: seconds - target)
    }

    /// Whether the timer was never used, or reset: stopped at zero.
    public var isCleared: Bool { !running && seconds == 0 }
}

extension Walk {
    /// The touchpoints (indices into `steps`) in the order they happened (`timelineParts`), or in
    /// walking order when nothing is stated.
    public var timelineOrder: [Int] {
        guard let parts = timelineParts else { return Array(steps.indices) }
        return parts.timed + parts.untimed
    }

    /// The one rule of every timeline (walk screen, review, reports) once a time has been stated:
    /// the touchpoints with a time (a stated time, or a verdict recorded, skipped included) in the
    /// order they happened, by stated time, one without a stated time keeping its place after the
    /// stated time before it in walking order (the visit's stated start, else the beginning); then
    /// the touchpoints without a time, in walking order. Nil when no time is stated: the timeline
    /// is in walking order.
    public var timelineParts: (timed: [Int], untimed: [Int])? {
        guard hasStatedTimes else { return nil }
        var anyStated = false
        var timed: [(time: Date?, index: Int)] = []
        var untimed: [Int] = []
        var carried = header.statedStart
        for index in steps.indices {
            let moment = moments[steps[index].touchpoint.id]
            if let stated = moment?.statedAt {
                carried = stated
                anyStated = true
            }
            if moment?.rating != nil || moment?.statedAt != nil { timed.append((carried, index)) } else { untimed.append(index) }
        }
        guard anyStated else { return nil }
        let ordered = timed.sorted { a, b in
            switch (a.time, b.time) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a.index < b.index
            }
        }.map(\.index)
        return (ordered, untimed)
    }

    /// The stated time before a touchpoint in walking order (or the visit's stated start): what
    /// `+3m` counts from.
    public func statedTime(before index: Int) -> Date? {
        previousStated(before: index)?.stated ?? header.statedStart
    }

    /// The nearest touchpoint before `index` in walking order with a stated time (its index), and
    /// that time; nil when none has one.
    public func previousStated(before index: Int) -> (index: Int, stated: Date)? {
        var position = min(index, steps.count) - 1
        while position >= 0 {
            if let stated = moments[steps[position].touchpoint.id]?.statedAt { return (position, stated) }
            position -= 1
        }
        return nil
    }
}
