import Foundation
import Glibc
import JourneyKit
@testable import JourneyStore
import Testing

private func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_795_342_503 + seconds) }

/// A journey with every SPEC 7.1 key: weights, a critical item, a pass mark, timeboxes, own tags.
let scoredJourney = Journey(
    id: "shop", title: "Shop", version: 3, passMark: 80, timebox: 180,
    tags: [TagDefinition(id: "no-parking", label: "No parking nearby", kind: .misery)],
    stages: [
        Stage(name: "Arrive", touchpoints: [
            Touchpoint(id: "door", title: "Door", checklist: [
                ChecklistItem("Clean entrance"),
                ChecklistItem("Hours on the door", weight: 2),
            ], target: 30, timebox: 120),
        ]),
        Stage(name: "Buy", touchpoints: [
            Touchpoint(id: "greet", title: "Greeting", checklist: [
                ChecklistItem("Greeted within 30 seconds"),
                ChecklistItem("Offered the promised coffee", weight: 3),
                ChecklistItem("Asked for ID before selling alcohol", weight: 5, critical: true),
            ]),
            Touchpoint(id: "till", title: "Till", checklist: [ChecklistItem("Receipt offered", weight: 2)]),
        ]),
    ])

private let header = WalkHeader(
    walkID: "20261122-101503-shop", journey: scoredJourney, journeyPath: "/j/shop.yaml", journeyFingerprint: "fnv1a64:0123456789abcdef",
    details: WalkDetails(operator: "Zoë", role: .shopper, location: "Main St", channel: "store"), started: at(0),
    statedStart: at(-86_400))

/// Every record type of the second wave, in an order a walk could write them.
let secondWaveEvents: [WalkEvent] = [
    .started(header),
    .answered(AnswerChange(touchpoint: "door", item: 0, answer: .yes, at: at(1))),
    .answered(AnswerChange(touchpoint: "door", item: 1, answer: .no, at: at(2))),
    .drafted(NoteChange(touchpoint: "door", text: "Hours say 9–1", at: at(2.5), field: .comment(1))),
    .commented(CommentChange(touchpoint: "door", item: 1, text: "Hours say 9–18, site says \"10–18\"", at: at(3))),
    .timed(TimerChange(touchpoint: "door", seconds: 0, running: true, at: at(4))),
    .timed(TimerChange(touchpoint: "door", seconds: 41.3, running: false, at: at(45.3))),
    .stated(StatedTimeChange(touchpoint: "door", stated: at(-86_000), at: at(46))),
    .rated(RatingChange(touchpoint: "door", rating: Rating(.misery), at: at(47), timerSeconds: 47)),
    .insertedTouchpoint(AdhocTouchpoint(id: "adhoc-1", title: "Fire alarm test", channel: "store", after: "door", at: at(48))),
    .rated(RatingChange(touchpoint: "adhoc-1", rating: Rating(.neutral), at: at(49))),
    .answered(AnswerChange(touchpoint: "greet", item: 0, answer: .na, at: at(50))),
    .answered(AnswerChange(touchpoint: "greet", item: 1, answer: .yes, at: at(51))),
    .answered(AnswerChange(touchpoint: "greet", item: 2, answer: .no, at: at(52))),
    .attached(EvidenceChange(touchpoint: "greet", evidence: Evidence(path: "/photos/IMG_2041.jpg", bytes: 2_401_112, sha256: String(repeating: "ab", count: 32)), at: at(53))),
    .tagged(TagChange(touchpoint: "greet", tags: ["kept-waiting", "no-parking", "tag-from-the-future"], at: at(54))),
    .recovered(RecoveryChange(touchpoint: "greet", recovery: Recovery(apology: true, reassurance: false), at: at(55))),
    .praised(PraiseChange(touchpoint: "greet", praise: Praise(to: "Amira (till 2)", text: "Calm and kind with a queue of twelve"), at: at(56))),
    .actionChanged(ActionChange(touchpoint: "greet", action: Action(id: "a1b2c3", text: "Second till at peak", owner: "Store manager", due: "2026-12-01"), at: at(57))),
    .voted(VoteChange(touchpoint: "till", votes: Votes(magic: 7, neutral: 2, misery: 11), at: at(58))),
    .actionChanged(ActionChange(touchpoint: "till", action: Action(id: "a1b2c3", text: "Second till at peak", owner: "Store manager", due: "2026-12-01", status: .done), at: at(59))),
    .finished(at: at(60)),
    .submitted(at: at(61)),
]

