import Foundation
import JourneyKit

/// The home screen: the walks the team's reviewer returned, the journeys to walk, the unfinished
/// walks to resume, and files with problems.
public struct HomeState: Equatable, Sendable {
    /// A submitted walk the team's reviewer returned for corrections (SPEC 8.3), as `pull` last
    /// fetched its review: the home screen lists these first.
    public struct ReturnedWalk: Equatable, Sendable {
        public var path: String
        public var title: String
        /// The reviewer who returned it (a member's login name).
        public var reviewer: String
        /// When the corrections are due; nil when the return gave no time.
        public var due: Date?
        /// `due` as the user reads it (local time, formatted by the caller).
        public var dueText: String?
        /// Whether `due` had passed when the list was made.
        public var late: Bool

        public init(path: String, title: String, reviewer: String, due: Date?, dueText: String?, late: Bool) {
            self.path = path
            self.title = title
            self.reviewer = reviewer
            self.due = due
            self.dueText = dueText
            self.late = late
        }
    }

    /// One line of the home list.
    public enum Item: Equatable, Sendable {
        /// A returned walk to correct: opening it reopens it as `journeywalk resume WALK` does.
        case returned(ReturnedWalk)
        /// A visit the team assigned to this member (SPEC 8.4), as the last `pull` found it: opening it
        /// walks it as `journeywalk walk --assignment ID` does.
        case assignment(id: Int64, title: String, location: String, due: String, window: String?, overdue: Bool)
        case journey(id: String, title: String, path: String, stages: Int, touchpoints: Int)
        /// A sample built into journeywalk, walked as it is (offered when no journey files are found).
        case sample(id: String, title: String, stages: Int, touchpoints: Int)
        /// `started` is when the visit began as the user reads it (the stated start of a visit entered
        /// afterwards, as the review list shows it; local time, formatted by the caller).
        case unfinished(path: String, title: String, started: String, recorded: Int, total: Int)
        /// The saved walks that can be read (each walk once), and the `*.jsonl` files that cannot,
        /// counted as review names them.
        case review(walks: Int, unreadable: Int = 0)
        case broken(path: String, problem: String)
        /// Offered when no journey files are found: write the built-in samples into `folder`.
        case installSamples(folder: String, count: Int)

        public var isSelectable: Bool {
            if case .broken = self { return false }
            return true
        }
    }

    public private(set) var items: [Item]
    /// Index into `items` of the selected line.
    public private(set) var selection: Int
    public private(set) var help: HelpOverlay?
    /// What the last action did (samples installed, or why they were not), shown above the footer.
    public private(set) var message: WalkState.Message?
    /// Walks waiting in the team's queue to be pushed (`journeywalk push`), said in the title bar.
    public var teamWaiting = 0
    /// The member's submitted walks waiting for the team's review (as `pull` last fetched it), said
    /// in the title bar; they are not listed.
    public var teamInReview = 0

    /// The returned walks come first, the corrections due soonest at the top (those without a due
    /// time last), then the other lines in the order given. Starts on the first unfinished walk,
    /// if any (a walk left half-way is the likeliest to resume), else on the first returned walk,
    /// else on the first line that can be opened.
    public init(items: [Item]) {
        let returned = items.compactMap { item -> ReturnedWalk? in
            if case .returned(let walk) = item { return walk }
            return nil
        }.enumerated().sorted { first, second in
            let (a, b) = (first.element.due ?? .distantFuture, second.element.due ?? .distantFuture)
            return a != b ? a < b : first.offset < second.offset
        }.map { Item.returned($0.element) }
        self.items = returned + items.filter { if case .returned = $0 { return false } else { return true } }
        let unfinished = self.items.firstIndex { if case .unfinished = $0 { return true } else { return false } }
        self.selection = unfinished ?? self.items.firstIndex(where: \.isSelectable) ?? 0
    }

    /// How many returned walks the list has.
    public var returnedCount: Int { items.filter { if case .returned = $0 { return true } else { return false } }.count }

    /// Shows what an action done outside the screen did (`failed`: as an error).
    public mutating func note(_ text: String, failed: Bool = false) {
        message = WalkState.Message(text: text, kind: failed ? .error : .info)
    }

    /// What the home screen's keys ask for.
    public enum Command: Equatable, Sendable { case up, down, first, last, open, help, quit }

    public static let keys = KeyMap<Command>(title: "Home", [
        KeyBinding([.enter, .right, .char("l")], .open, name: "open", help: "walk the journey, or resume the walk", group: "Home"),
        KeyBinding([.up, .char("k")], .up, name: "up", help: "previous line", group: "Home"),
        KeyBinding([.down, .char("j")], .down, name: "down", help: "next line", group: "Home"),
        KeyBinding([.home, .char("g")], .first, name: "first", help: "first line", group: "Home", inFooter: false),
        KeyBinding([.end, .char("G")], .last, name: "last", help: "last line", group: "Home", inFooter: false),
        KeyBinding([.char("?")], .help, name: "help", help: "show all keys", group: "Home"),
        KeyBinding([.char("q"), .escape, .control("c")], .quit, name: "quit", help: "quit journeywalk", group: "Home"),
    ])

    /// What the runner should do after a key.
    public enum Effect: Equatable, Sendable {
        case open(Item)
        case quit
    }

    public mutating func apply(_ key: Key) -> Effect? {
        message = nil
        if help.take(key, lineCount: ScreenParts.helpLines(map: Self.keys).count) { return nil }
        guard let command = Self.keys.command(for: key) else { return nil }
        switch command {
        case .up: select(from: selection - 1, step: -1)
        case .down: select(from: selection + 1, step: 1)
        case .first: select(from: 0, step: 1)
        case .last: select(from: items.count - 1, step: -1)
        case .help: help = HelpOverlay()
        case .quit: return .quit
        case .open:
            guard items.indices.contains(selection), items[selection].isSelectable else { return nil }
            return .open(items[selection])
        }
        return nil
    }

    private mutating func select(from start: Int, step: Int) {
        var index = start
        while items.indices.contains(index) {
            if items[index].isSelectable {
                selection = index
                return
            }
            index += step
        }
    }
}
