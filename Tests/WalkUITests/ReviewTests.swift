import Foundation
import JourneyKit
import JourneyReports
@testable import WalkUI
import Testing

func reviewedWalk(finished: Bool = true) -> Walk {
    var walk = Walk(header: storeHeader())
    walk.apply(.rated(RatingChange(touchpoint: "find-opening-hours", rating: Rating(.magic), at: at(95), timerSeconds: 95)))
    walk.apply(.noted(NoteChange(touchpoint: "find-opening-hours", text: "Hours right first time", at: at(96))))
    walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: Rating(.misery, intensity: 2), at: at(300), timerSeconds: 52)))
    walk.apply(.noted(NoteChange(touchpoint: "greeting", text: "Nobody looked up for 50 s; two staff were restocking the shelves by the door and did not see me come in", at: at(301))))
    walk.apply(.rated(RatingChange(touchpoint: "needs", rating: Rating(.magic, intensity: 2), at: at(600), timerSeconds: 240)))
    walk.apply(.rated(RatingChange(touchpoint: "payment", rating: Rating(.misery), at: at(900), timerSeconds: 200)))
    if finished { walk.apply(.finished(at: at(1000))) }
    return walk
}

func listing(_ id: Int, journey: String = "retail-store-visit", title: String = "Retail store visit", operator: String = "Sam", misery: Int = 1, finished: Bool = true) -> WalkListing {
    WalkListing(
        path: "/w/\(id).jsonl", walkID: "2026112\(id)-101503-\(journey)", journeyID: journey, journeyTitle: title, started: at(Double(id) * 86_400),
        startedText: "2026-11-2\(id) 10:15", operator: `operator`, role: "shopper", location: "Main Street",
        summary: WalkSummary(magic: 2, neutral: 1, misery: misery, skipped: 0, unrecorded: 1), finished: finished, problems: 0)
}

@Suite struct ReviewListTests {
    let items = [
        listing(1, operator: "Sam", misery: 3),
        listing(2, journey: "gym-membership", title: "Gym membership", operator: "Zoë", misery: 0, finished: false),
        listing(3, operator: "Ann", misery: 1),
    ]

    @Test func newestFirstAndOpens() {
        var state = ReviewListState(items: items)
        #expect(state.visible == [2, 1, 0])
        #expect(state.apply(.enter) == .open(items[2]))
    }

    @Test func filtersByTextAsYouType() {
        var state = ReviewListState(items: items)
        _ = state.apply(.char("/"))
        for character in "zx" { _ = state.apply(.char(character)) }
        #expect(state.visible == [])
        _ = state.apply(.backspace)
        _ = state.apply(.backspace)
        for character in "zoë" { _ = state.apply(.char(character)) }
        #expect(state.visible == [1])
        _ = state.apply(.enter)
        #expect(state.filterEditor == nil)
        #expect(state.filter == "zoë")
        _ = state.apply(.char("c"))
        #expect(state.visible.count == 3)
    }

    @Test func journeyFilterCyclesThroughJourneys() {
        var state = ReviewListState(items: items)
        _ = state.apply(.char("J"))
        #expect(state.journeyFilter == "gym-membership")
        #expect(state.visible == [1])
        _ = state.apply(.char("J"))
        #expect(state.journeyFilter == "retail-store-visit")
        #expect(state.visible == [2, 0])
        _ = state.apply(.char("J"))
        #expect(state.journeyFilter == nil)
    }

    /// A visit entered afterwards is listed when it happened: its stated start is in the STARTED
    /// column and orders the list, not the day it was typed in.
    @Test func aVisitEnteredAfterwardsIsListedAtItsStatedStart() {
        var header = storeHeader()
        header.started = at(4 * 86_400)
        header.statedStart = at(-3600)
        let entered = WalkListing(WalkDigest(Walk(header: header), path: "/w/4.jsonl"))
        #expect(entered.startedText == ReaderTime.minute(at(-3600)))
        #expect(entered.visitStart == at(-3600))
        var state = ReviewListState(items: items + [entered])
        #expect(state.visible == [2, 1, 0, 3], "newest visit first: the one entered last happened first")
        _ = state.apply(.char("o"))
        #expect(state.visible == [3, 0, 1, 2])
        _ = state.apply(.char("o"))
        #expect(state.visible == [1, 2, 0, 3], "by journey, newest visit first")
    }

