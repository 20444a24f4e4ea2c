import Foundation
import JourneyKit
import JourneyReports
import Testing

/// Reports show the visit's local time, with the zone named; JSON keeps UTC.
@Suite struct LocalTimeReportTests {
    func parisWalk() -> Walk {
        let original = trickyWalk()
        var header = original.header
        header.timeZoneID = "Europe/Paris"
        header.utcOffset = 3600
        var walk = Walk(header: header)
        walk.apply(.rated(RatingChange(touchpoint: "find-opening-hours", rating: Rating(.magic), at: at(95), timerSeconds: 95)))
        walk.apply(.finished(at: at(600)))
        return walk
    }

    @Test func textMarkdownHTMLAndCSVShowTheVisitsLocalTime() {
        let input = ReportInput(walk: parisWalk(), file: nil)
        // at(0) is 2026-11-22 10:15:03 UTC: 11:15 in Paris.
        let text = Report.render([input], as: .text)
        #expect(text.contains("Started 2026-11-22 11:15 UTC+01:00"), "\(text)")
        #expect(text.contains("finished 2026-11-22 11:25 UTC+01:00"))
        #expect(!text.contains("10:15"), "no UTC time left to misread")
        #expect(Report.render([input], as: .md).contains("Started 2026-11-22 11:15 UTC+01:00"))
        #expect(Report.render([input], as: .html).contains("Started 2026-11-22 11:15 UTC+01:00"))
        let csv = Report.render([input], as: .csv)
        #expect(csv.contains("2026-11-22T11:15:03+01:00"), "\(csv)")
        #expect(csv.contains("2026-11-22T11:16:38+01:00"), "the verdict's time")
        let json = Report.render([input], as: .json)
        #expect(json.contains("\"started\":\"2026-11-22T10:15:03"), "JSON keeps UTC")
    }
}
