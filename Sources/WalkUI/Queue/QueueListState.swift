import Foundation
import JourneyKit

/// The reviewer's inbox (`journeywalk queue`, SPEC 8.3): submitted walks, oldest due first, with a
/// filter as in review (`/`), every state on `a`, and Enter to open one.
public struct QueueListState: Equatable, Sendable {
    public private(set) var rows: [QueueRow]
    /// Indexes into `rows` of the rows the filter keeps.
    public private(set) var visible: [Int]
    public private(set) var selection = 0
    public private(set) var filter = ""
    public private(set) var filterEditor: LineEditor?
    /// Whether every state is listed, not only the walks waiting for review.
    public private(set) var showingAll = false
    public private(set) var help: HelpOverlay?
    public var message: WalkState.Message?
    /// The reviewer's login, to mark the walks claimed by someone else.
    public let reviewer: String

    public init(rows: [QueueRow], reviewer: String, showingAll: Bool = false) {
        self.rows = rows
        self.reviewer = reviewer
        self.showingAll = showingAll
        self.visible = Array(rows.indices)
    }

    public var selected: QueueRow? { visible.indices.contains(selection) ? rows[visible[selection]] : nil }

    /// What the queue's keys ask for.
    public enum Command: Equatable, Sendable { case up, down, first, last, open, filter, clearFilter, all, refresh, help, quit }

    public static let keys = KeyMap<Command>(title: "Review queue", [
        KeyBinding([.enter, .right, .char("l")], .open, name: "open", help: "open the walk with its QA checks", group: "Queue", footerPriority: 0),
        KeyBinding([.down, .char("j")], .down, name: "move", help: "next walk", group: "Queue", footerKey: "↑↓", footerPriority: 2),
        KeyBinding([.up, .char("k")], .up, name: "previous", help: "previous walk", group: "Queue", inFooter: false),
        KeyBinding([.home, .char("g")], .first, name: "first", help: "first walk", group: "Queue", inFooter: false),
        KeyBinding([.end, .char("G")], .last, name: "last", help: "last walk", group: "Queue", inFooter: false),
        KeyBinding([.char("/")], .filter, name: "filter", help: "filter by shopper, journey, location, walk id or state", group: "Queue", footerPriority: 1),
        KeyBinding([.char("c")], .clearFilter, name: "clear", help: "clear the filter", group: "Queue", inFooter: false),
        KeyBinding([.char("a")], .all, name: "all", help: "every state (returned, approved, released, excluded too), or only those to review", group: "Queue", footerPriority: 3),
        KeyBinding([.char("r")], .refresh, name: "refresh", help: "ask the server for the queue again", group: "Queue", footerPriority: 3),
        KeyBinding([.char("?")], .help, name: "help", help: "show all keys", group: "Queue", footerPriority: 0),
        KeyBinding([.char("q"), .escape, .control("c")], .quit, name: "quit", help: "quit the queue", group: "Queue", footerPriority: 1),
    ])

    /// What the runner does after a key.
    public enum Effect: Equatable, Sendable {
        case open(QueueRow)
        case reload(all: Bool)
        case quit
    }

    public mutating func apply(_ key: Key) -> Effect? {
        message = nil
        if help.take(key, lineCount: ScreenParts.helpLines(map: Self.keys).count) { return nil }
        if var editor = filterEditor {
            switch editor.handle(key) {
            case .submit, .cancel:
                filterEditor = nil
            default:
                filterEditor = editor
                setFilter(editor.text)
            }
            return nil
        }
        guard let command = Self.keys.command(for: key) else { return nil }
        switch command {
        case .up: selection = max(0, selection - 1)
        case .down: selection = min(max(0, visible.count - 1), selection + 1)
        case .first: selection = 0
        case .last: selection = max(0, visible.count - 1)
        case .open: return selected.map { .open($0) }
        case .filter: filterEditor = LineEditor(filter)
        case .clearFilter: setFilter("")
        case .all: return .reload(all: !showingAll)
        case .refresh: return .reload(all: showingAll)
        case .help: help = HelpOverlay()
        case .quit: return .quit
        }
        return nil
    }

    /// A fresh queue from the server, keeping the selected walk where it still is.
    public mutating func replace(_ rows: [QueueRow], all: Bool) {
        let kept = selected?.reference
        self.rows = rows
        showingAll = all
        setFilter(filter)
        if let kept, let position = visible.firstIndex(where: { self.rows[$0].reference == kept }) { selection = position }
    }

    /// A walk as the server has it after an event.
    public mutating func update(_ row: QueueRow) {
        guard let index = rows.firstIndex(where: { $0.reference == row.reference }) else { return }
        rows[index] = row
    }

    private mutating func setFilter(_ text: String) {
        filter = text
        let words = text.lowercased().split(separator: " ")
        visible = rows.indices.filter { index in
            let haystack = rows[index].searchText
            return words.allSatisfy { haystack.contains($0) }
        }
        selection = min(selection, max(0, visible.count - 1))
    }
}
