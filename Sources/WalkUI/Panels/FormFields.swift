import Foundation
import JourneyKit

/// The typed fields of a small form (praise, action): one line editor each, one with the cursor.
public struct FormFields: Equatable, Sendable {
    /// One field: what it is in the walk file's drafts, its label, its text.
    public struct Field: Equatable, Sendable {
        public var id: TextField
        public var label: String
        public var hint: String
        public var line: LineEditor
    }

    public private(set) var fields: [Field]
    public private(set) var focus = 0
    /// The drafts the walk file keeps for these fields.
    let kept: [TextField: String]

    init(_ fields: [Field], kept: [TextField: String]) {
        self.fields = fields
        self.kept = kept
    }

    public func text(_ id: TextField) -> String { fields.first { $0.id == id }?.line.text ?? "" }

    var unsavedDrafts: [(field: TextField, text: String)] {
        changedDrafts(fields.map { ($0.id, $0.line.text) }, kept: kept)
    }

    var isOnLast: Bool { focus == fields.count - 1 }

    mutating func move(by offset: Int) {
        focus = max(0, min(fields.count - 1, focus + offset))
    }

    mutating func focus(on id: TextField) {
        if let index = fields.firstIndex(where: { $0.id == id }) { focus = index }
    }

    /// Puts text in a field as typing it would (`LineEditor.typed`), for a caller that names it.
    mutating func set(_ id: TextField, _ text: String) {
        guard let index = fields.firstIndex(where: { $0.id == id }) else { return }
        fields[index].line = LineEditor(LineEditor.typed(text))
    }

    /// Typing into the focused field; false when the field is full.
    mutating func type(_ key: Key) -> Bool {
        fields[focus].line.handle(key) != .full
    }

    /// Draft records for every field that changed, to keep typed text on Esc.
    func draftRecords(touchpoint: String, now: Date) -> [PanelEffect] {
        unsavedDrafts.map { .record(.drafted(NoteChange(touchpoint: touchpoint, text: $0.text, at: now, field: $0.field))) }
    }
}

/// The keys of the praise and action forms (typed characters go into the field with the cursor).
extension FormFields {
    /// What a key did to a form.
    enum Step {
        /// Typed, moved or closed (leaving its drafts); these are the effects.
        case done([PanelEffect])
        /// Enter on the last field: the form's owner saves it.
        case save
    }

    /// The keys every form shares: typing, moving between fields, closing with drafts, and Enter,
    /// which moves to the next field until the last, where it asks the owner to save.
    mutating func handle(_ key: Key, keys: KeyMap<FormKeys.Command>, touchpoint: String, now: Date) -> Step {
        guard let command = keys.command(for: key) else {
            return .done(type(key) ? [] : [.say("A field holds at most \(LineEditor.maximumLengthText) characters", .warning)])
        }
        switch command {
        case .next: move(by: 1)
        case .previous: move(by: -1)
        case .close: return .done(draftRecords(touchpoint: touchpoint, now: now) + [.close])
        case .submit:
            guard isOnLast else {
                move(by: 1)
                return .done([])
            }
            return .save
        }
        return .done([])
    }
}

public enum FormKeys {
    public enum Command: Equatable, Sendable { case next, previous, submit, close }

    static func table(_ title: String, submit: String) -> KeyMap<Command> {
        KeyMap(title: title, [
            KeyBinding([.enter], .submit, name: "next/save", help: "next field; on the last field, \(submit)", group: title, footerPriority: 0),
            KeyBinding([.tab, .down], .next, name: "field", help: "next field", group: title, footerKey: "Tab", footerPriority: 1),
            KeyBinding([.up], .previous, name: "previous field", help: "previous field", group: title, inFooter: false),
            KeyBinding([.escape], .close, name: "close", help: "close; typed text is kept as a draft for next time", group: title, footerPriority: 0),
        ])
    }

    public static let praise = table("Praise form", submit: "save the praise (both fields empty removes it)")
    public static let action = table("Action form", submit: "save the action")
}
