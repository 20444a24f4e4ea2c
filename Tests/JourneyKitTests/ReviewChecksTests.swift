import Foundation
import JourneyKit
import Testing

/// `YYYY-MM-DDTHH:MM:SSZ` as a date; Paris is UTC+01:00 in November.
private func zulu(_ text: String) -> Date { Timestamp.parse(text)! }

private let paris = TimeZone(identifier: "Europe/Paris")!
/// 2026-11-22 18:30 in Paris.
private let start = zulu("2026-11-22T17:30:00Z")
private let evening = ReviewChecks.Window(start: "18:00", end: "21:00")!

private let journey = Journey(id: "shop", title: "Store visit", stages: [
    Stage(name: "In the store", touchpoints: [
        Touchpoint(id: "greet", title: "Greeting", lookFor: ["Greeted within 30 seconds", "Did staff smile?"], target: 30),
        Touchpoint(id: "queue", title: "Queue", target: 180),
        Touchpoint(id: "checkout", title: "Checkout", lookFor: ["Receipt offered", "Thanked"]),
    ]),
])

private func walk(id: String = "W-1", statedStart: Date? = nil, _ events: [WalkEvent]) -> Walk {
    var header = WalkHeader(
        walkID: id, journey: journey, journeyPath: nil, journeyFingerprint: "", details: WalkDetails(operator: "Ann"),
        started: start, statedStart: statedStart)
    header.timeZoneID = "Europe/Paris"
    var walk = Walk(header: header)
    for event in events { walk.apply(event) }
    return walk
}

private func rate(_ id: String, _ verdict: Verdict, _ intensity: Int = 1) -> WalkEvent {
    .rated(RatingChange(touchpoint: id, rating: Rating(verdict, intensity: intensity), at: start))
}
private func answer(_ id: String, _ item: Int, _ answer: Answer) -> WalkEvent {
    .answered(AnswerChange(touchpoint: id, item: item, answer: answer, at: start))
}
private func comment(_ id: String, _ item: Int, _ text: String) -> WalkEvent {
    .commented(CommentChange(touchpoint: id, item: item, text: text, at: start))
}
private func note(_ id: String, _ text: String) -> WalkEvent { .noted(NoteChange(touchpoint: id, text: text, at: start)) }
private func timer(_ id: String, _ seconds: Double) -> WalkEvent {
    .timed(TimerChange(touchpoint: id, seconds: seconds, running: false, at: start))
}
private func stated(_ id: String, _ date: Date) -> WalkEvent { .stated(StatedTimeChange(touchpoint: id, stated: date, at: start)) }
private func attach(_ id: String, _ file: Evidence) -> WalkEvent { .attached(EvidenceChange(touchpoint: id, evidence: file, at: start)) }

private let receipt = Evidence(path: "/home/ann/visits/receipt.jpg", bytes: 2048, sha256: String(repeating: "ab", count: 32))

private func checks(_ walk: Walk, window: ReviewChecks.Window? = nil, evidence: [Evidence: EvidenceStatus] = [:],
                    shared: [String: [ReviewChecks.OtherWalk]] = [:]) -> ReviewChecks {
    ReviewChecks.of(walk, context: ReviewChecks.Context(
        zone: LocalTime.zone(of: walk.header), window: window, evidence: evidence, sharedEvidence: shared))
}

private func lines(_ checks: ReviewChecks, _ kind: ReviewCheck.Kind) -> [String] {
    checks.checks.filter { $0.kind == kind }.map { ($0.passed ? "✓ " : "✗ ") + $0.message }
}

