import Foundation
import JourneyKit
import Testing

let sampleJourney = Journey(id: "j", title: "J", stages: [
    Stage(name: "One", touchpoints: [Touchpoint(id: "a", title: "A"), Touchpoint(id: "b", title: "B")]),
    Stage(name: "Two", touchpoints: [Touchpoint(id: "c", title: "C")]),
])

func header(_ journey: Journey = sampleJourney) -> WalkHeader {
    WalkHeader(walkID: "w", journey: journey, journeyPath: nil, journeyFingerprint: "f", details: WalkDetails(), started: Date(timeIntervalSince1970: 0))
}

@Suite struct WalkTests {
    let t = Date(timeIntervalSince1970: 10)

    /// Found by the random walks of `UndoAfterResumeTests`: a resume after `u` took back an inserted
    /// touchpoint opened on the one after it, while the screen had gone back to the one it followed.
    @Test func takingBackAnInsertionGoesBackToTheTouchpointItFollowed() throws {
        let inserted = AdhocTouchpoint(id: "adhoc-1", title: "Extra", after: "a", at: t)
        var walk = try #require(Walk(events: [.started(header()), .insertedTouchpoint(inserted)]))
        #expect(walk.position == 1, "on the inserted touchpoint")
        walk.apply(.insertedTouchpoint(AdhocTouchpoint(id: "adhoc-1", title: "Extra", after: "a", at: t, removed: true)))
        #expect(walk.steps.map(\.touchpoint.id) == ["a", "b", "c"])
        #expect(walk.position == 0, "back on a, not on b")
    }

    @Test func foldsVerdictsNotesAndPosition() throws {
        let walk = try #require(Walk(events: [
            .started(header()),
            .rated(RatingChange(touchpoint: "a", rating: Rating(.magic, intensity: 2), at: t, timerSeconds: 30)),
            .noted(NoteChange(touchpoint: "a", text: "Lovely", at: t)),
            .rated(RatingChange(touchpoint: "b", rating: Rating(.misery), at: t)),
        ]))
        #expect(walk.moment(for: "a").rating == Rating(.magic, intensity: 2))
        #expect(walk.moment(for: "a").note == "Lovely")
        #expect(walk.moment(for: "a").timerSeconds == 30)
        #expect(walk.position == 2)
        #expect(walk.summary == WalkSummary(magic: 1, misery: 1, unrecorded: 1))
        #expect(walk.summary.line == "1 magic · 0 neutral · 1 misery · 0 skipped · 1 unrecorded")
    }

    @Test func aVerdictOnTheLastTouchpointStaysThere() throws {
        var walk = Walk(header: header())
        walk.apply(.rated(RatingChange(touchpoint: "c", rating: Rating(.neutral), at: t)))
        #expect(walk.position == 2)
    }

    @Test func undoingAVerdictReturnsToItsTouchpoint() {
        var walk = Walk(header: header())
        walk.apply(.rated(RatingChange(touchpoint: "a", rating: Rating(.magic), at: t)))
        walk.apply(.rated(RatingChange(touchpoint: "a", rating: nil, at: t, undo: true)))
        #expect(walk.position == 0)
        #expect(walk.moment(for: "a").rating == nil)
        #expect(walk.summary.unrecorded == 3)
    }

    @Test func eventsForUnknownTouchpointsAreIgnored() {
        var walk = Walk(header: header())
        walk.apply(.rated(RatingChange(touchpoint: "zzz", rating: Rating(.magic), at: t)))
        walk.apply(.moved(touchpoint: "zzz", at: t))
        #expect(walk.moments.isEmpty)
        #expect(walk.position == 0)
    }

    @Test func ratingsClampIntensityAndHaveGlyphs() {
        #expect(Rating(.neutral, intensity: 2).intensity == 0)
        #expect(Rating(.misery, intensity: 9).intensity == 2)
        #expect(Rating(.magic, intensity: 2).glyph == "★★")
        #expect(Rating(.misery).glyph == "✖")
        #expect(Rating(.skipped).score == nil)
        #expect(Rating(.misery, intensity: 2).score == -2)
    }
}
