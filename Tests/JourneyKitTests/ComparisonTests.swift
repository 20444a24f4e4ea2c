import Foundation
import Testing
@testable import JourneyKit

/// A walk digest made by hand: verdicts per touchpoint in walking order.
func digest(
    _ id: String, outline: JourneyOutline, location: String = "", operator name: String = "", day: Int = 1,
    _ verdicts: [(String, Rating?)], timers: [String: Double] = [:], answers: [String: (yes: Int, asked: Int)] = [:], adhoc: [String: String] = [:]
) -> WalkDigest {
    let targets = Dictionary(outline.touchpoints.map { ($0.id, $0.target) }, uniquingKeysWith: { a, _ in a })
    let steps = verdicts.map { touchpoint, rating in
        WalkDigest.Step(
            touchpoint: touchpoint, adhocTitle: adhoc[touchpoint], rating: rating, timer: timers[touchpoint], target: targets[touchpoint] ?? nil,
            yes: answers[touchpoint]?.yes ?? 0, asked: answers[touchpoint]?.asked ?? 0)
    }
    let started = Date(timeIntervalSince1970: 1_790_000_000 + Double(day) * 86_400)
    return WalkDigest(
        walkID: id, path: "/walks/\(id).jsonl", journeyID: outline.journeyID, journeyTitle: outline.title, journeyVersion: outline.version,
        outlineKey: outline.key, operator: name, role: "shopper", location: location, channel: "store", started: started, statedStart: nil,
        lastChange: started, status: .complete, summary: WalkSummary(), score: nil, problems: [], steps: steps)
}

let shopV1 = JourneyOutline(journeyID: "shop", title: "Shop", version: 1, touchpoints: [
    .init(id: "door", title: "Door", stage: "Arrive", target: 30),
    .init(id: "greet", title: "Greeting", stage: "Arrive", target: nil),
    .init(id: "till", title: "Till", stage: "Buy", target: 120),
    .init(id: "leave", title: "Leaving", stage: "Buy", target: nil),
])

@Suite struct ComparisonTests {
    let magic = Rating(.magic), strongMagic = Rating(.magic, intensity: 2), neutral = Rating(.neutral)
    let misery = Rating(.misery), strongMisery = Rating(.misery, intensity: 2), skipped = Rating(.skipped)

    /// Four walks, worked out by hand:
    /// door:  magic, magic, misery, skipped        → 2 of 3 counted agree with magic: 0.667, flips
    /// greet: neutral ×4                           → 1.0, no flip
    /// till:  skipped, unrecorded, skipped, unrec. → no magic, neutral or misery: null, no flip
    /// leave: strong magic, neutral, neutral, strong misery → 2 of 4: 0.5, flips
    func fourWalks() -> [WalkDigest] {
        [
            digest("w1", outline: shopV1, location: "North", day: 1, [("door", magic), ("greet", neutral), ("till", skipped), ("leave", strongMagic)], timers: ["door": 20, "till": 100]),
            digest("w2", outline: shopV1, location: "North", day: 2, [("door", magic), ("greet", neutral), ("till", nil), ("leave", neutral)], timers: ["door": 40], answers: ["door": (3, 4)]),
            digest("w3", outline: shopV1, location: "South", day: 3, [("door", misery), ("greet", neutral), ("till", skipped), ("leave", neutral)], answers: ["door": (1, 4)]),
            digest("w4", outline: shopV1, location: "South", day: 4, [("door", skipped), ("greet", neutral), ("till", nil), ("leave", strongMisery)]),
        ]
    }