@Suite struct ReviewChecksTests {
    @Test func statedTimesOnTheVisitsDayPassAndOneMinuteAfterMidnightFails() {
        let result = checks(walk([
            stated("greet", zulu("2026-11-22T22:59:00Z")),  // 23:59 in Paris
            stated("queue", zulu("2026-11-22T23:01:00Z")),  // 00:01 the next day
        ]))
        #expect(lines(result, .statedTime) == [
            "✗ Queue · stated 00:01 on 2026-11-23: not the visit's day (2026-11-22)",
            "✓ Greeting · stated 23:59 on 2026-11-22: on the visit's day",
        ])
        #expect(result.checks.first?.touchpoint == "queue" && result.checks.first?.touchpointTitle == "Queue")
    }

    @Test func theWindowIncludesItsEndsAndNothingOutside() {
        let result = checks(walk([
            stated("greet", zulu("2026-11-22T16:59:00Z")),  // 17:59
            stated("queue", zulu("2026-11-22T17:00:00Z")),  // 18:00
            stated("checkout", zulu("2026-11-22T20:00:59Z")),  // 21:00:59
        ]), window: evening)
        #expect(lines(result, .statedTime) == [
            "✗ Greeting · stated 17:59 on 2026-11-22: before the assignment window 18:00–21:00",
            "✓ Queue · stated 18:00 on 2026-11-22: inside the assignment window 18:00–21:00",
            "✓ Checkout · stated 21:00:59 on 2026-11-22: inside the assignment window 18:00–21:00",
        ])
        let late = checks(walk([stated("greet", zulu("2026-11-22T20:01:00Z"))]), window: evening)
        #expect(lines(late, .statedTime) == ["✗ Greeting · stated 21:01 on 2026-11-22: after the assignment window 18:00–21:00"])
    }

    @Test func theStatedStartIsCheckedAgainstTheWindowAndNamesTheVisitsDay() {
        let early = zulu("2026-11-22T16:30:00Z")  // 17:30
        let result = checks(walk(statedStart: early, []), window: evening)
        #expect(lines(result, .statedTime) == ["✗ Visit start · stated 17:30 on 2026-11-22: before the assignment window 18:00–21:00"])
        #expect(result.checks.first?.touchpoint == nil)
        #expect(checks(walk(statedStart: early, [])).checks.isEmpty, "without a window the stated start defines the day")
    }

    @Test func aWindowPastMidnightTakesTheEarlyHoursOfTheNextDay() throws {
        let night = try #require(ReviewChecks.Window(start: "22:00", end: "01:00"))
        let result = checks(walk(statedStart: zulu("2026-11-22T21:30:00Z"), [  // 22:30
            stated("greet", zulu("2026-11-22T23:30:00Z")),  // 00:30 on the 23rd
            stated("queue", zulu("2026-11-23T00:30:00Z")),  // 01:30 on the 23rd
        ]), window: night)
        #expect(lines(result, .statedTime) == [
            "✗ Queue · stated 01:30 on 2026-11-23: outside the assignment window 22:00–01:00",
            "✓ Visit start · stated 22:30 on 2026-11-22: inside the assignment window 22:00–01:00",
            "✓ Greeting · stated 00:30 on 2026-11-23: inside the assignment window 22:00–01:00",
        ])
        #expect(ReviewChecks.Window(start: "24:00", end: "01:00") == nil && ReviewChecks.Window(start: "9:00", end: "10:00") == nil)
    }

    @Test func everyNoNeedsAComment() {
        let result = checks(walk([
            rate("greet", .neutral), answer("greet", 0, .no), answer("greet", 1, .no), comment("greet", 1, "Looked away"),
            rate("checkout", .neutral), answer("checkout", 0, .no), comment("checkout", 0, "   "), answer("checkout", 1, .na),
        ]))
        #expect(lines(result, .commentOnNo) == [
            "✗ Greeting · item 1 \"Greeted within 30 seconds\": answered No without a comment",
            "✗ Checkout · item 1 \"Receipt offered\": answered No without a comment",
            "✓ Greeting · item 2 \"Did staff smile?\": answered No, with a comment",
        ])
        let first = result.checks.first
        #expect(first?.item == 0 && first?.itemText == "Greeted within 30 seconds" && first?.kind == .commentOnNo)
    }

    @Test func everyMissedTargetNeedsANote() {
        let result = checks(walk([
            rate("greet", .neutral), timer("greet", 45),
            rate("queue", .misery), timer("queue", 200), note("queue", "Only one till open"),
        ]))
        #expect(lines(result, .noteOnMissedTarget) == [
            "✗ Greeting: target 0:30 missed by 0:15 (timer 0:45) without a note",
            "✓ Queue: target 3:00 missed by 0:20 (timer 3:20), with a note",
        ])
        let notJudged = checks(walk([rate("greet", .skipped), timer("greet", 45), rate("queue", .neutral), timer("queue", 180)]))
        #expect(notJudged.checks.isEmpty, "a skipped moment's timing and a met target need no note")
    }

    @Test func answersThatContradictTheVerdictFail() {
        let result = checks(walk([
            rate("greet", .magic, 2), answer("greet", 0, .yes), answer("greet", 1, .no), comment("greet", 1, "Not really"),
            rate("checkout", .misery, 2), answer("checkout", 0, .yes), answer("checkout", 1, .na),
        ]))
        #expect(lines(result, .answersMatchVerdict) == [
            "✗ Greeting · item 2 \"Did staff smile?\": answered No on a strong magic moment",
            "✗ Checkout: strong misery, yet no item answered No (1 Yes)",
        ])
        let agreeing = checks(walk([
            rate("greet", .magic), answer("greet", 0, .yes),
            rate("checkout", .misery, 2), answer("checkout", 0, .yes), answer("checkout", 1, .no), comment("checkout", 1, "Walked off"),
        ]))
        #expect(lines(agreeing, .answersMatchVerdict) == [
            "✓ Greeting: magic, no item answered No",
            "✓ Checkout: strong misery, 1 item answered No",
        ])
        let mild = checks(walk([rate("checkout", .misery), answer("checkout", 0, .yes), answer("checkout", 1, .yes)]))
        #expect(mild.checks.isEmpty, "only a strong misery is held against all Yes")
    }

    @Test func evidenceMustBePresentWithItsHash() {
        let photo = Evidence(path: "photo.png", bytes: 10, sha256: String(repeating: "cd", count: 32))
        let note = Evidence(path: "/tmp/note.m4a", bytes: 10, sha256: String(repeating: "ef", count: 32))
        let walked = walk([rate("greet", .neutral), attach("greet", receipt), attach("greet", photo), attach("greet", note)])
        let result = checks(walked, evidence: [receipt: .present, photo: .changed])
        #expect(lines(result, .evidenceIntact) == [
            "✗ Greeting · photo.png: CHANGED since attached",
            "✗ Greeting · note.m4a: not checked",
            "✓ Greeting · receipt.jpg: present, size and SHA-256 as attached",
        ])
        let missing = checks(walked, evidence: [receipt: .missing, photo: .present, note: .unreadable])
        #expect(lines(missing, .evidenceIntact) == [
            "✗ Greeting · receipt.jpg: MISSING", "✗ Greeting · note.m4a: cannot be read",
            "✓ Greeting · photo.png: present, size and SHA-256 as attached",
        ])
    }

    @Test func theSameEvidenceInAnotherWalkOfTheTeamIsNamed() {
        let walked = walk(id: "W-1", [rate("checkout", .neutral), attach("checkout", receipt)])
        let holders = [
            ReviewChecks.OtherWalk(author: "Bo Chen", walkID: "W-9", journeyTitle: "Store visit"),
            ReviewChecks.OtherWalk(author: "Ann", walkID: "W-1", journeyTitle: "Store visit"),
            ReviewChecks.OtherWalk(author: "Cy", walkID: "W-3", journeyTitle: "Returns"),
        ]
        let result = checks(walked, evidence: [receipt: .present], shared: [receipt.sha256.uppercased(): holders])
        #expect(lines(result, .evidenceUnique) == [
            "✗ Checkout · receipt.jpg: the same file (SHA-256) is in Cy's walk W-3 (Returns); Bo Chen's walk W-9 (Store visit)",
        ])
        let alone = checks(walked, evidence: [receipt: .present], shared: [receipt.sha256: [holders[1]]])
        #expect(lines(alone, .evidenceUnique) == ["✓ Checkout · receipt.jpg: in no other walk of the team"], "the walk itself is no other walk")
        // Two walkers who started in the same second have walks of the same id: with the author known, the other one counts.
        let sameSecond = ReviewChecks.of(walked, context: ReviewChecks.Context(
            zone: LocalTime.zone(of: walked.header), evidence: [receipt: .present], sharedEvidence: [receipt.sha256: [holders[1]]], author: "Dee"))
        #expect(lines(sameSecond, .evidenceUnique) == ["✗ Checkout · receipt.jpg: the same file (SHA-256) is in Ann's walk W-1 (Store visit)"])
    }

    @Test func aWalkWithNoAnswersGivesNoFailedChecks() {
        let result = checks(walk([rate("greet", .magic, 2), rate("queue", .misery, 2), rate("checkout", .neutral)]), window: evening)
        #expect(result.failedCount == 0 && result.checks.isEmpty)
        #expect(result.textLines.filter { $0.hasPrefix("✗") }.isEmpty)
    }

    @Test func failedChecksComeFirstInWalkingOrder() {
        let result = checks(walk([
            rate("greet", .magic), answer("greet", 0, .yes),
            rate("queue", .neutral), timer("queue", 200),
            rate("checkout", .neutral), answer("checkout", 0, .no),
            stated("greet", zulu("2026-11-22T23:30:00Z")),
        ]))
        #expect(result.checks.map(\.passed) == [false, false, false, true])
        #expect(result.failed.map(\.touchpoint) == ["greet", "queue", "checkout"])
        #expect((result.passedCount, result.failedCount) == (1, 3))
    }

    @Test func textAndJSONOfOneWalk() {
        let walked = walk([
            rate("greet", .magic), answer("greet", 0, .yes), answer("greet", 1, .no), timer("greet", 45),
            stated("greet", zulu("2026-11-22T17:40:00Z")),
            rate("checkout", .misery, 2), answer("checkout", 0, .yes), attach("checkout", receipt),
        ])
        let result = checks(walked, window: evening, evidence: [receipt: .present], shared: [
            receipt.sha256: [ReviewChecks.OtherWalk(author: "Bo", walkID: "W-7", journeyTitle: "Store visit")],
        ])
        #expect(result.text == """
            QA checks: 5 failed, 2 passed (times in UTC+01:00)
            ✗ Greeting · item 2 "Did staff smile?": answered No without a comment
            ✗ Greeting: target 0:30 missed by 0:15 (timer 0:45) without a note
            ✗ Greeting · item 2 "Did staff smile?": answered No on a magic moment
            ✗ Checkout: strong misery, yet no item answered No (1 Yes)
            ✗ Checkout · receipt.jpg: the same file (SHA-256) is in Bo's walk W-7 (Store visit)
            ✓ stated times on the visit's day and in the window: 1 passed
            ✓ evidence files present and unchanged: 1 passed

            """)
        let json = [
            #"{"passed":2,"failed":5,"checks":["#,
            #"{"kind":"comment_on_no","passed":false,"touchpoint":"greet","touchpoint_title":"Greeting","item":1,"item_text":"Did staff smile?","message":"Greeting · item 2 \"Did staff smile?\": answered No without a comment"},"#,
            #"{"kind":"note_on_missed_target","passed":false,"touchpoint":"greet","touchpoint_title":"Greeting","item":null,"item_text":null,"message":"Greeting: target 0:30 missed by 0:15 (timer 0:45) without a note"},"#,
            #"{"kind":"answers_match_verdict","passed":false,"touchpoint":"greet","touchpoint_title":"Greeting","item":1,"item_text":"Did staff smile?","message":"Greeting · item 2 \"Did staff smile?\": answered No on a magic moment"},"#,
            #"{"kind":"answers_match_verdict","passed":false,"touchpoint":"checkout","touchpoint_title":"Checkout","item":null,"item_text":null,"message":"Checkout: strong misery, yet no item answered No (1 Yes)"},"#,
            #"{"kind":"evidence_unique","passed":false,"touchpoint":"checkout","touchpoint_title":"Checkout","item":null,"item_text":null,"message":"Checkout · receipt.jpg: the same file (SHA-256) is in Bo's walk W-7 (Store visit)"},"#,
            #"{"kind":"stated_time","passed":true,"touchpoint":"greet","touchpoint_title":"Greeting","item":null,"item_text":null,"message":"Greeting · stated 18:40 on 2026-11-22: inside the assignment window 18:00–21:00"},"#,
            #"{"kind":"evidence_intact","passed":true,"touchpoint":"checkout","touchpoint_title":"Checkout","item":null,"item_text":null,"message":"Checkout · receipt.jpg: present, size and SHA-256 as attached"}"#,
            "]}",
        ].joined()
        #expect(result.json == json)
    }

    @Test func theTextFormSanitizesWhatCameFromTheWalkAndListsWhatHadNothingToCheck() {
        let hostile = Journey(id: "x", title: "X", stages: [Stage(name: "S", touchpoints: [
            Touchpoint(id: "t", title: "Till\u{1B}[2J", lookFor: ["Bell\u{07}"]),
        ])])
        var walked = Walk(header: WalkHeader(walkID: "W-2", journey: hostile, journeyPath: nil, journeyFingerprint: "", details: WalkDetails(), started: start))
        walked.apply(.answered(AnswerChange(touchpoint: "t", item: 0, answer: .no, at: start)))
        let result = ReviewChecks.of(walked, context: ReviewChecks.Context(zone: paris))
        #expect(result.textLines == [
            "QA checks: 1 failed, 0 passed (times in UTC+01:00)",
            "✗ Till^[[2J · item 1 \"Bell^G\": answered No without a comment",
            "· stated times on the visit's day and in the window: nothing to check",
            "· missed targets with a note: nothing to check",
            "· answers consistent with the verdict: nothing to check",
            "· evidence files present and unchanged: nothing to check",
            "· evidence files in no other walk of the team: nothing to check",
        ])
        #expect(result.json.contains(#""touchpoint_title":"Till\u001b[2J""#), "JSON escapes, never drops, the walk's text")
    }
}