    @Test func sortsAndKeepsTheSelectedWalk() {
        var state = ReviewListState(items: items)
        _ = state.apply(.down)
        #expect(state.selected?.path == "/w/2.jsonl")
        _ = state.apply(.char("o"))
        #expect(state.sort == .oldest)
        #expect(state.visible == [0, 1, 2])
        #expect(state.selected?.path == "/w/2.jsonl")
        _ = state.apply(.char("o"))
        _ = state.apply(.char("o"))
        #expect(state.sort == .misery)
        #expect(state.visible.first == 0)
    }

    @Test func deleteAsksFirstThenMovesTheSelectedWalk() {
        var state = ReviewListState(items: items)
        _ = state.apply(.down)
        #expect(state.apply(.char("d")) == nil)
        #expect(state.pendingDelete == items[1])
        #expect(state.apply(.char("y")) == .delete(items[1]))
        #expect(state.pendingDelete == nil)
        #expect(state.apply(.delete) == nil, "Del asks too")
        #expect(state.pendingDelete == items[1])
    }

    @Test func anyOtherKeyKeepsTheWalk() {
        var state = ReviewListState(items: items)
        for key in [Key.char("n"), .escape, .char("q"), .char("j"), .enter, .char("Y")] {
            _ = state.apply(.char("d"))
            #expect(state.apply(key) == nil, "\(key.label)")
            #expect(state.pendingDelete == nil)
            #expect(state.selection == 0, "the key only answers the question")
        }
        var empty = ReviewListState(items: [])
        _ = empty.apply(.char("d"))
        #expect(empty.pendingDelete == nil, "nothing to ask about")
    }

    @Test func aRemovedWalkLeavesTheListAndTheSelectionOnItsLine() {
        var state = ReviewListState(items: items)
        _ = state.apply(.down)
        state.removeWalk(path: "/w/2.jsonl")
        #expect(state.items.map(\.path) == ["/w/1.jsonl", "/w/3.jsonl"])
        #expect(state.selected?.path == "/w/1.jsonl")
        _ = state.apply(.char("/"))
        for character in "zoë" { _ = state.apply(.char(character)) }
        #expect(state.visible.isEmpty, "the filter no longer finds the removed walk")
        state.removeWalk(path: "/w/1.jsonl")
        state.removeWalk(path: "/w/3.jsonl")
        #expect(state.selected == nil)
    }

    @Test func deleteConfirmationScreen() {
        var state = ReviewListState(items: items)
        _ = state.apply(.char("d"))
        var canvas = Canvas(width: 80, height: 24)
        ReviewListScreen.render(state, into: &canvas)
        assertSnapshot(canvas, named: "review-delete-80x24")
        #expect(canvas.text.contains("Move to the trash? Retail store visit · Main Street · 2026-11-23 10:15 · Ann"))
    }

    @Test func aSecondCopyOfAWalkIsListedAndMarkedUntilOneIsDeleted() {
        var own = listing(3, operator: "Ann", misery: 1)
        own.path = "/w/\(own.walkID).jsonl"
        var copy = own
        copy.path = "/w/\(own.walkID).sync-conflict-20261126-101010-ABCDEF.jsonl"
        var state = ReviewListState(items: [items[0], copy, own])
        #expect(state.visible.count == 3, "both files are listed, so that one can be deleted")
        #expect(state.copies == [copy.path: own.path])
        #expect(state.selected?.path == copy.path)
        var canvas = Canvas(width: 80, height: 24)
        ReviewListScreen.render(state, into: &canvas)
        assertSnapshot(canvas, named: "review-list-copy-80x24")
        #expect(canvas.text.contains("⧉ copy"))
        #expect(canvas.text.contains("Copy of \(own.walkID).jsonl: compare and reports leave"))
        // The walk's own file deleted: the copy is the walk now.
        state.removeWalk(path: own.path)
        #expect(state.copies.isEmpty)
    }

    @Test func listScreen() {
        var canvas = Canvas(width: 80, height: 24)
        ReviewListScreen.render(ReviewListState(items: items, notes: ["/w/bad.jsonl: not a readable walk file: no walk header"]), into: &canvas)
        assertSnapshot(canvas, named: "review-list-80x24")
    }

    @Test func theStatusColumnSaysDraftCompleteOrSubmitted() {
        var submitted = listing(4, operator: "Kim")
        submitted.status = .submitted
        submitted.problems = 1
        var canvas = Canvas(width: 80, height: 24)
        ReviewListScreen.render(ReviewListState(items: items + [submitted]), into: &canvas)
        assertSnapshot(canvas, named: "review-list-statuses-80x24")
        let rows = canvas.text.split(separator: "\n")
        #expect(rows.contains { $0.contains(" Kim ") && $0.hasSuffix(" ! submitted  ") }, "\(canvas.text)")
        #expect(rows.contains { $0.contains(" Zoë ") && $0.hasSuffix(" draft        ") })
        #expect(rows.contains { $0.contains(" Ann ") && $0.hasSuffix(" complete     ") })
        #expect(!canvas.text.contains("finished"))
    }

