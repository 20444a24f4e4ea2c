import Foundation

// The leader's records (SPEC 7.3): tags, recovery, praise and actions.

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

extension TagChange: MomentRecord {
    public static let type = "tags"
    public var isUndo: Bool { undo }
    public func savedFields(before walk: Walk) -> [Walk.DraftKey] { [Walk.DraftKey(touchpoint: touchpoint, field: .tags)] }
    public var fields: [(String, JSONWriter.Value)] { [("tags", .array(tags.map { .string($0) }))] + Self.undoKey(undo) }

    public init(reading record: some RecordFields) throws(RecordProblem) {
        guard let tags = record.strings("tags") else { throw .missing("tags") }
        self.init(touchpoint: try record.touchpoint(), tags: tags, at: try record.time("at"), undo: record.undo)
    }

    public func fold(into walk: inout Walk) {
        walk.change(touchpoint, undo: undo) { $0.tags = tags }
    }

    public func undoEntry(before walk: Walk) -> UndoEntry? {
        UndoEntry(TagChange(touchpoint: touchpoint, tags: walk.moment(for: touchpoint).tags, at: at, undo: true))
    }

    public var event: WalkEvent { .tagged(self) }
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

extension RecoveryChange: MomentRecord {
    public static let type = "recovery"
    public var isUndo: Bool { undo }
    public var fields: [(String, JSONWriter.Value)] {
        [
            ("apology", recovery?.apology.map { .bool($0) } ?? .null),
            ("reassurance", recovery?.reassurance.map { .bool($0) } ?? .null),
            ("restitution", recovery?.restitution.map { .bool($0) } ?? .null),
        ] + Self.undoKey(undo)
    }

    public init(reading record: some RecordFields) throws(RecordProblem) {
        let steps = Recovery(apology: record.bool("apology"), reassurance: record.bool("reassurance"), restitution: record.bool("restitution"))
        self.init(touchpoint: try record.touchpoint(), recovery: steps.isEmpty ? nil : steps, at: try record.time("at"), undo: record.undo)
    }

    public func fold(into walk: inout Walk) {
        walk.change(touchpoint, undo: undo) { $0.recovery = recovery }
    }

    public func undoEntry(before walk: Walk) -> UndoEntry? {
        UndoEntry(RecoveryChange(touchpoint: touchpoint, recovery: walk.moment(for: touchpoint).recovery, at: at, undo: true))
    }

    public var event: WalkEvent { .recovered(self) }
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

extension PraiseChange: MomentRecord {
    public static let type = "praise"
    public var isUndo: Bool { undo }
    public func savedFields(before walk: Walk) -> [Walk.DraftKey] { [TextField.praise, .praiseTo].map { Walk.DraftKey(touchpoint: touchpoint, field: $0) } }
    public var fields: [(String, JSONWriter.Value)] { [("to", .optional(praise?.to)), ("text", .optional(praise?.text))] + Self.undoKey(undo) }

    public init(reading record: some RecordFields) throws(RecordProblem) {
        let praise = record.string("to").map { Praise(to: $0, text: record.string("text") ?? "") }
        self.init(touchpoint: try record.touchpoint(), praise: praise, at: try record.time("at"), undo: record.undo)
    }

    public func fold(into walk: inout Walk) {
        walk.change(touchpoint, undo: undo) { $0.praise = praise }
    }

    public func undoEntry(before walk: Walk) -> UndoEntry? {
        UndoEntry(PraiseChange(touchpoint: touchpoint, praise: walk.moment(for: touchpoint).praise, at: at, undo: true))
    }

    public var event: WalkEvent { .praised(self) }
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

extension ActionChange: MomentRecord {
    public static let type = "action"
    public var isUndo: Bool { undo || removed }
    /// A new action saves the form's three fields; a change to one the walk has (its status, an
    /// undo) leaves a form being typed alone.
    public func savedFields(before walk: Walk) -> [Walk.DraftKey] {
        guard !removed, walk.action(id: action.id) == nil else { return [] }
        return [TextField.action, .actionOwner, .actionDue].map { Walk.DraftKey(touchpoint: touchpoint, field: $0) }
    }
    public var fields: [(String, JSONWriter.Value)] {
        [
            ("id", .string(action.id)), ("text", .string(action.text)), ("owner", .string(action.owner)),
            ("due", .optional(action.due)), ("status", .string(action.status.rawValue)),
        ] + (removed ? [("removed", .bool(true))] : []) + Self.undoKey(undo)
    }

    public init(reading record: some RecordFields) throws(RecordProblem) {
        guard let id = record.string("id"), !id.isEmpty else { throw .missing("id") }
        guard let status = record.string("status").flatMap(ActionStatus.init(rawValue:)) else { throw .missing("status") }
        let action = Action(id: id, text: record.string("text") ?? "", owner: record.string("owner") ?? "", due: record.string("due"), status: status)
        self.init(touchpoint: try record.touchpoint(), action: action, at: try record.time("at"), removed: record.bool("removed") ?? false, undo: record.undo)
    }

    public func fold(into walk: inout Walk) {
        // An action keeps its place (and its touchpoint) when later records change it.
        if let owner = walk.moments.first(where: { $0.value.actions.contains { $0.id == action.id } })?.key {
            walk.update(owner) { moment in
                guard let slot = moment.actions.firstIndex(where: { $0.id == action.id }) else { return }
                if removed { moment.actions.remove(at: slot) } else { moment.actions[slot] = action }
            }
            // `u` returns to what it changed, as for every other record it takes back.
            if isUndo, let index = walk.index(of: owner) { walk.position = index }
            return
        }
        // Taking out an action the walk does not have changes nothing.
        if removed { return }
        walk.change(touchpoint, undo: undo) { $0.actions.append(action) }
    }

    /// A new action is taken out again; a changed one is put back as it was.
    public func undoEntry(before walk: Walk) -> UndoEntry? {
        guard let previous = walk.action(id: action.id) else {
            return UndoEntry(ActionChange(touchpoint: touchpoint, action: action, at: at, removed: true))
        }
        return UndoEntry(ActionChange(touchpoint: touchpoint, action: previous, at: at, undo: true))
    }

    public var event: WalkEvent { .actionChanged(self) }
}
