import Foundation

// The mystery shopper's field kit (SPEC 7.2): checklist answers and comments, the split timer,
// stated times, ad-hoc touchpoints and evidence.

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

extension AnswerChange: MomentRecord {
    public static let type = "answer"
    public var isUndo: Bool { undo }
    public var fields: [(String, JSONWriter.Value)] { [("item", .int(item)), ("answer", .optional(answer?.rawValue))] + Self.undoKey(undo) }

    public init(reading record: some RecordFields) throws(RecordProblem) {
        let id = try record.touchpoint()
        let answer: Answer?
        if let name = record.string("answer") {
            guard let known = Answer(rawValue: name) else { throw .missing("answer") }
            answer = known
        } else if record.isNull("answer") {
            answer = nil
        } else {
            throw .missing("answer")
        }
        self.init(touchpoint: id, item: try record.item(), answer: answer, at: try record.time("at"), undo: record.undo)
    }

    public func fold(into walk: inout Walk) {
        walk.change(touchpoint, undo: undo) { $0.answers[item] = answer }
    }

    public func undoEntry(before walk: Walk) -> UndoEntry? {
        UndoEntry(AnswerChange(touchpoint: touchpoint, item: item, answer: walk.moment(for: touchpoint).answers[item], at: at, undo: true))
    }

    public var event: WalkEvent { .answered(self) }
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

extension CommentChange: MomentRecord {
    public static let type = "comment"
    public var isUndo: Bool { undo }
    public var typedText: (key: Walk.DraftKey, text: String)? { (Walk.DraftKey(touchpoint: touchpoint, field: .comment(item)), text) }
    public var fields: [(String, JSONWriter.Value)] { [("item", .int(item)), ("text", .string(text))] + Self.undoKey(undo) }
    public func savedFields(before walk: Walk) -> [Walk.DraftKey] { [Walk.DraftKey(touchpoint: touchpoint, field: .comment(item))] }

    public init(reading record: some RecordFields) throws(RecordProblem) {
        self.init(touchpoint: try record.touchpoint(), item: try record.item(), text: record.string("text") ?? "", at: try record.time("at"), undo: record.undo)
    }

    public func fold(into walk: inout Walk) {
        walk.change(touchpoint, undo: undo) { $0.comments[item] = text.isEmpty ? nil : text }
    }

    public func undoEntry(before walk: Walk) -> UndoEntry? {
        UndoEntry(CommentChange(touchpoint: touchpoint, item: item, text: walk.moment(for: touchpoint).comments[item] ?? "", at: at, undo: true))
    }

    public var event: WalkEvent { .commented(self) }
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

extension TimerChange: MomentRecord {
    public static let type = "timer"
    public var isUndo: Bool { undo }
    public var fields: [(String, JSONWriter.Value)] {
        [("seconds", .double((seconds * 10).rounded() / 10)), ("running", .bool(running))] + Self.undoKey(undo)
    }

    public init(reading record: some RecordFields) throws(RecordProblem) {
        guard let seconds = record.double("seconds"), seconds >= 0, seconds.isFinite else { throw .missing("seconds") }
        self.init(touchpoint: try record.touchpoint(), seconds: seconds, running: record.bool("running") ?? false, at: try record.time("at"), undo: record.undo)
    }

    public func fold(into walk: inout Walk) {
        walk.change(touchpoint, undo: undo) { $0.splitTimer = SplitTimer(seconds: seconds, running: running, since: at) }
    }

    /// The timer as it was: stopped at 0:00 when it had never run, else its reading and whether it ran.
    public func undoEntry(before walk: Walk) -> UndoEntry? {
        let previous = walk.moment(for: touchpoint).splitTimer
        return UndoEntry(TimerChange(
            touchpoint: touchpoint, seconds: previous?.seconds ?? 0, running: previous?.running ?? false, at: previous?.since ?? at, undo: true))
    }

    /// The same timer read at another time: a running timer has run on meanwhile (kept to a tenth).
    public func retimed(to now: Date) -> TimerChange {
        let reading = running ? seconds + max(0, now.timeIntervalSince(at)) : seconds
        return TimerChange(touchpoint: touchpoint, seconds: (reading * 10).rounded() / 10, running: running, at: now, undo: undo)
    }

