import Foundation
import JourneyKit
@testable import JourneyReports
import Testing

/// A visit entered afterwards whose stated times put the touchpoints out of walking order: the
/// timeline shows the moments with a time in time order, then the touchpoints without one in
/// walking order, the same in every report.
@Suite struct TimelineOrderTests {
    static let journey = Journey(id: "shop", title: "Shop", stages: [
        Stage(name: "Before the visit", touchpoints: [
            Touchpoint(id: "hours", title: "Opening hours"), Touchpoint(id: "stock", title: "Stock online"),
        ]),
        Stage(name: "In the store", touchpoints: [
            Touchpoint(id: "arrival", title: "Arrival"), Touchpoint(id: "greeting", title: "Greeting"),
        ]),
        Stage(name: "After the visit", touchpoints: [Touchpoint(id: "email", title: "Email")]),
    ])

    /// `walk --at 10:00`, then `at 10:30` m, `at 10:20` x, `at 10:25` n, finish (UTC).
    static func walk() -> Walk {
        let start = Date(timeIntervalSince1970: 1_795_341_600)  // 2026-11-22 10:00 UTC
        func clock(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }
        let entered = clock(300)
        var header = WalkHeader(
            walkID: "20261122-150000-shop", journey: journey, journeyPath: nil, journeyFingerprint: "fnv1a64:0",
            details: WalkDetails(), started: entered, statedStart: start)
        header.timeZoneID = "UTC"
        header.utcOffset = 0
        var walk = Walk(header: header)
        for (touchpoint, minutes, verdict) in [("hours", 30.0, Verdict.magic), ("stock", 20, .misery), ("arrival", 25, .neutral)] {
            walk.apply(.stated(StatedTimeChange(touchpoint: touchpoint, stated: clock(minutes), at: entered)))
            walk.apply(.rated(RatingChange(touchpoint: touchpoint, rating: Rating(verdict), at: entered)))
        }
        walk.apply(.finished(at: entered))
        return walk
    }

    static func input() -> ReportInput { ReportInput(walk: walk(), file: nil, problems: []) }

    @Test func theModelPutsTimedMomentsInTimeOrderThenTheRestInWalkingOrder() throws {
        let analysis = WalkAnalysis(Self.walk())
        #expect(analysis.timeline.map { $0.index + 1 } == [2, 3, 1, 4, 5])
        let parts = try #require(analysis.timelineParts)
        #expect(parts.timed.map(\.touchpoint.id) == ["stock", "arrival", "hours"])
        #expect(parts.untimed.map(\.touchpoint.id) == ["greeting", "email"])
        #expect(Self.walk().timelineOrder == [1, 2, 0, 3, 4], "the walk screen follows the same rule")
    }

