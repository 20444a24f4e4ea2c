import Foundation
import JourneyKit
import Testing

private func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_000_000 + seconds) }

private let debriefJourney = Journey(
    id: "visit", title: "Visit",
    tags: [TagDefinition(id: "no-parking", label: "No parking nearby", kind: .misery)],
    stages: [
        Stage(name: "Arrive", touchpoints: [
            Touchpoint(id: "park", title: "Parking"),
            Touchpoint(id: "door", title: "Door", target: 30, momentOfTruth: true),
        ]),
        Stage(name: "Buy", touchpoints: [
            Touchpoint(id: "greet", title: "Greeting"),
            Touchpoint(id: "till", title: "Till", target: 60),
            Touchpoint(id: "bag", title: "Bag"),
        ]),
    ])

/// A walk entered after the visit: stated times put the till before the greeting.
private func debriefWalk() -> Walk {
    var walk = Walk(header: WalkHeader(
        walkID: "w", journey: debriefJourney, journeyPath: nil, journeyFingerprint: "f",
        details: WalkDetails(operator: "Sam"), started: at(0), statedStart: at(-1000)))
    let events: [WalkEvent] = [
        .rated(RatingChange(touchpoint: "park", rating: Rating(.misery), at: at(1))),
        .tagged(TagChange(touchpoint: "park", tags: ["no-parking", "kept-waiting"], at: at(2))),
        .stated(StatedTimeChange(touchpoint: "door", stated: at(-900), at: at(3))),
        .rated(RatingChange(touchpoint: "door", rating: Rating(.magic, intensity: 2), at: at(4))),
        .timed(TimerChange(touchpoint: "door", seconds: 41.26, running: false, at: at(5))),
        .stated(StatedTimeChange(touchpoint: "greet", stated: at(-600), at: at(6))),
        .rated(RatingChange(touchpoint: "greet", rating: Rating(.misery, intensity: 2), at: at(7))),
        .tagged(TagChange(touchpoint: "greet", tags: ["kept-waiting", "tag-from-the-future"], at: at(8))),
        .recovered(RecoveryChange(touchpoint: "greet", recovery: Recovery(apology: true, reassurance: false), at: at(9))),
        .praised(PraiseChange(touchpoint: "greet", praise: Praise(to: "Amira", text: "Calm with a queue"), at: at(10))),
        .actionChanged(ActionChange(touchpoint: "greet", action: Action(id: "a1", text: "Second till", owner: "Lee", due: nil), at: at(11))),
        .stated(StatedTimeChange(touchpoint: "till", stated: at(-700), at: at(12))),
        .rated(RatingChange(touchpoint: "till", rating: Rating(.magic, intensity: 2), at: at(13), timerSeconds: 75)),
        .actionChanged(ActionChange(touchpoint: "till", action: Action(id: "a2", text: "Fix card reader", owner: "Kim", due: "2026-12-01"), at: at(14))),
        .actionChanged(ActionChange(touchpoint: "till", action: Action(id: "a3", text: "Old idea", owner: "Kim", due: "2026-11-01", status: .dropped), at: at(15))),
        .rated(RatingChange(touchpoint: "bag", rating: Rating(.skipped), at: at(16))),
    ]
    for event in events { walk.apply(event) }
    return walk
}

@Suite struct TimelineTests {
    @Test func statedTimesOrderTheTimelineAndUnstatedMomentsKeepTheirPlace() {
        let analysis = WalkAnalysis(debriefWalk())
        // park (no stated time, walked first), door -900, till -700, bag (walked right after the till), greet -600.
        #expect(analysis.timeline.map(\.touchpoint.id) == ["park", "door", "till", "bag", "greet"])
        #expect(analysis.entries.map(\.touchpoint.id) == ["park", "door", "greet", "till", "bag"], "entries stay in walking order")
    }

    @Test func aWalkWithoutStatedTimesReadsInWalkingOrder() {
        var walk = Walk(header: WalkHeader(walkID: "w", journey: debriefJourney, journeyPath: nil, journeyFingerprint: "f", details: WalkDetails(), started: at(0)))
        walk.apply(.rated(RatingChange(touchpoint: "till", rating: Rating(.magic), at: at(5))))
        walk.apply(.rated(RatingChange(touchpoint: "park", rating: Rating(.magic), at: at(9))))
        let analysis = WalkAnalysis(walk)
        #expect(analysis.timeline == analysis.entries)
        #expect(analysis.when(analysis.entries[0]) == MomentTime(date: at(9), stated: false, offset: 9))
    }

