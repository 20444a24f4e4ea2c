import Foundation
import JourneyKit

/// The home screen: the journeys to walk, the unfinished walks to resume, and files with problems.
public struct HomeState: Equatable, Sendable {
    /// One line of the home list.
    public enum Item: Equatable, Sendable {
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

    /// Starts on the first unfinished walk, if any (resuming it is the likeliest thing to do), else
    /// on the first line that can be opened.
    public init(items: [Item]) {
        self.items = items
        let unfinished = items.firstIndex { if case .unfinished = $0 { return true } else { return false } }
        self.selection = unfinished ?? items.firstIndex(where: \.isSelectable) ?? 0
    }

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
