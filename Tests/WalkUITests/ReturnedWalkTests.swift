import Foundation
import JourneyKit
import Testing
@testable import WalkUI

/// When the corrections of the returned walk are due: 2026-11-24 10:15:03 UTC, 11:15 in Paris.
private let due = at(2 * 86_400)

/// The review `pull` fetched of the store walk: rita's comments on a touchpoint, on a checklist item
/// (named from 1), on the whole walk, and the return with its message and due time.
func returnedTrail() -> ReviewTrail {
    func event(_ change: Int64, _ kind: ReviewEvent.Kind, touchpoint: String? = nil, item: Int? = nil, text: String? = nil, due: Date? = nil) -> ReviewEvent {
        ReviewEvent(change: change, at: at(1000 + Double(change) * 60), by: kind == .submit ? "sam_login" : "rita", kind: kind, revision: 1,
                    touchpoint: touchpoint, item: item, text: text, due: due)
    }
    return ReviewTrail(events: [
        event(1, .submit), event(2, .claim),
        event(3, .comment, touchpoint: "find-opening-hours", text: "Say which hours the website showed"),
        event(4, .comment, touchpoint: "find-opening-hours", item: 2, text: "Which sign? The store has two doors"),
        event(5, .comment, text: "The receipt photo is missing"),
        event(6, .comment, touchpoint: "greeting", item: 3, text: "Was there a badge at all?"),
        event(7, .return, text: "Three things to put right; see the comments", due: due),
    ])
}

/// The store walk, finished and submitted, then reopened by `resume` after rita returned it.
func returnedStoreWalk(reopened: Bool = true) -> Walk {
    var header = storeHeader()
    header.timeZoneID = "Europe/Paris"
    var walk = Walk(header: header)
    walk.apply(.rated(RatingChange(touchpoint: "find-opening-hours", rating: Rating(.magic), at: at(95), timerSeconds: 95)))
    walk.apply(.noted(NoteChange(touchpoint: "find-opening-hours", text: "Hours right first time", at: at(96))))
    walk.apply(.answered(AnswerChange(touchpoint: "find-opening-hours", item: 0, answer: .yes, at: at(97))))
    walk.apply(.answered(AnswerChange(touchpoint: "find-opening-hours", item: 1, answer: .yes, at: at(98))))
    walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: Rating(.misery, intensity: 2), at: at(300), timerSeconds: 52)))
    walk.apply(.rated(RatingChange(touchpoint: "needs", rating: Rating(.magic, intensity: 2), at: at(600), timerSeconds: 240)))
    walk.apply(.rated(RatingChange(touchpoint: "payment", rating: Rating(.misery), at: at(900), timerSeconds: 200)))
    walk.apply(.finished(at: at(1000)))
    walk.apply(.submitted(at: at(1010)))
    if reopened { walk.apply(.reopened(at: at(5000))) }
    return walk
}

extension WalkState {
    /// The returned store walk as `resume` opens it, with its review given.
    static func returnedStore(now: Date = at(6000)) -> WalkState {
        var state = WalkState(resuming: returnedStoreWalk(), warnings: [], now: now)
        _ = state.apply(.resized(width: 80, height: 24), now: now)
        state.showReview(returnedTrail())
        return state
    }
}

/// SPEC 8.3, the shopper's side: a returned walk on the home screen, its reviewer's comments on the
/// walk screen (full screen and plain) and in review.
@Suite struct ReturnedWalkTests {
    static let late = HomeState.ReturnedWalk(
        path: "/w/20261120-101503-retail-store-visit.jsonl", title: "Retail store visit", reviewer: "rita", due: at(-3600),
        dueText: "2026-11-22 09:15", late: true)
    static let soon = HomeState.ReturnedWalk(
        path: "/w/20261121-101503-gym-membership.jsonl", title: "Gym membership, first enquiry to first month", reviewer: "omar",
        due: at(86_400), dueText: "2026-11-23 10:15", late: false)
    static let undated = HomeState.ReturnedWalk(
        path: "/w/20261119-101503-retail-store-visit.jsonl", title: "Retail store visit", reviewer: "rita", due: nil, dueText: nil, late: false)

