import Foundation

/// One event of the agency's review of a submitted walk (SPEC 8.3): who did what, and when.
public struct ReviewEvent: Equatable, Sendable {
    /// What an event does to the walk's standing.
    public enum Kind: String, CaseIterable, Sendable {
        case submit, claim, comment, `return`, approve, release, exclude

        /// The word a screen shows for it.
        public var label: String {
            switch self {
            case .submit: "submitted"
            case .claim: "claimed"
            case .comment: "commented"
            case .return: "returned"
            case .approve: "approved"
            case .release: "released"
            case .exclude: "excluded"
            }
        }
    }

    /// The server's change number of the event: events of a walk are in this order.
    public var change: Int64
    public var at: Date
    public var by: String
    public var kind: Kind
    /// The walk's revision the event is about (1: the first submission).
    public var revision: Int
    public var touchpoint: String?
    /// The checklist item, from 1 as the reviewer names it.
    public var item: Int?
    /// A comment, a return's message, an approval's coaching line, an exclusion's reason; for a
    /// release, the released copy's name.
    public var text: String?
    /// A return's due time for the corrections.
    public var due: Date?
    /// An approval's grade, 1 to 10.
    public var grade: Int?

    public init(change: Int64, at: Date, by: String, kind: Kind, revision: Int, touchpoint: String? = nil, item: Int? = nil,
                text: String? = nil, due: Date? = nil, grade: Int? = nil) {
        self.change = change
        self.at = at
        self.by = by
        self.kind = kind
        self.revision = revision
        self.touchpoint = touchpoint
        self.item = item
        self.text = text
        self.due = due
        self.grade = grade
    }

    /// The event as a line of a pulled review file (and of `walk.review.events` with `change`).
    public var json: JSONWriter.Value {
        .object([
            ("change", .int(Int(change))), ("at", .string(Timestamp.format(at))), ("by", .string(by)), ("kind", .string(kind.rawValue)),
            ("revision", .int(revision)), ("touchpoint", .optional(touchpoint)), ("item", item.map { .int($0) } ?? .null),
            ("text", .optional(text)), ("due", due.map { .string(Timestamp.format($0)) } ?? .null), ("grade", grade.map { .int($0) } ?? .null),
        ])
    }
}

/// A walk's review events in order, and the standing derived from them as the server derives it:
/// the state of the last event that is not a comment.
public struct ReviewTrail: Equatable, Sendable {
    /// Where a submitted walk stands with the agency.
    public enum State: String, CaseIterable, Sendable {
        case submitted, inReview = "in_review", returned, resubmitted, approved, released, excluded

        /// The words a screen shows.
        public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }

        /// Whether the reviewer still has something to do.
        public var awaitsReview: Bool { self == .submitted || self == .resubmitted || self == .inReview }
    }

    public private(set) var events: [ReviewEvent]

    public init(events: [ReviewEvent]) {
        self.events = events.sorted { $0.change < $1.change }
    }

    /// The state after the events, nil for a walk never submitted to a team.
    public var state: State? {
        guard let last = events.last(where: { $0.kind != .comment }) else { return nil }
        switch last.kind {
        case .submit: return last.revision > 1 ? .resubmitted : .submitted
        case .claim: return .inReview
        case .return: return .returned
        case .approve: return .approved
        case .release: return .released
        case .exclude: return .excluded
        case .comment: return nil
        }
    }

    /// The walk's latest revision the team has (1: submitted once).
    public var revision: Int { events.last(where: { $0.kind == .submit })?.revision ?? 0 }

    /// The grade of the latest approval, while it stands (a new submission clears it).
    public var grade: Int? {
        guard let approval = events.last(where: { $0.kind == .approve }) else { return nil }
        return approval.revision == revision ? approval.grade : nil
    }

    /// The coaching line of the latest approval of this revision.
    public var coaching: String? {
        guard let approval = events.last(where: { $0.kind == .approve }), approval.revision == revision else { return nil }
        return approval.text
    }

    /// The latest return (its due time and message), while the walk stands returned.
    public var openReturn: ReviewEvent? {
        guard state == .returned else { return nil }
        return events.last { $0.kind == .return }
    }

    /// The reviewer who holds the walk, while it is in review.
    public var claimedBy: String? {
        guard state == .inReview else { return nil }
        return events.last { $0.kind == .claim }?.by
    }

    /// The comments (and returns with a message) on a touchpoint, or on the whole walk when nil, in order.
    public func comments(on touchpoint: String?) -> [ReviewEvent] {
        events.filter { ($0.kind == .comment || ($0.kind == .return && $0.text != nil)) && $0.touchpoint == touchpoint }
    }

    /// The comments on one checklist item (from 1) of a touchpoint.
    public func comments(on touchpoint: String, item: Int) -> [ReviewEvent] {
        comments(on: touchpoint).filter { $0.item == item }
    }

    /// `walk.review` of the JSON report (SPEC 8.3).
    public var json: JSONWriter.Value {
        .object([
            ("state", .optional(state?.rawValue)), ("revision", .int(revision)), ("grade", grade.map { .int($0) } ?? .null),
            ("events", .array(events.map { event in
                .object([
                    ("at", .string(Timestamp.format(event.at))), ("by", .string(event.by)), ("kind", .string(event.kind.rawValue)),
                    ("touchpoint", .optional(event.touchpoint)), ("item", event.item.map { .int($0) } ?? .null),
                    ("text", .optional(event.text)), ("due", event.due.map { .string(Timestamp.format($0)) } ?? .null),
                ])
            })),
        ])
    }
}
