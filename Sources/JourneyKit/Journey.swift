/// A customer journey as defined in a journey file: stages of touchpoints to walk in order.
public struct Journey: Equatable, Sendable {
    public var id: String
    public var title: String
    public var version: Int?
    public var description: String?
    public var promise: String?
    public var persona: String?
    /// The score (percent) a visit must reach to pass; nil means the default, 85.
    public var passMark: Int?
    /// The default workshop timebox per touchpoint, in seconds.
    public var timebox: Int?
    /// Tags this journey adds to the built-in catalogue.
    public var tags: [TagDefinition]
    public var stages: [Stage]

    /// The pass mark when a journey does not set one (SPEC 7.1).
    public static let defaultPassMark = 85

    public init(
        id: String, title: String, version: Int? = nil, description: String? = nil,
        promise: String? = nil, persona: String? = nil, passMark: Int? = nil, timebox: Int? = nil,
        tags: [TagDefinition] = [], stages: [Stage]
    ) {
        self.id = id
        self.title = title
        self.version = version
        self.description = description
        self.promise = promise
        self.persona = persona
        self.passMark = passMark
        self.timebox = timebox
        self.tags = tags
        self.stages = stages
    }

    /// The pass mark in force: the journey's, else 85.
    public var effectivePassMark: Int { passMark ?? Self.defaultPassMark }

    /// Every touchpoint in walking order, each with the index of its stage.
    public var steps: [Step] {
        var result: [Step] = []
        for (stageIndex, stage) in stages.enumerated() {
            for touchpoint in stage.touchpoints {
                result.append(Step(stageIndex: stageIndex, touchpoint: touchpoint))
            }
        }
        return result
    }

    /// The number of touchpoints across all stages.
    public var touchpointCount: Int { stages.reduce(0) { $0 + $1.touchpoints.count } }
}

/// A named phase of a journey ("Before the visit", "In the store").
public struct Stage: Equatable, Sendable {
    public var name: String
    public var touchpoints: [Touchpoint]

    public init(name: String, touchpoints: [Touchpoint]) {
        self.name = name
        self.touchpoints = touchpoints
    }
}

/// One interaction between the customer and the business, recorded as one moment of a walk.
public struct Touchpoint: Equatable, Sendable {
    public var id: String
    public var title: String
    public var channel: String?
    public var prompt: String?
    /// The checklist, answered Yes / No / N/A during a walk.
    public var checklist: [ChecklistItem]
    /// The time standard in seconds, if the journey sets one.
    public var target: Int?
    public var momentOfTruth: Bool
    /// The workshop timebox of this touchpoint in seconds (overrides the journey's).
    public var timebox: Int?
    /// True for a touchpoint inserted during a walk, not defined by the journey.
    public var adhoc: Bool

    public init(
        id: String, title: String, channel: String? = nil, prompt: String? = nil,
        lookFor: [String] = [], checklist: [ChecklistItem]? = nil, target: Int? = nil, momentOfTruth: Bool = false,
        timebox: Int? = nil, adhoc: Bool = false
    ) {
        self.id = id
        self.title = title
        self.channel = channel
        self.prompt = prompt
        self.checklist = checklist ?? lookFor.map { ChecklistItem($0) }
        self.target = target
        self.momentOfTruth = momentOfTruth
        self.timebox = timebox
        self.adhoc = adhoc
    }

    /// The checklist items' texts.
    public var lookFor: [String] { checklist.map(\.item) }
}

/// One thing to look for at a touchpoint, with its weight in the score.
public struct ChecklistItem: Equatable, Sendable {
    public var item: String
    /// A positive integer; 1 unless the journey says otherwise.
    public var weight: Int
    /// A critical item answered No fails the visit whatever its score.
    public var critical: Bool

    public init(_ item: String, weight: Int = 1, critical: Bool = false) {
        self.item = item
        self.weight = weight
        self.critical = critical
    }
}

/// A tag a moment can carry: why it was magic or misery.
public struct TagDefinition: Equatable, Sendable {
    /// magic or misery (the kind a tag explains).
    public enum Kind: String, Equatable, Sendable, CaseIterable {
        case magic, misery
    }

    public var id: String
    public var label: String
    public var kind: Kind

    public init(id: String, label: String, kind: Kind) {
        self.id = id
        self.label = label
        self.kind = kind
    }
}

/// A touchpoint in walking order, with the stage it belongs to.
public struct Step: Equatable, Sendable {
    public var stageIndex: Int
    public var touchpoint: Touchpoint
}