/// What `u` writes for the leader's records: an earlier value marked `undo`, an action taken out
/// with `removed`, an action's earlier status put back.
let leaderUndoEvents: [WalkEvent] = [
    .started(header),
    .tagged(TagChange(touchpoint: "greet", tags: ["kept-waiting"], at: at(1))),
    .tagged(TagChange(touchpoint: "greet", tags: [], at: at(2), undo: true)),
    .recovered(RecoveryChange(touchpoint: "greet", recovery: Recovery(apology: true), at: at(3))),
    .recovered(RecoveryChange(touchpoint: "greet", recovery: nil, at: at(4), undo: true)),
    .praised(PraiseChange(touchpoint: "greet", praise: Praise(to: "Ann", text: "Nice"), at: at(5))),
    .praised(PraiseChange(touchpoint: "greet", praise: nil, at: at(6), undo: true)),
    .actionChanged(ActionChange(touchpoint: "greet", action: Action(id: "d4e5f6", text: "Do it", owner: "Bob", due: "2026-11-27"), at: at(7))),
    .moved(touchpoint: "till", at: at(7.5)),
    .actionChanged(ActionChange(touchpoint: "greet", action: Action(id: "d4e5f6", text: "Do it", owner: "Bob", due: "2026-11-27"), at: at(8), removed: true)),
    .actionChanged(ActionChange(touchpoint: "till", action: Action(id: "0a0b0c", text: "Call back", owner: "Ann", due: nil), at: at(9))),
    .actionChanged(ActionChange(touchpoint: "till", action: Action(id: "0a0b0c", text: "Call back", owner: "Ann", due: nil, status: .dropped), at: at(10))),
    .actionChanged(ActionChange(touchpoint: "till", action: Action(id: "0a0b0c", text: "Call back", owner: "Ann", due: nil), at: at(11), undo: true)),
    .actionChanged(ActionChange(touchpoint: "door", action: Action(id: "999999", text: "Never added", owner: "Nobody", due: nil), at: at(12), removed: true)),
]

/// A file holding `events` cut at every byte loads every complete record and nothing else.
private func expectEveryCutLoadsTheCompleteRecords(_ events: [WalkEvent]) throws {
    let lines = events.map { WalkCodec.encode($0) + "\n" }
    let whole = Array(lines.joined().utf8)
    var ends: [Int] = []
    var offset = 0
    for line in lines {
        offset += line.utf8.count
        ends.append(offset)
    }
    for cut in ends[0]..<whole.count {
        let file = try LoadedWalk.parse(Array(whole[0..<cut]), path: "walk.jsonl")
        // Records whose line is complete, or complete but for its newline, are loaded; a cut record is not.
        let loaded = ends.filter { $0 <= cut + 1 }.count
        let complete = ends.contains(cut) || ends.contains(cut + 1)
        #expect(file.walk == Walk(events: Array(events.prefix(loaded))), "cut at byte \(cut)")
        #expect(file.warnings.count == (complete ? 0 : 1), "cut at byte \(cut): \(file.warnings)")
    }
}

/// A workshop whose header keeps the room's `--timebox` (`workshop_timebox_seconds`), with votes.
let workshopEvents: [WalkEvent] = {
    var workshop = header
    workshop.details = WalkDetails(operator: "Ana", role: .trainer, location: "Room 4", channel: "workshop")
    workshop.workshopTimebox = 10
    return [
        .started(workshop),
        .voted(VoteChange(touchpoint: "door", votes: Votes(magic: 2, misery: 2), at: at(5))),
        .rated(RatingChange(touchpoint: "door", rating: Rating(.split), at: at(5), timerSeconds: 5)),
        .noted(NoteChange(touchpoint: "door", text: "Half the room never saw the sign", at: at(9))),
    ]
}()

@Suite struct SecondWaveRecordTests {
    @Test func everyRecordSurvivesTheRoundTrip() throws {
        let copies = SharedJourneyCopies(folders: [])
        for event in secondWaveEvents + leaderUndoEvents.dropFirst() {
            let line = WalkCodec.encode(event)
            #expect(!line.contains("\n"))
            #expect(try WalkCodec.decode(bytes: Array(line.utf8), copies: copies) == event, "\(line)")
        }
    }

