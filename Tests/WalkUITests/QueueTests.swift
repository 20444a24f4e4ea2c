import Foundation
import JourneyKit
@testable import WalkUI
import Testing

/// The reviewer's queue (SPEC 8.3) as values and as text: the list, a walk opened from it, and the
/// prompts each review key asks through before it becomes one event.
@Suite struct QueueTests {
    static func row(_ shopper: String, _ walkID: String, due: Double, state: ReviewTrail.State = .submitted, claimedBy: String? = nil,
                    revision: Int = 1, location: String = "Main Street") -> QueueRow {
        QueueRow(reference: shopper + "/" + walkID, shopper: shopper, walkID: walkID, journey: "Shop visit", location: location,
                 visit: "2026-11-22 10:15", due: at(due), state: state, revision: revision, claimedBy: claimedBy)
    }

    static let rows = [
        row("ana", "w-1", due: 0), row("ben", "w-2", due: 60, state: .inReview, claimedBy: "sam"),
        row("cy", "w-3", due: 120, state: .resubmitted, revision: 2, location: "High Street"),
    ]

    static func walk(_ row: QueueRow, changes: [String] = []) -> QueueWalk {
        var walk = Walk(header: storeHeader(journey: shopJourney))
        walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: Rating(.magic), at: at(10))))
        walk.apply(.answered(AnswerChange(touchpoint: "greeting", item: 0, answer: .no, at: at(11))))
        let checks = ReviewChecks.of(walk, context: ReviewChecks.Context(zone: TimeZone(identifier: "UTC") ?? .current))
        let trail = ReviewTrail(events: [ReviewEvent(change: 1, at: at(30), by: row.shopper, kind: .submit, revision: 1)])
        return QueueWalk(row: row, review: ReviewWalkState(analysis: WalkAnalysis(walk), file: "/team/walks/ana/w-1.jsonl"), checks: checks,
                         trail: trail, changes: changes)
    }

    @Test func theListFiltersOpensAndAsksForEveryState() {
        var list = QueueListState(rows: Self.rows, reviewer: "rita")
        #expect(list.selected?.reference == "ana/w-1")
        #expect(list.apply(.char("j")) == nil && list.selected?.reference == "ben/w-2")
        _ = list.apply(.char("/"))
        for character in "high" { _ = list.apply(.char(character)) }
        #expect(list.visible.count == 1 && list.selected?.reference == "cy/w-3", "the filter matches the location")
        _ = list.apply(.enter)
        #expect(list.apply(.enter) == .open(Self.rows[2]))
        #expect(list.apply(.char("a")) == .reload(all: true))
        list.replace(Self.rows + [Self.row("dee", "w-4", due: 180, state: .approved)], all: true)
        #expect(list.showingAll && list.selected?.reference == "cy/w-3", "the selected walk stays selected")
        #expect(list.apply(.char("c")) == nil && list.visible.count == 4)
        #expect(list.apply(.char("q")) == .quit)
    }

    @Test func anItemCommentIsAskedForThenSavedAsOneEvent() {
        var state = QueueWalkState(Self.walk(Self.rows[0]))
        #expect(state.apply(.char("i"), now: at(100)).isEmpty)
        #expect(state.prompt?.label == "Which item of Greeting (1–3)?")
        _ = state.apply(.char("4"), now: at(100))
        _ = state.apply(.enter, now: at(100))
        #expect(state.message?.text == "`4` is not an item: 1 to 3" && state.prompt == nil)
        _ = state.apply(.char("i"), now: at(100))
        _ = state.apply(.char("1"), now: at(100))
        _ = state.apply(.enter, now: at(100))
        #expect(state.prompt?.label == "Comment on Greeting, item 1:")
        for character in "Why No?" { _ = state.apply(.char(character), now: at(100)) }
        let effects = state.apply(.enter, now: at(100))
        #expect(effects == [.keepDraft("Why No?"), .record(.comment(touchpoint: "greeting", item: 1, text: "Why No?"))],
                "the text is kept before it is sent, so a lost answer loses nothing")
        // The server did not take it: said, and offered again by the next comment.
        state.failed(.comment(touchpoint: "greeting", item: 1, text: "Why No?"), ReviewFailure("the team server at 127.0.0.1:5432 did not answer"))
        #expect(state.message?.kind == .error && state.message?.text == "NOT SAVED (kept as a draft: c, i or w offers it again): the team server at 127.0.0.1:5432 did not answer")
        _ = state.apply(.char("c"), now: at(101))
        #expect(state.prompt?.editor.text == "Why No?")
        let again = state.apply(.enter, now: at(102))
        #expect(again.last == .record(.comment(touchpoint: "greeting", item: nil, text: "Why No?")))
        let trail = ReviewTrail(events: Self.walk(Self.rows[0]).trail.events + [
            ReviewEvent(change: 2, at: at(102), by: "rita", kind: .comment, revision: 1, touchpoint: "greeting", text: "Why No?"),
        ])
        #expect(state.recorded(.comment(touchpoint: "greeting", item: nil, text: "Why No?"), row: Self.rows[0], trail: trail) == [.keepDraft(nil)])
        #expect(state.message?.text == "Comment saved on the server" && state.draft == nil && state.walk.trail.events.count == 2)
    }

    @Test func aReturnAsksForADueTimeAndAnApprovalForAGrade() {
        var state = QueueWalkState(Self.walk(Self.rows[0]))
        _ = state.apply(.char("R"), now: at(100))
        #expect(state.prompt?.editor.text == "+48h", "two days is offered")
        _ = state.apply(.enter, now: at(100))
        #expect(state.prompt?.label == "A message to the shopper (Enter: none):")
        #expect(state.apply(.enter, now: at(100)) == [.record(.return(due: at(100 + 48 * 3600), message: nil))])
        _ = state.apply(.char("A"), now: at(100))
        for character in "11" { _ = state.apply(.char(character), now: at(100)) }
        _ = state.apply(.enter, now: at(100))
        #expect(state.message?.text == "A grade is 1 to 10" && state.prompt?.purpose == .grade)
        _ = state.apply(.backspace, now: at(100))
        _ = state.apply(.backspace, now: at(100))
        _ = state.apply(.char("8"), now: at(100))
        _ = state.apply(.enter, now: at(100))
        for character in "Good" { _ = state.apply(.char(character), now: at(100)) }
        #expect(state.apply(.enter, now: at(100)) == [.record(.approve(grade: 8, coaching: "Good"))])
        _ = state.apply(.char("L"), now: at(100))
        #expect(state.message?.text == "Only an approved walk is released: A approves it")
        _ = state.apply(.char("-"), now: at(100))
        #expect(state.apply(.enter, now: at(100)).isEmpty && state.message?.text == "An exclusion needs a reason")
        #expect(state.apply(.escape, now: at(100)) == [.back], "Esc goes back to the queue, as in review")
    }

    @Test func aResubmittedWalkOpensWithWhatChanged() {
        let state = QueueWalkState(Self.walk(Self.rows[2], changes: ["Touchpoints", "  Greeting (greeting)", "    comment on Greeted within 30 seconds: none → \"Nobody came\""]))
        #expect(state.overlay?.title == "Changes from revision 1 to 2")
        var canvas = Canvas(width: 100, height: 30)
        QueueScreen.render(state, into: &canvas)
        assertSnapshot(canvas, named: "queue-walk-resubmitted")
    }

    @Test func theQueueAndAWalkAsText() {
        var canvas = Canvas(width: 100, height: 30)
        QueueScreen.render(QueueListState(rows: Self.rows, reviewer: "rita"), now: at(90), into: &canvas)
        assertSnapshot(canvas, named: "queue-list")
        #expect(canvas.text.contains("⚑ sam"), "a walk another reviewer holds is marked")
        var walk = Canvas(width: 100, height: 30)
        QueueScreen.render(QueueWalkState(Self.walk(Self.rows[0])), into: &walk)
        assertSnapshot(walk, named: "queue-walk")
        #expect(walk.text.contains("QA checks: 2 failed"), "\(walk.text)")
    }
}
