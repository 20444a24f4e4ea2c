import Foundation
import JourneyKit

/// A vote from the room.
public enum Vote: String, Equatable, Sendable, CaseIterable {
    case magic, neutral, misery

    /// The glyph shown on its key, its bar and in the tally.
    public var glyph: String {
        switch self {
        case .magic: return "★"
        case .neutral: return "●"
        case .misery: return "✖"
        }
    }

    /// The role of its bar.
    var role: Role {
        switch self {
        case .magic: return .magic
        case .neutral: return .neutral
        case .misery: return .misery
        }
    }

    func count(in votes: Votes) -> Int {
        switch self {
        case .magic: return votes.magic
        case .neutral: return votes.neutral
        case .misery: return votes.misery
        }
    }

    func adding(_ change: Int, to votes: Votes) -> Votes {
        var result = votes
        switch self {
        case .magic: result.magic = max(0, votes.magic + change)
        case .neutral: result.neutral = max(0, votes.neutral + change)
        case .misery: result.misery = max(0, votes.misery + change)
        }
        return result
    }
}

/// The room's votes in this session: each vote and each vote taken back becomes the whole new
/// tally on disk (and the verdict when the majority changes), and only then shows on screen.
public struct RoomVotes: Equatable, Sendable {
    /// What a vote key asks.
    public enum Command: Equatable, Sendable {
        case vote(Vote)
        /// Take back the last vote cast on the touchpoint on screen.
        case takeBack
    }

    /// One vote cast in this session.
    public struct Cast: Equatable, Sendable {
        public var touchpoint: String
        public var vote: Vote
    }

    /// The votes cast in this session, oldest first.
    public private(set) var cast: [Cast] = []

    public init() {}

    /// The last vote of this session on a touchpoint that is still counted.
    public func lastVote(on touchpoint: String) -> Vote? {
        cast.last { $0.touchpoint == touchpoint }?.vote
    }

    /// The records a command needs, written together: the verdict first when the majority changes
    /// (so the walk stays on this touchpoint), then the whole new tally. Empty when there is
    /// nothing to take back. `discussed` is the seconds the room has talked about the touchpoint.
    public func apply(_ command: Command, touchpoint: String, moment: Moment, discussed: Int, now: Date) -> [WalkEvent] {
        let before = moment.votes ?? Votes()
        let after: Votes
        let undo: Bool
        switch command {
        case .vote(let vote):
            after = vote.adding(1, to: before)
            undo = false
        case .takeBack:
            guard let vote = lastVote(on: touchpoint), vote.count(in: before) > 0 else { return [] }
            after = vote.adding(-1, to: before)
            undo = true
        }
        var events: [WalkEvent] = []
        if after.rating != moment.rating {
            events.append(.rated(RatingChange(touchpoint: touchpoint, rating: after.rating, at: now, timerSeconds: discussed, undo: undo)))
        }
        events.append(.voted(VoteChange(touchpoint: touchpoint, votes: after, at: now, undo: undo)))
        return events
    }

    /// A tally is on disk: a vote joins the session's list, a vote taken back leaves it.
    public mutating func recorded(_ change: VoteChange, before: Votes) {
        if change.undo {
            if let index = cast.lastIndex(where: { $0.touchpoint == change.touchpoint }) { cast.remove(at: index) }
            return
        }
        if let vote = Vote.allCases.first(where: { $0.count(in: change.votes) > $0.count(in: before) }) {
            cast.append(Cast(touchpoint: change.touchpoint, vote: vote))
        }
    }
}
