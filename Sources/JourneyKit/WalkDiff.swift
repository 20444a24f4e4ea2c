import Foundation

/// What changed between two walks of a journey (SPEC 7.4 `diff`): per touchpoint (matched by id)
/// the verdict, checklist answers, score and timer; and the journey changes between the two
/// versions walked (touchpoints added, removed, renamed).
public struct WalkDiff: Equatable, Sendable {
    public var before: Side
    public var after: Side
    public var journeyChanges: [JourneyChange]
    /// Touchpoints with any change, in the order of the second walk (then those only in the first).
    public var touchpoints: [TouchpointChange]
    /// Touchpoints in both walks with nothing changed.
    public var unchanged: Int

    /// One of the two walks.
    public struct Side: Equatable, Sendable {
        public var walkID: String
        public var journeyID: String
        public var journeyTitle: String
        public var version: Int?
        public var `operator`: String
        public var location: String
        public var started: Date
        /// The zone the walk was walked in, as its own times are shown.
        public var zone: TimeZone
        public var status: Walk.Status
        public var score: Double?
        public var summary: WalkSummary
    }

    /// A change to the journey's touchpoints between the two versions.
    public enum JourneyChange: Equatable, Sendable {
        case added(id: String, title: String)
        case removed(id: String, title: String)
        case renamed(id: String, from: String, to: String)
    }

    /// One checklist item answered differently (matched by the item's text).
    public struct AnswerChange: Equatable, Sendable {
        public var item: String
        public var before: Answer?
        public var after: Answer?
    }

    /// A text written differently: the touchpoint's note, or the comment on a checklist item.
    public struct TextChange: Equatable, Sendable {
        /// The checklist item the comment is on; nil for the note.
        public var item: String?
        public var before: String
        public var after: String
    }

    /// What changed at one touchpoint.
    public struct TouchpointChange: Equatable, Sendable {
        public var touchpoint: String
        public var title: String
        /// False when the touchpoint is in only one of the walks.
        public var inBefore: Bool
        public var inAfter: Bool
        public var verdictBefore: Rating?
        public var verdictAfter: Rating?
        public var answers: [AnswerChange]
        /// The note and the item comments written differently (a shopper's corrections are mostly these).
        public var texts: [TextChange] = []
        public var scoreBefore: Double?
        public var scoreAfter: Double?
        public var timerBefore: Double?
        public var timerAfter: Double?
        public var target: Int?

        public var verdictChanged: Bool { verdictBefore != verdictAfter }
        public var scoreChanged: Bool { scoreBefore != scoreAfter }
        public var timerChanged: Bool { timerBefore != timerAfter }
    }

    public init(before a: Walk, after b: Walk) {
        before = Self.side(a)
        after = Self.side(b)
        let stepsA = Dictionary(a.steps.map { ($0.touchpoint.id, $0.touchpoint) }, uniquingKeysWith: { first, _ in first })
        let stepsB = Dictionary(b.steps.map { ($0.touchpoint.id, $0.touchpoint) }, uniquingKeysWith: { first, _ in first })
        var changes: [JourneyChange] = []
        for step in b.journey.steps where !step.touchpoint.adhoc {
            let touchpoint = step.touchpoint
            if let old = a.journey.steps.first(where: { $0.touchpoint.id == touchpoint.id })?.touchpoint {
                if old.title != touchpoint.title { changes.append(.renamed(id: touchpoint.id, from: old.title, to: touchpoint.title)) }
            } else {
                changes.append(.added(id: touchpoint.id, title: touchpoint.title))
            }
        }
        let idsB = Set(b.journey.steps.map(\.touchpoint.id))
        for step in a.journey.steps where !step.touchpoint.adhoc && !idsB.contains(step.touchpoint.id) {
            changes.append(.removed(id: step.touchpoint.id, title: step.touchpoint.title))
        }
        journeyChanges = changes

        var order = b.steps.map(\.touchpoint.id)
        let inB = Set(order)
        order += a.steps.map(\.touchpoint.id).filter { !inB.contains($0) }
        var changed: [TouchpointChange] = []
        var same = 0
        for id in order {
            let tpA = stepsA[id], tpB = stepsB[id]
            let momentA = tpA.map { _ in a.moment(for: id) }, momentB = tpB.map { _ in b.moment(for: id) }
            var answers: [AnswerChange] = []
            var items: [String] = tpB?.lookFor ?? []
            for item in tpA?.lookFor ?? [] where !items.contains(item) { items.append(item) }
            for item in items {
                let answerA = tpA.flatMap { tp in tp.lookFor.firstIndex(of: item).flatMap { momentA?.answers[$0] } }
                let answerB = tpB.flatMap { tp in tp.lookFor.firstIndex(of: item).flatMap { momentB?.answers[$0] } }
                if answerA != answerB { answers.append(AnswerChange(item: item, before: answerA, after: answerB)) }
            }
            var change = TouchpointChange(
                touchpoint: id, title: tpB?.title ?? tpA?.title ?? id, inBefore: tpA != nil, inAfter: tpB != nil,
                verdictBefore: momentA?.rating, verdictAfter: momentB?.rating, answers: answers,
                scoreBefore: tpA.flatMap { Self.score($0, momentA) }, scoreAfter: tpB.flatMap { Self.score($0, momentB) },
                timerBefore: momentA?.splitReading(at: a.lastChange), timerAfter: momentB?.splitReading(at: b.lastChange),
                target: tpB?.target ?? tpA?.target)
            var texts: [TextChange] = []
            if let momentA, let momentB {
                if momentA.note != momentB.note { texts.append(TextChange(item: nil, before: momentA.note, after: momentB.note)) }
                for item in items {
                    let commentA = tpA.flatMap { tp in tp.lookFor.firstIndex(of: item).flatMap { momentA.comments[$0] } } ?? ""
                    let commentB = tpB.flatMap { tp in tp.lookFor.firstIndex(of: item).flatMap { momentB.comments[$0] } } ?? ""
                    if commentA != commentB { texts.append(TextChange(item: item, before: commentA, after: commentB)) }
                }
            }
            change.texts = texts
            if change.inBefore && change.inAfter && !change.verdictChanged && answers.isEmpty && texts.isEmpty && !change.scoreChanged && !change.timerChanged {
                same += 1
            } else {
                changed.append(change)
            }
        }
        touchpoints = changed
        unchanged = same
    }

    private static func side(_ walk: Walk) -> Side {
        let details = walk.header.details
        return Side(
            walkID: walk.header.walkID, journeyID: walk.journey.id, journeyTitle: walk.journey.title, version: walk.journey.version,
            operator: details.operator, location: details.location, started: walk.header.statedStart ?? walk.header.started,
            zone: LocalTime.zone(of: walk.header), status: walk.status, score: VisitScore(walk).percent, summary: walk.summary)
    }

    private static func score(_ touchpoint: Touchpoint, _ moment: Moment?) -> Double? {
        guard let (yes, asked) = moment?.checklistSums(of: touchpoint) else { return nil }
        return asked > 0 ? (1000 * Double(yes) / Double(asked)).rounded() / 10 : nil
    }
}
