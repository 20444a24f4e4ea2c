import Foundation

/// A walk as its journal describes it: the header plus every event folded in order.
public struct Walk: Equatable, Sendable {
    public private(set) var header: WalkHeader
    public private(set) var moments: [String: Moment] = [:]
    /// The index (in walking order) of the touchpoint the operator is on.
    public internal(set) var position: Int = 0
    public internal(set) var finished: Date?
    public internal(set) var submitted: Date?
    /// How many times the walk was submitted: its revision (0 before the first submission).
    public internal(set) var revision = 0
    /// Text the walk file keeps as drafts, by touchpoint and field (a note, a comment, praise, an
    /// action, the tag filter…); the record that saves a field clears its draft (`RecordKind.savedFields(before:)`).
    public internal(set) var drafts: [DraftKey: String] = [:]
    public private(set) var lastChange: Date
    /// When the walk came to the touchpoint it is on (the record that moved it there).
    public private(set) var arrivedAt: Date
    /// Whether any record has stated a time (until then the timeline is in walking order).
    public internal(set) var hasStatedTimes = false
    /// The touchpoints in walking order: the journey's, flattened once (journeys can have
    /// thousands), with the ad-hoc touchpoints inserted where they were added.
    public private(set) var steps: [Step]
    private var indexByID: [String: Int]

    /// A touchpoint and one of its typed fields.
    public struct DraftKey: Hashable, Sendable {
        public var touchpoint: String
        public var field: TextField

        public init(touchpoint: String, field: TextField) {
            self.touchpoint = touchpoint
            self.field = field
        }

        /// The note of a touchpoint.
        public static func note(_ touchpoint: String) -> DraftKey { DraftKey(touchpoint: touchpoint, field: .note) }

        /// Listing order: by touchpoint, then field.
        public var order: String { touchpoint + "\u{0}" + field.rawValue }
    }

    /// Where a walk stands: being walked, finished, or submitted (read-only).
    public enum Status: String, Equatable, Sendable {
        case draft, complete, submitted
    }

    public init(header: WalkHeader) {
        self.header = header
        self.lastChange = header.started
        self.arrivedAt = header.started
        self.steps = header.journey.steps
        self.indexByID = Self.index(of: steps)
    }

    private static func index(of steps: [Step]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (offset, step) in steps.enumerated() where index[step.touchpoint.id] == nil {
            index[step.touchpoint.id] = offset
        }
        return index
    }

    /// Folds a whole journal into a walk; nil when it does not start with a header.
    public init?(events: [WalkEvent]) {
        guard case .started(let header)? = events.first else { return nil }
        self.init(header: header)
        for event in events.dropFirst() { apply(event) }
    }

    public var journey: Journey { header.journey }
    public var isFinished: Bool { finished != nil }
    public var isSubmitted: Bool { submitted != nil }
    public var status: Status { submitted != nil ? .submitted : finished != nil ? .complete : .draft }

    /// The index of a touchpoint id in walking order.
    public func index(of touchpointID: String) -> Int? { indexByID[touchpointID] }

    /// What is recorded for a touchpoint (empty when nothing is).
    public func moment(for touchpointID: String) -> Moment { moments[touchpointID] ?? Moment() }

    /// Every action of the walk with the touchpoint it came from, in walking order.
    public var actions: [(touchpoint: String, action: Action)] {
        steps.flatMap { step in moment(for: step.touchpoint.id).actions.map { (step.touchpoint.id, $0) } }
    }

    /// The action with an id, wherever it is in the walk.
    public func action(id: String) -> Action? {
        for moment in moments.values {
            if let action = moment.actions.first(where: { $0.id == id }) { return action }
        }
        return nil
    }

    /// Applies one journal event. Events naming a touchpoint the journey lacks are ignored.
    public mutating func apply(_ event: WalkEvent) {
        let before = steps.indices.contains(position) ? steps[position].touchpoint.id : nil
        fold(event)
        let after = steps.indices.contains(position) ? steps[position].touchpoint.id : nil
        if after != before { arrivedAt = event.at }
    }

    /// The record says what it does to the walk (`RecordKind.fold`).
    private mutating func fold(_ event: WalkEvent) {
        lastChange = max(lastChange, event.at)
        let record = event.record
        let saved = record.savedFields(before: self)
        record.fold(into: &self)
        for key in saved where indexByID[key.touchpoint] != nil { drafts[key] = nil }
    }

    /// Changes the moment of a touchpoint the walk has (records naming another are ignored). A record about a moment can be about the one
    /// just judged, behind the touchpoint the walk is on (SPEC 4: every key that records something
    /// right after a verdict acts on it): it does not move the walk. An undo does: the walk goes
    /// back to what it changed.
    mutating func change(_ id: String, undo: Bool, _ change: (inout Moment) -> Void) {
        guard let index = indexByID[id] else { return }
        update(id, change)
        if undo { position = index }
    }

    mutating func update(_ id: String, _ change: (inout Moment) -> Void) {
        var moment = moment(for: id)
        change(&moment)
        moments[id] = moment
    }

