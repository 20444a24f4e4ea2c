import Foundation
import JourneyKit
import Testing

/// 2026-12-06T02:10:00Z: after both clock changes of 2026 in Paris (29 March, 25 October).
private let now = Date(timeIntervalSince1970: 1_796_523_000)
private let paris = TimeZone(identifier: "Europe/Paris") ?? .current

/// `YYYY-MM-DDTHH:MM:SSZ` as a date, for expectations written in UTC.
private func zulu(_ text: String) -> Date? { Timestamp.parse(text) }

private let startForms = "accepted: \"2026-11-22 10:15\", \"2026-11-22 10:15:30\" or \"10:15\" (today), local time "

/// `CET-1CEST,M3.5.0,M10.5.0/3` in 2026, as the C library reads it: a zone known only by its offsets.
private let cetRule = LocalZone { date in
    let summer = zulu("2026-03-29T01:00:00Z")!...zulu("2026-10-25T00:59:59Z")!
    return summer.contains(date) ? 7200 : 3600
}

/// The refusal `body` throws, nil when it takes the time.
private func refusal(_ body: () throws(StatedTime.Refusal) -> Date) -> StatedTime.Refusal? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

@Suite struct TimeZoneReadingTests {
    @Test func tzIsReadAsTheCLibraryReadsIt() throws {
        #expect(SystemTimeZone.reading(nil) == .systemDefault)
        #expect(SystemTimeZone.reading("") == .named("UTC"))
        #expect(SystemTimeZone.reading(":") == .named("UTC"))
        #expect(SystemTimeZone.reading("Europe/Paris") == .named("Europe/Paris"))
        #expect(SystemTimeZone.reading(":Europe/Paris") == .named("Europe/Paris"))
        #expect(SystemTimeZone.reading("/usr/share/zoneinfo/Europe/Paris") == .named("Europe/Paris"))
        #expect(SystemTimeZone.reading("<-03>3") == .rule("<-03>3"))
        #expect(SystemTimeZone.reading("CET-1CEST,M3.5.0,M10.5.0/3") == .rule("CET-1CEST,M3.5.0,M10.5.0/3"))
        #expect(SystemTimeZone.reading("Not/AZone") == .unknown("Not/AZone"))
        #expect(SystemTimeZone.reading(":Europe/Pariss") == .unknown(":Europe/Pariss"))
        #expect(SystemTimeZone.reading("../../../etc/passwd") == .unknown("../../../etc/passwd"))
        // Without the zone files, UTC is still UTC.
        #expect(SystemTimeZone.reading("UTC", zoneFolder: "/nonexistent") == .named("UTC"))
    }

    @Test func aZoneFileFoundationDoesNotNameHasNoNameInTheHeader() throws {
        let folder = NSTemporaryDirectory() + "journeywalk-zones-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder + "/Team", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        FileManager.default.createFile(atPath: folder + "/Team/Office", contents: Data("TZif2 and the rest".utf8))
        FileManager.default.createFile(atPath: folder + "/Team/Notes", contents: Data("not a zone".utf8))
        #expect(SystemTimeZone.reading("Team/Office", zoneFolder: folder) == .named("Team/Office"))
        #expect(SystemTimeZone(tz: "Team/Office", zoneFolder: folder).name == nil, "Foundation does not know it: its offsets are recorded")
        #expect(SystemTimeZone.reading(folder + "/Team/Office") == .file(folder + "/Team/Office"))
        #expect(SystemTimeZone.reading("Team/Notes", zoneFolder: folder) == .unknown("Team/Notes"))
        #expect(SystemTimeZone.reading("Team", zoneFolder: folder) == .unknown("Team"), "a folder is no zone")
    }

    @Test func posixRulesAreCheckedAsTheCLibraryParsesThem() {
        for rule in ["<-03>3", "JST-9", "EST5EDT", "<+0330>-3:30", "CET-1CEST,M3.5.0,M10.5.0/3", "IST-2IDT,M3.4.4/26,M10.5.0",
                     "WART4WARST,J1/0,J365/25", "AAA+5:30:15BBB+4:30,100/-1,300"] {
            #expect(SystemTimeZone.isRule(rule), "\(rule)")
        }
        for text in ["Not/AZone", "CET", "C1", "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.5.0", "CET-1x", "<AB>3", "CET25", "CET-1CEST,M3.6.0,M10.5.0"] {
            #expect(!SystemTimeZone.isRule(text), "\(text)")
        }
    }

