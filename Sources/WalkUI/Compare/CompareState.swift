import JourneyKit

/// The compare screen: the matrix of one journey's walks (SPEC 7.4), a cursor on one cell, scrolled
/// both ways with the touchpoint names frozen on the left; `a` shows the walkers' agreement per
/// touchpoint instead (calibration, SPEC 8.4).
public struct CompareState: Equatable, Sendable {
    public private(set) var comparison: Comparison
    /// The cursor: a row (touchpoint) and a column (walk or group).
    public private(set) var row = 0
    public private(set) var column = 0
    /// Whether the cell under the cursor is shown in full.
    public private(set) var showsCell = false
    public private(set) var help: HelpOverlay?
    public private(set) var message: WalkState.Message?
    /// The agreement of the walks compared, once worked out (`a`); the same whatever the columns.
    public private(set) var agreement: Agreement?
    /// Whether the agreement is shown instead of the matrix.
    public private(set) var showsAgreement = false

    public init(comparison: Comparison) {
        self.comparison = comparison
    }

    /// What the compare keys ask for.
    public enum Command: Equatable, Sendable {
        case up, down, left, right, pageUp, pageDown, first, last, firstColumn, lastColumn, columnsLeft, columnsRight
        case nextFlip, previousFlip, group, cell, agreement, help, back, quit
    }

    public static let keys = KeyMap<Command>(title: "Compare walks", [
        KeyBinding([.up, .char("k")], .up, name: "move", help: "previous touchpoint", group: "Move", footerKey: "↑↓←→", footerPriority: 1),
        KeyBinding([.down, .char("j")], .down, name: "next touchpoint", help: "next touchpoint", group: "Move", inFooter: false),
        KeyBinding([.left, .char("h")], .left, name: "left", help: "previous walk or group", group: "Move", inFooter: false),
        KeyBinding([.right, .char("l")], .right, name: "right", help: "next walk or group", group: "Move", inFooter: false),
        KeyBinding([.pageUp], .pageUp, name: "page up", help: "one page of touchpoints up", group: "Move", inFooter: false),
        KeyBinding([.pageDown, .char(" ")], .pageDown, name: "page down", help: "one page of touchpoints down", group: "Move", inFooter: false),
        KeyBinding([.home, .char("g")], .first, name: "first", help: "first touchpoint", group: "Move", inFooter: false),
        KeyBinding([.end, .char("G")], .last, name: "last", help: "last touchpoint", group: "Move", inFooter: false),
        KeyBinding([.char("<")], .columnsLeft, name: "page left", help: "one screen of columns to the left", group: "Move", footerKey: "<>", footerPriority: 3),
        KeyBinding([.char(">")], .columnsRight, name: "page right", help: "one screen of columns to the right", group: "Move", inFooter: false),
        KeyBinding([.char("0")], .firstColumn, name: "first column", help: "first walk or group", group: "Move", inFooter: false),
        KeyBinding([.char("$")], .lastColumn, name: "last column", help: "last walk or group", group: "Move", inFooter: false),
        KeyBinding([.char("f")], .nextFlip, name: "next flip", help: "next touchpoint that flips (magic in some walks, misery in others)", group: "Read", footerPriority: 2),
        KeyBinding([.char("F")], .previousFlip, name: "previous flip", help: "previous touchpoint that flips", group: "Read", inFooter: false),
        KeyBinding([.char("b")], .group, name: "group", help: "columns: each walk, then by location, channel, operator, role, month", group: "Read", footerPriority: 2),
        KeyBinding([.char("a")], .agreement, name: "agreement", help: "agreement per touchpoint: its verdicts and checklist items, with Krippendorff's alpha (calibration); again for the matrix", group: "Read", footerPriority: 2),
        KeyBinding([.enter], .cell, name: "cell", help: "show the cell under the cursor in full (any key closes it)", group: "Read", footerPriority: 3),
        KeyBinding([.char("?")], .help, name: "help", help: "show all keys", group: "Read", footerPriority: 0),
        KeyBinding([.char("q"), .escape], .back, name: "back", help: "back (to the list of walks when opened from review)", group: "Read", footerPriority: 1),
        KeyBinding([.control("c")], .quit, name: "quit", help: "quit", group: "Read", inFooter: false),
    ])