    /// Puts an ad-hoc touchpoint after the one it follows (or takes it out again).
    mutating func insert(_ adhoc: AdhocTouchpoint) {
        if adhoc.removed {
            guard let index = indexByID[adhoc.id], steps[index].touchpoint.adhoc else { return }
            steps.remove(at: index)
            indexByID = Self.index(of: steps)
            // `u` goes back to what it changed: the touchpoint the insertion came after.
            position = indexByID[adhoc.after] ?? min(position, max(steps.count - 1, 0))
            return
        }
        guard indexByID[adhoc.id] == nil, let after = indexByID[adhoc.after] else { return }
        let touchpoint = Touchpoint(id: adhoc.id, title: adhoc.title, channel: adhoc.channel, adhoc: true)
        steps.insert(Step(stageIndex: steps[after].stageIndex, touchpoint: touchpoint), at: after + 1)
        indexByID = Self.index(of: steps)
        position = after + 1
    }
}

extension Walk {
    /// Counts of each verdict across the walk's touchpoints.
    public var summary: WalkSummary {
        var summary = WalkSummary()
        for index in steps.indices {
            switch moments[steps[index].touchpoint.id]?.rating?.verdict {
            case .magic?: summary.magic += 1
            case .neutral?: summary.neutral += 1
            case .misery?: summary.misery += 1
            case .skipped?: summary.skipped += 1
            case .split?: summary.split += 1
            case nil: summary.unrecorded += 1
            }
        }
        return summary
    }
}

/// What was recorded for one touchpoint of a walk.
public struct Moment: Equatable, Sendable {
    public var rating: Rating?
    public var ratedAt: Date?
    public var note: String = ""
    /// Seconds on the touchpoint's automatic stopwatch when the verdict was given.
    public var timerSeconds: Int?
    /// Checklist answers by item (0-based); an item without an entry is unanswered.
    public var answers: [Int: Answer] = [:]
    /// Comments on checklist answers by item.
    public var comments: [Int: String] = [:]
    /// The split timer, started and stopped by the operator.
    public var splitTimer: SplitTimer?
    /// When the touchpoint happened, as stated (entry after the visit).
    public var statedAt: Date?
    public var evidence: [Evidence] = []
    public var tags: [String] = []
    public var recovery: Recovery?
    public var praise: Praise?
    public var actions: [Action] = []
    public var votes: Votes?

    public init(rating: Rating? = nil, ratedAt: Date? = nil, note: String = "", timerSeconds: Int? = nil) {
        self.rating = rating
        self.ratedAt = ratedAt
        self.note = note
        self.timerSeconds = timerSeconds
    }
}

/// A split timer: its reading at `since`, running on from there or stopped.
public struct SplitTimer: Equatable, Sendable {
    public var seconds: Double
    public var running: Bool
    public var since: Date

    public init(seconds: Double, running: Bool, since: Date) {
        self.seconds = seconds
        self.running = running
        self.since = since
    }

    /// The reading at a time (a stopped timer reads the same whenever).
    public func reading(at now: Date) -> Double {
        running ? seconds + max(0, now.timeIntervalSince(since)) : seconds
    }
}

/// Counts of verdicts in a walk.
public struct WalkSummary: Equatable, Sendable {
    public var magic = 0
    public var neutral = 0
    public var misery = 0
    public var skipped = 0
    public var unrecorded = 0
    /// Workshop moments whose room votes tied (only workshops have them).
    public var split = 0

    public init(magic: Int = 0, neutral: Int = 0, misery: Int = 0, skipped: Int = 0, unrecorded: Int = 0, split: Int = 0) {
        self.magic = magic
        self.neutral = neutral
        self.misery = misery
        self.skipped = skipped
        self.unrecorded = unrecorded
        self.split = split
    }

    /// Counts one more (`by: 1`) or one fewer (`by: -1`) touchpoint with this verdict (nil: unrecorded).
    public mutating func count(_ verdict: Verdict?, by delta: Int) {
        switch verdict {
        case .magic?: magic += delta
        case .neutral?: neutral += delta
        case .misery?: misery += delta
        case .skipped?: skipped += delta
        case .split?: split += delta
        case nil: unrecorded += delta
        }
    }

    /// One line for the end of a walk: `3 magic · 5 neutral · 2 misery · 1 skipped · 0 unrecorded`
    /// (with `· 1 split` after misery when a workshop room tied somewhere).
    public var line: String {
        "\(magic) magic · \(neutral) neutral · \(misery) misery" + (split > 0 ? " · \(split) split" : "")
            + " · \(skipped) skipped · \(unrecorded) unrecorded"
    }

    /// The counts as glyphs, for screens: `★4 ●2 ✖2 ○1 ·0` (magic, neutral, misery, skipped, not recorded).
    public var glyphs: String {
        "★\(magic) ●\(neutral) ✖\(misery) ○\(skipped) ·\(unrecorded)"
    }
}

extension Walk {
    /// The walk with every person's name it records (the operator, whom praise goes to, action
    /// owners) passed through `rename`: how `report --redact` replaces names with placeholders.
    /// The walk as it was when it was submitted the `number`th time (its revision), from its
    /// records after the header; nil when it was submitted fewer times.
    public static func revision(_ number: Int, header: WalkHeader, events: [WalkEvent]) -> Walk? {
        var walk = Walk(header: header)
        for event in events {
            walk.apply(event)
            if case .submitted = event, walk.revision == number { return walk }
        }
        return nil
    }

    public func renamingPeople(_ rename: (String) -> String) -> Walk {
        var copy = self
        copy.header.details.operator = rename(header.details.operator)
        for (id, moment) in moments {
            var renamed = moment
            if let praise = moment.praise { renamed.praise = Praise(to: rename(praise.to), text: praise.text) }
            renamed.actions = moment.actions.map { action in
                var action = action
                action.owner = rename(action.owner)
                return action
            }
            copy.moments[id] = renamed
        }
        return copy
    }
}
