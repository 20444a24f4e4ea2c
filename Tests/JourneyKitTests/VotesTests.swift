import Foundation
import JourneyKit
import Testing

@Suite struct VotesTests {
    @Test func theMajorityIsTheVerdictAndATieIsSplit() {
        #expect(Votes().majority == nil)
        #expect(Votes(magic: 3, neutral: 1, misery: 2).majority == .magic)
        #expect(Votes(magic: 0, neutral: 2, misery: 1).majority == .neutral)
        #expect(Votes(misery: 1).majority == .misery)
        #expect(Votes(magic: 2, neutral: 0, misery: 2).majority == .split)
        #expect(Votes(magic: 2, neutral: 2, misery: 1).majority == .split)
        #expect(Votes(magic: 1, neutral: 1, misery: 1).majority == .split)
        #expect(Votes(magic: 1, neutral: 3, misery: 3).majority == .split)
        #expect(Votes(magic: 5, neutral: 5, misery: 6).majority == .misery)
    }

    @Test func marginAndMoodDescribeTheRoom() {
        #expect(Votes().margin == nil && Votes().mood == nil)
        #expect(Votes(magic: 4, misery: 4).margin == 0)
        #expect(Votes(magic: 4).margin == 1)
        #expect(Votes(magic: 6, neutral: 1, misery: 3).margin == 0.3)
        #expect(Votes(magic: 6, neutral: 1, misery: 3).mood == 0.3)
        #expect(Votes(neutral: 2, misery: 2).mood == -0.5)
    }

    @Test func aSplitIsAVerdictOfItsOwn() {
        let split = Rating(.split, intensity: 2)
        #expect(split.intensity == 0)
        #expect(split.glyph == "◐" && split.label == "split" && split.score == 0)
        #expect(Votes(magic: 1, misery: 1).rating == split)
    }

    @Test func theSummaryCountsSplitMomentsAndSaysSoOnlyWhenThereAreSome() throws {
        let at = Date(timeIntervalSince1970: 10)
        let walk = try #require(Walk(events: [
            .started(header()),
            .rated(RatingChange(touchpoint: "a", rating: Rating(.split), at: at)),
            .rated(RatingChange(touchpoint: "b", rating: Rating(.magic), at: at)),
        ]))
        #expect(walk.summary == WalkSummary(magic: 1, unrecorded: 1, split: 1))
        #expect(walk.summary.line == "1 magic · 0 neutral · 0 misery · 1 split · 0 skipped · 1 unrecorded")
        #expect(WalkSummary(magic: 1).line == "1 magic · 0 neutral · 0 misery · 0 skipped · 0 unrecorded")
    }
}
