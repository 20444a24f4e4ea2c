import Foundation

/// Builds the agreement of walks of one journey given one at a time (a stream: of each walk only
/// its answers are kept, a few bytes each). Touchpoints are matched as compare matches them
/// (`TouchpointRows`); checklist items within a touchpoint by their text.
public struct AgreementBuilder: Sendable {
    public let journeyID: String
    private var journeyTitle = ""
    private var newestVisit: Date?
    private var walks = 0
    private var rows = TouchpointRows()
    /// Per row: magic, neutral and misery counts.
    private var verdicts: [[Int]] = []
    /// Per row: its item units in the order first seen, and the newest walk's order of them.
    private var rowItems: [[Int]] = []
    private var rowItemOrder: [(rank: Rank, units: [Int])?] = []
    /// Item units: their row, text and Yes and No counts.
    private var items: [(row: Int, text: String, counts: [Int])] = []
    private var itemIndex: [ItemKey: Int] = [:]
    /// Each answer kept for the walkers' figures: the walker, the unit and the category.
    private var itemAnswers: [Answered] = []
    private var verdictAnswers: [Answered] = []
    /// Walkers by key (the operator, or `\u{0}WALK-ID` for a walk without one).
    private var walkerIndex: [String: Int] = [:]
    private var walkers: [Agreement.Walker] = []
    private var problems: [String] = []

    /// How recent a walk's journey version is: its version, then its visit.
    typealias Rank = (version: Int, visit: Date)

    private struct ItemKey: Hashable {
        var row: Int
        var text: String
        /// Which item of that text in the touchpoint (0 for the first).
        var occurrence: Int
    }

    private struct Answered {
        var walker: Int32
        var unit: Int32
        var category: UInt8
    }

    public init(journeyID: String) {
        self.journeyID = journeyID
    }

    /// Notes a walk file that was left out.
    public mutating func note(_ problem: String) { problems.append(problem) }

    /// Adds one walk of the journey: its verdicts and checklist answers.
    public mutating func add(_ walk: Walk) {
        let journey = walk.journey
        let outline = JourneyOutline(journey)
        let outlineKey = outline.key
        let visit = walk.header.statedStart ?? walk.header.started
        rows.note(outline, key: outlineKey, visitStart: visit)
        if newestVisit.map({ visit >= $0 }) ?? true {
            journeyTitle = journey.title
            newestVisit = visit
        }
        walks += 1
        let walker = walkerNumber(walk)
        let rank: Rank = (journey.version ?? Int.min, visit)
        var previous: String?
        for step in walk.steps {
            let touchpoint = step.touchpoint
            let row = rows.row(touchpoint: touchpoint.id, adhocTitle: touchpoint.adhoc ? touchpoint.title : nil, outlineKey: outlineKey, previous: &previous)
            if row == verdicts.count {
                verdicts.append([0, 0, 0])
                rowItems.append([])
                rowItemOrder.append(nil)
            }
            let moment = walk.moment(for: touchpoint.id)
            if let category = Agreement.category(moment.rating) {
                verdicts[row][category] += 1
                verdictAnswers.append(Answered(walker: Int32(walker), unit: Int32(row), category: UInt8(category)))
            }
            guard !touchpoint.checklist.isEmpty else { continue }
            var seen: [String: Int] = [:]
            var units: [Int] = []
            units.reserveCapacity(touchpoint.checklist.count)
            for (index, entry) in touchpoint.checklist.enumerated() {
                let occurrence = seen[entry.item, default: 0]
                seen[entry.item] = occurrence + 1
                let key = ItemKey(row: row, text: entry.item, occurrence: occurrence)
                let unit: Int
                if let known = itemIndex[key] {
                    unit = known
                } else {
                    unit = items.count
                    itemIndex[key] = unit
                    items.append((row, entry.item, [0, 0]))
                    rowItems[row].append(unit)
                }
                units.append(unit)
                if let category = Agreement.category(moment.answers[index]) {
                    items[unit].counts[category] += 1
                    itemAnswers.append(Answered(walker: Int32(walker), unit: Int32(unit), category: UInt8(category)))
                }
            }
            if rowItemOrder[row].map({ Self.isNewer(rank, than: $0.rank) }) ?? true { rowItemOrder[row] = (rank, units) }
        }
    }

    private static func isNewer(_ a: Rank, than b: Rank) -> Bool {
        a.version != b.version ? a.version > b.version : a.visit >= b.visit
    }

    /// The walker a walk counts for: its operator, or the walk itself when it names none.
    private mutating func walkerNumber(_ walk: Walk) -> Int {
        let name = walk.header.details.operator
        let key = name.isEmpty ? "\u{0}" + walk.header.walkID : name
        if let known = walkerIndex[key] {
            walkers[known].walks += 1
            return known
        }
        walkerIndex[key] = walkers.count
        walkers.append(Agreement.Walker(operator: name, walkID: name.isEmpty ? walk.header.walkID : nil))
        return walkers.count - 1
    }

    /// The agreement: touchpoints in compare's row order, walkers by name.
    public func build() -> Agreement {
        var touchpoints: [Agreement.Touchpoint] = []
        for row in rows.ordered() {
            var order = rowItemOrder[row.index]?.units ?? []
            let newest = Set(order)
            order += rowItems[row.index].filter { !newest.contains($0) }
            let counts = verdicts[row.index]
            touchpoints.append(Agreement.Touchpoint(
                touchpoint: row.touchpoint, title: row.title, stage: row.stage, adhoc: row.adhoc,
                magic: counts[0], neutral: counts[1], misery: counts[2],
                items: order.map { Agreement.Item(touchpoint: row.touchpoint, item: items[$0].text, yes: items[$0].counts[0], no: items[$0].counts[1]) }))
        }
        var people = walkers
        let itemMajority = items.map { Agreement.strictMajority($0.counts) }
        for answer in itemAnswers {
            guard let majority = itemMajority[Int(answer.unit)] else { continue }
            people[Int(answer.walker)].of += 1
            if Int(answer.category) != majority { people[Int(answer.walker)].differs += 1 }
        }
        let verdictMajority = verdicts.map { Agreement.strictMajority($0) }
        for answer in verdictAnswers {
            guard let majority = verdictMajority[Int(answer.unit)] else { continue }
            people[Int(answer.walker)].verdictOf += 1
            if Int(answer.category) != majority { people[Int(answer.walker)].verdictDiffers += 1 }
        }
        people.sort { a, b in
            if (a.walkID == nil) != (b.walkID == nil) { return a.walkID == nil }
            if let x = a.walkID, let y = b.walkID { return x < y }
            let (la, lb) = (a.operator.lowercased(), b.operator.lowercased())
            return la != lb ? la < lb : a.operator < b.operator
        }
        return Agreement(
            journeyID: journeyID, journeyTitle: journeyTitle.isEmpty ? journeyID : journeyTitle, walks: walks,
            touchpoints: touchpoints, walkers: people, problems: problems)
    }
}
