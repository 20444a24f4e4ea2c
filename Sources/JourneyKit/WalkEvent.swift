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

    /// When the change happened.
    public var at: Date {
        switch self {
        case .started(let header): return header.started
        case .rated(let change): return change.at
        case .noted(let change), .drafted(let change): return change.at
        case .moved(_, let at), .finished(let at), .submitted(let at): return at
        case .answered(let change): return change.at
        case .commented(let change): return change.at
        case .timed(let change): return change.at
        case .stated(let change): return change.at
        case .insertedTouchpoint(let change): return change.at
        case .attached(let change): return change.at
        case .tagged(let change): return change.at
        case .recovered(let change): return change.at
        case .praised(let change): return change.at
        case .actionChanged(let change): return change.at
        case .voted(let change): return change.at
        }
    }

    /// The touchpoint an event is about, if any.
    public var touchpointID: String? {
        switch self {
        case .rated(let change): return change.touchpoint
        case .noted(let change), .drafted(let change): return change.touchpoint
        case .moved(let id, _): return id
        case .answered(let change): return change.touchpoint
        case .commented(let change): return change.touchpoint
        case .timed(let change): return change.touchpoint
        case .stated(let change): return change.touchpoint
        case .insertedTouchpoint(let change): return change.id
        case .attached(let change): return change.touchpoint
        case .tagged(let change): return change.touchpoint
        case .recovered(let change): return change.touchpoint
        case .praised(let change): return change.touchpoint
        case .actionChanged(let change): return change.touchpoint
        case .voted(let change): return change.touchpoint
        case .started, .finished, .submitted: return nil
        }
    }
}

/// A verdict recorded for a touchpoint, with the stopwatch reading at that moment.
public struct RatingChange: Equatable, Sendable {
    public var touchpoint: String
    public var rating: Rating?
    public var at: Date
    /// Seconds spent on this touchpoint so far, as the timer showed.
    public var timerSeconds: Int?
    /// True when this change undoes an earlier one.
    public var undo: Bool

    public init(touchpoint: String, rating: Rating?, at: Date, timerSeconds: Int? = nil, undo: Bool = false) {
        self.touchpoint = touchpoint
        self.rating = rating
        self.at = at
        self.timerSeconds = timerSeconds
        self.undo = undo
    }
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

/// Text written for a touchpoint: its note, or (for drafts) any typed field.
public struct NoteChange: Equatable, Sendable {
    public var touchpoint: String
    public var text: String
    public var at: Date
    public var undo: Bool
    /// The field a draft belongs to; notes are always `.note`.
    public var field: TextField

    public init(touchpoint: String, text: String, at: Date, undo: Bool = false, field: TextField = .note) {
        self.touchpoint = touchpoint
        self.text = text
        self.at = at
        self.undo = undo
        self.field = field
    }
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

/// A checklist item answered (or its answer cleared, when `answer` is nil).
public struct AnswerChange: Equatable, Sendable {
    public var touchpoint: String
    /// The item's position in the touchpoint's checklist, from 0.
    public var item: Int
    public var answer: Answer?
    public var at: Date
    public var undo: Bool

    public init(touchpoint: String, item: Int, answer: Answer?, at: Date, undo: Bool = false) {
        self.touchpoint = touchpoint
        self.item = item
        self.answer = answer
        self.at = at
        self.undo = undo
    }
}

/// The comment on a checklist item's answer; empty text removes it.
public struct CommentChange: Equatable, Sendable {
    public var touchpoint: String
    public var item: Int
    public var text: String
    public var at: Date
    public var undo: Bool

    public init(touchpoint: String, item: Int, text: String, at: Date, undo: Bool = false) {
        self.touchpoint = touchpoint
        self.item = item
        self.text = text
        self.at = at
        self.undo = undo
    }
}

/// The split timer of a touchpoint after a start, a stop or a correction: its reading in seconds
/// at `at`, and whether it runs on from there.
public struct TimerChange: Equatable, Sendable {
    public var touchpoint: String
    public var seconds: Double
    public var running: Bool
    public var at: Date
    public var undo: Bool

    public init(touchpoint: String, seconds: Double, running: Bool, at: Date, undo: Bool = false) {
        self.touchpoint = touchpoint
        self.seconds = seconds
        self.running = running
        self.at = at
        self.undo = undo
    }
}

/// When a touchpoint happened, as the operator states it (entry after the visit); nil takes it back.
public struct StatedTimeChange: Equatable, Sendable {
    public var touchpoint: String
    public var stated: Date?
    public var at: Date
    public var undo: Bool

