import Foundation
import Testing
@testable import JourneyKit

@Suite struct WalkDiffTests {
    func journey(version: Int, _ touchpoints: [Touchpoint]) -> Journey {
        Journey(id: "shop", title: "Shop", version: version, stages: [Stage(name: "All", touchpoints: touchpoints)])
    }

    func walk(_ journey: Journey, id: String, _ events: (Date) -> [WalkEvent]) -> Walk {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let header = WalkHeader(walkID: id, journey: journey, journeyPath: nil, journeyFingerprint: "", details: WalkDetails(operator: "Ann"), started: start)
        var walk = Walk(header: header)
        for event in events(start) { walk.apply(event) }
        return walk
    }

    @Test func versionsVerdictsAnswersScoresAndTimers() throws {
        let door = Touchpoint(id: "door", title: "Door", lookFor: ["Clean", "Hours shown"], target: 30)
        let v1 = journey(version: 1, [door, Touchpoint(id: "greet", title: "Greeting"), Touchpoint(id: "old", title: "Old step")])
        let v2 = journey(version: 2, [door, Touchpoint(id: "greet", title: "Welcome"), Touchpoint(id: "new", title: "New step")])
        let a = walk(v1, id: "a") { at in [
            .rated(RatingChange(touchpoint: "door", rating: Rating(.magic), at: at, timerSeconds: 7)),
            .timed(TimerChange(touchpoint: "door", seconds: 20, running: false, at: at)),
            .answered(AnswerChange(touchpoint: "door", item: 0, answer: .yes, at: at)),
            .answered(AnswerChange(touchpoint: "door", item: 1, answer: .yes, at: at)),
            .rated(RatingChange(touchpoint: "greet", rating: Rating(.neutral), at: at)),
        ] }
        let b = walk(v2, id: "b") { at in [
            .rated(RatingChange(touchpoint: "door", rating: Rating(.misery, intensity: 2), at: at, timerSeconds: 9)),
            .timed(TimerChange(touchpoint: "door", seconds: 50, running: false, at: at)),
            .answered(AnswerChange(touchpoint: "door", item: 0, answer: .yes, at: at)),
            .answered(AnswerChange(touchpoint: "door", item: 1, answer: .no, at: at)),
            .rated(RatingChange(touchpoint: "greet", rating: Rating(.neutral), at: at)),
        ] }
        let diff = WalkDiff(before: a, after: b)
        #expect(diff.journeyChanges == [
            .renamed(id: "greet", from: "Greeting", to: "Welcome"), .added(id: "new", title: "New step"), .removed(id: "old", title: "Old step"),
        ])
        let doorChange = try #require(diff.touchpoints.first { $0.touchpoint == "door" })
        #expect(doorChange.verdictBefore == Rating(.magic) && doorChange.verdictAfter == Rating(.misery, intensity: 2))
        #expect(doorChange.answers == [WalkDiff.AnswerChange(item: "Hours shown", before: .yes, after: .no)])
        #expect(doorChange.scoreBefore == 100 && doorChange.scoreAfter == 50)
        #expect(doorChange.timerBefore == 20 && doorChange.timerAfter == 50, "the split timers, not the 7 and 9 s on screen")
        #expect(diff.touchpoints.map(\.touchpoint) == ["door", "new", "old"], "greet is the same in both")
        #expect(diff.unchanged == 1)
        #expect(diff.before.score == 100 && diff.after.score == 50)
    }
}