    @Test func anUnknownFilterFieldIsSaidAndNotSearchedFor() {
        var state = ReviewListState(items: items)
        _ = state.apply(.char("/"))
        for character in "operator:ann" { _ = state.apply(.char(character)) }
        #expect(state.visible == [2])
        for character in " loaction:main" { _ = state.apply(.char(character)) }
        #expect(state.filterProblem == "unknown filter field 'loaction' (fields: since, until, operator, location, status, journey)")
        _ = state.apply(.enter)
        #expect(state.filter == "operator:ann loaction:main", "the line is kept as typed")
        var canvas = Canvas(width: 80, height: 24)
        ReviewListScreen.render(state, into: &canvas)
        assertSnapshot(canvas, named: "review-filter-unknown-field-80x24")
        #expect(canvas.text.contains(" ! Filter: unknown filter field 'loaction' (fields: since, until, operator,"), "said in full at 80 columns, over two rows")
        #expect(canvas.text.contains("\n   location, status, journey) "))
        var wide = Canvas(width: 120, height: 30)
        ReviewListScreen.render(state, into: &wide)
        #expect(wide.text.contains(" ! Filter: unknown filter field 'loaction' (fields: since, until, operator, location, status, journey)"))
        let typed = ReviewListState(items: items, filter: "foo:bar")
        #expect(typed.filterProblem == "unknown filter field 'foo' (fields: since, until, operator, location, status, journey)")
        #expect(typed.visible.count == 3, "not 0 of 3")
    }
}

@Suite struct ReviewWalkTests {
    func state() -> ReviewWalkState { ReviewWalkState(analysis: WalkAnalysis(reviewedWalk()), file: "/w/walk.jsonl") }

    @Test func jumpsBetweenMiseryMoments() {
        var review = state()
        _ = review.apply(.char("x"))
        #expect(review.selection == 1)
        _ = review.apply(.char("x"))
        #expect(review.selection == 3)
        _ = review.apply(.char("x"))
        #expect(review.selection == 1, "wraps round")
        _ = review.apply(.char("X"))
        #expect(review.selection == 3)
    }

    @Test func saysWhenThereIsNoMisery() {
        var walk = Walk(header: storeHeader())
        walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: Rating(.magic), at: at(5))))
        var review = ReviewWalkState(analysis: WalkAnalysis(walk), file: "w")
        _ = review.apply(.char("x"))
        #expect(review.message?.text == "No moment of misery in this walk")
    }

    @Test func exportAsksForAFormat() {
        var review = state()
        #expect(review.apply(.char("E")) == nil)
        #expect(review.exporting)
        #expect(review.apply(.char("h")) == .export(.html))
        #expect(!review.exporting)
        _ = review.apply(.char("E"))
        #expect(review.apply(.escape) == nil)
        #expect(review.apply(.escape) == .back)
    }

    @Test func walkScreen() {
        var review = state()
        _ = review.apply(.char("x"))
        var canvas = Canvas(width: 80, height: 24)
        ReviewWalkScreen.render(review, into: &canvas)
        assertSnapshot(canvas, named: "review-walk-80x24")
        _ = review.apply(.enter)
        canvas = Canvas(width: 80, height: 24)
        ReviewWalkScreen.render(review, into: &canvas)
        assertSnapshot(canvas, named: "review-note-80x24")
        #expect(canvas.text.contains("On screen 0:52 (not timed)"), "52 s on screen is no timing against the 0:30 target")
        #expect(!canvas.text.contains("missed"))
    }

    @Test func smallAndWide() {
        var canvas = Canvas(width: 60, height: 16)
        ReviewWalkScreen.render(state(), into: &canvas)
        assertSnapshot(canvas, named: "review-walk-60x16")
        canvas = Canvas(width: 120, height: 30)
        var review = ReviewWalkState(analysis: WalkAnalysis(reviewedWalk(finished: false)), file: "w", problems: ["line 9 of the walk file: the last record was cut off"])
        _ = review.apply(.char("E"))
        ReviewWalkScreen.render(review, into: &canvas)
        assertSnapshot(canvas, named: "review-export-120x30")
    }
}

