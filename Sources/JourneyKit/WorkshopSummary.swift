/// What a workshop's summary slide and its handout (the Markdown and HTML reports) show: the room's
/// mood per touchpoint, the most divided touchpoints and the discussion notes, read from the walk.
public struct WorkshopSummary: Equatable, Sendable {
    /// One touchpoint with the room's tally.
    public struct Point: Equatable, Sendable {
        public var index: Int
        public var title: String
        public var votes: Votes
        public var rating: Rating?
        public var note: String

        public init(index: Int, title: String, votes: Votes, rating: Rating?, note: String) {
            self.index = index
            self.title = title
            self.votes = votes
            self.rating = rating
            self.note = note
        }

        /// Where the room's curve puts the touchpoint, from -1 (all misery) to +1 (all magic):
        /// magic minus misery votes as a share of the votes; a split verdict (the room tied) sits
        /// at 0, where the reports' curve puts it. Nil with no votes.
        public var curveValue: Double? {
            rating?.verdict == .split ? 0 : votes.mood
        }
    }

    public var points: [Point]

    public init(points: [Point]) { self.points = points }

    public init(_ walk: Walk) {
        points = walk.steps.enumerated().map { index, step in
            let moment = walk.moment(for: step.touchpoint.id)
            return Point(index: index, title: step.touchpoint.title, votes: moment.votes ?? Votes(), rating: moment.rating, note: moment.note)
        }
    }

    /// All votes of the session.
    public var totalVotes: Int { points.reduce(0) { $0 + $1.votes.total } }

    /// Touchpoints where the room did not agree, closest split first: at least two votes, not
    /// unanimous; by the lead of the most voted verdict over the next (as a share of the votes),
    /// then the most votes, then walking order.
    public var mostDivided: [Point] {
        points.filter { $0.votes.total >= 2 && ($0.votes.margin ?? 1) < 1 }
            .sorted { ($0.votes.margin ?? 1, -$0.votes.total, $0.index) < ($1.votes.margin ?? 1, -$1.votes.total, $1.index) }
    }

    /// Touchpoints with a discussion note, in walking order.
    public var notes: [Point] { points.filter { !$0.note.isEmpty } }

    /// How a divided room split, in words: `a dead heat`, `ahead by 1 of 9 votes`.
    public static func split(_ votes: Votes) -> String {
        let sorted = [votes.magic, votes.neutral, votes.misery].sorted(by: >)
        let lead = sorted[0] - sorted[1]
        return lead == 0 ? "a dead heat" : "ahead by \(lead) of \(Counted.text(votes.total, "vote"))"
    }
}
