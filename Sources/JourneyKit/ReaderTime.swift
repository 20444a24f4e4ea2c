import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Times of many walks at once, as the reader reads them: in the reader's own time zone (`TZ`), as
/// the review list, compare, the `--since`/`--until` dates and the months of `compare --by month`
/// use them. One walk on its own is shown in the zone it was walked in (`LocalTime`).
/// Goes through the C library (`localtime_r`, `mktime`), which reads the zone once: cheap enough
/// for 100,000 walks.
public enum ReaderTime {
    /// `2026-11-22 10:15`.
    public static func minute(_ date: Date) -> String {
        guard let parts = parts(date) else { return Timestamp.format(date).prefix(16).replacingOccurrences(of: "T", with: " ") }
        return "\(parts.day) \(two(parts.hour)):\(two(parts.minute))"
    }

    /// `2026-11-22`.
    public static func day(_ date: Date) -> String {
        parts(date)?.day ?? String(Timestamp.format(date).prefix(10))
    }

    /// Today in the reader's zone.
    public static var today: CalendarDay {
        var seconds = time_t(floor(Date().timeIntervalSince1970))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return CalendarDay(Date(), secondsFromGMT: 0) }
        return CalendarDay(Date(), secondsFromGMT: Int(parts.tm_gmtoff))
    }

    /// `2026-11`.
    public static func month(_ date: Date) -> String { String(day(date).prefix(7)) }

    /// The start of a day (`2026-11-22`) in the reader's zone; with `next`, the start of the day
    /// after (so a range `until` that day includes it). Nil for anything but a real date.
    public static func midnight(of text: String, next: Bool = false) -> Date? {
        moment(of: text, dayAfter: next, hour: 0, minute: 0)
    }

    /// A time of a day (`2026-11-22`, 18:00) in the reader's zone; nil for anything but a real date.
    public static func moment(of text: String, dayAfter next: Bool = false, hour: Int, minute: Int) -> Date? {
        guard let day = CalendarDay(iso: text) else { return nil }
        let (year, month, mday) = Timestamp.civilDate(fromDays: day.dayNumber)
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(mday + (next ? 1 : 0))
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_isdst = -1
        let seconds = mktime(&parts)
        guard seconds != -1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func parts(_ date: Date) -> (day: String, hour: Int32, minute: Int32)? {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return nil }
        return ("\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))", parts.tm_hour, parts.tm_min)
    }

    private static func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
