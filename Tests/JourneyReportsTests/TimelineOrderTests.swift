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
            guard !row.hasPrefix("stage"), !row.hasPrefix("details"), let cell = row.components(separatedBy: "<td>").dropFirst().first else { return nil }
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