    @Test func statedTimesCountFromTheStatedStart() throws {
        let analysis = WalkAnalysis(debriefWalk())
        let door = try #require(analysis.entries.first { $0.touchpoint.id == "door" })
        #expect(analysis.when(door) == MomentTime(date: at(-900), stated: true, offset: 100))
        #expect(analysis.when(door)?.offsetText == "+1:40")
        let park = analysis.entries[0]
        #expect(analysis.when(park) == MomentTime(date: at(1), stated: false, offset: nil), "entered after the visit: no offset")
    }

    @Test func onlyTheSplitTimerIsATimingAndIsJudged() throws {
        let analysis = WalkAnalysis(debriefWalk())
        let door = try #require(analysis.entries.first { $0.touchpoint.id == "door" })
        let timer = analysis.timer(door)
        #expect(timer == TimerReading(seconds: 41.2, target: 30))
        #expect(timer.met == false)
        #expect(timer.text == "0:41 — target 0:30, missed by 0:11")
        #expect(timer.label == "timer 0:41 — target 0:30, missed by 0:11")
        // 75 seconds on screen at the verdict, in a walk entered after the visit: no timing, no
        // judgement, and not even a time on screen (it is how long typing took).
        let till = try #require(analysis.entries.first { $0.touchpoint.id == "till" })
        #expect(analysis.timer(till) == TimerReading(seconds: nil, target: 60, onScreen: nil))
        #expect(analysis.timer(till).met == nil)
        #expect(analysis.timer(till).label == nil)
        #expect(analysis.timer(analysis.entries[0]).met == nil)
        #expect(TimerReading(seconds: 30, target: 30).met == true)
        #expect(TimerReading(seconds: 30.9, target: 30).met == true, "whole seconds, as the walk screen's stopwatch")
        #expect(TimerReading(seconds: 29.6, target: 60).text == "0:29 — target 1:00, met")
    }

    @Test func timeOnScreenIsShownAsSuchAndNeverMeetsATarget() {
        var walk = Walk(header: WalkHeader(walkID: "w", journey: debriefJourney, journeyPath: nil, journeyFingerprint: "f", details: WalkDetails(), started: at(0)))
        walk.apply(.rated(RatingChange(touchpoint: "till", rating: Rating(.magic), at: at(20), timerSeconds: 2)))
        let analysis = WalkAnalysis(walk)
        let till = analysis.entries[3]
        let timer = analysis.timer(till)
        #expect(timer.seconds == nil)
        #expect(timer.met == nil, "2 s on screen against a target of 1:00 is no timing")
        #expect(timer.text == nil)
        #expect(timer.onScreen == 2)
        #expect(timer.label == "on screen 0:02")
    }

    @Test func nothingIsJudgedForASkippedOrUnrecordedMoment() {
        var walk = Walk(header: WalkHeader(walkID: "w", journey: debriefJourney, journeyPath: nil, journeyFingerprint: "f", details: WalkDetails(), started: at(0)))
        walk.apply(.timed(TimerChange(touchpoint: "door", seconds: 12, running: false, at: at(10))))
        walk.apply(.timed(TimerChange(touchpoint: "till", seconds: 90, running: false, at: at(11))))
        walk.apply(.rated(RatingChange(touchpoint: "till", rating: Rating(.skipped), at: at(12), timerSeconds: 5)))
        let analysis = WalkAnalysis(walk)
        let door = analysis.timer(analysis.entries[1]), till = analysis.timer(analysis.entries[3])
        #expect(door.seconds == 12 && door.met == nil && door.text == "0:12 — target 0:30")
        #expect(till.seconds == 90 && till.met == nil && till.over == nil && till.text == "1:30 — target 1:00")
        #expect(FinalCheck(walk, now: at(20)).problems == [.unrecorded(touchpoint: "park"), .unrecorded(touchpoint: "door"), .unrecorded(touchpoint: "greet"), .unrecorded(touchpoint: "bag")],
                "a skipped moment's timer over its target needs no note")
    }

    @Test func aRunningSplitTimerIsReadAtTheLastRecord() {
        var walk = Walk(header: WalkHeader(walkID: "w", journey: debriefJourney, journeyPath: nil, journeyFingerprint: "f", details: WalkDetails(), started: at(0)))
        walk.apply(.timed(TimerChange(touchpoint: "door", seconds: 10, running: true, at: at(100))))
        walk.apply(.noted(NoteChange(touchpoint: "park", text: "x", at: at(125))))
        let analysis = WalkAnalysis(walk)
        #expect(analysis.timer(analysis.entries[1]) == TimerReading(seconds: 35, target: 30, running: true, judged: false))
    }
}

