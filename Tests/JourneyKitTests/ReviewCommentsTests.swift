import Foundation
import JourneyKit
import Testing

private func event(_ change: Int64, _ kind: ReviewEvent.Kind, revision: Int = 1, touchpoint: String? = nil, item: Int? = nil,
                   text: String? = nil, due: Date? = nil) -> ReviewEvent {
    ReviewEvent(change: change, at: Date(timeIntervalSince1970: 1_796_000_000 + Double(change)), by: kind == .submit ? "ana" : "rita",
                kind: kind, revision: revision, touchpoint: touchpoint, item: item, text: text, due: due)
}

private let touchpoints = [
    Touchpoint(id: "hours", title: "Find opening hours", lookFor: ["On the first page", "Match the door"]),
    Touchpoint(id: "greet", title: "Greeting"),
]

/// The reviewer's comments placed on what they concern (SPEC 8.3), as the walk and review screens look them up.
@Suite struct ReviewCommentsTests {
    @Test func commentsGoOnTheTouchpointAndTheItemTheReviewerNamedFromOne() {
        let due = Date(timeIntervalSince1970: 1_796_200_000)
        let comments = ReviewComments(ReviewTrail(events: [
            event(1, .submit), event(2, .comment, touchpoint: "hours", text: "Say which hours"),
            event(3, .comment, touchpoint: "hours", item: 2, text: "Which door?"), event(4, .comment, text: "Photos are blurred"),
            event(5, .return, text: "Three things", due: due),
        ]), touchpoints: touchpoints)
        #expect(comments.on("hours").map(\.line) == ["Reviewer (rita): Say which hours"])
        #expect(comments.on("hours", item: 1).map(\.text) == ["Which door?"], "item 2 as named is the walk's item 1")
        #expect(comments.on("hours", item: 0).isEmpty)
        #expect(comments.onWalk.map(\.text) == ["Photos are blurred"], "the open return's message is the return's, not a comment")
        #expect(comments.openReturn?.text == "Three things" && comments.openReturn?.due == due)
        #expect(comments.count(on: "hours") == 2 && comments.count(on: "greet") == 0)
        #expect(comments.all(on: "hours").map(\.text) == ["Say which hours", "Which door?"])
        #expect(comments.touchpoints == ["hours"])
    }

    /// A comment the walk has no place for is still said: an item past the checklist on its
    /// touchpoint, a touchpoint the walk does not have on the whole walk, each naming where it was.
    @Test func aCommentWithoutItsPlaceIsSaidWithThePlaceNamed() {
        let comments = ReviewComments(ReviewTrail(events: [
            event(1, .submit), event(2, .comment, touchpoint: "hours", item: 7, text: "Seventh?"),
            event(3, .comment, touchpoint: "greet", item: 1, text: "No checklist here"),
            event(4, .comment, touchpoint: "gone", item: 2, text: "Removed?"),
        ]), touchpoints: touchpoints)
        #expect(comments.on("hours").map(\.line) == ["Reviewer (rita): item 7: Seventh?"])
        #expect(comments.on("greet").map(\.line) == ["Reviewer (rita): item 1: No checklist here"])
        #expect(comments.onWalk.map(\.line) == ["Reviewer (rita): gone, item 2: Removed?"])
    }

    /// A returned walk is corrected for the latest revision's comments; the review shows every
    /// revision's, an older one marked with its revision.
    @Test func theLatestRevisionsCommentsOrEveryOneMarked() {
        let trail = ReviewTrail(events: [
            event(1, .submit), event(2, .comment, touchpoint: "greet", text: "First round"), event(3, .return, text: "Fix it", due: Date(timeIntervalSince1970: 1_796_100_000)),
            event(4, .submit, revision: 2), event(5, .comment, revision: 2, touchpoint: "greet", text: "Second round"),
            event(6, .return, revision: 2, text: "Again", due: Date(timeIntervalSince1970: 1_796_300_000)),
        ])
        let latest = ReviewComments(trail, touchpoints: touchpoints, latestOnly: true)
        #expect(latest.on("greet").map(\.text) == ["Second round"])
        #expect(latest.onWalk.isEmpty && latest.openReturn?.text == "Again")
        let every = ReviewComments(trail, touchpoints: touchpoints)
        #expect(every.on("greet").map(\.line) == ["Reviewer (rita, revision 1): First round", "Reviewer (rita): Second round"])
        #expect(every.onWalk.map(\.line) == ["Reviewer (rita, revision 1): Fix it"], "an earlier return's message is said as a comment")
    }

    @Test func anApprovedWalkKeepsItsGradeAndCoaching() {
        let comments = ReviewComments(ReviewTrail(events: [
            event(1, .submit), event(2, .comment, touchpoint: "greet", text: "Good detail"),
            ReviewEvent(change: 3, at: Date(timeIntervalSince1970: 1_796_000_003), by: "rita", kind: .approve, revision: 1, text: "Keep it up", grade: 8),
        ]), touchpoints: touchpoints)
        #expect(comments.state == .approved && comments.openReturn == nil && comments.grade == 8 && comments.coaching == "Keep it up")
        #expect(comments.last?.kind == .approve && !comments.isEmpty)
    }
}
