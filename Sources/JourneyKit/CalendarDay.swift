import Foundation

/// A day of the calendar (no time, no zone): what an action's due date is.
public struct CalendarDay: Equatable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// A valid date of the proleptic Gregorian calendar; nil for 2026-02-30 and the like.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        let number = Timestamp.daysFromCivil(year: year, month: month, day: day)
        let back = Timestamp.civilDate(fromDays: number)
        guard back.0 == year, back.1 == month, back.2 == day else { return nil }
        dayNumber = number
    }

    /// `YYYY-MM-DD` exactly; nil for anything else.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard bytes[index] >= 48, bytes[index] <= 57 else { return nil }
                value = value * 10 + Int(bytes[index] - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day a moment falls on for a clock `secondsFromGMT` ahead of UTC (the caller's time zone).
    public init(_ date: Date, secondsFromGMT: Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + secondsFromGMT
        dayNumber = Timestamp.floorDivide(seconds, 86_400).0
    }

    public var year: Int { Timestamp.civilDate(fromDays: dayNumber).0 }

    /// `2026-12-01`.
    public var iso: String {
        let (year, month, day) = Timestamp.civilDate(fromDays: dayNumber)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    public var description: String { iso }

    /// 0 Monday … 6 Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { Timestamp.floorDivide(dayNumber + 3, 7).1 }

    /// The weekday's short English name: `Mon` … `Sun`.
    public var weekdayName: String { Self.weekdayNames[weekday] }

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    public func adding(days: Int) -> CalendarDay { CalendarDay(dayNumber: dayNumber + days) }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.dayNumber < b.dayNumber }
}
