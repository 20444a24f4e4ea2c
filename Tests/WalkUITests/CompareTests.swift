import Foundation
import JourneyKit
@testable import WalkUI
import Testing

/// A comparison of six walks of two versions of the store journey, at three locations.
func storeComparison(grouping: CompareGrouping? = nil) -> Comparison {
    let v2 = JourneyOutline(storeJourney)
    var v1Journey = storeJourney
    v1Journey.version = 2
    v1Journey.stages[1].touchpoints.remove(at: 2)
    v1Journey.stages[1].touchpoints[0].title = "Welcome"
    let v1 = JourneyOutline(v1Journey)
    let places = ["Main Street", "Harbour Road", "Old Town"]
    let people = ["Sam", "Ann", "Zoë"]
    let verdicts: [[Rating?]] = [
        [Rating(.magic), Rating(.misery, intensity: 2), Rating(.magic), Rating(.neutral)],
        [Rating(.magic), Rating(.misery), Rating(.neutral), nil],
        [Rating(.neutral), Rating(.magic), Rating(.magic, intensity: 2), Rating(.skipped), Rating(.neutral)],
        [Rating(.magic), Rating(.misery), Rating(.magic), Rating(.neutral), Rating(.misery)],
        [Rating(.skipped), Rating(.neutral), Rating(.magic), Rating(.magic), nil],
        [Rating(.magic), Rating(.misery), Rating(.neutral), Rating(.misery), Rating(.neutral)],
    ]
    var builder = ComparisonBuilder(journeyID: storeJourney.id, grouping: grouping)
    for (index, row) in verdicts.enumerated() {
        let outline = index < 2 ? v1 : v2
        let ids = outline.touchpoints.map(\.id)
        let steps = zip(ids, row).map { id, rating in
            WalkDigest.Step(
                touchpoint: id, rating: rating, timer: id == "greeting" ? Double(20 + index * 7) : nil,
                target: outline.touchpoints.first { $0.id == id }?.target, yes: id == "find-opening-hours" ? index % 3 : 0, asked: id == "find-opening-hours" ? 2 : 0)
        }
        let started = at(Double(index) * 86_400 * 9)
        let walk = WalkDigest(
            walkID: "2026-walk-\(index + 1)", path: "/w/\(index).jsonl", journeyID: storeJourney.id, journeyTitle: storeJourney.title,
            journeyVersion: outline.version, outlineKey: outline.key, operator: people[index % 3], role: "shopper", location: places[index % 3],
            channel: "store", started: started, statedStart: nil, lastChange: started, status: index == 5 ? .draft : .complete,
            summary: WalkSummary(), score: nil, problems: [], steps: steps)
        builder.add(walk, outline: outline)
    }
    return builder.build()
}

func render(_ state: CompareState, width: Int, height: Int) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    CompareScreen.render(state, into: &canvas)
    return canvas
}

@Suite struct CompareStateTests {
    @Test func movesBothWaysAndJumpsToFlips() {
        var state = CompareState(comparison: storeComparison())
        #expect(state.comparison.rows.map(\.touchpoint) == ["find-opening-hours", "greeting", "needs", "payment", "follow-up"])
        #expect(state.comparison.flips.map(\.touchpoint) == ["greeting", "payment"])
        _ = state.apply(.char("f"))
        #expect(state.row == 1)
        _ = state.apply(.char("f"))
        #expect(state.row == 3)
        _ = state.apply(.char("f"))
        #expect(state.row == 1, "wraps round")
        _ = state.apply(.char("F"))
        #expect(state.row == 3)
        _ = state.apply(.right)
        _ = state.apply(.char("l"))
        #expect(state.column == 2)
        _ = state.apply(.char("$"))
        #expect(state.column == 5)
        _ = state.apply(.char("<"), columnsShown: 3)
        #expect(state.column == 2)
        _ = state.apply(.char("0"))
        #expect(state.column == 0)
        _ = state.apply(.char("G"))
        #expect(state.row == 4)
        #expect(state.apply(.escape) == .back)
        #expect(state.apply(.control("c")) == .quit)
    }

    @Test func groupingCyclesAndKeepsTheTouchpoint() {
        var state = CompareState(comparison: storeComparison())
        _ = state.apply(.down)
        _ = state.apply(.down)
        #expect(state.apply(.char("b")) == .regroup(.location))
        state.regrouped(storeComparison(grouping: .location))
        #expect(state.comparison.grouping == .location)
        #expect(state.comparison.rows[state.row].touchpoint == "needs")
        #expect(state.apply(.char("b")) == .regroup(.channel))
    }

    @Test func theCellOpensInFullAndAnyKeyClosesIt() {
        var state = CompareState(comparison: storeComparison())
        _ = state.apply(.down)
        _ = state.apply(.enter)
        #expect(state.showsCell)
        let lines = CompareScreen.cellLines(state)
        #expect(lines.contains("Walk 2026-walk-1"))
        #expect(lines.contains("timer 0:20 within 0:30"))
        _ = state.apply(.char("x"))
        #expect(!state.showsCell)
    }

    @Test func theKeyThatClosesTheCellOnlyClosesIt() {
        var state = CompareState(comparison: storeComparison())
        _ = state.apply(.down)
        for key: Key in [.char("q"), .escape, .char("j"), .char("b"), .char("l"), .enter, .char("?")] {
            _ = state.apply(.enter)
            #expect(state.showsCell)
            #expect(state.apply(key) == nil, "\(key) closes the cell and does nothing else")
            #expect(!state.showsCell)
            #expect(state.help == nil)
            #expect((state.row, state.column) == (1, 0), "\(key) does not move the cursor")
        }
        _ = state.apply(.enter)
        #expect(state.apply(.control("c")) == .quit, "Ctrl-C still quits")
    }