    @Test func theWalkFoldsEveryRecord() throws {
        let walk = try #require(Walk(events: secondWaveEvents))
        #expect(walk.header.statedStart == at(-86_400))
        #expect(walk.steps.map(\.touchpoint.id) == ["door", "adhoc-1", "greet", "till"])
        #expect(walk.steps[1].touchpoint.adhoc && walk.steps[1].stageIndex == 0)
        let door = walk.moment(for: "door")
        #expect(door.answers == [0: .yes, 1: .no])
        #expect(door.comments == [1: "Hours say 9–18, site says \"10–18\""])
        #expect(walk.drafts.isEmpty, "the comment replaced its draft")
        #expect(door.splitTimer == SplitTimer(seconds: 41.3, running: false, since: at(45.3)))
        #expect(door.splitTimer?.reading(at: at(1000)) == 41.3)
        #expect(door.statedAt == at(-86_000))
        let greet = walk.moment(for: "greet")
        #expect(greet.evidence.map(\.bytes) == [2_401_112])
        #expect(greet.tags == ["kept-waiting", "no-parking", "tag-from-the-future"], "unknown tag ids are kept as they are")
        #expect(greet.recovery == Recovery(apology: true, reassurance: false, restitution: nil))
        #expect(greet.recovery?.isComplete == false)
        #expect(greet.praise?.to == "Amira (till 2)")
        #expect(greet.actions.map(\.status) == [.done], "the later record of the same action id changed it in place")
        #expect(walk.moment(for: "till").actions.isEmpty)
        #expect(walk.moment(for: "till").votes == Votes(magic: 7, neutral: 2, misery: 11))
        #expect(walk.actions.map(\.touchpoint) == ["greet"])
        #expect(walk.status == .submitted)
    }

    @Test func aFileCutAtEveryByteLoadsEveryCompleteRecordAndNothingElse() throws {
        try expectEveryCutLoadsTheCompleteRecords(secondWaveEvents)
        try expectEveryCutLoadsTheCompleteRecords(leaderUndoEvents)
        try expectEveryCutLoadsTheCompleteRecords(workshopEvents)
    }

    @Test func undoRecordsOfTheLeaderKeepTheirKeys() throws {
        let removed = WalkCodec.encode(leaderUndoEvents[9])
        #expect(removed.hasSuffix(#""status":"open","removed":true}"#), "\(removed)")
        let restored = WalkCodec.encode(leaderUndoEvents[12])
        #expect(restored.hasSuffix(#""status":"open","undo":true}"#), "\(restored)")
        #expect(!WalkCodec.encode(leaderUndoEvents[7]).contains("removed"), "a plain action record is as before")
        #expect(WalkCodec.encode(leaderUndoEvents[2]).hasSuffix(#""tags":[],"undo":true}"#))
    }

    @Test func theFoldTakesActionsOutAndPutsTheirStatusBack() throws {
        let walk = try #require(Walk(events: leaderUndoEvents))
        let greet = walk.moment(for: "greet")
        #expect(greet.tags.isEmpty && greet.recovery == nil && greet.praise == nil)
        #expect(greet.actions.isEmpty, "the action taken out is gone")
        #expect(walk.moment(for: "till").actions == [Action(id: "0a0b0c", text: "Call back", owner: "Ann", due: nil, status: .open)])
        #expect(walk.moment(for: "door").actions.isEmpty, "taking out an action the walk lacks changes nothing")
        #expect(walk.actions.map(\.action.id) == ["0a0b0c"])
        #expect(walk.action(id: "d4e5f6") == nil)
        let upToRemoval = try #require(Walk(events: Array(leaderUndoEvents.prefix(10))))
        #expect(upToRemoval.steps[upToRemoval.position].touchpoint.id == "greet", "u returns to the moment it changed")
    }

