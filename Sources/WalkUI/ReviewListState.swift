import Foundation
import JourneyKit

/// One saved walk as the review list shows it.
public struct WalkListing: Equatable, Sendable {
    public var path: String
    public var walkID: String
    public var journeyID: String
    public var journeyTitle: String
    public var started: Date
    /// When the visit began as the user reads it (the STARTED column): the stated start of a visit
    /// entered afterwards, else the walk's start; local time, formatted by the caller.
    public var startedText: String
    public var `operator`: String
    public var role: String
    public var location: String
    public var summary: WalkSummary
    public var finished: Bool
    /// Lines of the file that could not be read.
    public var problems: Int
    /// Draft, complete or submitted.
    public var status: Walk.Status
    /// When the visit began (the stated start where given), for the date filters.
    public var visitStart: Date
    /// The member a team copy was pulled from; nil for a walk of this machine.
    public var author: String?
    /// What makes two files the same walk (`WalkDigest.identity`).
    public var identity: String { WalkCopies<WalkListing>.identity(walkID: walkID, author: author) }

    public init(
        path: String, walkID: String, journeyID: String, journeyTitle: String, started: Date, startedText: String,
        operator: String, role: String, location: String, summary: WalkSummary, finished: Bool, problems: Int,
        status: Walk.Status? = nil, visitStart: Date? = nil, author: String? = nil
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
        self.status = status ?? (finished ? .complete : .draft)
        self.visitStart = visitStart ?? started
        self.author = author
    }

    /// A walk as the list shows it: started when the visit began (`walk --at`'s stated start where
    /// given), to the minute in the reader's zone (`TZ`), as compare and the date filters read it.
    public init(_ walk: WalkDigest) {
        self.init(
            path: walk.path, walkID: walk.walkID, journeyID: walk.journeyID, journeyTitle: walk.journeyTitle,
            started: walk.started, startedText: ReaderTime.minute(walk.visitStart), operator: walk.operator, role: walk.role,
            location: walk.location, summary: walk.summary, finished: walk.isFinished, problems: walk.problems.count,
            status: walk.status, visitStart: walk.visitStart, author: walk.author)
    }

    /// The OPERATOR column: a team copy's author first (`@sam_login Sam`), so that it reads at a
    /// glance at any width; the operator alone for a walk of this machine.
    public var operatorShown: String {
        guard let author else { return `operator` }
        return `operator`.isEmpty || `operator` == author ? "@" + author : "@" + author + " " + `operator`
    }

    /// Text the filter's free words search, lower-cased.
    var searchText: String {
        WalkFilter.searchText(journeyTitle: journeyTitle, journeyID: journeyID, operator: `operator`, role: role, location: location, walkID: walkID)
    }
}

/// The list of saved walks: newest visit first, filtered by text and journey, sortable.
public struct ReviewListState: Equatable, Sendable {
    /// How the list is ordered.
    public enum Sort: String, CaseIterable, Sendable {
        case newest = "newest first", oldest = "oldest first", journey = "by journey", misery = "most misery first"
    }

    public private(set) var items: [WalkListing]
    /// The free-text search of each item, made the first time free words are typed.
    private var searchTexts: [String]?
    /// Indices into `items` of the lines shown, in order (recomputed when the filter or sort changes).
    public private(set) var visible: [Int] = []
    /// Index into `visible`.
    public private(set) var selection = 0
    /// The filter line as typed: free words and fields (`operator:ann since:2026-11-01`).
    public private(set) var filter = ""
    /// The filter line understood; the last line that made sense while one does not.
    public private(set) var walkFilter = WalkFilter()
    /// Why the filter line as typed is not understood.
    public private(set) var filterProblem: String?
    /// Walks marked for comparison, by path.
    public private(set) var marked: Set<String> = []
    public private(set) var filterEditor: LineEditor?
    public private(set) var journeyFilter: String?
    public private(set) var sort: Sort = .newest
    public private(set) var help: HelpOverlay?
    /// The walk `d` asks about: moved to the trash on `y`, kept on anything else.
    public private(set) var pendingDelete: WalkListing?
    /// Problems met while listing (unreadable files), shown under the list.
    public private(set) var notes: [String]
    /// Walks taken off the list (moved to the trash), by path.
    private var removed: Set<String> = []

    /// Walks held by more than one file: each other copy's path, with the path of the file compare
    /// and reports keep (`WalkCopies`). The list shows both, the other copy marked, so that it can be deleted.
    public private(set) var copies: [String: String] = [:]

