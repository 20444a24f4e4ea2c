/// The due date of an action as people type it: `2026-12-01`, `+7d`, `+2w`, `fri`, `today`,
/// `tomorrow`; relative forms count from an injected `today`, so tests pin it.
public enum DueDate {
    /// Why a typed due date was not understood (the message says what would be).
    public struct Invalid: Error, Equatable, Sendable, CustomStringConvertible {
        public var text: String
        public var description: String {
            "'\(TerminalText.sanitize(text))' is not a due date: use 2026-12-01, +7d, +2w, a weekday (fri) or today, tomorrow"
        }
    }

    /// The day a typed text names; nil for empty text (no due date).
    public static func parse(_ raw: String, today: CalendarDay) throws(Invalid) -> CalendarDay? {
        let text = raw.trimmingSpacesAndTabs.lowercased()
        if text.isEmpty { return nil }
        if let day = CalendarDay(iso: text) { return day }
        switch text {
        case "today": return today
        case "tomorrow": return today.adding(days: 1)
        default: break
        }
        if text.hasPrefix("+"), let unit = text.last, unit == "d" || unit == "w",
           let count = Int(text.dropFirst().dropLast()), count >= 0, count <= 3660, text.count > 2 {
            return today.adding(days: count * (unit == "w" ? 7 : 1))
        }
        // A weekday: the next one after today (`fri` on a Friday is a week on, not today).
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        if text.count >= 3, let weekday = names.firstIndex(where: { $0.hasPrefix(text) }) {
            let ahead = (weekday - today.weekday + 7) % 7
            return today.adding(days: ahead == 0 ? 7 : ahead)
        }
        throw Invalid(text: raw)
    }
}

extension String {
    var trimmingSpacesAndTabs: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
