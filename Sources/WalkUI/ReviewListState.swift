import Foundation
import JourneyKit

/// One saved walk as the review list shows it.
public struct WalkListing: Equatable, Sendable {
    public var path: String
    public var walkID: String
    public var journeyID: String
    public var journeyTitle: String
    public var started: Date
    /// The start time as the user reads it (local time, formatted by the caller).
    public var startedText: String
    public var `operator`: String
    public var role: String
    public var location: String
    public var summary: WalkSummary
    public var finished: Bool
    /// Lines of the file that could not be read.
    public var problems: Int

    public init(
        path: String, walkID: String, journeyID: String, journeyTitle: String, started: Date, startedText: String,
        operator: String, role: String, location: String, summary: WalkSummary, finished: Bool, problems: Int
    ) {
        self.path = path
        self.walkID = walkID
        self.journeyID = journeyID
        self.journeyTitle = journeyTitle
        self.started = started
        self.startedText = startedText
        self.operator = `operator`
        self.role = role
        self.location = location
        self.summary = summary
        self.finished = finished
        self.problems = problems
    }

    /// Text the filter searches, lower-cased once.
    var searchText: String {
        [journeyTitle, journeyID, `operator`, role, location, walkID].joined(separator: "\u{1F}").lowercased()
    }
}

/// The list of saved walks: newest first, filtered by text and journey, sortable.
public struct ReviewListState: Equatable, Sendable {
    /// How the list is ordered.
    public enum Sort: String, CaseIterable, Sendable {
        case newest = "newest first", oldest = "oldest first", journey = "by journey", misery = "most misery first"
    }

    public private(set) var items: [WalkListing]
    private var searchTexts: [String]
    /// Indices into `items` of the lines shown, in order (recomputed when the filter or sort changes).
    public private(set) var visible: [Int] = []
    /// Index into `visible`.
    public private(set) var selection = 0
    public private(set) var filter = ""
    public private(set) var filterEditor: LineEditor?
    public private(set) var journeyFilter: String?
    public private(set) var sort: Sort = .newest
    public private(set) var help: HelpOverlay?
    /// The walk `d` asks about: moved to the trash on `y`, kept on anything else.
    public private(set) var pendingDelete: WalkListing?
    /// Problems met while listing (unreadable files), shown under the list.
    public private(set) var notes: [String]

    public init(items: [WalkListing], notes: [String] = []) {
        self.items = items
        self.searchTexts = items.map(\.searchText)
        self.notes = notes
        refresh()
    }

    public var selected: WalkListing? { visible.indices.contains(selection) ? items[visible[selection]] : nil }

    /// The journeys present, for the journey filter, in title order.
    public var journeys: [String] { Array(Set(items.map(\.journeyID))).sorted() }

    /// What the list's keys ask for.
    public enum Command: Equatable, Sendable { case up, down, pageUp, pageDown, first, last, open, filter, journey, sort, clear, delete, help, quit }

    public static let keys = KeyMap<Command>(title: "Saved walks", [
        KeyBinding([.enter, .right, .char("l")], .open, name: "open", help: "open the walk: timeline, emotion curve, peak and end", group: "Saved walks", footerPriority: 1),
        KeyBinding([.up, .char("k")], .up, name: "move", help: "previous walk", group: "Saved walks", footerKey: "↑↓", footerPriority: 2),
        KeyBinding([.down, .char("j")], .down, name: "next", help: "next walk", group: "Saved walks", inFooter: false),
        KeyBinding([.pageUp], .pageUp, name: "page up", help: "one page up", group: "Saved walks", inFooter: false),
        KeyBinding([.pageDown, .char(" ")], .pageDown, name: "page down", help: "one page down", group: "Saved walks", inFooter: false),
        KeyBinding([.home, .char("g")], .first, name: "first", help: "first walk", group: "Saved walks", inFooter: false),
        KeyBinding([.end, .char("G")], .last, name: "last", help: "last walk", group: "Saved walks", inFooter: false),
        KeyBinding([.char("/")], .filter, name: "filter", help: "filter by text (journey, operator, location, id)", group: "Filter and sort", footerPriority: 1),
        KeyBinding([.char("J")], .journey, name: "journey", help: "show one journey's walks, then the next journey, then all", group: "Filter and sort", footerPriority: 2),
        KeyBinding([.char("o")], .sort, name: "sort", help: "sort: newest, oldest, by journey, most misery", group: "Filter and sort", footerPriority: 2),
        KeyBinding([.char("c")], .clear, name: "clear", help: "clear the filters", group: "Filter and sort", footerPriority: 4),
        KeyBinding([.char("d"), .delete], .delete, name: "delete", help: "move the walk to the trash, after asking (`journeywalk restore ID` brings it back)", group: "Saved walks", footerPriority: 4),
        KeyBinding([.char("?")], .help, name: "help", help: "show all keys", group: "Saved walks", footerPriority: 0),
        KeyBinding([.char("q"), .escape, .control("c")], .quit, name: "quit", help: "quit", group: "Saved walks", footerPriority: 1),
    ])

