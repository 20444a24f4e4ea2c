/// A customer journey as defined in a journey file: stages of touchpoints to walk in order.
public struct Journey: Equatable, Sendable {
    public var id: String
    public var title: String
    public var version: Int?
    public var description: String?
    public var promise: String?
    public var persona: String?
    public var stages: [Stage]

    public init(
        id: String, title: String, version: Int? = nil, description: String? = nil,
        promise: String? = nil, persona: String? = nil, stages: [Stage]
    ) {
        self.id = id
        self.title = title
        self.version = version
        self.description = description
        self.promise = promise
        self.persona = persona
        self.stages = stages
    }

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
    public var lookFor: [String]
    /// The time standard in seconds, if the journey sets one.
    public var target: Int?
    public var momentOfTruth: Bool

    public init(
        id: String, title: String, channel: String? = nil, prompt: String? = nil,
        lookFor: [String] = [], target: Int? = nil, momentOfTruth: Bool = false
    ) {
        self.id = id
        self.title = title
        self.channel = channel
        self.prompt = prompt
        self.lookFor = lookFor
        self.target = target
        self.momentOfTruth = momentOfTruth
    }
}

/// A touchpoint in walking order, with the stage it belongs to.
public struct Step: Equatable, Sendable {
    public var stageIndex: Int
    public var touchpoint: Touchpoint
}
