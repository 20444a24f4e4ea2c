import Foundation
import JourneyKit
import Testing

private func event(_ change: Int64, _ kind: ReviewEvent.Kind, revision: Int = 1, by: String = "rita", touchpoint: String? = nil, item: Int? = nil,
                   text: String? = nil, due: Date? = nil, grade: Int? = nil) -> ReviewEvent {
    ReviewEvent(change: change, at: Date(timeIntervalSince1970: 1_796_000_000 + Double(change)), by: by, kind: kind, revision: revision,
                touchpoint: touchpoint, item: item, text: text, due: due, grade: grade)
}

/// A walk's standing with the agency, derived from its review events as the server derives it (SPEC 8.3).
@Suite struct ReviewTrailTests {
    @Test func theStateIsTheLastEventThatIsNotAComment() {
        #expect(ReviewTrail(events: []).state == nil, "never submitted to a team")
        var events = [event(1, .submit, by: "ana")]
        #expect(ReviewTrail(events: events).state == .submitted)
        events.append(event(2, .claim))
        #expect(ReviewTrail(events: events).state == .inReview)
        #expect(ReviewTrail(events: events).claimedBy == "rita")
        events.append(event(3, .comment, touchpoint: "greet", item: 2, text: "Which words?"))
        #expect(ReviewTrail(events: events).state == .inReview, "a comment leaves the state as it was")
        let due = Date(timeIntervalSince1970: 1_796_200_000)
        events.append(event(4, .return, text: "Two items need comments", due: due))
        let returned = ReviewTrail(events: events)
        #expect(returned.state == .returned && returned.openReturn?.due == due && returned.claimedBy == nil)
        events.append(event(5, .submit, revision: 2, by: "ana"))
        #expect(ReviewTrail(events: events).state == .resubmitted)
        #expect(ReviewTrail(events: events).revision == 2 && ReviewTrail(events: events).openReturn == nil)
        events.append(event(6, .approve, revision: 2, text: "Good detail", grade: 8))
        #expect(ReviewTrail(events: events).state == .approved && ReviewTrail(events: events).grade == 8)
        #expect(ReviewTrail(events: events).coaching == "Good detail")
        events.append(event(7, .release, revision: 2, text: "copy-1"))
        #expect(ReviewTrail(events: events).state == .released)
        #expect(ReviewTrail(events: events.shuffled()).state == .released, "events are read in the server's order, whatever the file's")
    }

    @Test func aNewSubmissionClearsTheGradeOfTheOneBefore() {
        let trail = ReviewTrail(events: [event(1, .submit, by: "ana"), event(2, .approve, grade: 9), event(3, .exclude, text: "Wrong branch")])
        #expect(trail.state == .excluded && trail.grade == 9)
        let later = ReviewTrail(events: [event(1, .submit, by: "ana"), event(2, .approve, grade: 9), event(3, .submit, revision: 2, by: "ana")])
        #expect(later.grade == nil && later.state == .resubmitted)
    }

    @Test func commentsAreFoundOnTheirTouchpointAndItem() {
        let trail = ReviewTrail(events: [
            event(1, .submit, by: "ana"), event(2, .comment, touchpoint: "greet", item: 2, text: "Which words?"),
            event(3, .comment, touchpoint: "greet", text: "No name badge?"), event(4, .comment, text: "Photos are blurred"),
            event(5, .return, text: "See the comments", due: Date(timeIntervalSince1970: 1_796_200_000)),
        ])
        #expect(trail.comments(on: "greet", item: 2).map(\.text) == ["Which words?"])
        #expect(trail.comments(on: "greet").map(\.text) == ["Which words?", "No name badge?"])
        #expect(trail.comments(on: nil).map(\.text) == ["Photos are blurred", "See the comments"])
    }

    @Test func theReportsReviewIsTheSpecsShape() {
        let trail = ReviewTrail(events: [event(1, .submit, by: "ana"), event(2, .approve, text: "Good", grade: 8)])
        #expect(JSONWriter.encode(trail.json) == #"{"state":"approved","revision":1,"grade":8,"events":[{"at":"2026-11-30T00:53:21Z","by":"ana","kind":"submit","touchpoint":null,"item":null,"text":null,"due":null},{"at":"2026-11-30T00:53:22Z","by":"rita","kind":"approve","touchpoint":null,"item":null,"text":"Good","due":null}]}"#)
    }

    @Test func aDueTimeIsRelativeOrADateAndAfterNow() throws {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        #expect(try ReviewDue.parse("+48h", now: now) == now.addingTimeInterval(48 * 3600))
        #expect(try ReviewDue.parse("+2d", now: now) == now.addingTimeInterval(2 * 86400))
        #expect(try ReviewDue.parse(" +90m ", now: now) == now.addingTimeInterval(90 * 60))
        #expect(try ReviewDue.parse("2030-01-02 18:30", now: now) == ReaderTime.moment(of: "2030-01-02", hour: 18, minute: 30))
        #expect(try ReviewDue.parse("2030-01-02", now: now) == ReaderTime.midnight(of: "2030-01-02", next: true)?.addingTimeInterval(-60))
        for bad in ["tomorrow", "+0h", "+3w", "+h", "2030-01-02 25:00", "2030-13-02", "2030-01-02 18:5", ""] {
            #expect(throws: ReviewDue.Refusal.self, "\(bad)") { try ReviewDue.parse(bad, now: now) }
        }
        do {
            _ = try ReviewDue.parse("2025-12-31 10:00", now: now)
            Issue.record("a due time in the past was taken")
        } catch {
            #expect(error.description == "the due time 2025-12-31 10:00 is not after now")
        }
    }
}
