import Foundation
import JourneyKit
import Testing

/// 2026-11-22T10:15:03Z, 11:15:03 in Paris.
private let now = Date(timeIntervalSince1970: 1_795_342_503)
private let paris = TimeZone(identifier: "Europe/Paris") ?? .current
private let utc = TimeZone(identifier: "UTC") ?? .current

/// `YYYY-MM-DDTHH:MM:SSZ` as a date, for expectations written in UTC.
private func zulu(_ text: String) -> Date? { Timestamp.parse(text) }

@Suite struct StatedTimeTests {
    @Test func theStartOfAVisitIsLocalTimeTodayOrOnADate() throws {
        #expect(try StatedTime.parseStart("2026-11-22 10:15", now: now, timeZone: paris) == zulu("2026-11-22T09:15:00Z"))
        #expect(try StatedTime.parseStart("10:15", now: now, timeZone: paris) == zulu("2026-11-22T09:15:00Z"))
        #expect(try StatedTime.parseStart("  2026-11-21T18:05:30 ", now: now, timeZone: paris) == zulu("2026-11-21T17:05:30Z"))
        #expect(try StatedTime.parseStart("10:15", now: now, timeZone: utc) == zulu("2026-11-22T10:15:00Z"))
    }

    @Test func aStartInTheFutureOrMalformedIsRefusedWithTheForms() {
        for text in ["11:20", "2026-11-23 09:00", "25:00", "10h15", "2026-02-30 10:00", "+3m", "", "10:5", "2026-11-22"] {
            do {
                _ = try StatedTime.parseStart(text, now: now, timeZone: paris)
                Issue.record("'\(text)' was accepted")
            } catch {
                #expect(error.description.hasSuffix("accepted: \"2026-11-22 10:15\", \"2026-11-22 10:15:30\" or \"10:15\" (today), local time Europe/Paris, UTC+01:00"), "\(error)")
            }
        }
        #expect(throws: StatedTime.Refusal(description: "2026-11-22 11:20 is in the future; accepted: \"2026-11-22 10:15\", \"2026-11-22 10:15:30\" or \"10:15\" (today), local time Europe/Paris, UTC+01:00")) {
            try StatedTime.parseStart("11:20", now: now, timeZone: paris)
        }
    }

    @Test func aTouchpointTimeIsOnTheDayOfTheVisitOrAfterThePreviousOne() throws {
        let start = zulu("2026-11-21T17:00:00Z")  // 18:00 in Paris, the day before
        #expect(try StatedTime.parse("18:30", now: now, timeZone: paris, previous: nil, start: start) == zulu("2026-11-21T17:30:00Z"))
        let previous = zulu("2026-11-21T17:30:00Z")
        #expect(try StatedTime.parse("18:42:30", now: now, timeZone: paris, previous: previous, start: start) == zulu("2026-11-21T17:42:30Z"))
        #expect(try StatedTime.parse("+3m", now: now, timeZone: paris, previous: previous, start: start) == zulu("2026-11-21T17:33:00Z"))
        #expect(try StatedTime.parse("+1h5m", now: now, timeZone: paris, previous: nil, start: start) == zulu("2026-11-21T18:05:00Z"))
        #expect(try StatedTime.parse("2026-11-22 08:00", now: now, timeZone: paris, previous: previous, start: start) == zulu("2026-11-22T07:00:00Z"))
        #expect(try StatedTime.parse("10:42", now: now, timeZone: paris, previous: nil, start: nil) == zulu("2026-11-22T09:42:00Z"), "today without a stated start")
    }

    @Test func futureEarlyAndMalformedTimesAreRefused() {
        let start = zulu("2026-11-22T09:15:00Z")
        func refusal(_ text: String, previous: Date? = nil) -> String {
            do {
                _ = try StatedTime.parse(text, now: now, timeZone: paris, previous: previous, start: start)
                return "accepted"
            } catch {
                return error.description
            }
        }
        let forms = "accepted: 10:42, 10:42:30, 2026-11-22 10:42 or +3m (after the previous stated time), local time Europe/Paris, UTC+01:00"
        #expect(refusal("11:16") == "2026-11-22 11:16 is in the future (now 11:15:03); " + forms)
        #expect(refusal("10:14") == "2026-11-22 10:14 is before the visit's stated start (2026-11-22 10:15); " + forms)
        #expect(refusal("+2h") == "2026-11-22 12:15 is in the future (now 11:15:03); " + forms)
        #expect(refusal("ten past") == "'ten past' is not a time; " + forms)
        #expect(refusal("+3x") == "'+3x' is not a duration; " + forms)
        #expect(refusal("24:00") == "'24:00' is not a time; " + forms)
        #expect(throws: StatedTime.Refusal.self) { try StatedTime.parse("+3m", now: now, timeZone: paris, previous: nil, start: nil) }
    }

    @Test func withoutAStatedStartATimeBeforeTheWalkStartedIsRefused() throws {
        // The walk was started at 11:12:40 Paris time, with no `--at`: the visit began then.
        let started = try #require(zulu("2026-11-22T10:12:40Z"))
        let forms = "accepted: 10:42, 10:42:30, 2026-11-22 10:42 or +3m (after the previous stated time), local time Europe/Paris, UTC+01:00"
        #expect(throws: StatedTime.Refusal(description: "2026-11-22 11:00 is before the walk's start (2026-11-22 11:12); "
            + "for a visit entered afterwards, start the walk with walk --at TIME; " + forms,
            short: "2026-11-22 11:00 is before the walk's start (11:12): see walk --at")) {
            try StatedTime.parse("11:00", now: now, timeZone: paris, previous: nil, start: nil, walkStarted: started)
        }
        #expect(try StatedTime.parse("11:12", now: now, timeZone: paris, previous: nil, start: nil, walkStarted: started) == zulu("2026-11-22T10:12:00Z"),
                "the minute the walk started is in it")
        #expect(try StatedTime.parse("11:14", now: now, timeZone: paris, previous: nil, start: nil, walkStarted: started) == zulu("2026-11-22T10:14:00Z"))
        let stated = try #require(zulu("2026-11-22T08:00:00Z"))
        #expect(try StatedTime.parse("09:30", now: now, timeZone: paris, previous: nil, start: stated, walkStarted: started) == zulu("2026-11-22T08:30:00Z"),
                "with `--at` the stated start is the limit, not when the walk was typed in")
    }

    @Test func aClockTimeAfterMidnightIsTheNextDayOfTheVisit() throws {
        // A visit stated to start at 23:50 UTC on 22 November, entered the next morning.
        let start = try #require(zulu("2026-11-22T23:50:00Z"))
        let morning = try #require(zulu("2026-11-23T09:00:00Z"))
        func read(_ text: String, previous: String? = nil, now: Date = morning) throws(StatedTime.Refusal) -> Date {
            try StatedTime.parse(text, now: now, timeZone: utc, previous: previous.flatMap(zulu), start: start)
        }
        #expect(try read("23:55") == zulu("2026-11-22T23:55:00Z"))
        #expect(try read("00:05") == zulu("2026-11-23T00:05:00Z"), "after a 23:50 start, 00:05 is the next day")
        #expect(try read("00:05", previous: "2026-11-22T23:55:00Z") == zulu("2026-11-23T00:05:00Z"))
        #expect(try read("23:58", previous: "2026-11-23T00:05:00Z") == zulu("2026-11-22T23:58:00Z"), "a little before the previous one: the same night")
        #expect(try read("2026-11-23 00:05") == zulu("2026-11-23T00:05:00Z"))
        // Times stated out of order on one day stay on that day, even when the next is past.
        let tenOClock = try #require(zulu("2026-11-22T10:00:00Z"))
        let days = try #require(zulu("2026-11-25T12:00:00Z"))
        #expect(try StatedTime.parse("10:20", now: days, timeZone: utc, previous: zulu("2026-11-22T10:30:00Z"), start: tenOClock) == zulu("2026-11-22T10:20:00Z"))
        // Still refused when no such time has come yet, with the forms.
        let justAfter = try #require(zulu("2026-11-23T00:03:00Z"))
        #expect(throws: StatedTime.Refusal(
            description: "2026-11-23 00:05 is in the future (now 00:03); accepted: 10:42, 10:42:30, 2026-11-22 10:42 or +3m (after the previous stated time), local time UTC",
            short: "2026-11-23 00:05 is in the future (now 00:03)")) {
            try read("00:05", now: justAfter)
        }
        #expect(throws: StatedTime.Refusal.self, "23:40 that night is before the start, the next evening has not come") { try read("23:40") }
        do {
            _ = try read("23:40")
        } catch {
            #expect(error.short == "2026-11-22 23:40 is before the visit's start (23:50)")
        }
    }

    @Test func withoutAStatedStartMidnightFollowsTheMinuteTheWalkStarted() throws {
        let started = try #require(zulu("2026-11-22T23:58:20Z"))
        let now = try #require(zulu("2026-11-23T00:10:00Z"))
        #expect(try StatedTime.parse("23:59", now: now, timeZone: utc, previous: nil, start: nil, walkStarted: started) == zulu("2026-11-22T23:59:00Z"))
        #expect(try StatedTime.parse("00:05", now: now, timeZone: utc, previous: nil, start: nil, walkStarted: started) == zulu("2026-11-23T00:05:00Z"))
    }

    @Test func plusZeroIsThePreviousTimeAgain() throws {
        let previous = try #require(zulu("2026-11-22T09:30:00Z"))
        for text in ["+0m", "+0s", "+0h", "+0m0s", " +0m "] {
            #expect(try StatedTime.parse(text, now: now, timeZone: paris, previous: previous, start: nil) == previous, "\(text)")
        }
        for text in ["+0", "+", "+-1m", "+0x"] {
            #expect(throws: StatedTime.Refusal.self, "\(text)") { try StatedTime.parse(text, now: now, timeZone: paris, previous: previous, start: nil) }
        }
        #expect(TimeStandard.seconds(from: "0m") == nil, "a journey's target stays positive")
        #expect(TimeStandard.seconds(from: "0m", allowingZero: true) == 0)
        #expect(TimeStandard.seconds(from: "0", allowingZero: true) == nil)
    }

    @Test func aRefusalFitsTheStatusLineOfAn80ColumnScreen() throws {
        let start = try #require(zulu("2026-11-21T09:15:00Z"))
        let started = try #require(zulu("2026-11-22T10:12:40Z"))
        // The widest zone labels there are, on an 80-column screen: 76 columns after " ✖ ".
        for zone in ["Pacific/Kiritimati", "Pacific/Marquesas", "Europe/Paris", "UTC"] {
            let timeZone = try #require(TimeZone(identifier: zone))
            var shorts: [String] = []
            for (text, start, previous) in [("ten past", start, nil), ("+3x", start, start), ("+3m", nil, nil), ("2026-11-23 09:00:30", start, nil),
                                            ("2026-11-20 09:14:30", start, nil), ("2026-11-21 09:14:30", nil, nil)] as [(String, Date?, Date?)] {
                do {
                    _ = try StatedTime.parse(text, now: now, timeZone: timeZone, previous: previous, start: start, walkStarted: started)
                    Issue.record("\(text) accepted in \(zone)")
                } catch {
                    shorts.append(error.short)
                    #expect(error.short.count <= StatedTime.shortWidth, "\(error.short)")
                    #expect(error.description.contains("accepted: 10:42, 10:42:30, 2026-11-22 10:42 or +3m"), "\(error.description)")
                }
            }
            #expect(shorts.count == 6)
        }
        do {
            _ = try StatedTime.parse("ten past", now: now, timeZone: paris, previous: nil, start: start)
        } catch {
            #expect(error.short == "Not a time: use 10:42, 10:42:30, 2026-11-22 10:42 or +3m (UTC+01:00)")
        }
    }

    @Test func timesAreShownInTheGivenZone() throws {
        let date = try #require(zulu("2026-11-22T09:42:30Z"))
        #expect(StatedTime.clock(date, timeZone: paris) == "10:42:30")
        #expect(StatedTime.dateAndClock(date, timeZone: utc) == "2026-11-22 09:42:30")
        #expect(StatedTime.zone(utc, at: date) == "UTC")
        #expect(StatedTime.zone(TimeZone(identifier: "America/New_York") ?? utc, at: date) == "America/New_York, UTC-05:00")
    }
}

