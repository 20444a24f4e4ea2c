import Foundation

/// What one kind of walk record means, defined in one place: how it is written and read, how it
/// folds into the walk, how `u` takes it back and what typed text it carries. `WalkEvent` is the
/// journal's sum of the kinds; each of its cases hands its record to `WalkEvent.record`, and
/// everything else (the walk's fold, the codec, the undo stack live and after a resume) asks the
/// record. Adding a kind is a struct conforming here, a case of `WalkEvent` and a line in `all`.
public protocol RecordKind: Sendable {
    /// The record's `type` in the walk file.
    static var type: String { get }
    /// The touchpoint the record is about (`adhoc`: the inserted one), nil for the whole walk.
    var touchpointID: String? { get }
    /// When the change happened.
    var at: Date { get set }
    /// Whether the record takes an earlier one back (`u`).
    var isUndo: Bool { get }
    /// The field and text of a record that carries typed text, nil for the others.
    var typedText: (key: Walk.DraftKey, text: String)? { get }
    /// The fields whose text the record saves for good: their drafts are gone once it is written.
    func savedFields(before walk: Walk) -> [Walk.DraftKey]
    /// The record's own keys, in the order written after `type`, `at` and `touchpoint`.
    var fields: [(String, JSONWriter.Value)] { get }
    /// Reads the record from a line's keys.
    init(reading record: some RecordFields) throws(RecordProblem)
    /// What the record does to the walk.
    func fold(into walk: inout Walk)
    /// What `u` keeps to take this record back, read from the walk before it (nil: `u` skips it).
    func undoEntry(before walk: Walk) -> UndoEntry?
    /// The same record as written at another time (an undo written when `u` is pressed).
    func retimed(to now: Date) -> Self
    /// The record as a journal event.
    var event: WalkEvent { get }
}

extension RecordKind {
    public var isUndo: Bool { false }
    public var typedText: (key: Walk.DraftKey, text: String)? { nil }
    public func savedFields(before walk: Walk) -> [Walk.DraftKey] { [] }
    public func undoEntry(before walk: Walk) -> UndoEntry? { nil }
    public func retimed(to now: Date) -> Self {
        var copy = self
        copy.at = now
        return copy
    }

    /// `("undo", true)` when set, for the end of a record's keys.
    static func undoKey(_ undo: Bool) -> [(String, JSONWriter.Value)] { undo ? [("undo", .bool(true))] : [] }
}

/// A record about one touchpoint's moment.
public protocol MomentRecord: RecordKind {
    var touchpoint: String { get }
}

extension MomentRecord {
    public var touchpointID: String? { touchpoint }
}

/// The keys of one walk-file line, as a record kind reads them (the store's JSON reader gives them).
public protocol RecordFields {
    func string(_ key: String) -> String?
    /// A text that screens and reports show, cut to the length a journey's text may have.
    func shownText(_ key: String) -> String?
    func int(_ key: String) -> Int?
    func double(_ key: String) -> Double?
    func bool(_ key: String) -> Bool?
    /// Whether the key is there with the value null.
    func isNull(_ key: String) -> Bool
    /// The strings of an array (other values skipped); nil when the key is not an array.
    func strings(_ key: String) -> [String]?
}

/// Why a line's keys do not make a record.
public enum RecordProblem: Error, Equatable, Sendable {
    /// A key the record needs is missing or has no valid value.
    case missing(String)
}

extension RecordFields {
    /// A time written as an ISO 8601 timestamp.
    public func time(_ key: String) throws(RecordProblem) -> Date {
        guard let value = string(key), let date = Timestamp.parse(value) else { throw .missing(key) }
        return date
    }

    /// The record's touchpoint, never empty.
    public func touchpoint() throws(RecordProblem) -> String {
        guard let id = string("touchpoint"), !id.isEmpty else { throw .missing("touchpoint") }
        return id
    }

    /// A checklist item, from 0.
    public func item() throws(RecordProblem) -> Int {
        guard let index = int("item"), index >= 0 else { throw .missing("item") }
        return index
    }

    public var undo: Bool { bool("undo") ?? false }
}

/// What `u` takes back: the record that puts the walk as it was before a change, kept when the
/// change is written (and rebuilt the same way when a journal is replayed after a resume).
public struct UndoEntry: Equatable, Sendable {
    /// The record that takes the change back, timed when the change was made.
    public var takingBack: WalkEvent

    public init(_ takingBack: some RecordKind) {
        self.takingBack = takingBack.event
    }

    /// The record to write when `u` is pressed now.
    public func record(at now: Date) -> WalkEvent {
        takingBack.record.retimed(to: now).event
    }

    /// The touchpoint it puts back.
    public var touchpoint: String? { takingBack.touchpointID }

    /// The entry that takes back `event` on `walk` as it was before it, or nil when `u` skips it
    /// (moves, drafts, votes, the walk's own records) or the event is itself an undo.
    public init?(for event: WalkEvent, before walk: Walk) {
        guard !event.isUndo, let entry = event.record.undoEntry(before: walk) else { return nil }
        self = entry
    }

    /// The undo stack that writing `events` (the records after a header) builds: an entry for each
    /// change, one taken off for each undo. The same function builds it live, record by record.
    public static func stack(replaying events: [WalkEvent], header: WalkHeader) -> [UndoEntry] {
        var walk = Walk(header: header)
        var stack: [UndoEntry] = []
        for event in events {
            push(event, onto: &stack, walk: &walk)
        }
        return stack
    }

    /// Folds one record into the walk and keeps the stack in step with it.
    public static func push(_ event: WalkEvent, onto stack: inout [UndoEntry], walk: inout Walk) {
        let entry = UndoEntry(for: event, before: walk)
        walk.apply(event)
        if event.isUndo {
            if !stack.isEmpty { stack.removeLast() }
        } else if let entry {
            stack.append(entry)
        }
    }
}