@Suite struct ReviewRunnerTests {
    @Test func listOpenExportBackQuit() {
        var exported: [ReportFormat] = []
        let walk = ReviewWalkState(analysis: WalkAnalysis(reviewedWalk()), file: "/w/1.jsonl")
        let runner = ReviewRunner(
            open: { _ in .success(walk) },
            export: { _, format in exported.append(format); return .success("/tmp/x." + format.fileExtension) })
        let terminal = ScriptedTerminal([.key(.enter), .key(.char("E")), .key(.char("c")), .key(.escape), .key(.char("q"))])
        runner.run(list: ReviewListState(items: [listing(1)]), terminal: terminal)
        #expect(exported == [.csv])
        #expect(terminal.frames.contains { $0.text.contains("Exported to /tmp/x.csv") })
        #expect(terminal.frames.last?.text.contains("Saved walks") == true)
    }

    @Test func deleteFromTheListMovesTheWalkOrSaysWhyNot() {
        var deleted: [String] = []
        var runner = ReviewRunner(open: { _ in .failure(ReviewFailure("not opened")) }, export: { _, _ in .success("") })
        runner.delete = { listing in
            if listing.path == "/w/1.jsonl" { return .failure(ReviewFailure("/w/1.jsonl: the walk is open for writing in another journeywalk")) }
            deleted.append(listing.path)
            return .success("Moved to the trash: \(listing.walkID)")
        }
        let terminal = ScriptedTerminal([.key(.char("d")), .key(.char("y")), .key(.char("d")), .key(.char("n")), .key(.char("d")), .key(.char("y")), .key(.char("q"))])
        runner.run(list: ReviewListState(items: [listing(1), listing(2)]), terminal: terminal)
        #expect(deleted == ["/w/2.jsonl"])
        let texts = terminal.frames.map(\.text)
        #expect(texts.contains { $0.contains("Moved to the trash: 20261122-101503-retail-store-visit") && $0.contains("1 of 1") })
        #expect(texts.last?.contains("open for writing in another journeywalk") == true)
        #expect(texts.last?.contains("1 of 1") == true, "the walk that could not be moved stays on the list")
    }

    @Test func aFresherListReplacesTheFirstOneKeepingWhatWasTakenOff() {
        var runner = ReviewRunner(open: { _ in .failure(ReviewFailure("not opened")) }, export: { _, _ in .success("") })
        runner.delete = { listing in .success("Moved to the trash: \(listing.walkID)") }
        var polls = 0
        runner.freshList = {
            polls += 1
            // Still being made while the walk is deleted; then the walks as the files are, the deleted one still among them.
            return polls < 4 ? .waiting : .walks([listing(1), listing(2), listing(3), listing(4)], notes: ["/w/5.jsonl: not a walk file"])
        }
        let terminal = ScriptedTerminal([.tick, .key(.char("d")), .key(.char("y")), .tick, .tick, .tick, .key(.char("q"))])
        runner.run(list: ReviewListState(items: [listing(1), listing(2), listing(3)]), terminal: terminal)
        let texts = terminal.frames.map(\.text)
        #expect(texts.first?.contains("3 of 3") == true)
        #expect(texts.contains { $0.contains("2 of 2") })
        #expect(texts.last?.contains("3 of 3") == true, "the fresh list has four walks, less the one moved to the trash")
        #expect(texts.last?.contains("/w/5.jsonl: not a walk file") == true)
        #expect(polls == 4, "asked after each frame until the fresh list came, then no more")
    }

    @Test func withoutATrashTheKeySaysSo() {
        let runner = ReviewRunner(open: { _ in .failure(ReviewFailure("not opened")) }, export: { _, _ in .success("") })
        let terminal = ScriptedTerminal([.key(.char("d")), .key(.char("y"))])
        runner.run(list: ReviewListState(items: [listing(1)]), terminal: terminal)
        #expect(terminal.frames.last?.text.contains("cannot be deleted") == true)
        #expect(terminal.frames.last?.text.contains("1 of 1") == true)
    }

    @Test func aWalkThatCannotBeOpenedIsNamedOnTheList() {
        let runner = ReviewRunner(open: { _ in .failure(ReviewFailure("/w/1.jsonl: cannot read the walk file: Permission denied")) }, export: { _, _ in .success("") })
        let terminal = ScriptedTerminal([.key(.enter)])
        runner.run(list: ReviewListState(items: [listing(1)]), terminal: terminal)
        #expect(terminal.frames.last?.text.contains("Permission denied") == true)
    }
}
