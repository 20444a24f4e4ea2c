import Foundation
import JourneyKit
import JourneyStore
@testable import WalkUI
import Testing

/// The review of a walk of the second wave: every record of the selected moment, the walk's status
/// and score, the timeline in the order things happened.
@Suite struct ReviewRecordsTests {
    static let photo = Evidence(path: "/photos/IMG_2041.jpg", bytes: 2_401_112, sha256: String(repeating: "ab", count: 32))

    static func fixtureWalk() throws -> Walk {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return try LoadedWalk.load(path: url.path + "/JourneyStoreTests/Fixtures/walks/v2-every-record.jsonl").walk
    }

    /// The fixture with a stated time that puts the till first, and a recovery on the misery moment.
    static func review() throws -> ReviewWalkState {
        var walk = try fixtureWalk()
        walk.apply(.stated(StatedTimeChange(touchpoint: "till", stated: Date(timeIntervalSince1970: 1_795_256_400), at: Date(timeIntervalSince1970: 1_795_342_600))))
        walk.apply(.recovered(RecoveryChange(touchpoint: "door", recovery: Recovery(apology: true, reassurance: false), at: Date(timeIntervalSince1970: 1_795_342_601))))
        return ReviewWalkState(analysis: WalkAnalysis(walk), file: "/w/shop.jsonl", evidence: [photo: .missing])
    }

    static func render(_ state: ReviewWalkState, _ width: Int, _ height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        ReviewWalkScreen.render(state, into: &canvas)
        return canvas
    }