    /// What the confirmation of `d` asks for.
    public enum DeleteCommand: Equatable, Sendable { case confirm, cancel }

    public static let deleteKeys = KeyMap<DeleteCommand>(title: "Delete a walk", [
        KeyBinding([.char("y")], .confirm, name: "move to the trash", help: "move the walk to the trash", group: "Delete a walk"),
        KeyBinding([.char("n"), .escape, .char("q")], .cancel, name: "keep it", help: "keep the walk (any other key too)", group: "Delete a walk"),
    ])

    /// What the runner should do after a key.
    public enum Effect: Equatable, Sendable {
        case open(WalkListing)
        /// Move the walk to the trash (asked and confirmed); the runner then calls `removeWalk`.
        case delete(WalkListing)
        case quit
    }

    /// Applies a key; `page` is the number of lines the list shows.
    public mutating func apply(_ key: Key, page: Int = 10) -> Effect? {
        if var overlay = help {
            help = overlay.handle(key, lineCount: ScreenParts.helpLines(map: Self.keys).count) ? overlay : nil
            return nil
        }
        if let walk = pendingDelete {
            pendingDelete = nil
            return Self.deleteKeys.command(for: key) == .confirm ? .delete(walk) : nil
        }
        if var editor = filterEditor {
            switch editor.handle(key) {
            case .submit:
                filterEditor = nil
            case .cancel:
                filterEditor = nil
                filter = ""
                refresh()
            case .edited, .ignored, .full:
                filterEditor = editor
                filter = editor.text
                refresh()
            }
            return nil
        }
        guard let command = Self.keys.command(for: key) else { return nil }
        switch command {
        case .up: selection = max(0, selection - 1)
        case .down: selection = min(max(0, visible.count - 1), selection + 1)
        case .pageUp: selection = max(0, selection - max(1, page))
        case .pageDown: selection = min(max(0, visible.count - 1), selection + max(1, page))
        case .first: selection = 0
        case .last: selection = max(0, visible.count - 1)
        case .open: return selected.map { .open($0) }
        case .filter: filterEditor = LineEditor(filter)
        case .journey:
            let all = journeys
            if let current = journeyFilter, let index = all.firstIndex(of: current) {
                journeyFilter = index + 1 < all.count ? all[index + 1] : nil
            } else {
                journeyFilter = all.first
            }
            refresh()
        case .sort:
            let all = Sort.allCases
            sort = all[((all.firstIndex(of: sort) ?? 0) + 1) % all.count]
            refresh()
        case .clear:
            filter = ""
            journeyFilter = nil
            refresh()
        case .delete: pendingDelete = selected
        case .help: help = HelpOverlay()
        case .quit: return .quit
        }
        return nil
    }

    /// Takes a walk off the list (it was moved to the trash); the selection stays at the same line.
    public mutating func removeWalk(path: String) {
        guard let index = items.firstIndex(where: { $0.path == path }) else { return }
        let line = selection
        items.remove(at: index)
        searchTexts.remove(at: index)
        visible = []
        refresh()
        selection = min(line, max(0, visible.count - 1))
    }

    private mutating func refresh() {
        let keptPath = selected?.path
        let needle = filter.lowercased()
        var shown = items.indices.filter { index in
            (journeyFilter.map { items[index].journeyID == $0 } ?? true) && (needle.isEmpty || searchTexts[index].contains(needle))
        }
        switch sort {
        case .newest: shown.sort { (items[$0].started, items[$0].walkID) > (items[$1].started, items[$1].walkID) }
        case .oldest: shown.sort { (items[$0].started, items[$0].walkID) < (items[$1].started, items[$1].walkID) }
        case .journey: shown.sort { (items[$0].journeyTitle, items[$1].started) < (items[$1].journeyTitle, items[$0].started) }
        case .misery: shown.sort { (items[$0].summary.misery, items[$0].started) > (items[$1].summary.misery, items[$1].started) }
        }
        visible = shown
        selection = keptPath.flatMap { path in shown.firstIndex { items[$0].path == path } } ?? 0
    }
}
