import Foundation

/// What a walk says when read back: every touchpoint in order with what was recorded, the peak,
/// the end, the moments of truth and the misery moments. Reports and the review screen share it.
public struct WalkAnalysis: Sendable {
    /// One touchpoint of the walk, with what was recorded for it.
    public struct Entry: Equatable, Sendable {
        public var index: Int
        public var stageIndex: Int
        public var stage: String
        public var touchpoint: Touchpoint
        public var moment: Moment

        /// `magic`, `neutral`, `misery`, `skipped` or `unrecorded`.
        public var verdictName: String { moment.rating?.verdict.rawValue ?? "unrecorded" }
        /// -2...+2 on the emotion curve; nil when skipped or unrecorded.
        public var score: Int? { moment.rating?.score }
        /// The glyph of the verdict, `·` when unrecorded.
        public var glyph: String { moment.rating?.glyph ?? Rating.unrecordedGlyph }
        /// The verdict in words, "not recorded" when there is none.
        public var label: String { moment.rating?.label ?? "not recorded" }
    }

    public let walk: Walk
    public let entries: [Entry]

    public init(_ walk: Walk) {
        self.walk = walk
        let stages = walk.journey.stages
        entries = walk.steps.enumerated().map { index, step in
            Entry(index: index, stageIndex: step.stageIndex, stage: stages[step.stageIndex].name, touchpoint: step.touchpoint,
                  moment: walk.moment(for: step.touchpoint.id))
        }
    }

    public var summary: WalkSummary { walk.summary }

    /// The best moment: the highest magic (the first in the timeline, if tied); nil when there is no magic moment.
    public var best: Entry? {
        timeline.filter { ($0.score ?? 0) > 0 }.reduce(nil) { best, entry in (entry.score ?? 0) > (best?.score ?? 0) ? entry : best }
    }

    /// The worst moment: the deepest misery (the first in the timeline, if tied); nil when there is no misery.
    public var worst: Entry? {
        timeline.filter { ($0.score ?? 0) < 0 }.reduce(nil) { worst, entry in (entry.score ?? 0) < (worst?.score ?? 0) ? entry : worst }
    }

    /// How the walk ended: the last two moments of the timeline with a verdict other than skipped.
    public var end: [Entry] {
        Array(timeline.filter { $0.score != nil }.suffix(2))
    }

    public var momentsOfTruth: [Entry] { entries.filter(\.touchpoint.momentOfTruth) }

    public var misery: [Entry] { entries.filter { $0.moment.rating?.verdict == .misery } }
}
