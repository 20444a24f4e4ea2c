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

    /// The start of a visit entered afterwards: a date and time, or a time today; never in the future.
    public static func parseStart(_ text: String, now: Date, timeZone: TimeZone) throws(Refusal) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.hasPrefix("+"), let date = clockTime(trimmed, day: now, timeZone: timeZone) else {
            throw Refusal(description: "'\(trimmed)' is not a date and time; accepted: " + startForms(timeZone: timeZone, at: now))
        }
        guard date <= now else {
            throw Refusal(description: "\(dateAndClock(date, timeZone: timeZone)) is in the future; accepted: " + startForms(timeZone: timeZone, at: now))
        }
        return date
    }

    /// The time of a touchpoint: a full date and time; `HH:MM[:SS]` on the day that puts it nearest
    /// the previous stated time (or the visit's start), neither in the future nor before the start,
    /// so 00:05 after 23:50 is the next day; or `+duration` after the previous stated time (`+0m` is
    /// that time again). Refused when malformed, in the future, or before the visit's stated start;
    /// without a stated start, before the minute the walk was started (`walkStarted`), since that is
    /// when the visit began.
    public static func parse(
        _ text: String, now: Date, timeZone: TimeZone, previous: Date?, start: Date?, walkStarted: Date? = nil
    ) throws(Refusal) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
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
            guard let parsed = nearestClockTime(trimmed, to: previous ?? earliest ?? now, now: now, earliest: earliest, timeZone: timeZone) else {
                throw Refusal(description: "'\(trimmed)' is not a time; \(accepted)", short: notATime)
            }
            date = parsed
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

    /// The reading of a time typed without a date (or with one) nearest `anchor`: on the anchor's
    /// day, the day before or the day after, preferring one neither in the future nor before
    /// `earliest`; of two as near, the later. Nil when the text is not a time.
    static func nearestClockTime(_ text: String, to anchor: Date, now: Date, earliest: Date?, timeZone: TimeZone) -> Date? {
        let calendar = calendar(timeZone)
        let days = [-1, 0, 1].compactMap { calendar.date(byAdding: .day, value: $0, to: anchor) }
        let readings = days.compactMap { clockTime(text, day: $0, timeZone: timeZone) }
        let possible = readings.filter { reading in reading <= now && earliest.map { reading >= $0 } ?? true }
        let distance = { (date: Date) in abs(date.timeIntervalSince(anchor)) }
        return (possible.isEmpty ? readings : possible).min { distance($0) < distance($1) || (distance($0) == distance($1) && $0 > $1) }
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

    /// `HH:MM`, `HH:MM:SS`, optionally after `YYYY-MM-DD` and a space or `T`; the day of `day` when no date is given.
    static func clockTime(_ text: String, day: Date, timeZone: TimeZone) -> Date? {
        let calendar = calendar(timeZone)
        var dayParts = calendar.dateComponents([.year, .month, .day], from: day)
        var timeText = Substring(text)
        if let separator = text.firstIndex(where: { $0 == " " || $0 == "T" }) {
            let dateFields = text[..<separator].split(separator: "-", omittingEmptySubsequences: false)
            guard dateFields.count == 3, dateFields[0].count == 4, dateFields[1].count == 2, dateFields[2].count == 2,
                  let year = number(dateFields[0]), let month = number(dateFields[1]), let dayOfMonth = number(dateFields[2]),
                  (1...12).contains(month), (1...31).contains(dayOfMonth) else { return nil }
            dayParts = DateComponents(year: year, month: month, day: dayOfMonth)
            timeText = text[text.index(after: separator)...].drop { $0 == " " }
        }
        let fields = timeText.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), (1...2).contains(fields[0].count), fields.dropFirst().allSatisfy({ $0.count == 2 }),
              let hour = number(fields[0]), let minute = number(fields[1]), hour < 24, minute < 60 else { return nil }
        let second = fields.count == 3 ? number(fields[2]) : 0
        guard let second, second < 60 else { return nil }
        var parts = dayParts
        parts.hour = hour
        parts.minute = minute
        parts.second = second
        guard let date = calendar.date(from: parts) else { return nil }
        // A day that does not exist (30 February) is refused rather than rolled over.
        let check = calendar.dateComponents([.year, .month, .day], from: date)
        guard check.year == dayParts.year, check.month == dayParts.month, check.day == dayParts.day else { return nil }
        return date
    }

    private static func number(_ text: Substring) -> Int? {
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
