import Foundation

/// The touchpoints of many walks of one journey as rows, the one way compare and calibration match
/// them: by id across journey versions, a touchpoint inserted during a walk by its title; ordered
/// as the newest version has them, older versions' touchpoints after the one they followed there,
/// inserted ones after the one they were inserted after.
struct TouchpointRows: Sendable {
    /// The outlines seen, with the newest visit of each, to order the rows and name them.
    private var outlines: [String: (outline: JourneyOutline, newest: Date)] = [:]
    private var rowIndex: [String: Int] = [:]
    /// Outline keys each row appears in.
    private var rowOutlines: [Set<String>] = []
    /// Ad-hoc rows: their id, title and the row they follow, by row key.
    private var adhoc: [String: (id: String, title: String, after: String?)] = [:]
    private var adhocOrder: [String] = []

    /// A row as it is shown.
    struct Row: Equatable, Sendable {
        /// The row's number as `row(touchpoint:…)` gave it.
        var index: Int
        var touchpoint: String
        var title: String
        var stage: String
        var adhoc: Bool
        /// The journey versions that have it, when not every walk's version does.
        var onlyIn: [Int?]?
    }

    /// Rows made so far.
    var count: Int { rowOutlines.count }

    /// Notes the outline of a walk's journey version (`key`: `JourneyOutline.key`).
    mutating func note(_ outline: @autoclosure () -> JourneyOutline, key: String, visitStart: Date) {
        if let seen = outlines[key] {
            if visitStart > seen.newest { outlines[key] = (outline(), visitStart) }
        } else {
            outlines[key] = (outline(), visitStart)
        }
    }

    /// The row of one touchpoint of a walk (a new row is numbered `count`); `previous` is the row
    /// key of the walk's touchpoint before it, and becomes this one's.
    mutating func row(touchpoint: String, adhocTitle: String?, outlineKey: String, previous: inout String?) -> Int {
        let rowKey = adhocTitle.map { "adhoc\u{1F}" + $0.lowercased() } ?? touchpoint
        let row: Int
        if let existing = rowIndex[rowKey] {
            row = existing
        } else {
            row = rowOutlines.count
            rowIndex[rowKey] = row
            rowOutlines.append([])
            if let adhocTitle {
                adhoc[rowKey] = (touchpoint, adhocTitle, previous)
                adhocOrder.append(rowKey)
            }
        }
        rowOutlines[row].insert(outlineKey)
        previous = rowKey
        return row
    }

    /// The rows in the order shown: the newest outline's touchpoints, then each older outline's
    /// missing ones after the touchpoint they follow there, then ad-hoc touchpoints after the one
    /// they followed.
    func ordered() -> [Row] {
        let newestFirst = outlines.values.sorted { a, b in
            let (va, vb) = (a.outline.version ?? Int.min, b.outline.version ?? Int.min)
            return va != vb ? va > vb : a.newest > b.newest
        }
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
        var rows: [Row] = []
        for key in order {
            guard let row = rowIndex[key] else { continue }
            let present = rowOutlines[row]
            var onlyIn: [Int?]?
            if adhoc[key] == nil, present != allOutlines {
                let versions = Set(present.map { versionOf[$0] ?? nil })
                onlyIn = versions.sorted { ($0 ?? Int.min) < ($1 ?? Int.min) }
            }
            let stage = info[key]?.stage ?? adhoc[key].flatMap { entry in entry.after.flatMap { info[$0]?.stage } } ?? ""
            rows.append(Row(
                index: row, touchpoint: adhoc[key]?.id ?? key, title: adhoc[key]?.title ?? info[key]?.title ?? key, stage: stage,
                adhoc: adhoc[key] != nil, onlyIn: onlyIn))
        }
        return rows
    }
}
