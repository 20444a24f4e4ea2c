import Foundation

/// The due time a reviewer gives a returned walk (`queue return --due`): `+48h`, `+2d`, `+90m`
/// from now, or a date and time (`2026-12-08 18:00`; a date alone is the end of that day) in the
/// reader's zone. It must be after now.
public enum ReviewDue {
    public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    static let forms = "+48h, +2d, +90m, 2026-12-08 18:00 or 2026-12-08 (the end of that day)"

    public static func parse(_ raw: String, now: Date) throws(Refusal) -> Date {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let date: Date
        if text.hasPrefix("+") {
            let number = text.dropFirst().dropLast()
            guard let unit = text.last, let amount = Int(number), amount > 0, amount <= 100_000 else {
                throw Refusal(description: "`\(TerminalText.sanitize(raw))` is not a due time: \(forms)")
            }
            switch unit {
            case "m": date = now.addingTimeInterval(Double(amount) * 60)
            case "h": date = now.addingTimeInterval(Double(amount) * 3600)
            case "d": date = now.addingTimeInterval(Double(amount) * 86400)
            default: throw Refusal(description: "`\(TerminalText.sanitize(raw))` is not a due time: \(forms)")
            }
        } else {
            let parts = text.split(separator: " ", omittingEmptySubsequences: true)
            guard let day = parts.first, parts.count <= 2 else {
                throw Refusal(description: "`\(TerminalText.sanitize(raw))` is not a due time: \(forms)")
            }
            if parts.count == 1 {
                guard let end = ReaderTime.midnight(of: String(day), next: true) else {
                    throw Refusal(description: "`\(TerminalText.sanitize(raw))` is not a due time: \(forms)")
                }
                date = end.addingTimeInterval(-60)
            } else {
                let clock = parts[1].split(separator: ":")
                guard clock.count == 2, let hour = Int(clock[0]), let minute = Int(clock[1]), (0...23).contains(hour), (0...59).contains(minute),
                      clock[1].count == 2, let moment = ReaderTime.moment(of: String(day), hour: hour, minute: minute) else {
                    throw Refusal(description: "`\(TerminalText.sanitize(raw))` is not a due time: \(forms)")
                }
                date = moment
            }
        }
        guard date > now else { throw Refusal(description: "the due time \(ReaderTime.minute(date)) is not after now") }
        return date
    }
}