    @Test func screensAt80x24() {
        var state = CompareState(comparison: storeComparison())
        _ = state.apply(.down)
        assertSnapshot(render(state, width: 80, height: 24), named: "compare-walks-80x24")
        _ = state.apply(.char("$"))
        assertSnapshot(render(state, width: 80, height: 24), named: "compare-walks-last-columns-80x24")
        _ = state.apply(.enter)
        assertSnapshot(render(state, width: 80, height: 24), named: "compare-cell-80x24")
    }

    @Test func screensAt120x40() {
        var state = CompareState(comparison: storeComparison(grouping: .location))
        _ = state.apply(.char("f"))
        assertSnapshot(render(state, width: 120, height: 40), named: "compare-by-location-120x40")
        state = CompareState(comparison: storeComparison())
        assertSnapshot(render(state, width: 120, height: 40), named: "compare-walks-120x40")
    }

    @Test func wideScreensShowTheColumnHeadingsInFull() {
        let state = CompareState(comparison: storeComparison())
        let canvas = render(state, width: 200, height: 30)
        assertSnapshot(canvas, named: "compare-walks-200x30")
        for heading in ["11-22 Main Street", "12-01 Harbour Road", "12-10 Old Town", "01-06 Old Town"] {
            #expect(canvas.text(row: 2).contains(heading), "\(heading) cut:\n\(canvas.text(row: 2))")
        }
        #expect(!canvas.text(row: 2).contains("…"))
        #expect(CompareScreen.columnsShown(width: 200, comparison: state.comparison) >= 6)
        // Where not every column fits, they keep their width and the screen scrolls.
        #expect(CompareScreen.columnsShown(width: 120, comparison: state.comparison) == 5)
        #expect(render(state, width: 120, height: 30).text(row: 2).contains("11-22 Main S…"))
    }

    @Test func tooSmallSaysSo() {
        let canvas = render(CompareState(comparison: storeComparison()), width: 50, height: 10)
        #expect(canvas.text.contains("Terminal too small"))
    }
}

@Suite struct ReviewMarksTests {
    let items = [
        listing(1, operator: "Sam", misery: 3),
        listing(2, journey: "gym-membership", title: "Gym membership", operator: "Zoë", misery: 0, finished: false),
        listing(3, operator: "Ann", misery: 1),
    ]

    @Test func marksWalksAndComparesThem() {
        var state = ReviewListState(items: items)
        // Newest first: 3, 2, 1.
        _ = state.apply(.char("m"))
        #expect(state.marked == ["/w/3.jsonl"])
        #expect(state.selected?.path == "/w/2.jsonl", "marking moves on to the next walk")
        _ = state.apply(.down)
        _ = state.apply(.char("m"))
        #expect(state.marked == ["/w/3.jsonl", "/w/1.jsonl"])
        // Both are every retail walk shown: compared through the index, not file by file.
        guard case .compare(let request)? = state.apply(.char("C")) else { Issue.record("no compare"); return }
        #expect(request.journey == "retail-store-visit")
        #expect(request.paths == nil)
        _ = state.apply(.char("m"))
        guard case .compare(let one)? = state.apply(.char("C")) else { Issue.record("no compare"); return }
        #expect(one.paths == ["/w/3.jsonl"])
    }

    @Test func marksOfTwoJourneysAreRefusedWithANote() {
        var state = ReviewListState(items: items)
        _ = state.apply(.char("m"))
        _ = state.apply(.char("m"))
        #expect(state.apply(.char("C")) == nil)
        #expect(state.notes.first?.hasPrefix("The marked walks are of 2 journeys") == true)
    }

    @Test func withNothingMarkedTheSelectedWalksJourneyIsCompared() {
        var state = ReviewListState(items: items)
        _ = state.apply(.down)
        #expect(state.apply(.char("C")) == .compare(.init(journey: "gym-membership", paths: nil, filter: WalkFilter(journey: "gym-membership"))))
        _ = state.apply(.char("M"))
        #expect(state.marked == ["/w/2.jsonl"])
        _ = state.apply(.char("M"))
        #expect(state.marked.isEmpty)
    }

    @Test func theFilterLineTakesFields() {
        var state = ReviewListState(items: items)
        _ = state.apply(.char("/"))
        for character in "operator:ann" { _ = state.apply(.char(character)) }
        #expect(state.visible == [2])
        for character in " status:draft" { _ = state.apply(.char(character)) }
        #expect(state.visible == [])
        for _ in 0..<13 { _ = state.apply(.backspace) }
        for character in " status:zz" { _ = state.apply(.char(character)) }
        #expect(state.filterProblem == "status: 'zz' is not draft, complete or submitted")
        var canvas = Canvas(width: 80, height: 24)
        ReviewListScreen.render(state, into: &canvas)
        #expect(canvas.text.contains("Filter: status: 'zz' is not draft"))
        _ = state.apply(.backspace)
        _ = state.apply(.backspace)
        for character in "complete" { _ = state.apply(.char(character)) }
        #expect(state.filterProblem == nil)
        #expect(state.visible == [2])
        let started = ReviewListState(items: items, filter: "since:2026-11-24")
        #expect(started.visible.count == 2)
    }

    @Test func marksAreShownOnTheList() {
        var state = ReviewListState(items: items)
        _ = state.apply(.char("m"))
        var canvas = Canvas(width: 80, height: 24)
        ReviewListScreen.render(state, into: &canvas)
        assertSnapshot(canvas, named: "review-list-marked-80x24")
    }
}