    // MARK: - Home

    @Test func returnedWalksComeFirstTheSoonestDueAtTheTop() {
        let journeys = Array(HomeScreenTests.items.prefix(2))
        let unfinished = HomeScreenTests.items[2], broken = HomeScreenTests.items[3]
        var state = HomeState(items: journeys + [.returned(Self.undated), unfinished, .returned(Self.soon), .returned(Self.late), broken])
        #expect(state.items == [.returned(Self.late), .returned(Self.soon), .returned(Self.undated)] + journeys + [unfinished, broken])
        #expect(state.returnedCount == 3)
        #expect(state.selection == 5, "a walk left half-way is still the likeliest to resume")
        _ = state.apply(.char("g"))
        #expect(state.apply(.enter) == .open(.returned(Self.late)), "a returned walk is opened like any line")
        let none = HomeState(items: journeys + [.returned(Self.soon), .review(walks: 2)])
        #expect(none.selection == 0 && none.items.first == .returned(Self.soon), "without an unfinished walk: the first returned walk")
        let unchanged = HomeState(items: HomeScreenTests.items)
        #expect(unchanged.items == HomeScreenTests.items, "without returned walks the order is the one given")
    }

    @Test func theHomeScreenListsReturnedWalksWithTheirReviewerAndDueTime() {
        var state = HomeState(items: HomeScreenTests.items + [.returned(Self.soon), .returned(Self.late)])
        state.teamInReview = 2
        state.teamWaiting = 1
        var canvas = Canvas(width: 80, height: 24)
        HomeScreen.render(state, into: &canvas)
        assertSnapshot(canvas, named: "home-returned-80x24")
        #expect(canvas.text(row: 0).hasSuffix("1 unfinished walk · 2 in review · 1 to push "), "\(canvas.text(row: 0))")
        #expect(canvas.text(row: 2).hasPrefix(" Returned for corrections"))
        #expect(canvas.text(row: 3).contains("by rita · due 2026-11-22 09:15 · LATE"), "\(canvas.text)")
        #expect(canvas.text(row: 4).contains("by omar · due 2026-11-23 10:15"))
        #expect((0..<80).contains { canvas[3, $0].role == .warning }, "a late return is marked")
    }

    // MARK: - The walk screen

    @Test func theReturnsNoticeOpensOverTheWalkAndAnyKeyClosesIt() {
        var state = WalkState.returnedStore()
        #expect(state.returnNotice != nil)
        let notice = render(state)
        assertSnapshot(notice, named: "walk-returned-notice-80x24")
        #expect(notice.text.contains("rita returned the walk (revision 1) for corrections, due"))
        #expect(notice.text.contains("“Three things to put right; see the comments”"))
        #expect(notice.text.contains("Reviewer (rita): The receipt photo is missing"))
        let before = state.walk
        state.press(.char("m"))
        #expect(state.returnNotice == nil && state.walk == before, "the key closed the notice and recorded nothing")
        #expect(state.message?.text == "Returned by rita, due 2026-11-24 11:15: correct it; q f finishes it")
    }