    /// What the runner should do after a key.
    public enum Effect: Equatable, Sendable {
        /// Build the comparison again with these columns, then call `regrouped`.
        case regroup(CompareGrouping?)
        /// Work out the agreement of the walks, then call `showAgreement` (or `failed`).
        case workOutAgreement
        case back
        case quit
    }

    /// The order `b` goes through: each walk, then the groupings.
    static let groupings: [CompareGrouping?] = [nil] + CompareGrouping.allCases.map { $0 }

    /// Applies a key; `page` is the number of rows shown, `columnsShown` the number of columns.
    public mutating func apply(_ key: Key, page: Int = 10, columnsShown: Int = 3) -> Effect? {
        message = nil
        if help.take(key, lineCount: ScreenParts.helpLines(map: Self.keys).count) { return nil }
        if showsCell {
            // The closing key only closes the pop-up (as `?` help does); Ctrl-C still quits.
            showsCell = false
            return Self.keys.command(for: key) == .quit ? .quit : nil
        }
        guard let command = Self.keys.command(for: key) else { return nil }
        let lastRow = max(0, comparison.rows.count - 1)
        let lastColumn = max(0, comparison.columns.count - 1)
        switch command {
        case .up: row = max(0, row - 1)
        case .down: row = min(lastRow, row + 1)
        case .left: column = max(0, column - 1)
        case .right: column = min(lastColumn, column + 1)
        case .pageUp: row = max(0, row - max(1, page))
        case .pageDown: row = min(lastRow, row + max(1, page))
        case .first: row = 0
        case .last: row = lastRow
        case .firstColumn: column = 0
        case .lastColumn: column = lastColumn
        case .columnsLeft: column = max(0, column - max(1, columnsShown))
        case .columnsRight: column = min(lastColumn, column + max(1, columnsShown))
        case .nextFlip, .previousFlip:
            let flips = comparison.rows.indices.filter { comparison.rows[$0].flip }
            let next = command == .nextFlip ? (flips.first { $0 > row } ?? flips.first) : (flips.last { $0 < row } ?? flips.last)
            if let next {
                row = next
            } else {
                message = WalkState.Message(text: "No touchpoint flips: none was magic in one walk and misery in another.", kind: .info)
            }
        case .group:
            let index = Self.groupings.firstIndex(of: comparison.grouping) ?? 0
            let next = Self.groupings[(index + 1) % Self.groupings.count]
            return .regroup(next)
        case .cell: showsCell = !showsAgreement && comparison.rows.indices.contains(row) && comparison.columns.indices.contains(column)
        case .agreement:
            if showsAgreement {
                showsAgreement = false
            } else if agreement != nil {
                showsAgreement = true
            } else {
                return .workOutAgreement
            }
        case .help: help = HelpOverlay()
        case .back: return .back
        case .quit: return .quit
        }
        return nil
    }

    /// The comparison built again with other columns; the cursor stays on its touchpoint.
    public mutating func regrouped(_ fresh: Comparison) {
        let touchpoint = comparison.rows.indices.contains(row) ? comparison.rows[row].touchpoint : nil
        comparison = fresh
        row = touchpoint.flatMap { id in fresh.rows.firstIndex { $0.touchpoint == id } } ?? min(row, max(0, fresh.rows.count - 1))
        column = min(column, max(0, fresh.columns.count - 1))
    }

    /// The agreement worked out, shown instead of the matrix.
    public mutating func showAgreement(_ worked: Agreement) {
        agreement = worked
        showsAgreement = true
    }

    /// The regrouping (or the agreement) could not be done.
    public mutating func failed(_ text: String) {
        message = WalkState.Message(text: text, kind: .error)
    }
}
