/// What a walk leaves to talk about (SPEC 7.3): the first and the last moment (what customers
/// remember), the best and the worst, the moments of truth, the top tags, the recoveries missing,
/// the praise to pass on and the actions. The debrief screen and the Markdown and HTML reports
/// all show this one value, so they cannot disagree.
public struct Debrief: Sendable {
    /// A tag and how many moments carry it.
    public struct TagCount: Equatable, Sendable {
        public var id: String
        /// The catalogue's or the journey's label; the id itself for a tag neither knows.
        public var label: String
        /// nil for a tag neither the catalogue nor the journey knows (kept as is).
        public var kind: TagDefinition.Kind?
        public var count: Int

        public init(id: String, label: String, kind: TagDefinition.Kind?, count: Int) {
            self.id = id
            self.label = label
            self.kind = kind
            self.count = count
        }
    }

    /// A misery moment whose recovery is not complete; `recovery` is nil when nothing was marked.
    public struct RecoveryGap: Equatable, Sendable {
        public var entry: WalkAnalysis.Entry
        public var recovery: Recovery?

        public init(entry: WalkAnalysis.Entry, recovery: Recovery?) {
            self.entry = entry
            self.recovery = recovery
        }
    }

    /// Praise to pass on, with the moment it was earned at.
    public struct PraiseItem: Equatable, Sendable {
        public var entry: WalkAnalysis.Entry
        public var praise: Praise

        public init(entry: WalkAnalysis.Entry, praise: Praise) {
            self.entry = entry
            self.praise = praise
        }
    }

    /// An action with the moment it came from.
    public struct ActionItem: Equatable, Sendable {
        public var entry: WalkAnalysis.Entry
        public var action: Action

        public init(entry: WalkAnalysis.Entry, action: Action) {
            self.entry = entry
            self.action = action
        }
    }

    /// How many tags `topTags` holds.
    public static let topTagLimit = 5

    public let analysis: WalkAnalysis
    /// The first moment with a verdict (skipped aside), in the timeline.
    public let first: WalkAnalysis.Entry?
    /// The last moment with a verdict (skipped aside), in the timeline.
    public let last: WalkAnalysis.Entry?
    public let best: WalkAnalysis.Entry?
    public let worst: WalkAnalysis.Entry?
    public let momentsOfTruth: [WalkAnalysis.Entry]
    /// Every tag used, most used first (ties in the order first used).
    public let tags: [TagCount]
    /// Misery moments whose three recovery steps were all done.
    public let completeRecoveries: Int
    /// Misery moments whose recovery is incomplete or not marked, in the timeline.
    public let missingRecoveries: [RecoveryGap]
    public let praise: [PraiseItem]
    /// Open actions first (earliest due first, undated last), then done, then dropped.
    public let actions: [ActionItem]
    public let summary: WalkSummary
    public let score: VisitScore

    public init(_ walk: Walk) { self.init(WalkAnalysis(walk)) }

    public init(_ analysis: WalkAnalysis) {
        self.analysis = analysis
        let timeline = analysis.timeline
        let recorded = timeline.filter { $0.score != nil }
        first = recorded.first
        last = recorded.last
        best = analysis.best
        worst = analysis.worst
        momentsOfTruth = timeline.filter(\.touchpoint.momentOfTruth)

        var counts: [String: Int] = [:]
        var order: [String] = []
        for entry in timeline {
            for tag in entry.moment.tags {
                if counts[tag] == nil { order.append(tag) }
                counts[tag, default: 0] += 1
            }
        }
        let journey = analysis.walk.journey
        let used: [TagCount] = order.map { id in
            let known = TagCatalog.tag(id, in: journey)
            return TagCount(id: id, label: known?.label ?? id, kind: known?.kind, count: counts[id] ?? 0)
        }
        tags = Array(used.enumerated()).sorted { (left: (offset: Int, element: TagCount), right: (offset: Int, element: TagCount)) -> Bool in
            left.element.count != right.element.count ? left.element.count > right.element.count : left.offset < right.offset
        }.map(\.element)

        let misery = timeline.filter { $0.moment.rating?.verdict == .misery }
        completeRecoveries = misery.filter { $0.moment.recovery?.isComplete == true }.count
        missingRecoveries = misery.filter { $0.moment.recovery?.isComplete != true }.map { entry in
            RecoveryGap(entry: entry, recovery: entry.moment.recovery.flatMap { $0.isEmpty ? nil : $0 })
        }
        praise = timeline.compactMap { entry in entry.moment.praise.map { PraiseItem(entry: entry, praise: $0) } }

        let statusRank: [ActionStatus: Int] = [.open: 0, .done: 1, .dropped: 2]
        let items = timeline.flatMap { entry in entry.moment.actions.map { ActionItem(entry: entry, action: $0) } }
        actions = Array(items.enumerated()).sorted { left, right in
            let l = left.1.action, r = right.1.action
            if l.status != r.status { return statusRank[l.status, default: 3] < statusRank[r.status, default: 3] }
            if l.status == .open, l.due != r.due {
                switch (l.due, r.due) {
                case let (a?, b?): return a < b
                case (_?, nil): return true
                default: return false
                }
            }
            return left.0 < right.0
        }.map(\.1)
        summary = analysis.summary
        score = VisitScore(analysis.walk)
    }

    /// The top tags: the most used, at most `topTagLimit`.
    public var topTags: [TagCount] { Array(tags.prefix(Self.topTagLimit)) }

    /// Open actions.
    public var openActions: [ActionItem] { actions.filter { $0.action.status == .open } }

    /// Whether there is anything to talk about beyond the peak and the end.
    public var isEmpty: Bool {
        first == nil && tags.isEmpty && missingRecoveries.isEmpty && praise.isEmpty && actions.isEmpty && momentsOfTruth.isEmpty
    }
}