    @Test func theReviewersCommentsAreOnTheTouchpointAndItsItems() {
        var state = WalkState.returnedStore()
        state.press(.char("q"), .char("g"))
        let canvas = render(state)
        assertSnapshot(canvas, named: "walk-returned-80x24")
        #expect(canvas.text(row: 0).hasPrefix(" journeywalk · Retail store visit "), "the title bar is as before")
        #expect(canvas.text(row: 2).hasPrefix("  BEFORE THE VISIT  ") && canvas.text(row: 2).hasSuffix(" Returned by rita, due 2026-11-24 11:15  "),
                "beside the stage: \(canvas.text(row: 2))")
        #expect(canvas.text.contains("  Reviewer (rita): Say which hours the website showed"))
        let item = (0..<24).first { canvas.text(row: $0).contains("Hours match the sign on the door") } ?? -1
        #expect(canvas.text(row: item + 1).contains("Reviewer (rita): Which sign? The store has two doors"), "under item 2:\n\(canvas.text)")
        #expect(!canvas.text.contains("The receipt photo"), "a comment on the whole walk is the notice's, not each touchpoint's")
        // The item's comment stays beside it while the checklist has the keys.
        state.press(.char("c"))
        let checklist = render(state, width: 120, height: 40)
        assertSnapshot(checklist, named: "walk-returned-checklist-120x40")
        #expect(checklist.text.contains("Reviewer (rita): Which sign? The store has two doors"))
    }

    @Test func aLateReturnSaysSo() {
        var state = WalkState.returnedStore(now: at(3 * 86_400))
        #expect(state.returnIsLate && state.message?.kind == .warning)
        state.press(.escape)
        _ = state.apply(.tick, now: at(3 * 86_400))
        #expect(render(state).text(row: 2).hasSuffix("Returned by rita, LATE: due 2026-11-24 11:15  "), "\(render(state).text(row: 2))")
        // Below 20 rows there is no stage line: it is said under the title bar.
        _ = state.apply(.resized(width: 60, height: 16), now: at(3 * 86_400))
        let small = render(state, width: 60, height: 16)
        assertSnapshot(small, named: "walk-returned-60x16")
        #expect(small.text(row: 1).hasPrefix("  Returned by rita, LATE"), "\(small.text)")
    }

    @Test func aWalkWithoutAReviewDrawsAsBefore() {
        var plain = WalkState(resuming: returnedStoreWalk(), warnings: [], now: at(6000))
        _ = plain.apply(.resized(width: 80, height: 24), now: at(6000))
        var given = plain
        // A trail without a comment or a return gives the walk nothing to show.
        given.showReview(ReviewTrail(events: [ReviewEvent(change: 1, at: at(1), by: "sam_login", kind: .submit, revision: 1)]))
        #expect(given == plain)
        #expect(!render(given).text.contains("Returned") && given.review == nil && given.returnNotice == nil)
    }

    /// Plain mode says the return when the walk opens, a touchpoint's comments when the walk comes
    /// to it (one line each), and an item's under the item in `checklist`.
    @Test func plainModeSaysTheCommentsWhereTheyApply() {
        let script = PlainScript(["first", "checklist", "next", "leave"])
        _ = PlainRunner(clock: { at(6000) }).run(.returnedStore(), recorder: MemoryRecorder(), input: script.next, output: script.write)
        let output = script.output
        #expect(output.contains("Returned by rita, due 2026-11-24 11:15: correct it; finish completes it again, then journeywalk submit sends it back"), "\(script.text)")
        #expect(output.contains("Reviewer (rita), returning the walk: Three things to put right; see the comments"))
        #expect(output.contains("Reviewer (rita): The receipt photo is missing"))
        #expect(output.contains("Reviewer's comments on: 1. Find opening hours online (2), 2. Greeting (1)"))
        let arrived = output.firstIndex(of: "Find opening hours online") ?? -1
        let said = output.firstIndex(of: "Reviewer (rita): Say which hours the website showed") ?? -1
        #expect(arrived >= 0 && said > arrived, "said at the touchpoint:\n\(script.text)")
        #expect(output.filter { $0 == "   Item 2: Reviewer (rita): Which sign? The store has two doors" }.count == 2,
                "under item 2, on arriving and in checklist:\n\(script.text)")
        #expect(output.contains("   Item 3: Reviewer (rita): Was there a badge at all?"))
    }

    // MARK: - Review

    static func review(_ walk: Walk = returnedStoreWalk(reopened: false), trail: ReviewTrail = returnedTrail()) -> ReviewWalkState {
        ReviewWalkState(analysis: WalkAnalysis(walk), file: "/w/shop.jsonl", review: trail)
    }

    @Test func reviewShowsTheCommentsOnEachTouchpointAndTheWalk() {
        var state = Self.review()
        var canvas = Canvas(width: 80, height: 24)
        ReviewWalkScreen.render(state, into: &canvas)
        assertSnapshot(canvas, named: "review-returned-80x24")
        #expect(canvas.text(row: 0).hasSuffix("submitted 2026-11-22 · returned "), "\(canvas.text(row: 0))")
        #expect(canvas.text.contains("2 reviewer comments · Enter"))
        #expect(canvas.text(row: 9).hasPrefix(" Returned by rita, due 2026-11-24 11:15"), "the review's lines first:\n\(canvas.text)")
        var wide = Canvas(width: 120, height: 40)
        ReviewWalkScreen.render(state, into: &wide)
        assertSnapshot(wide, named: "review-returned-120x40")
        #expect(wide.text.contains(" Returned by rita, due 2026-11-24 11:15 UTC+01:00"))
        #expect(wide.text.contains(" Reviewer (rita): Three things to put right; see the"), "wrapped, not cut")
        #expect(wide.text.contains(" Reviewer (rita): The receipt photo is missing"))
        #expect(wide.text.contains("Reviewer (rita): Say which hours the website showed"))
        #expect(wide.text.contains("Reviewer (rita): Which sign? The store has two doors"))
        _ = state.apply(.enter)
        let details = ReviewWalkScreen.detailLines(state, width: 70, shown: 40).map(\.0)
        #expect(details.contains("   Reviewer (rita): Which sign? The store has two doors"), "\(details)")
    }

    @Test func reviewSaysWhereAWalkStandsWithTheTeam() {
        func events(_ last: ReviewEvent) -> ReviewTrail {
            ReviewTrail(events: [ReviewEvent(change: 1, at: at(1), by: "sam_login", kind: .submit, revision: 1), last])
        }
        let approved = Self.review(trail: events(ReviewEvent(change: 2, at: at(2), by: "rita", kind: .approve, revision: 1, text: "Precise times", grade: 8)))
        #expect(ReviewWalkScreen.reviewLines(approved).map(\.0) == ["Approved by rita, grade 8/10: Precise times"])
        let waiting = Self.review(trail: ReviewTrail(events: [ReviewEvent(change: 1, at: at(1), by: "sam_login", kind: .submit, revision: 1)]))
        #expect(ReviewWalkScreen.reviewLines(waiting).map(\.0) == ["Submitted to the team (revision 1): waiting for review"])
        let excluded = Self.review(trail: events(ReviewEvent(change: 2, at: at(2), by: "rita", kind: .exclude, revision: 1, text: "Wrong branch")))
        #expect(ReviewWalkScreen.reviewLines(excluded).map(\.0) == ["Excluded by rita: Wrong branch"])
        #expect(ReviewWalkScreen.reviewLines(ReviewWalkState(analysis: WalkAnalysis(returnedStoreWalk()), file: "w")).isEmpty)
    }

    /// Text from the review file is made safe on the way to the screen: an escape in a comment is
    /// shown, never sent.
    @Test func aCommentsControlCharactersAreShownNotSent() {
        let hostile = ReviewTrail(events: [
            ReviewEvent(change: 1, at: at(1), by: "sam_login", kind: .submit, revision: 1),
            ReviewEvent(change: 2, at: at(2), by: "ri\u{1B}[2Jta", kind: .comment, revision: 1, touchpoint: "find-opening-hours", text: "Hours\u{1B}]0;owned\u{07} wrong"),
            ReviewEvent(change: 3, at: at(3), by: "rita", kind: .return, revision: 1, text: "Fix\u{9B}31m it", due: due),
        ])
        var state = WalkState(resuming: returnedStoreWalk(), warnings: [], now: at(6000))
        state.showReview(hostile)
        state.press(.char("q"), .char("g"))
        var canvas = render(state)
        #expect(!canvas.text.contains("\u{1B}") && canvas.text.contains("Reviewer (ri^[[2Jta): Hours^[]0;owned^G wrong"), "\(canvas.text)")
        canvas = Canvas(width: 120, height: 40)
        ReviewWalkScreen.render(Self.review(trail: hostile), into: &canvas)
        #expect(!canvas.text.contains("\u{1B}") && !canvas.text.contains("\u{9B}"))
        let script = PlainScript(["leave"])
        var plain = WalkState(resuming: returnedStoreWalk(), warnings: [], now: at(6000))
        plain.showReview(hostile)
        _ = PlainRunner(clock: { at(6000) }).run(plain, recorder: MemoryRecorder(), input: script.next, output: script.write)
        #expect(!script.text.contains("\u{1B}") && !script.text.contains("\u{9B}") && script.text.contains("Fix"))
    }
}
