/// Durations written as in journey files: `45s`, `2m`, `1h30m`, `1h 5m 10s`.
public enum TimeStandard {
    /// Parses a duration into seconds; nil when the text is not a positive duration (or, with
    /// `allowingZero`, a zero one such as `0m`: a stated time `+0m` is the previous one again).
    public static func seconds(from text: String, allowingZero: Bool = false) -> Int? {
        let compact = text.filter { !$0.isWhitespace }.lowercased()
        guard !compact.isEmpty else { return nil }
        var total = 0
        var digits = ""
        var lastUnitRank = 0
        for character in compact {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            let rank: Int
            let unit: Int
            switch character {
            case "h": rank = 1; unit = 3600
            case "m": rank = 2; unit = 60
            case "s": rank = 3; unit = 1
            default: return nil
            }
            guard let value = Int(digits), rank > lastUnitRank, value <= 1_000_000 else { return nil }
            total += value * unit
            lastUnitRank = rank
            digits = ""
        }
        guard digits.isEmpty, total > 0 || (allowingZero && lastUnitRank > 0) else { return nil }
        return total
    }

    /// Formats seconds the way journey files write them: `45s`, `2m`, `1h30m`.
    public static func text(seconds: Int) -> String {
        let hours = seconds / 3600
        let minutes = seconds % 3600 / 60
        let rest = seconds % 60
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if rest > 0 || text.isEmpty { text += "\(rest)s" }
        return text
    }

    /// Formats a stopwatch reading as `m:ss` or `h:mm:ss`.
    public static func clock(seconds: Int) -> String {
        let value = max(0, seconds)
        let hours = value / 3600
        let minutes = value % 3600 / 60
        let rest = value % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if hours > 0 { return "\(hours):\(two(minutes)):\(two(rest))" }
        return "\(minutes):\(two(rest))"
    }
}
