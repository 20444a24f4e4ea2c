import Foundation
import JourneyKit

/// The tag picker: the catalogue (built-in and the journey's own) filtered as you type, the kind
/// that explains the verdict first, several tags chosen; saved as one `tags` record with the set.
public struct TagPicker: Equatable, Sendable {
    /// One tag that can be chosen.
    public struct Option: Equatable, Sendable {
        public var id: String
        public var label: String
        /// Nil for an id not in the catalogue (kept from the walk file, shown as it is).
        public var kind: TagDefinition.Kind?
        /// Lower-case id and label (also with dashes for spaces), the bytes the filter searches.
        let search: [UInt8]

        init(id: String, label: String, kind: TagDefinition.Kind?) {
            self.id = id
            self.label = label
            self.kind = kind
            let lower = label.lowercased()
            search = Array((id.lowercased() + "\n" + lower + "\n" + lower.replacingSpaces).utf8)
        }
    }

    /// What the picker's keys do (other keys edit the filter).
    public enum Command: Equatable, Sendable { case up, down, pageUp, pageDown, toggle, save, clearChosen, help, close }

    public static let keys = KeyMap<Command>(title: "Tag picker", [
        KeyBinding([.char(" "), .enter], .toggle, name: "choose", help: "choose the highlighted tag, or unchoose it", group: "Tags", footerKey: "Space", footerPriority: 1),
        KeyBinding([.up, .control("p")], .up, name: "move", help: "highlight the tag above", group: "Tags", footerKey: "↑↓", footerPriority: 2),
        KeyBinding([.down, .control("n")], .down, name: "down", help: "highlight the tag below", group: "Tags", inFooter: false),
        KeyBinding([.pageUp], .pageUp, name: "page up", help: "a page of tags up", group: "Tags", inFooter: false),
        KeyBinding([.pageDown], .pageDown, name: "page down", help: "a page of tags down", group: "Tags", inFooter: false),
        KeyBinding([.tab], .save, name: "save", help: "save the chosen tags and close", group: "Tags", footerPriority: 0),
        KeyBinding([.control("x")], .clearChosen, name: "none", help: "unchoose every tag", group: "Tags", footerPriority: 4),
        KeyBinding([.char("?")], .help, name: "help", help: "show all keys (tags have no ?, so it is never part of the filter)", group: "Tags", footerPriority: 5),
        KeyBinding([.escape], .close, name: "close", help: "close without changing the tags (the filter text is kept)", group: "Tags", footerPriority: 0),
    ])

    /// Rows a page key moves.
    static let page = 10

    public let touchpoint: String
    /// Every tag, the kind that explains the verdict first, then the rest, each in catalogue order.
    public let options: [Option]
    public private(set) var filter: LineEditor
    /// The ids chosen, in the order chosen.
    public private(set) var chosen: [String]
    /// The moment's tags when the picker opened.
    public let saved: [String]
    /// The filter text the walk file keeps as a draft.
    let keptDraft: String
    /// Index into `shown` of the highlighted tag.
    public private(set) var highlighted = 0
    /// Set while a save is on its way to the disk.
    public private(set) var saving = false

    /// A picker for a moment: `catalogue` from `TagCatalog.tags(for:)`, the moment's tags and
    /// verdict, and the filter text left as a draft last time.
    public init(touchpoint: String, catalogue: [TagDefinition], tags: [String], verdict: Verdict?, draft: String = "") {
        self.touchpoint = touchpoint
        let preferred: TagDefinition.Kind? = verdict == .misery ? .misery : verdict == .magic ? .magic : nil
        let first = catalogue.filter { preferred != nil && $0.kind == preferred }
        let rest = catalogue.filter { preferred == nil || $0.kind != preferred }
        var options = (first + rest).map { Option(id: $0.id, label: $0.label, kind: $0.kind) }
        let known = Set(catalogue.map(\.id))
        for id in tags where !known.contains(id) { options.append(Option(id: id, label: id, kind: nil)) }
        self.options = options
        self.filter = LineEditor(draft)
        self.chosen = tags
        self.saved = tags
        self.keptDraft = draft
    }

    /// Indices into `options` of the tags the filter lets through; an exact id first.
    public var shown: [Int] {
        let query = Array(filter.text.lowercased().utf8)
        guard !query.isEmpty else { return Array(options.indices) }
        var exact: [Int] = []
        var matches: [Int] = []
        for (index, option) in options.enumerated() where ByteSearch.contains(option.search, query) {
            if option.id.utf8.count == query.count, option.search.starts(with: query) { exact.append(index) } else { matches.append(index) }
        }
        return exact + matches
    }

    /// The tag the highlight is on, if any tag is shown.
    public var highlightedOption: Option? {
        let shown = self.shown
        return shown.indices.contains(highlighted) ? options[shown[highlighted]] : nil
    }

    /// The filter text when it differs from the draft the walk file keeps.
    var unsavedDrafts: [(field: TextField, text: String)] {
        changedDrafts([(.tags, filter.text)], kept: [.tags: keptDraft])
    }

    /// Applies one key: a command of the picker's table, else an edit of the filter.
    public mutating func apply(_ key: Key, now: Date) -> [PanelEffect] {
        if saving { return [] }
        if let command = Self.keys.command(for: key) { return apply(command, now: now) }
        let before = filter.text
        _ = filter.handle(key)
        if filter.text != before { highlighted = 0 }
        return []
    }

    /// Chooses exactly these tags (in this order) with the filter emptied, as a caller that names
    /// them does (plain mode's `tags ID…`); `save` then writes them.
    mutating func choose(_ ids: [String]) {
        var unique: [String] = []
        for id in ids where !unique.contains(id) { unique.append(id) }
        chosen = unique
        filter = LineEditor()
        highlighted = 0
    }

    /// Applies one command of the picker.
    public mutating func apply(_ command: Command, now: Date) -> [PanelEffect] {
        if saving { return [] }
        let count = shown.count
        switch command {
        case .up: highlighted = max(0, highlighted - 1)
        case .down: highlighted = max(0, min(count - 1, highlighted + 1))
        case .pageUp: highlighted = max(0, highlighted - Self.page)
        case .pageDown: highlighted = max(0, min(count - 1, highlighted + Self.page))
        case .toggle:
            guard let option = highlightedOption else { return [.say("No tag matches '\(filter.text)'; Backspace widens the filter", .warning)] }
            if let index = chosen.firstIndex(of: option.id) { chosen.remove(at: index) } else { chosen.append(option.id) }
        case .clearChosen:
            chosen = []
        case .help:
            return [.help]
        case .save:
            guard chosen != saved else {
                return closing(saying: "Tags unchanged", now: now)
            }
            saving = true
            return [.record(.tagged(TagChange(touchpoint: touchpoint, tags: chosen, at: now)))]
        case .close:
            return closing(saying: chosen == saved ? nil : "Tags not changed: Tab saves them", now: now)
        }
        return []
    }

    /// Leaves the picker, keeping the filter text as a draft when it changed.
    private func closing(saying text: String?, now: Date) -> [PanelEffect] {
        var effects: [PanelEffect] = unsavedDrafts.map {
            .record(.drafted(NoteChange(touchpoint: touchpoint, text: $0.text, at: now, field: $0.field)))
        }
        if let text { effects.append(.say(text, .info)) }
        return effects + [.close]
    }

    /// A save came back failed: the picker takes keys again.
    mutating func saveFailed() { saving = false }
}

extension String {
    var replacingSpaces: String { String(map { $0 == " " ? "-" : $0 }) }
}
