import Foundation

/// Builds a comparison from walks given one at a time (a stream: the walks themselves are not
/// kept, only their cells). Touchpoints are matched by id across journey versions; a touchpoint
/// inserted during a walk is matched by its title.
public struct ComparisonBuilder: Sendable {
    public let journeyID: String
    public let grouping: CompareGrouping?
    private var journeyTitle = ""
    private var newestVisit: Date?
    private var columns: [Comparison.Column] = []
    private var columnIndex: [String: Int] = [:]
    /// Sort keys of walk columns: visit start and id.
    private var columnOrder: [(Date, String)] = []
    /// The touchpoints as rows, matched across versions (`TouchpointRows`).
    private var rows = TouchpointRows()
    /// Per row, per column.
    private var grid: [[Comparison.Cell]] = []
    private var problems: [String] = []

    public init(journeyID: String, grouping: CompareGrouping?) {
        self.journeyID = journeyID
        self.grouping = grouping
    }

    /// Notes a walk file that was left out, or lines of a walk that were not loaded.
    public mutating func note(_ problem: String) { problems.append(problem) }

    /// Adds one walk; `outline` is its journey version's outline (`walk.outlineKey`).
    public mutating func add(_ walk: WalkDigest, outline: JourneyOutline) {
        let outlineKey = walk.outlineKey
        rows.note(outline, key: outlineKey, visitStart: walk.visitStart)
        if newestVisit.map({ walk.visitStart >= $0 }) ?? true {
            journeyTitle = walk.journeyTitle
            newestVisit = walk.visitStart
        }
        // A walk's column is named by its identity: a team copy's `AUTHOR/ID` is never the column of a walk with its id.
        let key = grouping?.key(of: walk) ?? walk.identity
        let column: Int
        if let existing = columnIndex[key], grouping != nil {
            column = existing
            columns[column].walks += 1
        } else {
            column = columns.count
            columnIndex[key] = column
            columns.append(Comparison.Column(key: key, walks: 1, walk: grouping == nil ? walk.heading : nil))
            columnOrder.append((walk.visitStart, walk.identity))
            for row in grid.indices { grid[row].append(Comparison.Cell()) }
        }
        var previous: String?
        for step in walk.steps {
            let row = rows.row(touchpoint: step.touchpoint, adhocTitle: step.adhocTitle, outlineKey: outlineKey, previous: &previous)
            if row == grid.count { grid.append(Array(repeating: Comparison.Cell(), count: columns.count)) }
            grid[row][column].add(step)
        }
    }

    /// The comparison: walk columns oldest first, group columns by value (walks without one last);
    /// rows in the newest version's order, older versions' touchpoints after the one they followed.
    public func build() -> Comparison {
        let columnPermutation: [Int]
        if grouping == nil {
            columnPermutation = columns.indices.sorted { columnOrder[$0] < columnOrder[$1] }
        } else if grouping == .month {
            columnPermutation = columns.indices.sorted { columns[$0].key < columns[$1].key }
        } else {
            columnPermutation = columns.indices.sorted {
                let (a, b) = (columns[$0].key, columns[$1].key)
                if a.isEmpty != b.isEmpty { return b.isEmpty }
                let (la, lb) = (a.lowercased(), b.lowercased())
                return la != lb ? la < lb : a < b
            }
        }
        var built: [Comparison.Row] = []
        for row in rows.ordered() {
            var cells = columnPermutation.map { grid[row.index][$0] }
            for (position, column) in columnPermutation.enumerated() {
                cells[position].absent = columns[column].walks - cells[position].present
            }
            built.append(Comparison.Row(
                touchpoint: row.touchpoint, title: row.title, stage: row.stage, adhoc: row.adhoc, onlyIn: row.onlyIn, cells: cells))
        }
        return Comparison(
            journeyID: journeyID, journeyTitle: journeyTitle.isEmpty ? journeyID : journeyTitle, grouping: grouping,
            columns: columnPermutation.map { columns[$0] }, rows: built, problems: problems)
    }
}
