import Foundation
import JourneyKit

/// Praise to pass on: to whom (a person or a team) and a line of text; one `praise` record.
public struct PraiseForm: Equatable, Sendable {
    public let touchpoint: String
    public private(set) var form: FormFields
    /// The moment's praise when the form opened.
    public let saved: Praise?
    public private(set) var saving = false

    /// A form for a moment, from its praise and the drafts the walk keeps (`drafts` by field).
    public init(touchpoint: String, praise: Praise?, drafts: [TextField: String]) {
        self.touchpoint = touchpoint
        self.saved = praise
        form = FormFields([
            .init(id: .praiseTo, label: "To", hint: "a person or a team", line: LineEditor(drafts[.praiseTo] ?? praise?.to ?? "")),
            .init(id: .praise, label: "Praise", hint: "what they did, in a line", line: LineEditor(drafts[.praise] ?? praise?.text ?? "")),
        ], kept: drafts)
        if form.text(.praiseTo).isEmpty == false, form.text(.praise).isEmpty { form.focus(on: .praise) }
    }

    var unsavedDrafts: [(field: TextField, text: String)] { form.unsavedDrafts }

    public mutating func apply(_ key: Key, now: Date) -> [PanelEffect] {
        if saving { return [] }
        switch form.handle(key, keys: FormKeys.praise, touchpoint: touchpoint, now: now) {
        case .done(let effects): return effects
        case .save: return save(now: now)
        }
    }

    /// Fills both fields, as a caller that names the praise does (plain mode's `praise TO: TEXT`).
    mutating func fill(to: String, text: String) {
        form.set(.praiseTo, to)
        form.set(.praise, text)
    }

    /// Enter on the last field: the praise as the fields say it, checked, as one record.
    mutating func save(now: Date) -> [PanelEffect] {
        if saving { return [] }
        let to = form.text(.praiseTo).trimmingSpaces
        let text = form.text(.praise).trimmingSpaces
        if to.isEmpty && text.isEmpty {
            guard saved != nil else { return [.say("Nothing to save: write who the praise is for and what they did", .info)] }
            saving = true
            return [.record(.praised(PraiseChange(touchpoint: touchpoint, praise: nil, at: now)))]
        }
        guard !to.isEmpty else {
            form.focus(on: .praiseTo)
            return [.say("Who is the praise for? Write a person or a team", .warning)]
        }
        guard !text.isEmpty else {
            return [.say("Write a line of praise to pass on", .warning)]
        }
        let praise = Praise(to: to, text: text)
        guard praise != saved else { return [.say("Praise unchanged", .info), .close] }
        saving = true
        return [.record(.praised(PraiseChange(touchpoint: touchpoint, praise: praise, at: now)))]
    }

    mutating func saveFailed() { saving = false }
}
