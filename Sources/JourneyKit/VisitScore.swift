/// The checklist score of a walk (SPEC 7.2): per stage and overall,
/// `100 × (weights answered Yes) / (weights answered Yes or No)`, one decimal; N/A and unanswered
/// items count in neither sum, and with no Yes or No at all there is no score (nil, never 0).
/// The visit passes when the score reaches the pass mark and no critical item is answered No.
public struct VisitScore: Equatable, Sendable {
    /// The overall score, one decimal; nil when nothing was answered Yes or No.
    public var percent: Double?
    public var passMark: Int
    /// nil when there is no score and no critical item failed (nothing to judge yet).
    public var passed: Bool?
    /// Touchpoints with a critical item answered No, in walking order.
    public var criticalFailed: [String]
    /// Each stage that has checklist items, in journey order, with its score.
    public var stages: [StageScore]

    /// The score of one stage.
    public struct StageScore: Equatable, Sendable {
        public var stage: String
        public var percent: Double?

        public init(stage: String, percent: Double?) {
            self.stage = stage
            self.percent = percent
        }
    }

    public init(_ walk: Walk) {
        passMark = walk.journey.effectivePassMark
        var yes = 0, asked = 0
        var stageSums: [Int: (yes: Int, asked: Int)] = [:]
        var failed: [String] = []
        // By index, reading only the fields needed: copying each step (thousands) cost more than the sums.
        let steps = walk.steps
        for position in steps.indices {
            let checklist = steps[position].touchpoint.checklist
            if checklist.isEmpty { continue }
            let stageIndex = steps[position].stageIndex
            let id = steps[position].touchpoint.id
            let answers = walk.moments[id]?.answers ?? [:]
            var sums = stageSums[stageIndex] ?? (0, 0)
            for (index, item) in checklist.enumerated() {
                switch answers[index] {
                case .yes?:
                    yes += item.weight
                    asked += item.weight
                    sums.yes += item.weight
                    sums.asked += item.weight
                case .no?:
                    asked += item.weight
                    sums.asked += item.weight
                    if item.critical, failed.last != id { failed.append(id) }
                case .na?, nil:
                    break
                }
            }
            stageSums[stageIndex] = sums
        }
        percent = Self.percent(yes, of: asked)
        criticalFailed = failed
        stages = walk.journey.stages.indices.compactMap { index in
            stageSums[index].map { StageScore(stage: walk.journey.stages[index].name, percent: Self.percent($0.yes, of: $0.asked)) }
        }
        if !failed.isEmpty {
            passed = false
        } else {
            passed = percent.map { $0 >= Double(passMark) }
        }
    }

    static func percent(_ yes: Int, of asked: Int) -> Double? {
        guard asked > 0 else { return nil }
        return (1000 * Double(yes) / Double(asked)).rounded() / 10
    }

    /// `87.5 %`, or `no score` when nothing was answered Yes or No.
    public static func text(_ percent: Double?) -> String {
        guard let percent else { return "no score" }
        let tenths = Int((percent * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) %"
    }
}