    public init(items: [WalkListing], notes: [String] = [], filter line: String = "") {
        self.items = items
        self.notes = notes
        setFilter(line)
        findCopies()
        refresh()
    }

    private mutating func findCopies() {
        let found = WalkCopies.choose(items, walkID: \.identity, path: \.path).copies
        copies = Dictionary(found.map { ($0.path, $0.kept) }, uniquingKeysWith: { first, _ in first })
    }

    public var selected: WalkListing? { visible.indices.contains(selection) ? items[visible[selection]] : nil }

    /// The journeys present, for the journey filter, in title order.
    public var journeys: [String] { Array(Set(items.map(\.journeyID))).sorted() }

    /// What the list's keys ask for.
    public enum Command: Equatable, Sendable { case up, down, pageUp, pageDown, first, last, open, filter, journey, sort, clear, delete, mark, markJourney, compare, help, quit }

    public static let keys = KeyMap<Command>(title: "Saved walks", [
        KeyBinding([.enter, .right, .char("l")], .open, name: "open", help: "open the walk: timeline, emotion curve, peak and end", group: "Saved walks", footerPriority: 1),
        KeyBinding([.up, .char("k")], .up, name: "move", help: "previous walk", group: "Saved walks", footerKey: "↑↓", footerPriority: 2),
        KeyBinding([.down, .char("j")], .down, name: "next", help: "next walk", group: "Saved walks", inFooter: false),
        KeyBinding([.pageUp], .pageUp, name: "page up", help: "one page up", group: "Saved walks", inFooter: false),
        KeyBinding([.pageDown, .char(" ")], .pageDown, name: "page down", help: "one page down", group: "Saved walks", inFooter: false),
        KeyBinding([.home, .char("g")], .first, name: "first", help: "first walk", group: "Saved walks", inFooter: false),
        KeyBinding([.end, .char("G")], .last, name: "last", help: "last walk", group: "Saved walks", inFooter: false),
        KeyBinding([.char("/")], .filter, name: "filter", help: "filter: words (journey, operator, location, id) and fields: operator:ann location:\"main st\" status:draft since:2026-11-01 until:2026-11-30 journey:ID", group: "Filter and sort", footerPriority: 1),
        KeyBinding([.char("J")], .journey, name: "journey", help: "show one journey's walks, then the next journey, then all", group: "Filter and sort", footerPriority: 2),
        KeyBinding([.char("o")], .sort, name: "sort", help: "sort: newest, oldest, by journey, most misery", group: "Filter and sort", footerPriority: 2),
        KeyBinding([.char("c")], .clear, name: "clear", help: "clear the filters", group: "Filter and sort", footerPriority: 4),
        KeyBinding([.char("m")], .mark, name: "mark", help: "mark or unmark the walk for comparison", group: "Compare", footerPriority: 5),
        KeyBinding([.char("M")], .markJourney, name: "mark journey", help: "mark every walk shown of this walk's journey (again: unmark them)", group: "Compare", inFooter: false),
        KeyBinding([.char("C")], .compare, name: "compare", help: "compare the marked walks side by side; with none marked, every walk shown of this walk's journey", group: "Compare", footerPriority: 5),
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
        /// Compare walks of one journey: the marked ones, or (paths nil) every walk of it passing the filter.
        case compare(CompareRequest)
        case quit
    }

    /// The walks to compare, as review asks for them.
    public struct CompareRequest: Equatable, Sendable {
        public var journey: String
        /// The walk files; nil for every walk of the journey that passes `filter` (read from the index).
        public var paths: [String]?
        public var filter: WalkFilter
    }

    /// Applies a key; `page` is the number of lines the list shows.
    public mutating func apply(_ key: Key, page: Int = 10) -> Effect? {
        if help.take(key, lineCount: ScreenParts.helpLines(map: Self.keys).count) { return nil }
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
                setFilter("")
                refresh()
            case .edited, .ignored, .full:
                filterEditor = editor
                setFilter(editor.text)
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
            setFilter("")
            journeyFilter = nil
            refresh()
        case .delete:
            // A team copy is not asked about: the store refuses it at once, saying whose copy it is.
            if let walk = selected, walk.author != nil { return .delete(walk) }
            pendingDelete = selected
        case .mark:
            guard let walk = selected else { return nil }
            if marked.remove(walk.path) == nil { marked.insert(walk.path) }
            selection = min(max(0, visible.count - 1), selection + 1)
        case .markJourney:
            guard let walk = selected else { return nil }
            let same = visible.map { items[$0] }.filter { $0.journeyID == walk.journeyID }.map(\.path)
            if same.allSatisfy(marked.contains) { marked.subtract(same) } else { marked.formUnion(same) }
        case .compare:
            return compareRequest()
        case .help: help = HelpOverlay()
        case .quit: return .quit
        }
        return nil
    }

