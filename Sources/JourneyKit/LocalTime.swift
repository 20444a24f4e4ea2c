import Foundation

/// Times as the people of a visit read them: in the visit's local time, with the zone named where a
/// time could be misread. Walk files keep UTC; the header records the zone the walk started in.
public enum LocalTime {
    /// The zone a walk's times are shown in: the one recorded when it started, or `fallback` (the
    /// reader's `TZ`) for a walk written before zones were recorded.
    public static func zone(of header: WalkHeader, otherwise fallback: TimeZone = reader) -> TimeZone {
        if let id = header.timeZoneID, let zone = TimeZone(identifier: id) { return zone }
        if let offset = header.utcOffset, let zone = TimeZone(secondsFromGMT: offset) { return zone }
        return fallback
    }

    /// The reader's zone (`TZ`, read as the C library reads it), at its offset now when it is known
    /// only by its offsets.
    public static var reader: TimeZone { SystemTimeZone.current.zone.timeZone(at: Date()) }

    /// The zone's name for a reader: `UTC`, or `UTC+01:00` (the offset in force at `date`).
    public static func label(_ zone: TimeZone, at date: Date) -> String {
        let offset = zone.secondsFromGMT(for: date)
        return offset == 0 ? "UTC" : "UTC" + offsetText(offset)
    }

    /// `+01:00`, `-05:30`.
    public static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        return "\(sign)\(two(abs(seconds) / 3600)):\(two(abs(seconds) % 3600 / 60))"
    }

    /// Seconds from `+01:00`, `-05:30` or `Z`; nil for anything else.
    public static func offset(from text: String) -> Int? {
        if text == "Z" { return 0 }
        let characters = Array(text)
        guard characters.count == 6, characters[0] == "+" || characters[0] == "-", characters[3] == ":",
              let hours = Int(String(characters[1...2])), let minutes = Int(String(characters[4...5])),
              hours < 24, minutes < 60 else { return nil }
        return (characters[0] == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    /// `2026-11-22 11:15 UTC+01:00`.
    public static func minute(_ date: Date, _ zone: TimeZone) -> String {
        let parts = components(date, zone)
        return "\(parts.date) \(parts.clock.prefix(5)) \(label(zone, at: date))"
    }

    /// `11:15:03` in the zone (say the zone once nearby).
    public static func clock(_ date: Date, _ zone: TimeZone) -> String { components(date, zone).clock }

    /// `2026-11-22`, the day in the zone.
    public static func day(_ date: Date, _ zone: TimeZone) -> String { components(date, zone).date }

    /// ISO-8601 with the zone's offset: `2026-11-22T11:15:03+01:00` (`Z` in UTC).
    public static func iso(_ date: Date, _ zone: TimeZone) -> String {
        let parts = components(date, zone)
        let offset = zone.secondsFromGMT(for: date)
        return "\(parts.date)T\(parts.clock)" + (offset == 0 ? "Z" : offsetText(offset))
    }

    private static func components(_ date: Date, _ zone: TimeZone) -> (date: String, clock: String) {
        // Whole seconds, as the UTC stamps are cut (not rounded) to them.
        let seconds = Int(floor(date.timeIntervalSince1970)) + zone.secondsFromGMT(for: date)
        let stamp = Timestamp.format(Date(timeIntervalSince1970: TimeInterval(seconds)))
        return (String(stamp.prefix(10)), String(stamp.dropFirst(11).prefix(8)))
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
