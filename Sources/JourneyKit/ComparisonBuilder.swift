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
    private var rowIndex: [String: Int] = [:]
    /// Per row, per column.
    private var grid: [[Comparison.Cell]] = []
    /// The outlines seen, with the newest visit of each, to order the rows and name them.
    private var outlines: [String: (outline: JourneyOutline, newest: Date)] = [:]
    /// Outline keys each row appears in.
    private var rowOutlines: [Set<String>] = []
    /// Ad-hoc rows: their id, title and the row they follow, by row key.
    private var adhoc: [String: (id: String, title: String, after: String?)] = [:]
    private var adhocOrder: [String] = []
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
        if let seen = outlines[outlineKey] {
            if walk.visitStart > seen.newest { outlines[outlineKey] = (outline, walk.visitStart) }
        } else {
            outlines[outlineKey] = (outline, walk.visitStart)
        }
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
            let rowKey = step.adhocTitle.map { "adhoc\u{1F}" + $0.lowercased() } ?? step.touchpoint
            let row: Int
            if let existing = rowIndex[rowKey] {
                row = existing
            } else {
                row = grid.count
                rowIndex[rowKey] = row
                grid.append(Array(repeating: Comparison.Cell(), count: columns.count))
                rowOutlines.append([])
                if let title = step.adhocTitle {
                    adhoc[rowKey] = (step.touchpoint, title, previous)
                    adhocOrder.append(rowKey)
                }
            }
            rowOutlines[row].insert(outlineKey)
            grid[row][column].add(step)
            previous = rowKey
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
        let newestFirst = outlines.values.sorted { a, b in
            let (va, vb) = (a.outline.version ?? Int.min, b.outline.version ?? Int.min)
            return va != vb ? va > vb : a.newest > b.newest
        }
        // Row order: the newest outline's touchpoints, then each older outline's missing ones after
        // the touchpoint they follow there, then ad-hoc touchpoints after the one they followed.
        var order: [String] = []
        var placed = Set<String>()
        var info: [String: (title: String, stage: String)] = [:]
        var insertedAfter: [String: String] = [:]
        func insert(_ key: String, after anchor: String?) {
            guard placed.insert(key).inserted else { return }
            guard let anchor, var position = order.firstIndex(of: anchor) else {
                order.append(key)
                return
            }
            position += 1
            // Keep earlier insertions after the same anchor in front.
            while position < order.count, insertedAfter[order[position]] == anchor { position += 1 }
            order.insert(key, at: position)
            insertedAfter[key] = anchor
        }
        for (index, entry) in newestFirst.enumerated() {
            var previous: String?
            for touchpoint in entry.outline.touchpoints where rowIndex[touchpoint.id] != nil {
                if info[touchpoint.id] == nil { info[touchpoint.id] = (touchpoint.title, touchpoint.stage) }
                if index == 0 { placed.insert(touchpoint.id); order.append(touchpoint.id) } else { insert(touchpoint.id, after: previous) }
                previous = touchpoint.id
            }
        }
        for key in adhocOrder {
            insert(key, after: adhoc[key]?.after)
        }
        // Anything else (a step whose outline was not given) goes last.
        for key in rowIndex.keys.sorted() where !placed.contains(key) { insert(key, after: nil) }

        let allOutlines = Set(outlines.keys)
        let versionOf = outlines.mapValues(\.outline.version)
        var rows: [Comparison.Row] = []
        for key in order {
            guard let row = rowIndex[key] else { continue }
            var cells = columnPermutation.map { grid[row][$0] }
            for (position, column) in columnPermutation.enumerated() {
                cells[position].absent = columns[column].walks - cells[position].present
            }
            let present = rowOutlines[row]
            var onlyIn: [Int?]?
            if adhoc[key] == nil, present != allOutlines {
                let versions = Set(present.map { versionOf[$0] ?? nil })
                onlyIn = versions.sorted { ($0 ?? Int.min) < ($1 ?? Int.min) }
            }
            let stage = info[key]?.stage ?? adhoc[key].flatMap { entry in entry.after.flatMap { info[$0]?.stage } } ?? ""
            rows.append(Comparison.Row(
                touchpoint: adhoc[key]?.id ?? key, title: adhoc[key]?.title ?? info[key]?.title ?? key, stage: stage,
                adhoc: adhoc[key] != nil, onlyIn: onlyIn, cells: cells))
        }
        return Comparison(
            journeyID: journeyID, journeyTitle: journeyTitle.isEmpty ? journeyID : journeyTitle, grouping: grouping,
            columns: columnPermutation.map { columns[$0] }, rows: rows, problems: problems)
    }
}
