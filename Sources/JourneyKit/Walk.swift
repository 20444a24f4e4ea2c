import Foundation

/// A walk as its journal describes it: the header plus every event folded in order.
public struct Walk: Equatable, Sendable {
    public private(set) var header: WalkHeader
    public private(set) var moments: [String: Moment] = [:]
    /// The index (in walking order) of the touchpoint the operator is on.
    public private(set) var position: Int = 0
    public private(set) var finished: Date?
    /// Unsaved note drafts by touchpoint id; saving the note clears its draft.
    public private(set) var drafts: [String: String] = [:]
    public private(set) var lastChange: Date
    /// The journey's touchpoints in walking order, flattened once (journeys can have thousands).
    public let steps: [Step]
    private let indexByID: [String: Int]

    public init(header: WalkHeader) {
        self.header = header
        self.lastChange = header.started
        self.steps = header.journey.steps
        var index: [String: Int] = [:]
        for (offset, step) in steps.enumerated() where index[step.touchpoint.id] == nil {
            index[step.touchpoint.id] = offset
        }
        self.indexByID = index
    }

    /// Folds a whole journal into a walk; nil when it does not start with a header.
    public init?(events: [WalkEvent]) {
        guard case .started(let header)? = events.first else { return nil }
        self.init(header: header)
        for event in events.dropFirst() { apply(event) }
    }

    public var journey: Journey { header.journey }
    public var isFinished: Bool { finished != nil }

    /// The index of a touchpoint id in walking order.
    public func index(of touchpointID: String) -> Int? { indexByID[touchpointID] }

    /// What is recorded for a touchpoint (empty when nothing is).
    public func moment(for touchpointID: String) -> Moment { moments[touchpointID] ?? Moment() }

    /// Applies one journal event. Events naming a touchpoint the journey lacks are ignored.
    public mutating func apply(_ event: WalkEvent) {
        lastChange = max(lastChange, event.at)
        switch event {
        case .started:
            return
        case .rated(let change):
            guard let index = indexByID[change.touchpoint] else { return }
            var moment = moment(for: change.touchpoint)
            moment.rating = change.rating
            moment.ratedAt = change.rating == nil ? nil : change.at
            if let seconds = change.timerSeconds { moment.timerSeconds = seconds }
            moments[change.touchpoint] = moment
            position = change.undo || change.rating == nil ? index : min(index + 1, max(steps.count - 1, 0))
        case .noted(let change):
            guard let index = indexByID[change.touchpoint] else { return }
            var moment = moment(for: change.touchpoint)
            moment.note = change.text
            moments[change.touchpoint] = moment
            drafts[change.touchpoint] = nil
            position = index
        case .drafted(let change):
            guard indexByID[change.touchpoint] != nil else { return }
            drafts[change.touchpoint] = change.text.isEmpty ? nil : change.text
        case .moved(let touchpoint, _):
            guard let index = indexByID[touchpoint] else { return }
            position = index
        case .finished(let at):
            finished = at
        }
    }

    /// Counts of each verdict across the journey's touchpoints.
    public var summary: WalkSummary {
        var summary = WalkSummary()
        for step in steps {
            switch moment(for: step.touchpoint.id).rating?.verdict {
            case .magic?: summary.magic += 1
            case .neutral?: summary.neutral += 1
            case .misery?: summary.misery += 1
            case .skipped?: summary.skipped += 1
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
    public var timerSeconds: Int?

    public init(rating: Rating? = nil, ratedAt: Date? = nil, note: String = "", timerSeconds: Int? = nil) {
        self.rating = rating
        self.ratedAt = ratedAt
        self.note = note
        self.timerSeconds = timerSeconds
    }
}

/// Counts of verdicts in a walk.
public struct WalkSummary: Equatable, Sendable {
    public var magic = 0
    public var neutral = 0
    public var misery = 0
    public var skipped = 0
    public var unrecorded = 0

    public init(magic: Int = 0, neutral: Int = 0, misery: Int = 0, skipped: Int = 0, unrecorded: Int = 0) {
        self.magic = magic
        self.neutral = neutral
        self.misery = misery
        self.skipped = skipped
        self.unrecorded = unrecorded
    }

    /// One line for the end of a walk: `3 magic · 5 neutral · 2 misery · 1 skipped · 0 unrecorded`.
    public var line: String {
        "\(magic) magic · \(neutral) neutral · \(misery) misery · \(skipped) skipped · \(unrecorded) unrecorded"
    }
}
