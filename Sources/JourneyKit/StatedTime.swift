import Foundation

/// Times stated by the operator for a visit entered afterwards (SPEC 7.2): the visit's start
/// (`walk --at`) and the time of each touchpoint, in local time. The time zone and "now" are given,
/// so tests pin them; the walk file keeps the result in UTC.
public enum StatedTime {
    /// Why a stated time was refused; the message ends with the forms that are accepted.
    public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// The reason, then the accepted forms and the zone: for plain mode and `walk --at`.
        public var description: String
        /// The same in one status line of an 80-column screen (the forms first when the text was not a time).
        public var short: String

        public init(description: String, short: String? = nil) {
            self.description = description
            self.short = short ?? description
        }
    }

    /// The forms a touchpoint's time takes, with the zone they are read in.
    public static func forms(timeZone: TimeZone, at date: Date) -> String {
        "10:42, 10:42:30, 2026-11-22 10:42 or +3m (after the previous stated time), local time \(zone(timeZone, at: date))"
    }

    /// The forms a touchpoint's time takes, short enough for a status line: `10:42, … or +3m (UTC+01:00)`.
    public static func shortForms(timeZone: TimeZone, at date: Date) -> String {
        "10:42, 10:42:30, 2026-11-22 10:42 or +3m (\(LocalTime.label(timeZone, at: date)))"
    }

    /// The forms `walk --at` takes, with the zone they are read in.
    public static func startForms(timeZone: TimeZone, at date: Date) -> String {
        "\"2026-11-22 10:15\", \"2026-11-22 10:15:30\" or \"10:15\" (today), local time \(zone(timeZone, at: date))"
    }

    /// The years a stated time may fall in: a date outside them is refused, not stored (the walk
    /// file's times have four-digit years, and no visit is entered a century late).
    public static let years = 2000...2100

    /// The start of a visit entered afterwards: a date and time, or a time today; never in the future.
    public static func parseStart(_ text: String, now: Date, timeZone: TimeZone) throws(Refusal) -> Date {
        try parseStart(text, now: now, zone: LocalZone(timeZone))
    }

    /// The start of a visit entered afterwards, in a zone known by its offsets (a POSIX `TZ` rule):
    /// a time the clocks skipped or that happened twice is refused with the way to say it.
    public static func parseStart(_ text: String, now: Date, zone: LocalZone) throws(Refusal) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let accepted = { (date: Date) in "accepted: " + startForms(timeZone: zone.timeZone(at: date), at: date) }
        guard !trimmed.hasPrefix("+"), let typed = Typed(trimmed) else {
            throw Refusal(description: "'\(trimmed)' is not a date and time; " + accepted(now))
        }
        guard typed.day.map({ years.contains($0.year) }) ?? true else {
            throw Refusal(description: "'\(trimmed)': \(yearsText); " + accepted(now))
        }
        let today = civilDay(now, zone)
        guard let reading = nearest(typed, days: typed.day.map { [$0.number] } ?? [today], to: now, now: now, earliest: nil, zone: zone) else {
            throw Refusal(description: "'\(trimmed)' is not a date and time; " + accepted(now))
        }
        let date = try reading.date(typed: trimmed, zone: zone, accepted: accepted)
        guard date <= now else {
            throw Refusal(description: "\(dateAndClock(date, timeZone: zone.timeZone(at: date))) is in the future; " + accepted(now))
        }
        return date
    }

    /// The time of a touchpoint: a full date and time; `HH:MM[:SS]` on the day that puts it nearest
    /// the previous stated time (or the visit's start), neither in the future nor before the start,
    /// so 00:05 after 23:50 is the next day; or `+duration` after the previous stated time (`+0m` is
    /// that time again). Refused when malformed, in the future, or before the visit's stated start;
    /// without a stated start, before the minute the walk was started (`walkStarted`), since that is
    /// when the visit began. A time the clocks skipped (spring forward) is refused with the time it
    /// would be; one that happened twice (the clocks went back) is refused with the two ways to say
    /// it with an offset (`02:30+02:00`), unless only one of them is possible. Dates outside `years`
    /// are refused.
    public static func parse(
        _ text: String, now: Date, timeZone: TimeZone, previous: Date?, start: Date?, walkStarted: Date? = nil
    ) throws(Refusal) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let zone = LocalZone(timeZone)
        // The zone's offset as it was on the day of the visit (summer time or not).
        let day = previous ?? start ?? now
        let accepted = "accepted: " + forms(timeZone: timeZone, at: day)
        let notATime = "Not a time: use " + shortForms(timeZone: timeZone, at: day)
        // A time is typed to the minute: the minute the walk started is still in it.
        let walkMinute = walkStarted.map { Date(timeIntervalSince1970: ($0.timeIntervalSince1970 / 60).rounded(.down) * 60) }
        let earliest = start ?? walkMinute
        let date: Date
        if trimmed.hasPrefix("+") {
            guard let seconds = TimeStandard.seconds(from: String(trimmed.dropFirst()), allowingZero: true) else {
                throw Refusal(description: "'\(trimmed)' is not a duration; \(accepted)", short: notATime)
            }
            guard let base = previous ?? start else {
                throw Refusal(
                    description: "'\(trimmed)' needs a time stated before it; \(accepted)",
                    short: "No earlier stated time to add to: use 10:42 or 2026-11-22 10:42 (\(LocalTime.label(timeZone, at: day)))")
            }
            date = base.addingTimeInterval(Double(seconds))
        } else {
            guard let typed = Typed(trimmed) else {
                throw Refusal(description: "'\(trimmed)' is not a time; \(accepted)", short: notATime)
            }
            guard typed.day.map({ years.contains($0.year) }) ?? true else {
                throw Refusal(description: "'\(trimmed)': \(yearsText); \(accepted)", short: "'\(trimmed)': \(yearsText)")
            }
            let anchor = previous ?? earliest ?? now
            let anchorDay = civilDay(anchor, zone)
            guard let reading = nearest(typed, days: typed.day.map { [$0.number] } ?? [anchorDay - 1, anchorDay, anchorDay + 1],
                                        to: anchor, now: now, earliest: earliest, zone: zone) else {
                throw Refusal(description: "'\(trimmed)' is not a time; \(accepted)", short: notATime)
            }
            date = try reading.date(typed: trimmed, zone: zone) { _ in accepted }
        }
        let typed = dateAndClock(date, timeZone: timeZone)
        guard date <= now else {
            throw Refusal(
                description: "\(typed) is in the future (now \(clock(now, timeZone: timeZone))); \(accepted)",
                short: "\(typed) is in the future (now \(clock(now, timeZone: timeZone)))")
        }
        if let start, date < start {
            throw Refusal(
                description: "\(typed) is before the visit's stated start (\(dateAndClock(start, timeZone: timeZone))); \(accepted)",
                short: "\(typed) is before the visit's start (\(clock(start, besides: date, timeZone: timeZone)))")
        }
        if start == nil, let walkMinute, date < walkMinute {
            throw Refusal(
                description: "\(typed) is before the walk's start (\(dateAndClock(walkMinute, timeZone: timeZone))); "
                    + "for a visit entered afterwards, start the walk with walk --at TIME; \(accepted)",
                short: fitting("\(typed) is before the walk's start (\(clock(walkMinute, besides: date, timeZone: timeZone)))", ": see walk --at"))
        }
        return date
    }

    private static let yearsText = "the year must be from \(years.lowerBound) to \(years.upperBound)"

    /// A time as typed: `HH:MM[:SS]`, after `YYYY-MM-DD` and a space or `T` when a date is given,
    /// and an offset (`+02:00`, `-05:00`, `Z`) when the time must name one instant of a night the
    /// clocks went back.
    struct Typed {
        var day: (year: Int, number: Int)?
        var seconds: Int
        var offset: Int?

        init?(_ text: String) {
            var timeText = Substring(text)
            if let separator = text.firstIndex(where: { $0 == " " || $0 == "T" }) {
                let dateFields = text[..<separator].split(separator: "-", omittingEmptySubsequences: false)
                guard dateFields.count == 3, dateFields[0].count == 4, dateFields[1].count == 2, dateFields[2].count == 2,
                      let year = StatedTime.number(dateFields[0]), let month = StatedTime.number(dateFields[1]),
                      let dayOfMonth = StatedTime.number(dateFields[2]), (1...12).contains(month), (1...31).contains(dayOfMonth) else { return nil }
                let number = Timestamp.daysFromCivil(year: year, month: month, day: dayOfMonth)
                // A day that does not exist (30 February) is refused rather than rolled over.
                let check = Timestamp.civilDate(fromDays: number)
                guard check.0 == year, check.1 == month, check.2 == dayOfMonth else { return nil }
                day = (year, number)
                timeText = text[text.index(after: separator)...].drop { $0 == " " }
            }
            if timeText.hasSuffix("Z") {
                offset = 0
                timeText = timeText.dropLast()
            } else if let sign = timeText.firstIndex(where: { $0 == "+" || $0 == "-" }) {
                guard let seconds = LocalTime.offset(from: String(timeText[sign...])) else { return nil }
                offset = seconds
                timeText = timeText[..<sign]
            }
            let fields = timeText.split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(fields.count), (1...2).contains(fields[0].count), fields.dropFirst().allSatisfy({ $0.count == 2 }),
                  let hour = StatedTime.number(fields[0]), let minute = StatedTime.number(fields[1]), hour < 24, minute < 60 else { return nil }
            let second = fields.count == 3 ? StatedTime.number(fields[2]) : 0
            guard let second, second < 60 else { return nil }
            seconds = hour * 3600 + minute * 60 + second
        }
    }

    /// What a typed time names on one day: one instant, two (the clocks went back), or none (the
    /// clocks skipped it).
    enum Reading {
        case at(Date)
        case twice(Date, Date, wall: Int)
        case skipped(wall: Int)

        /// The instant, or the refusal of a time the clocks skipped or that happened twice, saying
        /// how to state it.
        func date(typed: String, zone: LocalZone, accepted: (Date) -> String) throws(Refusal) -> Date {
            switch self {
            case .at(let date):
                return date
            case .twice(let first, let second, let wall):
                let shown = wallText(wall, withDay: typed.contains("-"))
                let one = typed + LocalTime.offsetText(zone.offset(at: first)), other = typed + LocalTime.offsetText(zone.offset(at: second))
                throw Refusal(
                    description: "\(shown) happened twice\(zoneName(zone)), the clocks went back that night: say which with its offset, "
                        + "\(one) (the first) or \(other) (the second); " + accepted(first),
                    short: "\(shown) happened twice: type \(one) (first) or \(other) (second)")
            case .skipped(let wall):
                let (before, after, becomes) = zone.skipped(wall: wall)
                let shown = wallText(wall, withDay: typed.contains("-"))
                let instead = StatedTime.clock(becomes, timeZone: zone.timeZone(at: becomes))
                throw Refusal(
                    description: "\(shown) did not exist\(zoneName(zone)): the clocks went forward that night from UTC\(LocalTime.offsetText(before)) "
                        + "to UTC\(LocalTime.offsetText(after)); \(typed)\(LocalTime.offsetText(before)) is \(instead); " + accepted(becomes),
                    short: "\(shown) did not exist (the clocks went forward): \(instead)?")
            }
        }

        private func zoneName(_ zone: LocalZone) -> String {
            guard let name = zone.named?.identifier, name.contains("/"), !name.hasPrefix("Etc/") else { return "" }
            return " in " + name
        }

        private func wallText(_ wall: Int, withDay: Bool) -> String {
            let stamp = Timestamp.format(Date(timeIntervalSince1970: TimeInterval(wall)))
            let clock = String(stamp.dropFirst(11).prefix(wall % 60 == 0 ? 5 : 8))
            return withDay ? String(stamp.prefix(10)) + " " + clock : clock
        }
    }

    /// The reading of a typed time nearest `anchor` among `days` (day numbers since 1970 in the
    /// zone), preferring one neither in the future nor before `earliest`; of two as near, the later.
    /// Of a time that happened twice, the one reading that is possible is taken when the other is not.
    static func nearest(_ typed: Typed, days: [Int], to anchor: Date, now: Date, earliest: Date?, zone: LocalZone) -> Reading? {
        let isPossible = { (date: Date) in date <= now && earliest.map { date >= $0 } ?? true }
        var candidates: [(date: Date, reading: Reading)] = []
        for day in days {
            let wall = day * 86_400 + typed.seconds
            if let offset = typed.offset {
                let date = Date(timeIntervalSince1970: TimeInterval(wall - offset))
                candidates.append((date, .at(date)))
                continue
            }
            let instants = zone.instants(ofWall: wall)
            if instants.count == 1 {
                candidates.append((instants[0], .at(instants[0])))
            } else if instants.count >= 2 {
                let first = instants[0], second = instants[instants.count - 1]
                switch (isPossible(first), isPossible(second)) {
                case (true, false): candidates.append((first, .at(first)))
                case (false, true): candidates.append((second, .at(second)))
                default: candidates += [(first, .twice(first, second, wall: wall)), (second, .twice(first, second, wall: wall))]
                }
            } else {
                candidates.append((zone.skipped(wall: wall).becomes, .skipped(wall: wall)))
            }
        }
        let possible = candidates.filter { isPossible($0.date) }
        let distance = { (date: Date) in abs(date.timeIntervalSince(anchor)) }
        return (possible.isEmpty ? candidates : possible).min {
            distance($0.date) < distance($1.date) || (distance($0.date) == distance($1.date) && $0.date > $1.date)
        }?.reading
    }

    /// The day (days since 1970) `date` falls on in the zone.
    static func civilDay(_ date: Date, _ zone: LocalZone) -> Int {
        let wall = Int(floor(date.timeIntervalSince1970)) + zone.offset(at: date)
        return Timestamp.floorDivide(wall, 86_400).0
    }

    /// How many characters a refusal's short line may take: an 80-column status line after " ✖ ".
    public static let shortWidth = 76

    /// `text` and `hint`, or `text` alone when both would not fit `shortWidth`.
    private static func fitting(_ text: String, _ hint: String) -> String {
        text.count + hint.count <= shortWidth ? text + hint : text
    }

    /// `10:42` when `date` is on the same day as `other`, else `2026-11-21 10:42`.
    public static func clock(_ date: Date, besides other: Date, timeZone: TimeZone) -> String {
        let calendar = calendar(timeZone)
        return calendar.isDate(date, inSameDayAs: other) ? clock(date, timeZone: timeZone) : dateAndClock(date, timeZone: timeZone)
    }

    /// `10:42`, or `10:42:30` when the seconds are not zero, in the given zone.
    public static func clock(_ date: Date, timeZone: TimeZone) -> String {
        let parts = calendar(timeZone).dateComponents([.hour, .minute, .second], from: date)
        let text = two(parts.hour ?? 0) + ":" + two(parts.minute ?? 0)
        return (parts.second ?? 0) == 0 ? text : text + ":" + two(parts.second ?? 0)
    }

    /// `2026-11-22 10:42` (with seconds when they are not zero), in the given zone.
    public static func dateAndClock(_ date: Date, timeZone: TimeZone) -> String {
        let parts = calendar(timeZone).dateComponents([.year, .month, .day], from: date)
        return "\(parts.year ?? 0)-\(two(parts.month ?? 0))-\(two(parts.day ?? 0)) " + clock(date, timeZone: timeZone)
    }

    /// The zone as people can check it: `Europe/Paris, UTC+01:00`, or `UTC`.
    public static func zone(_ timeZone: TimeZone, at date: Date) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        let utc = offset == 0 ? "UTC" : "UTC\(sign)\(two(hours)):\(two(minutes))"
        let name = timeZone.identifier
        guard name.contains("/"), !name.hasPrefix("Etc/") else { return utc }
        return name + ", " + utc
    }

    static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    private static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