@Suite struct DebriefTests {
    @Test func firstAndLastBestAndWorstFollowTheTimeline() {
        let debrief = Debrief(debriefWalk())
        #expect(debrief.first?.touchpoint.id == "park")
        #expect(debrief.last?.touchpoint.id == "greet", "the bag was skipped; greet happened last")
        #expect(debrief.best?.touchpoint.id == "door", "door and till are both strong magic: the first in the timeline wins")
        #expect(debrief.worst?.touchpoint.id == "greet")
        #expect(debrief.analysis.end.map(\.touchpoint.id) == ["till", "greet"])
        #expect(debrief.momentsOfTruth.map(\.touchpoint.id) == ["door"])
    }

    @Test func tagsAreCountedWithLabelsAndUnknownIdsKept() {
        let debrief = Debrief(debriefWalk())
        #expect(debrief.tags == [
            Debrief.TagCount(id: "kept-waiting", label: "Kept waiting", kind: .misery, count: 2),
            Debrief.TagCount(id: "no-parking", label: "No parking nearby", kind: .misery, count: 1),
            Debrief.TagCount(id: "tag-from-the-future", label: "tag-from-the-future", kind: nil, count: 1),
        ])
    }

    @Test func everyMiseryMomentWithoutACompleteRecoveryIsMissing() {
        let debrief = Debrief(debriefWalk())
        #expect(debrief.completeRecoveries == 0)
        #expect(debrief.missingRecoveries.map(\.entry.touchpoint.id) == ["park", "greet"])
        #expect(debrief.missingRecoveries[0].recovery == nil)
        let partial = debrief.missingRecoveries[1].recovery
        #expect(partial?.apology == true && partial?.reassurance != true && partial?.restitution != true)
        var walk = debriefWalk()
        walk.apply(.recovered(RecoveryChange(touchpoint: "greet", recovery: Recovery(apology: true, reassurance: true, restitution: true), at: at(20))))
        let after = Debrief(walk)
        #expect(after.completeRecoveries == 1)
        #expect(after.missingRecoveries.map(\.entry.touchpoint.id) == ["park"])
    }

    @Test func praiseAndActionsComeWithTheirMoments() {
        let debrief = Debrief(debriefWalk())
        #expect(debrief.praise.map(\.praise) == [Praise(to: "Amira", text: "Calm with a queue")])
        #expect(debrief.praise.map(\.entry.touchpoint.id) == ["greet"])
        #expect(debrief.actions.map(\.action.id) == ["a2", "a1", "a3"], "open first, dated before undated, dropped last")
        #expect(debrief.openActions.map(\.action.id) == ["a2", "a1"])
        #expect(debrief.actions.map(\.entry.touchpoint.id) == ["till", "greet", "till"])
    }

    @Test func anEmptyWalkHasNothingToDebrief() {
        let walk = Walk(header: WalkHeader(walkID: "w", journey: Journey(id: "j", title: "J", stages: [Stage(name: "S", touchpoints: [Touchpoint(id: "a", title: "A")])]),
                                           journeyPath: nil, journeyFingerprint: "f", details: WalkDetails(), started: at(0)))
        let debrief = Debrief(walk)
        #expect(debrief.isEmpty)
        #expect(debrief.first == nil && debrief.last == nil && debrief.best == nil && debrief.worst == nil)
        #expect(debrief.score.percent == nil)
    }
}