    @Test func textReport() {
        let text = Report.render([Self.input()], as: .text)
        let timeline = text.components(separatedBy: "\nTimeline ")[1].components(separatedBy: "\n\nEnd\n")[0]
        #expect(timeline == """
            (in the order it happened, by stated time; touchpoints without a time after them, in walking order)
              In the order it happened
                ✖  2. Stock online · Before the visit  [misery, 10:20:00 stated (+20:00)]
                     ! Recovery: apology ? · reassurance ? · restitution ?
                ●  3. Arrival · In the store  [neutral, 10:25:00 stated (+25:00)]
                ★  1. Opening hours · Before the visit  [magic, 10:30:00 stated (+30:00)]
              Without a time, in walking order
                ·  4. Greeting · In the store  [not recorded]
                ·  5. Email · After the visit  [not recorded]

            Emotion curve (★ magic, ● neutral, ✖ misery, ○ skipped, · not recorded)
             +2 │               
             +1 │       ★       
              0 ┼────●─────·──·─
             -1 │ ✖             
             -2 │               
                  2  3  1  4  5 
            """)
    }

    @Test func markdownAndHTMLSayTheSameOrder() {
        let markdown = Report.render([Self.input()], as: .md)
        #expect(markdown.contains("\n## Timeline\n\nIn the order it happened, by stated time; touchpoints without a time after them, in walking order.\n"))
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains(" | ") && $0.first(where: \.isNumber) != nil }
        let numbers = rows.compactMap { row in Int(row.split(separator: "|")[0].trimmingCharacters(in: .whitespaces)) }
        #expect(numbers == [2, 3, 1, 4, 5], "\(rows)")

        let html = Report.render([Self.input()], as: .html)
        #expect(html.contains("<p class=\"order\">In the order it happened, by stated time; touchpoints without a time after them, in walking order.</p>"))
        let headings = html.components(separatedBy: "<tr class=\"stage\"><th colspan=\"6\">").dropFirst().map { $0.components(separatedBy: "<")[0] }
        #expect(headings == ["In the order it happened", "Without a time, in walking order"], "no stage comes back as a heading")
        let order = html.components(separatedBy: "<tr class=\"").dropFirst().compactMap { row -> Int? in
            guard !row.hasPrefix("stage"), !row.hasPrefix("details"), let cell = row.components(separatedBy: "<td class=\"n\">").dropFirst().first else { return nil }
            return Int(cell.components(separatedBy: "<")[0])
        }
        #expect(order == [2, 3, 1, 4, 5])
        #expect(html.contains("Stock online <small>· Before the visit</small>"))
    }

    @Test func inWalkingOrderTheStagesStillHeadTheTimeline() {
        var walk = Self.walk()
        for touchpoint in ["hours", "stock", "arrival"] {
            walk.apply(.stated(StatedTimeChange(touchpoint: touchpoint, stated: nil, at: walk.lastChange)))
        }
        let text = Report.render([ReportInput(walk: walk, file: nil, problems: [])], as: .text)
        #expect(text.contains("\nTimeline\n  Before the visit\n    ★  1. Opening hours  [magic, entered 15:00:00]\n"), "\(text)")
        #expect(WalkAnalysis(walk).timelineParts == nil)
    }
}

/// A stopwatch that read 0 seconds (a touchpoint judged at once) timed nothing: no reading, no ✓,
/// not counted against the target; a split timer stopped at 0:00 is a reading.
@Suite struct ZeroStopwatchTests {
    static func walk() -> Walk {
        var walk = Walk(header: WalkHeader(
            walkID: "20261122-101503-retail-store-visit", journey: trickyJourney, journeyPath: nil, journeyFingerprint: "fnv1a64:0",
            details: WalkDetails(), started: at(0)))
        // Judged at once: the stopwatch kept 0 seconds.
        walk.apply(.rated(RatingChange(touchpoint: "find-opening-hours", rating: Rating(.magic), at: at(0), timerSeconds: 0)))
        // The split timer started and stopped at once (0.2 s): 0:00 is what the operator measured.
        walk.apply(.timed(TimerChange(touchpoint: "greeting", seconds: 0.2, running: false, at: at(1))))
        walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: Rating(.magic), at: at(2), timerSeconds: 0)))
        // Recorded, then taken back: the moment is unrecorded with its stopwatch at 0.
        walk.apply(.rated(RatingChange(touchpoint: "payment", rating: Rating(.misery), at: at(3), timerSeconds: 0)))
        walk.apply(.rated(RatingChange(touchpoint: "payment", rating: nil, at: at(4), timerSeconds: 0, undo: true)))
        walk.apply(.finished(at: at(5)))
        return walk
    }

    @Test func theJSONTimerHasNoReadingAndMetIsNull() throws {
        let json = Report.render([ReportInput(walk: Self.walk(), file: nil)], as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let moments = try #require(object["moments"] as? [[String: Any]])
        func timer(_ id: String) -> [String: Any]? { moments.first { $0["touchpoint"] as? String == id }?["timer"] as? [String: Any] }
        let judgedAtOnce = try #require(timer("find-opening-hours"))
        #expect(judgedAtOnce["seconds"] is NSNull)
        #expect(judgedAtOnce["met"] is NSNull)
        #expect(judgedAtOnce["target_seconds"] as? Int == 120)
        #expect(moments.first { $0["touchpoint"] as? String == "find-opening-hours" }?["timer_seconds"] is NSNull)
        #expect(moments.first { $0["touchpoint"] as? String == "find-opening-hours" }?["on_screen_seconds"] is NSNull, "0 s on screen says nothing")
        let split = try #require(timer("greeting"))
        #expect(split["seconds"] as? Double == 0.2)
        #expect(split["met"] as? Bool == true)
        #expect(timer("payment")?["met"] is NSNull)
    }

    @Test func aSplitTimerResetOrUndoneToZeroWasNotUsed() throws {
        var walk = Walk(header: WalkHeader(
            walkID: "20261122-101503-retail-store-visit", journey: trickyJourney, journeyPath: nil, journeyFingerprint: "fnv1a64:0",
            details: WalkDetails(), started: at(0)))
        // Reset (`0`): the record is the timer at 0:00, stopped: not timed. The 48 s on screen are no timing.
        walk.apply(.timed(TimerChange(touchpoint: "greeting", seconds: 0, running: true, at: at(1))))
        walk.apply(.timed(TimerChange(touchpoint: "greeting", seconds: 45, running: false, at: at(46))))
        walk.apply(.timed(TimerChange(touchpoint: "greeting", seconds: 0, running: false, at: at(47))))
        walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: Rating(.misery), at: at(48), timerSeconds: 48)))
        // Started, then the start undone: as if never started, and nothing else timed it.
        walk.apply(.timed(TimerChange(touchpoint: "payment", seconds: 0, running: true, at: at(50))))
        walk.apply(.timed(TimerChange(touchpoint: "payment", seconds: 0, running: false, at: at(51), undo: true)))
        walk.apply(.rated(RatingChange(touchpoint: "payment", rating: Rating(.magic), at: at(52), timerSeconds: 0)))
        let json = Report.render([ReportInput(walk: walk, file: nil)], as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let moments = try #require(object["moments"] as? [[String: Any]])
        func timer(_ id: String) -> [String: Any]? { moments.first { $0["touchpoint"] as? String == id }?["timer"] as? [String: Any] }
        #expect(timer("greeting")?["seconds"] is NSNull, "neither a reset timer's 0:00 nor the 48 s on screen")
        #expect(timer("greeting")?["met"] is NSNull)
        #expect(moments.first { $0["touchpoint"] as? String == "greeting" }?["on_screen_seconds"] as? Int == 48)
        #expect(moments.first { $0["touchpoint"] as? String == "greeting" }?["timer_seconds"] is NSNull)
        #expect(timer("payment")?["seconds"] is NSNull)
        #expect(timer("payment")?["met"] is NSNull, "no reading: not \"target met\"")
        #expect(walk.moment(for: "greeting").splitReading(at: at(60)) == nil)
        #expect(walk.moment(for: "greeting").onScreenSeconds == 48)
    }

    @Test func theTextReportShowsNoTimerForIt() {
        let text = Report.render([ReportInput(walk: Self.walk(), file: nil)], as: .text)
        #expect(text.contains("1. Find opening hours online  [magic, 10:15:03 (+0:00)]\n"), "no timer on its line: \(text)")
        #expect(text.contains("timer 0:00 — target 0:30, met"), "the split timer at 0:00 is a reading")
        let analysis = WalkAnalysis(Self.walk())
        #expect(analysis.timer(analysis.entries[0]).met == nil)
        #expect(analysis.timer(analysis.entries[0]).clock == nil)
        #expect(analysis.timer(analysis.entries[4]).clock == nil, "the moment taken back")
    }

    @Test func compareCountsNoReadingAndShowsNoTick() {
        let digest = WalkDigest(Self.walk(), path: "/w/a.jsonl")
        #expect(digest.steps.map(\.timer) == [nil, nil, 0.2, nil, nil, nil])
        var builder = ComparisonBuilder(journeyID: trickyJourney.id, grouping: nil)
        builder.add(digest, outline: JourneyOutline(trickyJourney))
        let cells = builder.build().rows.map { $0.cells[0] }
        #expect(cells[0].timerText(single: true) == "", "no 0:00✓ for a touchpoint never timed")
        #expect(cells[0].targeted == 0)
        #expect(cells[2].timerText(single: true) == "0:00✓")
    }

    @Test func diffSeesNoTimerEither() {
        let moment = Self.walk().moment(for: "find-opening-hours")
        #expect(moment.splitReading(at: at(10)) == nil)
        #expect(moment.onScreenSeconds == nil)
        #expect(Self.walk().moment(for: "greeting").splitReading(at: at(10)) == 0.2)
    }
}
