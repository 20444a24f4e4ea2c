/// What a room's votes say: the majority verdict, and how divided the room is.
extension Votes {
    /// The verdict with the most votes; `split` when the most voted verdicts tie; nil with no votes.
    public var majority: Verdict? {
        let counts: [(Verdict, Int)] = [(.magic, magic), (.neutral, neutral), (.misery, misery)]
        guard let top = counts.map(\.1).max(), top > 0 else { return nil }
        let leaders = counts.filter { $0.1 == top }
        return leaders.count == 1 ? leaders[0].0 : .split
    }

    /// The recorded verdict of a tally: the majority as a rating (nil with no votes).
    public var rating: Rating? { majority.map { Rating($0) } }

    /// How far the most voted verdict is ahead of the next, as a share of all votes: 0 is a dead
    /// heat, 1 a unanimous room; nil with no votes. The most divided touchpoints have the smallest.
    public var margin: Double? {
        guard total > 0 else { return nil }
        let sorted = [magic, neutral, misery].sorted(by: >)
        return Double(sorted[0] - sorted[1]) / Double(total)
    }

    /// The room's mood from -1 (all misery) to +1 (all magic), neutral votes counting 0; nil with no votes.
    public var mood: Double? {
        guard total > 0 else { return nil }
        return Double(magic - misery) / Double(total)
    }

    /// The tally in glyphs: `★7 ●2 ✖11`.
    public var glyphs: String { "★\(magic) ●\(neutral) ✖\(misery)" }
}