    @Test func aVisitEnteredAfterwardsListsTimedMomentsFirstWithoutRepeatingAStage() {
        // walk --at 10:00; greeting at 10:30 magic, needs at 10:20 misery, payment at 10:25 neutral.
        var header = storeHeader()
        header.statedStart = at(-900)
        var walk = Walk(header: header)
        for (touchpoint, minutes, verdict) in [("greeting", 30.0, Verdict.magic), ("needs", 20, .misery), ("payment", 25, .neutral)] {
            walk.apply(.stated(StatedTimeChange(touchpoint: touchpoint, stated: at(-900 + minutes * 60), at: at(4000))))
            walk.apply(.rated(RatingChange(touchpoint: touchpoint, rating: Rating(verdict), at: at(4000))))
        }
        var review = ReviewWalkState(analysis: WalkAnalysis(walk), file: "/w/shop.jsonl")
        #expect(review.timeline.map(\.touchpoint.id) == ["needs", "payment", "greeting", "find-opening-hours", "follow-up"])
        #expect(review.untimedFrom == 3)
        #expect(review.selected?.touchpoint.id == "needs")
        _ = review.apply(.char("G"))
        #expect(review.selected?.touchpoint.id == "follow-up")
        let text = Self.render(review, 80, 30).text
        #expect(text.contains(" IN THE ORDER IT HAPPENED "))
        #expect(text.contains(" WITHOUT A TIME, IN WALKING ORDER "))
        for stage in ["BEFORE THE VISIT", "IN THE STORE", "AFTER THE VISIT"] { #expect(!text.contains(stage), "\(stage)") }
        #expect(text.contains("      3  4  2  1  5 "), "the curve in the timeline's order: \(text)")
    }

    /// The time a verdict was typed after the visit is no time of the visit: a moment without a
    /// stated time shows none in the timeline; its own lines say "entered …", as the text report does.
    @Test func aVisitEnteredAfterwardsNeverShowsWhenAVerdictWasTyped() {
        var header = storeHeader()
        header.statedStart = at(-900)
        header.timeZoneID = "UTC"
        var walk = Walk(header: header)
        walk.apply(.stated(StatedTimeChange(touchpoint: "greeting", stated: at(-900 + 30 * 60), at: at(4000))))
        walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: Rating(.magic), at: at(4000))))
        walk.apply(.rated(RatingChange(touchpoint: "needs", rating: Rating(.misery), at: at(4100))))
        var review = ReviewWalkState(analysis: WalkAnalysis(walk), file: "/w/shop.jsonl")
        let rows = Self.render(review, 80, 30).text.split(separator: "\n")
        let greeting = rows.first { $0.contains("Greeting") }.map(String.init) ?? ""
        let needs = rows.first { $0.contains("Understanding what you need") }.map(String.init) ?? ""
        #expect(greeting.contains("@10:30 +30:00"), "\(greeting)")
        #expect(needs.contains("✖"), "\(needs)")
        #expect(!needs.contains("11:23"), "the verdict was typed at 11:23:23 UTC: \(needs)")
        while review.selected?.touchpoint.id != "needs" { _ = review.apply(.down) }
        #expect(review.selectedMoment?.chips.first?.0 == "✖ misery entered 11:23:23", "\(String(describing: review.selectedMoment?.chips.first))")
    }

    @Test func movesInTheOrderThingsHappened() throws {
        var review = try Self.review()
        #expect(review.timeline.map(\.touchpoint.id) == ["till", "door", "adhoc-1", "greet"])
        #expect(review.selected?.touchpoint.id == "till", "the first moment of the timeline is selected")
        _ = review.apply(.down)
        #expect(review.selected?.touchpoint.id == "door")
        _ = review.apply(.down)
        _ = review.apply(.down)
        #expect(review.selected?.touchpoint.id == "greet")
        _ = review.apply(.char("x"))
        #expect(review.selected?.touchpoint.id == "door", "next misery wraps round in timeline order")
        _ = review.apply(.char("G"))
        #expect(review.selected?.touchpoint.id == "greet")
    }

    @Test func theSelectedMomentsRecordsAt80x24() throws {
        var review = try Self.review()
        _ = review.apply(.down)
        var canvas = Self.render(review, 80, 24)
        assertSnapshot(canvas, named: "review-records-door-80x24")
        var text = canvas.text
        #expect(text.contains("submitted 2026-11-22"))
        #expect(text.contains("36.4 % FAIL"))
        #expect(text.contains("@10:21 +6:40"), "the stated time, marked")
        #expect(text.contains("⏱0:41/0:30 missed"))
        #expect(text.contains("checklist 1✓ 1✗ 0– stage 33.3 %"))
        #expect(text.contains("recovery A✓ R✗ S?"))

        _ = review.apply(.char("G"))
        canvas = Self.render(review, 80, 24)
        assertSnapshot(canvas, named: "review-records-greet-80x24")
        text = canvas.text
        #expect(text.contains("‼ critical No"))
        #expect(text.contains("evidence IMG_2041.jpg MISSING"))
        #expect(text.contains("#kept-waiting #no-parking #tag-from-the-future"))
        #expect(text.contains("praise → Amira (till 2)"))
        #expect(text.contains("1 action"))

        _ = review.apply(.char("g"))
        text = Self.render(review, 80, 24).text
        #expect(text.contains("votes ★7 ●2 ✖11"))
        #expect(text.contains("@10:20 +4:57"), "the till's stated time")
        _ = review.apply(.down)
        _ = review.apply(.down)
        text = Self.render(review, 80, 24).text
        #expect(text.contains("Fire alarm test (ad hoc)"))
    }

    @Test func everyRecordInThePanelAt120x40() throws {
        var review = try Self.review()
        _ = review.apply(.char("G"))
        let canvas = Self.render(review, 120, 40)
        assertSnapshot(canvas, named: "review-records-greet-120x40")
        let text = canvas.text
        for expected in [
            "✓ Offered the promised coffee ×3", "✗ Asked for ID before selling alcohol ×5 ‼critical (no", "– Greeted within 30 seconds",
            "Tags: Kept waiting · No parking nearby ·", "tag-from-the-future", "Evidence: IMG_2041.jpg · MISSING",
            "Praise → Amira (till 2): Calm and kind with a queue of", "Action: Second till at peak — Store manager, due", "2026-12-01 [done]",
        ] {
            #expect(text.contains(expected), "\(expected)")
        }
        _ = review.apply(.char("g"))
        _ = review.apply(.down)
        let door = Self.render(review, 120, 40)
        assertSnapshot(door, named: "review-records-door-120x40")
        for expected in [
            "✖ misery · 10:21:43 stated (+6:40)", "entered 10:15:50 UTC", "Timer 0:41 — target 0:30, missed by 0:11",
            "Checklist 1 yes · 1 no · 0 n/a · 0 unanswered", "Score of the stage Arrive: 33.3 %", "“Hours say 9–18, site says \"10–18\"”",
            "Recovery: apology ✓ · reassurance ✗ · restitution ?",
        ] {
            #expect(door.text.contains(expected), "\(expected)")
        }
    }

    @Test func enterShowsEverythingAndScrolls() throws {
        var review = try Self.review()
        _ = review.apply(.char("G"))
        _ = review.apply(.enter)
        var canvas = Self.render(review, 80, 24)
        assertSnapshot(canvas, named: "review-records-details-80x24")
        #expect(canvas.text.contains("Praise → Amira (till 2)"))
        // A small screen scrolls the overlay instead of cutting it.
        canvas = Self.render(review, 60, 16)
        #expect(canvas.text.contains("↓ j/k scroll"))
        #expect(!canvas.text.contains("(no note)"))
        for _ in 0..<30 { _ = review.apply(.down) }
        canvas = Self.render(review, 60, 16)
        #expect(canvas.text.contains("(no note)"), "scrolled to the end")
        #expect(review.showingNote)
        _ = review.apply(.char("z"))
        #expect(!review.showingNote, "any other key closes")
    }

    @Test func offsetsAreRoundedAsInReports() {
        var walk = Walk(header: storeHeader())
        walk.apply(.rated(RatingChange(touchpoint: "find-opening-hours", rating: Rating(.magic), at: at(4.6))))
        let canvas = Self.render(ReviewWalkState(analysis: WalkAnalysis(walk), file: "w"), 80, 24)
        #expect(canvas.text.contains("10:15 +0:05"), "4.6 s rounds to 0:05, as the reports say")
        #expect(!canvas.text.contains("+0:04"))
    }

    @Test func aDraftSaysSo() {
        let canvas = Self.render(ReviewWalkState(analysis: WalkAnalysis(reviewedWalk(finished: false)), file: "w"), 80, 24)
        #expect(canvas.text(row: 0).contains("DRAFT"))
    }
}
