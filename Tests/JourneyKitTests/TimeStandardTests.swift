import Foundation
import JourneyKit
import Testing

@Suite struct TimeStandardTests {
    @Test(arguments: [("45s", 45), ("2m", 120), ("1h30m", 5400), ("1h 5m 10s", 3910), ("90S", 90), ("1h", 3600)])
    func parsesDurations(text: String, seconds: Int) {
        #expect(TimeStandard.seconds(from: text) == seconds)
    }

    @Test(arguments: ["", "2", "2 minutes", "m", "5m1h", "0s", "-3m", "1.5m", "2mm"])
    func rejectsWhatIsNotADuration(text: String) {
        #expect(TimeStandard.seconds(from: text) == nil)
    }

    @Test func formatsDurationsAndClocks() {
        #expect(TimeStandard.text(seconds: 5400) == "1h30m")
        #expect(TimeStandard.text(seconds: 45) == "45s")
        #expect(TimeStandard.clock(seconds: 95) == "1:35")
        #expect(TimeStandard.clock(seconds: 3725) == "1:02:05")
    }
}

@Suite struct SlugTests {
    @Test func makesIdsFromTitles() {
        #expect(Slug.make("Find opening hours online") == "find-opening-hours-online")
        #expect(Slug.make("  Café — naïve  ") == "cafe-naive")
        #expect(Slug.make("★★★") == "")
        #expect(Slug.isValid("retail-store-2"))
        #expect(!Slug.isValid("Retail store"))
    }
}

@Suite struct TimestampTests {
    @Test func formatsAndParsesUTC() throws {
        let date = Date(timeIntervalSince1970: 1_795_342_503.25)
        #expect(Timestamp.format(date) == "2026-11-22T10:15:03Z")
        #expect(Timestamp.format(date, fractional: true) == "2026-11-22T10:15:03.250Z")
        let parsed = try #require(Timestamp.parse("2026-11-22T10:15:03.250Z"))
        #expect(abs(parsed.timeIntervalSince(date)) < 0.001)
        #expect(Timestamp.parse("2026-11-22T11:15:03+01:00") == Date(timeIntervalSince1970: 1_795_342_503))
        #expect(Timestamp.parse("2026-13-22T10:15:03Z") == nil)
        #expect(Timestamp.parse("yesterday") == nil)
    }
}