    @Test func consistencyAndFlipsAsWorkedOutByHand() throws {
        var builder = ComparisonBuilder(journeyID: "shop", grouping: nil)
        for walk in fourWalks().reversed() { builder.add(walk, outline: shopV1) }
        let comparison = builder.build()
        #expect(comparison.columns.map(\.key) == ["w1", "w2", "w3", "w4"], "walk columns oldest first")
        #expect(comparison.rows.map(\.touchpoint) == ["door", "greet", "till", "leave"])
        let door = comparison.rows[0], greet = comparison.rows[1], till = comparison.rows[2], leave = comparison.rows[3]
        #expect(door.consistency.map { ($0 * 1000).rounded() } == 667)
        #expect(door.flip)
        #expect(greet.consistency == 1.0)
        #expect(!greet.flip)
        #expect(till.consistency == nil)
        #expect(!till.flip)
        #expect(leave.consistency == 0.5)
        #expect(leave.flip)
        #expect(comparison.flips.map(\.touchpoint) == ["door", "leave"])
        #expect(door.cells.map(\.glyph) == ["★", "★", "✖", "○"])
        #expect(leave.cells.map(\.glyph) == ["★★", "●", "●", "✖✖"])
        #expect(till.cells.map(\.glyph) == ["○", "·", "○", "·"])
        // Timer against target: 20 s and 40 s against 30 s.
        #expect(door.cells[0].timerText(single: true) == "0:20✓")
        #expect(door.cells[1].timerText(single: true) == "0:40✗")
        #expect(door.cells[1].scoreText == "75%")
        // w1 timed the till (1:40 against 2:00) and then skipped it: in the mean, never judged.
        #expect(till.cells[0].timed == 1 && till.cells[0].targeted == 0 && till.cells[0].met == 0)
        #expect(till.cells[0].timerText(single: true) == "1:40", "no ✓ for a skipped touchpoint")
    }

    @Test func groupsCountTheirWalks() throws {
        var builder = ComparisonBuilder(journeyID: "shop", grouping: .location)
        for walk in fourWalks() { builder.add(walk, outline: shopV1) }
        let comparison = builder.build()
        #expect(comparison.columns.map(\.key) == ["North", "South"])
        #expect(comparison.columns.map(\.walks) == [2, 2])
        let door = comparison.rows[0]
        #expect(door.cells[0].magic == 2 && door.cells[0].misery == 0)
        #expect(door.cells[1].misery == 1 && door.cells[1].skipped == 1)
        #expect(door.cells[0].timerText(single: false) == "0:30 1/2✓", "mean of 20 and 40 s; one of two within 30 s")
        #expect(door.cells[1].score == 25.0)
        // Consistency is over all walks, whatever the grouping.
        #expect(door.consistency.map { ($0 * 1000).rounded() } == 667)
        #expect(door.cells[0].share(door.cells[0].magic) == 100)
        #expect(door.cells[1].share(door.cells[1].misery) == 50)
    }

    @Test func versionsAreMatchedByTouchpointIDAndPartialTouchpointsAreShownAsSuch() throws {
        // Version 2 removes "greet", adds "parking" before "door", and renames "till" to "Checkout".
        let v2 = JourneyOutline(journeyID: "shop", title: "Shop", version: 2, touchpoints: [
            .init(id: "parking", title: "Parking", stage: "Arrive", target: nil),
            .init(id: "door", title: "Door", stage: "Arrive", target: 30),
            .init(id: "till", title: "Checkout", stage: "Buy", target: 120),
            .init(id: "leave", title: "Leaving", stage: "Buy", target: nil),
        ])
        var builder = ComparisonBuilder(journeyID: "shop", grouping: nil)
        builder.add(digest("old", outline: shopV1, day: 1, [("door", magic), ("greet", neutral), ("till", misery), ("leave", magic)]), outline: shopV1)
        builder.add(digest("new", outline: v2, day: 5, [("parking", misery), ("door", misery), ("till", magic), ("leave", magic)]), outline: v2)
        let comparison = builder.build()
        #expect(comparison.rows.map(\.touchpoint) == ["parking", "door", "greet", "till", "leave"], "the newest version's order, the older version's touchpoint after the one it followed")
        #expect(comparison.rows.map(\.title) == ["Parking", "Door", "Greeting", "Checkout", "Leaving"], "titles from the newest version")
        #expect(comparison.rows[0].onlyIn == [2])
        #expect(comparison.rows[2].onlyIn == [1])
        #expect(comparison.rows[1].onlyIn == nil)
        #expect(comparison.rows[0].cells.map(\.glyph) == ["—", "✖"])
        #expect(comparison.rows[0].cells[0].absent == 1)
        #expect(comparison.rows[3].flip, "till was misery in version 1 and magic in version 2: matched by id")
        #expect(comparison.rows[0].consistency == 1.0)
    }