    /// The walks `C` compares: the marked ones, or every walk shown of the selected walk's journey.
    private mutating func compareRequest() -> Effect? {
        var filter = walkFilter
        if let journeyFilter { filter.journey = journeyFilter }
        if marked.isEmpty {
            guard let walk = selected else { return nil }
            filter.journey = walk.journeyID
            return .compare(CompareRequest(journey: walk.journeyID, paths: nil, filter: filter))
        }
        let chosen = items.filter { marked.contains($0.path) }
        let journeys = Set(chosen.map(\.journeyID))
        guard journeys.count == 1, let journey = journeys.first else {
            notes.insert("The marked walks are of \(journeys.count) journeys (\(journeys.sorted().joined(separator: ", "))); mark walks of one journey to compare them.", at: 0)
            return nil
        }
        // Every walk of the journey that the filters show: read them from the index rather than one by one.
        filter.journey = journey
        var shown = Set<String>()
        for index in visible where items[index].journeyID == journey { shown.insert(items[index].path) }
        if shown == marked {
            return .compare(CompareRequest(journey: journey, paths: nil, filter: filter))
        }
        // In file-name order (the order walks were started), whatever order the list was read in.
        return .compare(CompareRequest(journey: journey, paths: chosen.map(\.path).sorted(), filter: filter))
    }

    /// Reads the filter line; a line that does not make sense keeps the last one that did.
    private mutating func setFilter(_ line: String) {
        filter = line
        do {
            walkFilter = try WalkFilter.parse(line: line)
            filterProblem = nil
        } catch {
            filterProblem = error.message
        }
    }

    /// Puts a fresher reading of the walks in place (the walk files changed since the index was
    /// last brought up to date), keeping the filter, sort, marks and the walk selected. Walks taken
    /// off the list in the meantime stay off.
    public mutating func replaceItems(_ fresh: [WalkListing], notes: [String]) {
        let paths = Set(fresh.map(\.path))
        items = fresh.filter { !removed.contains($0.path) }
        self.notes = notes
        searchTexts = nil
        marked = marked.filter(paths.contains)
        findCopies()
        refresh()
    }

    /// Takes a walk off the list (it was moved to the trash); the selection stays at the same line.
    public mutating func removeWalk(path: String) {
        guard let index = items.firstIndex(where: { $0.path == path }) else { return }
        let line = selection
        items.remove(at: index)
        removed.insert(path)
        searchTexts?.remove(at: index)
        marked.remove(path)
        findCopies()
        visible = []
        refresh()
        selection = min(line, max(0, visible.count - 1))
    }

    private mutating func refresh() {
        let keptPath = selected?.path
        var filter = walkFilter
        if let journeyFilter { filter.journey = journeyFilter }
        if !filter.text.isEmpty, searchTexts == nil { searchTexts = items.map(\.searchText) }
        var shown: [Int]
        if filter.isEmpty {
            shown = Array(items.indices)
        } else {
            let texts = searchTexts
            shown = items.indices.filter { index in
                let item = items[index]
                return filter.matches(
                    journeyID: item.journeyID, operator: item.operator, location: item.location, status: item.status, visitStart: item.visitStart,
                    searchText: texts?[index] ?? "")
            }
        }
        switch sort {
        // By when the visit began (the stated start of a visit entered afterwards), as the STARTED
        // column shows it; every order ends on the walk id, so that it does not depend on the order
        // the walks were read in.
        case .newest: shown.sort { (items[$0].visitStart, items[$0].walkID) > (items[$1].visitStart, items[$1].walkID) }
        case .oldest: shown.sort { (items[$0].visitStart, items[$0].walkID) < (items[$1].visitStart, items[$1].walkID) }
        case .journey: shown.sort { (items[$0].journeyTitle, items[$1].visitStart, items[$1].walkID) < (items[$1].journeyTitle, items[$0].visitStart, items[$0].walkID) }
        case .misery: shown.sort { (items[$0].summary.misery, items[$0].visitStart, items[$0].walkID) > (items[$1].summary.misery, items[$1].visitStart, items[$1].walkID) }
        }
        visible = shown
        selection = keptPath.flatMap { path in shown.firstIndex { items[$0].path == path } } ?? 0
    }
}
