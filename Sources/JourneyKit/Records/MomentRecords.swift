import Foundation

// The verdict, the note and the drafts of typed text: what every walk records.

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

extension RatingChange: MomentRecord {
    public static let type = "verdict"
    public var isUndo: Bool { undo }

    public var fields: [(String, JSONWriter.Value)] {
        var fields: [(String, JSONWriter.Value)] = [("verdict", .optional(rating?.verdict.rawValue)), ("intensity", .int(rating?.intensity ?? 0))]
        if let timerSeconds { fields.append(("timer_seconds", .int(timerSeconds))) }
        return fields + Self.undoKey(undo)
    }

    public init(reading record: some RecordFields) throws(RecordProblem) {
        let id = try record.touchpoint()
        var rating: Rating?
        if let name = record.string("verdict") {
            guard let verdict = Verdict(rawValue: name) else { throw .missing("verdict") }
            rating = Rating(verdict, intensity: record.int("intensity") ?? 1)
        } else if !record.isNull("verdict") {
            throw .missing("verdict")
        }
        self.init(touchpoint: id, rating: rating, at: try record.time("at"), timerSeconds: record.int("timer_seconds"), undo: record.undo)
    }

    public func fold(into walk: inout Walk) {
        guard let index = walk.index(of: touchpoint) else { return }
        walk.update(touchpoint) { moment in
            // A correction (a verdict on a moment that has one) changes the verdict only: the
            // moment keeps the time of the verdict that first gave it one.
            let first = moment.rating == nil ? at : moment.ratedAt ?? at
            moment.rating = rating
            moment.ratedAt = rating == nil ? nil : first
            if let timerSeconds { moment.timerSeconds = timerSeconds }
        }
        // A verdict moves the walk on; an undo, or a verdict cleared, stays on what it changed.
        walk.position = undo || rating == nil ? index : min(index + 1, max(walk.steps.count - 1, 0))
    }

    public func undoEntry(before walk: Walk) -> UndoEntry? {
        UndoEntry(RatingChange(touchpoint: touchpoint, rating: walk.moment(for: touchpoint).rating, at: at, undo: true))
    }

    public var event: WalkEvent { .rated(self) }
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

extension NoteChange: MomentRecord {
    public static let type = "note"
    public var isUndo: Bool { undo }
    public var typedText: (key: Walk.DraftKey, text: String)? { (Walk.DraftKey(touchpoint: touchpoint, field: .note), text) }
    public var fields: [(String, JSONWriter.Value)] { [("text", .string(text))] + Self.undoKey(undo) }
    public func savedFields(before walk: Walk) -> [Walk.DraftKey] { [.note(touchpoint)] }

    public init(reading record: some RecordFields) throws(RecordProblem) {
        self.init(touchpoint: try record.touchpoint(), text: record.string("text") ?? "", at: try record.time("at"), undo: record.undo)
    }

    public func fold(into walk: inout Walk) {
        // A note can be for the touchpoint just judged, behind the one the walk is on: it does not
        // move the walk. An undo does, as an undone verdict does: the walk goes back to what it changed.
        walk.change(touchpoint, undo: undo) { $0.note = text }
    }

    public func undoEntry(before walk: Walk) -> UndoEntry? {
        UndoEntry(NoteChange(touchpoint: touchpoint, text: walk.moment(for: touchpoint).note, at: at, undo: true))
    }

    public var event: WalkEvent { .noted(self) }
}

/// Text left unsaved in a note or another field (Esc, leaving, a signal), kept so typed text is
/// never lost; the latest draft of a field wins, and saving the field clears it.
public struct DraftRecord: MomentRecord, Equatable {
    public var change: NoteChange
    public init(_ change: NoteChange) { self.change = change }

    public static let type = "draft"
    public var touchpoint: String { change.touchpoint }
    public var at: Date {
        get { change.at }
        set { change.at = newValue }
    }
    public var typedText: (key: Walk.DraftKey, text: String)? { (Walk.DraftKey(touchpoint: touchpoint, field: change.field), change.text) }

    public var fields: [(String, JSONWriter.Value)] {
        (change.field == .note ? [] : [("field", .string(change.field.rawValue))]) + [("text", .string(change.text))]
    }

    public init(reading record: some RecordFields) throws(RecordProblem) {
        let field = record.string("field").map { TextField(rawValue: $0) } ?? .note
        self.init(NoteChange(touchpoint: try record.touchpoint(), text: record.string("text") ?? "", at: try record.time("at"), field: field))
    }

    public func fold(into walk: inout Walk) {
        guard walk.index(of: touchpoint) != nil else { return }
        walk.drafts[Walk.DraftKey(touchpoint: touchpoint, field: change.field)] = change.text.isEmpty ? nil : change.text
    }

    public var event: WalkEvent { .drafted(change) }
}