    @Test func damagedNewRecordsAreSkippedAndNamed() throws {
        let lines = [
            WalkCodec.encode(secondWaveEvents[0]),
            #"{"type":"answer","at":"2026-11-22T10:15:04.000Z","touchpoint":"door","item":0,"answer":"maybe"}"#,
            #"{"type":"answer","at":"2026-11-22T10:15:04.000Z","touchpoint":"door","item":-1,"answer":"yes"}"#,
            #"{"type":"timer","at":"2026-11-22T10:15:04.000Z","touchpoint":"door","seconds":"ten"}"#,
            #"{"type":"votes","at":"2026-11-22T10:15:04.000Z","touchpoint":"till","magic":-1,"neutral":0,"misery":0}"#,
            #"{"type":"action","at":"2026-11-22T10:15:04.000Z","touchpoint":"till","id":"x","status":"someday"}"#,
        ]
        let file = try LoadedWalk.parse(Array((lines.joined(separator: "\n") + "\n").utf8), path: "w.jsonl")
        #expect(file.warnings.map(\.description) == [
            "w.jsonl:2: record without a valid 'answer'; skipped",
            "w.jsonl:3: record without a valid 'item'; skipped",
            "w.jsonl:4: record without a valid 'seconds'; skipped",
            "w.jsonl:5: record without a valid 'magic'; skipped",
            "w.jsonl:6: record without a valid 'status'; skipped",
        ])
        #expect(file.walk == Walk(header: header))
    }

    @Test func theJourneyCopyKeepsWeightsCriticalItemsTagsAndTimeboxes() throws {
        let json = WalkCodec.journeyCopyJSON(scoredJourney)
        #expect(json.contains(#""look_for":["Clean entrance",{"item":"Hours on the door","weight":2,"critical":false}]"#))
        #expect(json.contains(#""pass_mark":80"#))
        #expect(WalkCodec.journey(copy: Array(json.utf8)) == scoredJourney)
    }
}

/// SPEC 7.2's score, checked against sums done by hand.
@Suite struct VisitScoreTests {
    @Test func weightsNAUnansweredAndACriticalNo() throws {
        let walk = try #require(Walk(events: secondWaveEvents))
        let score = VisitScore(walk)
        // door: Clean entrance (1) Yes, Hours on the door (2) No             → 1 of 3
        // greet: within 30 s (1) N/A, coffee (3) Yes, ID (5, critical) No    → 3 of 8
        // till: Receipt offered (2) unanswered                               → nothing
        // overall: (1 + 3) / (3 + 8) = 4 / 11 = 36.36… → 36.4
        #expect(score.percent == 36.4)
        #expect(score.stages == [
            VisitScore.StageScore(stage: "Arrive", percent: 33.3),   // 1 / 3
            VisitScore.StageScore(stage: "Buy", percent: 37.5),      // 3 / 8
        ])
        #expect(score.passMark == 80)
        #expect(score.criticalFailed == ["greet"])
        #expect(score.passed == false)
        #expect(VisitScore.text(score.percent) == "36.4 %")
    }

    @Test func noYesOrNoMeansNoScoreNotZero() {
        var walk = Walk(header: header)
        walk.apply(.answered(AnswerChange(touchpoint: "door", item: 0, answer: .na, at: at(1))))
        let score = VisitScore(walk)
        #expect(score.percent == nil)
        #expect(score.passed == nil)
        #expect(score.stages.map(\.percent) == [nil, nil])
        #expect(VisitScore.text(nil) == "no score")
    }

    @Test func passingNeedsThePassMarkAndNoCriticalNo() {
        var walk = Walk(header: header)
        for (tp, item) in [("door", 0), ("door", 1), ("greet", 1), ("greet", 2)] {
            walk.apply(.answered(AnswerChange(touchpoint: tp, item: item, answer: .yes, at: at(1))))
        }
        walk.apply(.answered(AnswerChange(touchpoint: "greet", item: 0, answer: .no, at: at(2))))
        // (1 + 2 + 3 + 5) / (1 + 2 + 1 + 3 + 5) = 11 / 12 = 91.666… → 91.7 ≥ 80
        #expect(VisitScore(walk).percent == 91.7)
        #expect(VisitScore(walk).passed == true)
        var strict = header
        strict.journey.passMark = nil
        var defaultMark = Walk(header: strict)
        defaultMark.apply(.answered(AnswerChange(touchpoint: "till", item: 0, answer: .yes, at: at(1))))
        #expect(VisitScore(defaultMark).passMark == 85)
    }
}