    public var event: WalkEvent { .timed(self) }
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

extension StatedTimeChange: MomentRecord {
    public static let type = "stated"
    public var isUndo: Bool { undo }
    public func savedFields(before walk: Walk) -> [Walk.DraftKey] { [Walk.DraftKey(touchpoint: touchpoint, field: .statedTime)] }
    public var fields: [(String, JSONWriter.Value)] {
        [("stated_at", stated.map { .string(Timestamp.format($0, fractional: true)) } ?? .null)] + Self.undoKey(undo)
    }

    public init(reading record: some RecordFields) throws(RecordProblem) {
        let id = try record.touchpoint()
        var stated: Date?
        if !record.isNull("stated_at") { stated = try record.time("stated_at") }
        self.init(touchpoint: id, stated: stated, at: try record.time("at"), undo: record.undo)
    }

    public func fold(into walk: inout Walk) {
        walk.change(touchpoint, undo: undo) { $0.statedAt = stated }
        if stated != nil, walk.index(of: touchpoint) != nil { walk.hasStatedTimes = true }
    }

    public func undoEntry(before walk: Walk) -> UndoEntry? {
        UndoEntry(StatedTimeChange(touchpoint: touchpoint, stated: walk.moment(for: touchpoint).statedAt, at: at, undo: true))
    }

    public var event: WalkEvent { .stated(self) }
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

extension AdhocTouchpoint: RecordKind {
    public static let type = "adhoc"
    public var touchpointID: String? { id }
    public var isUndo: Bool { removed }
    public var typedText: (key: Walk.DraftKey, text: String)? {
        removed ? nil : (Walk.DraftKey(touchpoint: after, field: .adhoc), title)
    }
    public func savedFields(before walk: Walk) -> [Walk.DraftKey] { removed ? [] : [Walk.DraftKey(touchpoint: after, field: .adhoc)] }

    public var fields: [(String, JSONWriter.Value)] {
        var fields: [(String, JSONWriter.Value)] = [("title", .string(title))]
        if let channel { fields.append(("channel", .string(channel))) }
        fields.append(("after", .string(after)))
        return fields + (removed ? [("removed", .bool(true))] : [])
    }

    public init(reading record: some RecordFields) throws(RecordProblem) {
        guard let title = record.shownText("title"), let after = record.string("after") else {
            throw .missing(record.string("title") == nil ? "title" : "after")
        }
        self.init(
            id: try record.touchpoint(), title: title, channel: record.shownText("channel"), after: after, at: try record.time("at"),
            removed: record.bool("removed") ?? false)
    }

    public func fold(into walk: inout Walk) {
        walk.insert(self)
    }

    public func undoEntry(before walk: Walk) -> UndoEntry? {
        UndoEntry(AdhocTouchpoint(id: id, title: title, channel: channel, after: after, at: at, removed: true))
    }

    public var event: WalkEvent { .insertedTouchpoint(self) }
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

extension EvidenceChange: MomentRecord {
    public static let type = "evidence"
    public var isUndo: Bool { removed }
    public var typedText: (key: Walk.DraftKey, text: String)? {
        removed ? nil : (Walk.DraftKey(touchpoint: touchpoint, field: .evidence), evidence.path)
    }
    public func savedFields(before walk: Walk) -> [Walk.DraftKey] { removed ? [] : [Walk.DraftKey(touchpoint: touchpoint, field: .evidence)] }

    public var fields: [(String, JSONWriter.Value)] {
        [("path", .string(evidence.path)), ("bytes", .int(Int(evidence.bytes))), ("sha256", .string(evidence.sha256))]
            + (removed ? [("removed", .bool(true))] : [])
    }

    public init(reading record: some RecordFields) throws(RecordProblem) {
        guard let path = record.string("path") else { throw .missing("path") }
        guard let bytes = record.int("bytes"), bytes >= 0 else { throw .missing("bytes") }
        guard let sha = record.string("sha256") else { throw .missing("sha256") }
        self.init(
            touchpoint: try record.touchpoint(), evidence: Evidence(path: path, bytes: Int64(bytes), sha256: sha),
            removed: record.bool("removed") ?? false, at: try record.time("at"))
    }

    public func fold(into walk: inout Walk) {
        walk.change(touchpoint, undo: removed) { moment in
            moment.evidence.removeAll { $0.path == evidence.path }
            if !removed { moment.evidence.append(evidence) }
        }
    }

    public func undoEntry(before walk: Walk) -> UndoEntry? {
        UndoEntry(EvidenceChange(touchpoint: touchpoint, evidence: evidence, removed: true, at: at))
    }

    public var event: WalkEvent { .attached(self) }
}
