import Foundation
import JourneyKit

/// One submitted walk of the reviewer's queue (SPEC 8.3), as the queue screen lists it.
public struct QueueRow: Equatable, Sendable {
    /// `SHOPPER/WALK-ID`.
    public var reference: String
    public var shopper: String
    public var walkID: String
    public var journey: String
    public var location: String
    /// When the visit started, in the reader's time.
    public var visit: String
    /// When it is due to the client.
    public var due: Date
    public var state: ReviewTrail.State
    public var revision: Int
    public var claimedBy: String?
    /// While returned: when the shopper's corrections are due.
    public var returnDue: Date?
    public var grade: Int?

    public init(reference: String, shopper: String, walkID: String, journey: String, location: String, visit: String, due: Date,
                state: ReviewTrail.State, revision: Int, claimedBy: String? = nil, returnDue: Date? = nil, grade: Int? = nil) {
        self.reference = reference
        self.shopper = shopper
        self.walkID = walkID
        self.journey = journey
        self.location = location
        self.visit = visit
        self.due = due
        self.state = state
        self.revision = revision
        self.claimedBy = claimedBy
        self.returnDue = returnDue
        self.grade = grade
    }

    /// The words a filter (`/`) matches: shopper, journey, location, walk id, state.
    var searchText: String { [shopper, journey, location, walkID, state.label, claimedBy ?? ""].joined(separator: " ").lowercased() }
}

/// A reviewer's event as the queue screen asks the server for it (one review event each).
public enum QueueEvent: Equatable, Sendable {
    case claim
    /// On the walk (`touchpoint` nil), a touchpoint, or a checklist item of one (from 1).
    case comment(touchpoint: String?, item: Int?, text: String)
    case `return`(due: Date, message: String?)
    case approve(grade: Int, coaching: String?)
    case release(withEvidence: Bool)
    case exclude(reason: String)

    /// What the screen says once the server has it.
    var done: String {
        switch self {
        case .claim: "Claimed: it is yours to review"
        case .comment: "Comment saved on the server"
        case .return(let due, _): "Returned to the shopper, corrections due \(ReaderTime.minute(due))"
        case .approve(let grade, _): "Approved with grade \(grade)"
        case .release: "Released to the client (names replaced)"
        case .exclude: "Excluded from the client's results"
        }
    }
}

/// One walk opened from the queue: as review shows it, with its QA checks, its review events and,
/// for a resubmitted walk, what changed since the revision before.
public struct QueueWalk: Sendable {
    public var row: QueueRow
    public var review: ReviewWalkState
    public var checks: ReviewChecks
    public var trail: ReviewTrail
    /// The diff between the last two revisions, as lines of text (empty for a first submission).
    public var changes: [String]

    public init(row: QueueRow, review: ReviewWalkState, checks: ReviewChecks, trail: ReviewTrail, changes: [String] = []) {
        self.row = row
        self.review = review
        self.checks = checks
        self.trail = trail
        self.changes = changes
    }
}

/// What the queue screen asks of the team's server; each answer comes back before the screen
/// shows it (the team program performs them on its connection).
public struct QueueDesk: Sendable {
    /// The queue: every state when `all`, else the walks waiting for review.
    public var list: @Sendable (_ all: Bool) -> Result<[QueueRow], ReviewFailure>
    /// One walk, pulled and checked.
    public var open: @Sendable (QueueRow) -> Result<QueueWalk, ReviewFailure>
    /// Saves a review event; returns the walk's row and events as the server has them after it.
    public var record: @Sendable (QueueRow, QueueEvent) -> Result<(QueueRow, ReviewTrail), ReviewFailure>
    /// Keeps (or, with nil, forgets) the text a reviewer was typing for a walk, so a comment the
    /// server did not take waits as a draft.
    public var keepDraft: @Sendable (QueueRow, String?) -> Void
    /// The draft kept for a walk.
    public var draft: @Sendable (QueueRow) -> String?

    public init(list: @escaping @Sendable (Bool) -> Result<[QueueRow], ReviewFailure>,
                open: @escaping @Sendable (QueueRow) -> Result<QueueWalk, ReviewFailure>,
                record: @escaping @Sendable (QueueRow, QueueEvent) -> Result<(QueueRow, ReviewTrail), ReviewFailure>,
                keepDraft: @escaping @Sendable (QueueRow, String?) -> Void = { _, _ in },
                draft: @escaping @Sendable (QueueRow) -> String? = { _ in nil }) {
        self.list = list
        self.open = open
        self.record = record
        self.keepDraft = keepDraft
        self.draft = draft
    }
}