    public init(touchpoint: String, stated: Date?, at: Date, undo: Bool = false) {
        self.touchpoint = touchpoint
        self.stated = stated
        self.at = at
        self.undo = undo
    }
}

/// A touchpoint inserted during a walk after another one, walked and reported like the rest.
public struct AdhocTouchpoint: Equatable, Sendable {
    /// A new id, unique in the walk (`adhoc-1`, `adhoc-2`…).
    public var id: String
    public var title: String
    public var channel: String?
    /// The touchpoint it comes after.
    public var after: String
    public var at: Date
    /// True when the insertion is taken back.
    public var removed: Bool

    public init(id: String, title: String, channel: String? = nil, after: String, at: Date, removed: Bool = false) {
        self.id = id
        self.title = title
        self.channel = channel
        self.after = after
        self.at = at
        self.removed = removed
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

/// Evidence attached to a moment (or detached, when `removed`).
public struct EvidenceChange: Equatable, Sendable {
    public var touchpoint: String
    public var evidence: Evidence
    public var removed: Bool
    public var at: Date

    public init(touchpoint: String, evidence: Evidence, removed: Bool = false, at: Date) {
        self.touchpoint = touchpoint
        self.evidence = evidence
        self.removed = removed
        self.at = at
    }
}

/// The whole set of a moment's tags (ids from the catalogue or the journey; unknown ids are kept).
public struct TagChange: Equatable, Sendable {
    public var touchpoint: String
    public var tags: [String]
    public var at: Date
    public var undo: Bool

    public init(touchpoint: String, tags: [String], at: Date, undo: Bool = false) {
        self.touchpoint = touchpoint
        self.tags = tags
        self.at = at
        self.undo = undo
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

/// The recovery steps of a moment (nil clears them).
public struct RecoveryChange: Equatable, Sendable {
    public var touchpoint: String
    public var recovery: Recovery?
    public var at: Date
    public var undo: Bool

    public init(touchpoint: String, recovery: Recovery?, at: Date, undo: Bool = false) {
        self.touchpoint = touchpoint
        self.recovery = recovery
        self.at = at
        self.undo = undo
    }
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

/// The praise of a moment (nil removes it).
public struct PraiseChange: Equatable, Sendable {
    public var touchpoint: String
    public var praise: Praise?
    public var at: Date
    public var undo: Bool

    public init(touchpoint: String, praise: Praise?, at: Date, undo: Bool = false) {
        self.touchpoint = touchpoint
        self.praise = praise
        self.at = at
        self.undo = undo
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

/// An action added to a moment, or changed (the latest record with the same id wins), or taken
/// out again (`removed`: how `u` takes back an action added by mistake).
public struct ActionChange: Equatable, Sendable {
    public var touchpoint: String
    public var action: Action
    public var at: Date
    /// True when the action is taken out of the walk.
    public var removed: Bool
    /// True when this change puts an earlier state of the action back (`u`).
    public var undo: Bool

    public init(touchpoint: String, action: Action, at: Date, removed: Bool = false, undo: Bool = false) {
        self.touchpoint = touchpoint
        self.action = action
        self.at = at
        self.removed = removed
        self.undo = undo
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

/// The votes of a touchpoint after a vote or its undo (the whole tally).
public struct VoteChange: Equatable, Sendable {
    public var touchpoint: String
    public var votes: Votes
    public var at: Date
    public var undo: Bool

    public init(touchpoint: String, votes: Votes, at: Date, undo: Bool = false) {
        self.touchpoint = touchpoint
        self.votes = votes
        self.at = at
        self.undo = undo
    }
}

extension WalkEvent {
    /// Whether the record takes an earlier one back (`u`): an undo flag, or the removal of an
    /// inserted touchpoint, of evidence or of an action, which is how `u` takes those back.
    public var isUndo: Bool {
        switch self {
        case .rated(let change): return change.undo
        case .noted(let change): return change.undo
        case .answered(let change): return change.undo
        case .commented(let change): return change.undo
        case .timed(let change): return change.undo
        case .stated(let change): return change.undo
        case .insertedTouchpoint(let adhoc): return adhoc.removed
        case .attached(let change): return change.removed
        case .tagged(let change): return change.undo
        case .recovered(let change): return change.undo
        case .praised(let change): return change.undo
        case .actionChanged(let change): return change.undo || change.removed
        default: return false
        }
    }
}