@Suite struct FinalCheckTests {
    let journey = Journey(id: "j", title: "J", stages: [
        Stage(name: "One", touchpoints: [
            Touchpoint(id: "a", title: "Arrive", lookFor: ["Door open", "Clean"], target: 30),
            Touchpoint(id: "b", title: "Browse", target: 60),
        ]),
    ])

    @Test func listsUnrecordedNoWithoutCommentAndMissedTargetsWithoutNotes() throws {
        let t = Date(timeIntervalSince1970: 100)
        var walk = Walk(header: header(journey))
        walk.apply(.rated(RatingChange(touchpoint: "a", rating: Rating(.misery), at: t)))
        walk.apply(.answered(AnswerChange(touchpoint: "a", item: 0, answer: .no, at: t)))
        walk.apply(.answered(AnswerChange(touchpoint: "a", item: 1, answer: .no, at: t)))
        walk.apply(.commented(CommentChange(touchpoint: "a", item: 1, text: "Dusty", at: t)))
        walk.apply(.timed(TimerChange(touchpoint: "a", seconds: 42.9, running: false, at: t)))
        walk.apply(.timed(TimerChange(touchpoint: "b", seconds: 10, running: true, at: t)))
        let check = FinalCheck(walk, now: t.addingTimeInterval(20))
        #expect(check.problems == [
            .noWithoutComment(touchpoint: "a", item: 0),
            .missedTargetWithoutNote(touchpoint: "a", seconds: 42, target: 30),
            .unrecorded(touchpoint: "b"),
        ])
        #expect(check.problems.map { FinalCheck.describe($0, in: walk) } == [
            "No without a comment: Arrive · Door open",
            "Target missed by 0:12 without a note: Arrive",
            "Not recorded: Browse",
        ])
        // A running timer is read at the time of the check: at 51 s it is within 60 s, at 71 s not;
        // but only a judged moment's timing is held against its target.
        #expect(!FinalCheck(walk, now: t.addingTimeInterval(61)).problems.contains { if case .missedTargetWithoutNote = $0 { $0.touchpoint == "b" } else { false } })
        var judged = walk
        judged.apply(.rated(RatingChange(touchpoint: "b", rating: Rating(.misery), at: t)))
        #expect(FinalCheck(judged, now: t.addingTimeInterval(41)).problems.contains(.missedTargetWithoutNote(touchpoint: "b", seconds: 51, target: 60)) == false)
        #expect(FinalCheck(judged, now: t.addingTimeInterval(61)).problems.contains(.missedTargetWithoutNote(touchpoint: "b", seconds: 71, target: 60)))
        judged.apply(.rated(RatingChange(touchpoint: "b", rating: Rating(.skipped), at: t)))
        #expect(FinalCheck(judged, now: t.addingTimeInterval(61)).problems.isEmpty == false)
        #expect(!FinalCheck(judged, now: t.addingTimeInterval(61)).problems.contains(.missedTargetWithoutNote(touchpoint: "b", seconds: 71, target: 60)), "skipped: not judged")
        walk.apply(.noted(NoteChange(touchpoint: "a", text: "Staff meeting", at: t)))
        walk.apply(.commented(CommentChange(touchpoint: "a", item: 0, text: "Locked", at: t)))
        walk.apply(.rated(RatingChange(touchpoint: "b", rating: Rating(.neutral), at: t)))
        #expect(FinalCheck(walk, now: t.addingTimeInterval(20)).isEmpty)
    }

    @Test func theTimelineFollowsStatedTimesWhereGiven() {
        let t = Date(timeIntervalSince1970: 1000)
        var walk = Walk(header: header())
        #expect(walk.timelineOrder == [0, 1, 2])
        walk.apply(.stated(StatedTimeChange(touchpoint: "c", stated: t, at: t)))
        walk.apply(.stated(StatedTimeChange(touchpoint: "a", stated: t.addingTimeInterval(60), at: t)))
        // b has no stated time: it stays after a, the touchpoint before it in walking order.
        #expect(walk.timelineOrder == [2, 0, 1])
        #expect(walk.statedTime(before: 2) == t.addingTimeInterval(60))
        #expect(walk.statedTime(before: 0) == nil)
    }

    @Test func aTimerReadingIsComparedInWholeSeconds() {
        let t = Date(timeIntervalSince1970: 0)
        #expect(SplitTimer(seconds: 30.9, running: false, since: t).against(target: 30, at: t) == .met)
        #expect(SplitTimer(seconds: 31.0, running: false, since: t).against(target: 30, at: t) == .missed(by: 1))
        #expect(SplitTimer(seconds: 5, running: true, since: t).wholeSeconds(at: t.addingTimeInterval(2.5)) == 7)
    }
}
