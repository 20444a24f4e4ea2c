import JourneyKit

/// The one store of text typed in a walk that is not its field's saved value: a note, a comment,
/// a stated time, a title, a path, a field of a leader's panel. Each entry is a draft (the walk
/// file keeps it, or its draft record is on its way) or unsaved (its write failed: nothing on disk
/// has it, so leaving writes it again and hands it back if that fails too). A feature of the walk's
/// state with its own actions and update; it asks for no work itself.
public struct TextStore: Equatable, Sendable {
    public enum Status: Equatable, Sendable {
        case draft
        case unsaved
    }

    public struct Entry: Equatable, Sendable {
        public var text: String
        public var status: Status
    }

    public private(set) var entries: [Walk.DraftKey: Entry] = [:]

    /// What happens to typed text.
    public enum Action: Equatable, Sendable {
        /// The drafts a walk file keeps, when it is opened again.
        case opened(Walk)
        /// Text left as a draft (Esc, leaving): its draft record is written; empty drops the entry.
        case drafted(Walk.DraftKey, String)
        /// A record carrying the text could not be written.
        case failed(Walk.DraftKey, String)
        /// The fields' own records are on disk: their text needs keeping no more.
        case saved([Walk.DraftKey])
    }

    public init() {}

    public mutating func apply(_ action: Action) {
        switch action {
        case .opened(let walk):
            entries = walk.drafts.mapValues { Entry(text: $0, status: .draft) }
        case .drafted(let key, let text):
            entries[key] = text.isEmpty ? nil : Entry(text: text, status: .draft)
        case .failed(let key, let text):
            guard !text.isEmpty else { return }
            entries[key] = Entry(text: text, status: .unsaved)
        case .saved(let keys):
            for key in keys { entries[key] = nil }
        }
    }

    /// The text kept for a field, draft or unsaved: what its editor opens with.
    public func text(_ key: Walk.DraftKey) -> String? { entries[key]?.text }

    /// The note kept for a touchpoint, draft or unsaved.
    public func note(_ touchpoint: String) -> String? { text(.note(touchpoint)) }

    /// Every text no write has kept, by field.
    public var unsaved: [Walk.DraftKey: String] {
        entries.filter { $0.value.status == .unsaved }.mapValues(\.text)
    }

    /// The texts kept for the fields of one touchpoint (a panel's drafts), by field.
    public func fields(of touchpoint: String) -> [TextField: String] {
        var fields: [TextField: String] = [:]
        for (key, entry) in entries where key.touchpoint == touchpoint { fields[key.field] = entry.text }
        return fields
    }
}
