import Foundation

/// One line of a walk's journal: every change a walk goes through, in order. Every record type of
/// every user (shopper, leader, trainer) is a case here, with one codec and one journal.
public enum WalkEvent: Equatable, Sendable {
    /// The walk began; the header carries the journey and the briefing.
    case started(WalkHeader)
    /// A verdict was recorded (or cleared, when `rating` is nil) for a touchpoint.
    case rated(RatingChange)
    /// The note of a touchpoint was written, changed or emptied.
    case noted(NoteChange)
    /// Text left unsaved (Esc, leaving, a signal) in a note or another field; kept so typed text is never lost.
    case drafted(NoteChange)
    /// The operator moved to another touchpoint without recording anything.
    case moved(touchpoint: String, at: Date)
    /// The walk was finished (complete); touchpoints without a verdict stay unrecorded.
    case finished(at: Date)
    /// A checklist item was answered Yes, No or N/A (or the answer cleared).
    case answered(AnswerChange)
    /// The comment on a checklist answer (a No needs one) was written or changed.
    case commented(CommentChange)
    /// The touchpoint's split timer was started, stopped or set.
    case timed(TimerChange)
    /// The time a touchpoint happened was stated (entry after the visit), or the statement taken back.
    case stated(StatedTimeChange)
    /// A touchpoint the journey does not list was inserted (or, when `removed`, taken out again).
    case insertedTouchpoint(AdhocTouchpoint)
    /// A file (photo, receipt, recording) was attached to a moment, or detached.
    case attached(EvidenceChange)
    /// The moment's tags were set (the whole set, so the latest record wins).
    case tagged(TagChange)
    /// The three recovery steps of a misery moment were marked.
    case recovered(RecoveryChange)
    /// Praise to pass on was written for a moment (or removed).
    case praised(PraiseChange)
    /// An action was added, changed (the latest record with an id wins) or taken out again.
    case actionChanged(ActionChange)
    /// The room's votes for a touchpoint in a workshop (the whole tally).
    case voted(VoteChange)
    /// The walk was submitted: read-only from then on (actions can still be closed).
    case submitted(at: Date)
    /// A returned walk was opened again for corrections.
    case reopened(at: Date)
}

/// Which text of a moment a note or draft is: the note itself or another typed field.
public struct TextField: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let note = TextField(rawValue: "note")
    /// The comment on checklist item `item` (0-based).
    public static func comment(_ item: Int) -> TextField { TextField(rawValue: "comment:\(item)") }
    public static let praise = TextField(rawValue: "praise")
    public static let action = TextField(rawValue: "action")
    public static let tags = TextField(rawValue: "tags")
    public static let adhoc = TextField(rawValue: "adhoc")
    public static let evidence = TextField(rawValue: "evidence")
    public static let statedTime = TextField(rawValue: "stated")

    /// The checklist item of a comment field.
    public var commentItem: Int? {
        rawValue.hasPrefix("comment:") ? Int(rawValue.dropFirst("comment:".count)) : nil
    }

    public var description: String { rawValue }
}

/// An answer to a checklist item.
public enum Answer: String, Equatable, Sendable, CaseIterable {
    case yes, no, na

    /// How the answer is shown: `Yes`, `No`, `N/A`.
    public var label: String {
        switch self {
        case .yes: return "Yes"
        case .no: return "No"
        case .na: return "N/A"
        }
    }
}

/// A file attached as evidence, with what it was when attached.
public struct Evidence: Equatable, Sendable {
    public var path: String
    public var bytes: Int64
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String

    public init(path: String, bytes: Int64, sha256: String) {
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// The three steps of a recovery after a failure; nil where a step is not marked.
public struct Recovery: Equatable, Sendable {
    public var apology: Bool?
    public var reassurance: Bool?
    public var restitution: Bool?

    public init(apology: Bool? = nil, reassurance: Bool? = nil, restitution: Bool? = nil) {
        self.apology = apology
        self.reassurance = reassurance
        self.restitution = restitution
    }

    /// Whether all three steps were done.
    public var isComplete: Bool { apology == true && reassurance == true && restitution == true }
    /// Whether nothing is marked.
    public var isEmpty: Bool { apology == nil && reassurance == nil && restitution == nil }
}

/// Praise to pass on: to whom (a person or a team) and what.
public struct Praise: Equatable, Sendable {
    public var to: String
    public var text: String

    public init(to: String, text: String) {
        self.to = to
        self.text = text
    }
}

/// Where an action stands.
public enum ActionStatus: String, Equatable, Sendable, CaseIterable {
    case open, done, dropped
}

/// Something to change, with an owner and a due date.
public struct Action: Equatable, Sendable {
    /// Short and unique across walks (`a7f3c2`), so `journeywalk actions done ID` can name it.
    public var id: String
    public var text: String
    public var owner: String
    /// `YYYY-MM-DD`, or nil when no date was given.
    public var due: String?
    public var status: ActionStatus

    public init(id: String, text: String, owner: String, due: String?, status: ActionStatus = .open) {
        self.id = id
        self.text = text
        self.owner = owner
        self.due = due
        self.status = status
    }
}

/// A room's votes on a touchpoint.
public struct Votes: Equatable, Sendable {
    public var magic: Int
    public var neutral: Int
    public var misery: Int

    public init(magic: Int = 0, neutral: Int = 0, misery: Int = 0) {
        self.magic = magic
        self.neutral = neutral
        self.misery = misery
    }

    public var total: Int { magic + neutral + misery }
}

