import Foundation
import JourneyKit

/// A new action from a moment: what to do, who owns it, when it is due (`2026-12-01`, `+7d`,
/// `fri`); saved as one `action` record with a new short id, status open.
public struct ActionForm: Equatable, Sendable {
    public let touchpoint: String
    public private(set) var form: FormFields
    /// The moment's actions so far, shown under the form.
    public let existing: [Action]
    public private(set) var saving = false

    public init(touchpoint: String, existing: [Action], drafts: [TextField: String]) {
        self.touchpoint = touchpoint
        self.existing = existing
        form = FormFields([
            .init(id: .action, label: "Action", hint: "what will change", line: LineEditor(drafts[.action] ?? "")),
            .init(id: .actionOwner, label: "Owner", hint: "who sees it through", line: LineEditor(drafts[.actionOwner] ?? "")),
            .init(id: .actionDue, label: "Due", hint: "2026-12-01, +7d, fri; empty for none", line: LineEditor(drafts[.actionDue] ?? "")),
        ], kept: drafts)
    }

    var unsavedDrafts: [(field: TextField, text: String)] { form.unsavedDrafts }

    /// The due date as typed, read against `today`: the day, nil for none, or why it is not a date.
    public func due(today: CalendarDay) -> Result<CalendarDay?, DueDate.Invalid> {
        Result { () throws(DueDate.Invalid) in try DueDate.parse(form.text(.actionDue), today: today) }
    }

    /// Applies one key; a new action takes the next id from `ids`.
    public mutating func apply(_ key: Key, today: CalendarDay, ids: inout ActionIDs, now: Date) -> [PanelEffect] {
        if saving { return [] }
        switch form.handle(key, keys: FormKeys.action, touchpoint: touchpoint, now: now) {
        case .done(let effects): return effects
        case .save: return save(today: today, ids: &ids, now: now)
        }
    }

    /// Fills the three fields, as a caller that names the action does (plain mode's `action TEXT | OWNER | DUE`).
    mutating func fill(text: String, owner: String, due: String) {
        form.set(.action, text)
        form.set(.actionOwner, owner)
        form.set(.actionDue, due)
    }

    /// Enter on the last field: the action as the fields say it, checked, with a new id.
    mutating func save(today: CalendarDay, ids: inout ActionIDs, now: Date) -> [PanelEffect] {
        if saving { return [] }
        let text = form.text(.action).trimmingSpaces
        let owner = form.text(.actionOwner).trimmingSpaces
        guard !text.isEmpty else {
            form.focus(on: .action)
            return [.say("Write what the action is", .warning)]
        }
        guard !owner.isEmpty else {
            form.focus(on: .actionOwner)
            return [.say("Who owns the action? Write a name or a team", .warning)]
        }
        let due: CalendarDay?
        switch self.due(today: today) {
        case .success(let day): due = day
        case .failure(let invalid):
            form.focus(on: .actionDue)
            return [.say(invalid.description, .error)]
        }
        saving = true
        let action = Action(id: ids.next(), text: text, owner: owner, due: due?.iso, status: .open)
        return [.record(.actionChanged(ActionChange(touchpoint: touchpoint, action: action, at: now)))]
    }

    mutating func saveFailed() { saving = false }
}
