import Foundation

// The records about the walk as a whole (its header, moves, finish, submit) and the workshop's votes;
// and the journal event's one switch over the kinds.

/// The header: the walk began, with the journey and the briefing. The codec reads and writes it
/// itself (its journey can be a shared copy beside the walks); as a record it only starts the walk.
public struct StartRecord: RecordKind, Equatable {
    public var header: WalkHeader
    public init(_ header: WalkHeader) { self.header = header }

    public static let type = "walk"
    public var touchpointID: String? { nil }
    public var at: Date {
        get { header.started }
        set { header.started = newValue }
    }
    public var fields: [(String, JSONWriter.Value)] { [] }
    public init(reading record: some RecordFields) throws(RecordProblem) { throw .missing("journey") }
    public func fold(into walk: inout Walk) {}
    public var event: WalkEvent { .started(header) }
}

/// The operator moved to another touchpoint without recording anything.
public struct MoveRecord: MomentRecord, Equatable {
    public var touchpoint: String
    public var at: Date
    public init(touchpoint: String, at: Date) {
        self.touchpoint = touchpoint
        self.at = at
    }

    public static let type = "move"
    public var fields: [(String, JSONWriter.Value)] { [] }
    public init(reading record: some RecordFields) throws(RecordProblem) {
        self.init(touchpoint: try record.touchpoint(), at: try record.time("at"))
    }

    public func fold(into walk: inout Walk) {
        if let index = walk.index(of: touchpoint) { walk.position = index }
    }

    public var event: WalkEvent { .moved(touchpoint: touchpoint, at: at) }
}

/// The walk was finished (complete); touchpoints without a verdict stay unrecorded.
public struct FinishRecord: RecordKind, Equatable {
    public var at: Date
    public init(at: Date) { self.at = at }

    public static let type = "finish"
    public var touchpointID: String? { nil }
    public var fields: [(String, JSONWriter.Value)] { [] }
    public init(reading record: some RecordFields) throws(RecordProblem) { self.init(at: try record.time("at")) }
    public func fold(into walk: inout Walk) { walk.finished = at }
    public var event: WalkEvent { .finished(at: at) }
}

/// The walk was submitted: read-only from then on (actions can still be closed).
public struct SubmitRecord: RecordKind, Equatable {
    public var at: Date
    public init(at: Date) { self.at = at }

    public static let type = "submit"
    public var touchpointID: String? { nil }
    public var fields: [(String, JSONWriter.Value)] { [] }
    public init(reading record: some RecordFields) throws(RecordProblem) { self.init(at: try record.time("at")) }

    public func fold(into walk: inout Walk) {
        if walk.finished == nil { walk.finished = at }
        walk.submitted = at
        walk.revision += 1
    }

    public var event: WalkEvent { .submitted(at: at) }
}

/// A submitted walk that a reviewer returned was opened again for corrections (SPEC 8.3): it is
/// complete, no longer read-only, until it is submitted again as the next revision.
public struct ReopenRecord: RecordKind, Equatable {
    public var at: Date
    public init(at: Date) { self.at = at }

    public static let type = "reopen"
    public var touchpointID: String? { nil }
    public var fields: [(String, JSONWriter.Value)] { [] }
    public init(reading record: some RecordFields) throws(RecordProblem) { self.init(at: try record.time("at")) }
    public func fold(into walk: inout Walk) { walk.submitted = nil }
    public var event: WalkEvent { .reopened(at: at) }
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

extension VoteChange: MomentRecord {
    public static let type = "votes"
    public var isUndo: Bool { undo }
    public var fields: [(String, JSONWriter.Value)] {
        [("magic", .int(votes.magic)), ("neutral", .int(votes.neutral)), ("misery", .int(votes.misery))] + Self.undoKey(undo)
    }

    public init(reading record: some RecordFields) throws(RecordProblem) {
        func count(_ key: String) throws(RecordProblem) -> Int {
            guard let value = record.int(key), value >= 0 else { throw .missing(key) }
            return value
        }
        let votes = Votes(magic: try count("magic"), neutral: try count("neutral"), misery: try count("misery"))
        self.init(touchpoint: try record.touchpoint(), votes: votes, at: try record.time("at"), undo: record.undo)
    }

    /// A workshop's tally is always of the touchpoint on screen: it keeps the room there. `u` of
    /// the walk skips it: the room takes its votes back with its own key (`RoomVotes`).
    public func fold(into walk: inout Walk) {
        guard let index = walk.index(of: touchpoint) else { return }
        walk.update(touchpoint) { $0.votes = votes }
        walk.position = index
    }

    public var event: WalkEvent { .voted(self) }
}

extension WalkEvent {
    /// The record of this event, which says what it means (`RecordKind`).
    public var record: any RecordKind {
        switch self {
        case .started(let header): return StartRecord(header)
        case .rated(let change): return change
        case .noted(let change): return change
        case .drafted(let change): return DraftRecord(change)
        case .moved(let touchpoint, let at): return MoveRecord(touchpoint: touchpoint, at: at)
        case .finished(let at): return FinishRecord(at: at)
        case .answered(let change): return change
        case .commented(let change): return change
        case .timed(let change): return change
        case .stated(let change): return change
        case .insertedTouchpoint(let adhoc): return adhoc
        case .attached(let change): return change
        case .tagged(let change): return change
        case .recovered(let change): return change
        case .praised(let change): return change
        case .actionChanged(let change): return change
        case .voted(let change): return change
        case .submitted(let at): return SubmitRecord(at: at)
        case .reopened(let at): return ReopenRecord(at: at)
        }
    }

    /// Every kind of record after the header, as the codec reads them by their `type`.
    public static let kinds: [any RecordKind.Type] = [
        RatingChange.self, NoteChange.self, DraftRecord.self, MoveRecord.self, FinishRecord.self, SubmitRecord.self, ReopenRecord.self,
        AnswerChange.self, CommentChange.self, TimerChange.self, StatedTimeChange.self, AdhocTouchpoint.self, EvidenceChange.self,
        TagChange.self, RecoveryChange.self, PraiseChange.self, ActionChange.self, VoteChange.self,
    ]

    /// When the change happened.
    public var at: Date { record.at }
    /// The touchpoint an event is about, if any.
    public var touchpointID: String? { record.touchpointID }
    /// Whether the record takes an earlier one back (`u`): an undo flag, or the removal of an
    /// inserted touchpoint, of evidence or of an action, which is how `u` takes those back.
    public var isUndo: Bool { record.isUndo }
    /// The field and the text of the records that carry typed text: notes, drafts, comments, the
    /// title of an ad-hoc touchpoint, an evidence path.
    public var typedText: (key: Walk.DraftKey, text: String)? { record.typedText }
}