    @Test func aZoneTheSystemDoesNotKnowIsSaidAndIsUTC() {
        let unknown = SystemTimeZone(tz: "Not/AZone")
        #expect(SystemTimeZone.warning(tz: "Not/AZone") == unknown.warning && SystemTimeZone.warning(tz: "<-03>3") == nil)
        #expect(unknown.warning == "TZ='Not/AZone' is not a time zone this system knows (no zone file of that name in /usr/share/zoneinfo, "
            + "not a POSIX rule such as <-03>3): times are read and shown in UTC")
        #expect(unknown.name == "UTC")
        #expect(unknown.zone.offset(at: now) == 0)
        let rule = SystemTimeZone(tz: "<-03>3")
        #expect(rule.warning == nil && rule.name == nil, "a rule has no name for the header: its offset is recorded")
        let named = SystemTimeZone(tz: ":Europe/Paris")
        #expect(named.warning == nil && named.name == "Europe/Paris" && named.zone.offset(at: now) == 3600)
    }

    @Test func aStartIsReadInAZoneKnownOnlyByItsOffsets() throws {
        let minusThree = LocalZone { _ in -10_800 }
        #expect(try StatedTime.parseStart("2026-12-05 22:00", now: now, zone: minusThree) == zulu("2026-12-06T01:00:00Z"))
        // Summer and winter under one rule, each at its own offset.
        #expect(try StatedTime.parseStart("2026-12-05 22:00", now: now, zone: cetRule) == zulu("2026-12-05T21:00:00Z"))
        #expect(try StatedTime.parseStart("2026-07-01 10:00", now: now, zone: cetRule) == zulu("2026-07-01T08:00:00Z"))
        #expect(throws: StatedTime.Refusal.self) { try StatedTime.parseStart("2026-10-25 02:30", now: now, zone: cetRule) }
        #expect(throws: StatedTime.Refusal(description: "2026-12-06 02:00 is in the future; " + startForms + "UTC-03:00")) {
            try StatedTime.parseStart("2026-12-06 02:00", now: now, zone: minusThree)
        }
    }

    @Test func datesOutsideTheYearsAreRefused() throws {
        for text in ["0001-01-01 00:00", "1999-12-31 23:59", "2101-01-01 00:00", "9999-12-31 23:59"] {
            #expect(throws: StatedTime.Refusal(description: "'\(text)': the year must be from 2000 to 2100; " + startForms + "Europe/Paris, UTC+01:00")) {
                try StatedTime.parseStart(text, now: now, timeZone: paris)
            }
            #expect(throws: StatedTime.Refusal.self) {
                try StatedTime.parse(text, now: now, timeZone: paris, previous: nil, start: nil)
            }
        }
        #expect(try StatedTime.parseStart("2000-01-01 00:00", now: now, timeZone: paris) == zulu("1999-12-31T23:00:00Z"))
    }

    @Test func aTimeTheClocksSkippedIsRefusedWithTheTimeItWouldBe() throws {
        #expect(refusal { () throws(StatedTime.Refusal) in try StatedTime.parseStart("2026-03-29 02:30", now: now, timeZone: paris) }?.description
            == "2026-03-29 02:30 did not exist in Europe/Paris: the clocks went forward that night from UTC+01:00 "
            + "to UTC+02:00; 2026-03-29 02:30+01:00 is 03:30; " + startForms + "Europe/Paris, UTC+02:00")
        let start = zulu("2026-03-29T00:50:00Z")  // 01:50 in Paris
        do {
            _ = try StatedTime.parse("02:30", now: now, timeZone: paris, previous: nil, start: start)
            Issue.record("02:30 was accepted")
        } catch {
            #expect(error.short == "02:30 did not exist (the clocks went forward): 03:30?")
        }
        #expect(try StatedTime.parse("03:30", now: now, timeZone: paris, previous: nil, start: start) == zulu("2026-03-29T01:30:00Z"))
    }

    @Test func aTimeThatHappenedTwiceIsSaidWithItsOffset() throws {
        #expect(refusal { () throws(StatedTime.Refusal) in try StatedTime.parseStart("2026-10-25 02:30", now: now, timeZone: paris) }?.description
            == "2026-10-25 02:30 happened twice in Europe/Paris, the clocks went back that night: say which "
            + "with its offset, 2026-10-25 02:30+02:00 (the first) or 2026-10-25 02:30+01:00 (the second); " + startForms + "Europe/Paris, UTC+02:00")
        #expect(try StatedTime.parseStart("2026-10-25 02:30+02:00", now: now, timeZone: paris) == zulu("2026-10-25T00:30:00Z"))
        #expect(try StatedTime.parseStart("2026-10-25 02:30+01:00", now: now, timeZone: paris) == zulu("2026-10-25T01:30:00Z"))
        #expect(try StatedTime.parseStart("2026-10-25T01:30Z", now: now, timeZone: paris) == zulu("2026-10-25T01:30:00Z"))

        let start = zulu("2026-10-24T23:59:00Z")  // 01:59 in Paris, summer time
        do {
            _ = try StatedTime.parse("02:30", now: now, timeZone: paris, previous: nil, start: start)
            Issue.record("02:30 was accepted")
        } catch {
            #expect(error.short == "02:30 happened twice: type 02:30+02:00 (first) or 02:30+01:00 (second)")
            #expect(error.short.count <= StatedTime.shortWidth)
        }
        #expect(try StatedTime.parse("02:30+01:00", now: now, timeZone: paris, previous: nil, start: start) == zulu("2026-10-25T01:30:00Z"))
        // Only one of the two is after the visit's start: that one.
        let late = zulu("2026-10-25T00:40:00Z")  // 02:40, the first time
        #expect(try StatedTime.parse("02:20", now: now, timeZone: paris, previous: nil, start: late) == zulu("2026-10-25T01:20:00Z"))
    }

    @Test func aClockTimeAfterADurationOnTheNightTheClocksGoBackStaysOnThatNight() throws {
        let start = try #require(zulu("2026-10-24T23:59:00Z"))  // 01:59 in Paris
        let after = try StatedTime.parse("+31m", now: now, timeZone: paris, previous: start, start: start)
        #expect(after == zulu("2026-10-25T00:30:00Z"))  // 02:30, the first time
        #expect(try StatedTime.parse("03:10", now: now, timeZone: paris, previous: after, start: start) == zulu("2026-10-25T02:10:00Z"))
        let second = try StatedTime.parse("+61m", now: now, timeZone: paris, previous: after, start: start)  // 02:31, the second time
        #expect(try StatedTime.parse("03:10", now: now, timeZone: paris, previous: second, start: start) == zulu("2026-10-25T02:10:00Z"))
        // Under the rule without a name, in the walk's fixed offset: still that night.
        let fixed = try #require(TimeZone(secondsFromGMT: 7200))
        #expect(try StatedTime.parse("03:10", now: now, timeZone: fixed, previous: after, start: start) == zulu("2026-10-25T01:10:00Z"))
    }
}