    @Test func adhocTouchpointsAreMatchedByTitleAndFollowTheirTouchpoint() throws {
        var builder = ComparisonBuilder(journeyID: "shop", grouping: nil)
        builder.add(digest("a", outline: shopV1, day: 1, [("door", magic), ("adhoc-1", misery), ("greet", neutral), ("till", nil), ("leave", nil)], adhoc: ["adhoc-1": "Fire alarm"]), outline: shopV1)
        builder.add(digest("b", outline: shopV1, day: 2, [("door", magic), ("greet", neutral), ("adhoc-1", magic), ("till", nil), ("leave", nil)], adhoc: ["adhoc-1": "Fire Alarm"]), outline: shopV1)
        let comparison = builder.build()
        #expect(comparison.rows.map(\.title) == ["Door", "Fire alarm", "Greeting", "Till", "Leaving"])
        #expect(comparison.rows[1].adhoc)
        #expect(comparison.rows[1].flip, "the same title in two walks is one row")
        #expect(comparison.rows[1].onlyIn == nil)
    }

    @Test func monthsAreColumnsInOrder() throws {
        var builder = ComparisonBuilder(journeyID: "shop", grouping: .month)
        builder.add(digest("late", outline: shopV1, day: 40, [("door", magic)]), outline: shopV1)
        builder.add(digest("early", outline: shopV1, day: 1, [("door", misery)]), outline: shopV1)
        let comparison = builder.build()
        #expect(comparison.columns.map(\.key) == ["2026-09", "2026-10"])
    }

    @Test func filtersParseFieldsAndWords() throws {
        let filter = try WalkFilter.parse(line: "operator:ann since:2026-11-01 until:2026-11-30 location:\"main st\" status:finished greeting")
        #expect(filter.operator == "ann")
        #expect(filter.location == "main st")
        #expect(filter.status == .complete)
        #expect(filter.since == Timestamp.parse("2026-11-01T00:00:00Z"))
        #expect(filter.until == Timestamp.parse("2026-12-01T00:00:00Z"), "the day given is included")
        #expect(filter.text == "greeting")
        #expect(throws: WalkFilter.Problem.self) { try WalkFilter.parse(line: "since:yesterday") }
        #expect(throws: WalkFilter.Problem("unknown filter field 'loaction' (fields: since, until, operator, location, status, journey)")) {
            try WalkFilter.parse(line: "greeting loaction:main")
        }
        #expect(throws: WalkFilter.Problem("unknown filter field 'foo' (fields: since, until, operator, location, status, journey)")) {
            try WalkFilter.parse(line: "foo:bar")
        }
        let words = try WalkFilter.parse(line: "\"note:late\" 10:15 Operator:ann")
        #expect(words.text == "note:late 10:15", "a quoted word and a time are words")
        #expect(words.operator == "ann", "a field's name in any case")
        #expect(try WalkFilter.parse(line: words.line) == words, "reads back as it was")
        #expect(try WalkFilter.parse(line: "since:2026-11-01 until:2026-11-30").line == "since:2026-11-01 until:2026-11-30", "days read back as typed")
        #expect(try WalkFilter.parse(line: "until:2026-11-30T10:00:00Z").line == "until:2026-11-30T10:00:00Z")
        #expect(ReaderTime.midnight(of: "2026-02-30") == nil)
        let walk = digest("w", outline: shopV1, location: "Main Street", operator: "Annabel", day: 1, [])
        #expect(WalkFilter(operator: "ANN").matches(walk))
        #expect(!WalkFilter(location: "north").matches(walk))
        #expect(WalkFilter(text: "shop w").matches(walk))
        #expect(!WalkFilter(since: walk.started.addingTimeInterval(1)).matches(walk))
        #expect(!WalkFilter(until: walk.started).matches(walk))
    }
}
