import Foundation
import JourneyKit

/// Small formatting pieces the text-like reports share.
enum ReportText {
    /// `2026-11-22 11:15 UTC+01:00`: in the walk's zone, named.
    static func minute(_ date: Date, _ zone: TimeZone) -> String { LocalTime.minute(date, zone) }

    /// `11:15:03`, in the walk's zone (named once where the walk's start is given).
    static func timeOfDay(_ date: Date, _ zone: TimeZone) -> String { LocalTime.clock(date, zone) }

    /// `+12:05` from the start of the walk.
    static func offset(_ seconds: TimeInterval) -> String { "+" + TimeStandard.clock(seconds: Int(seconds.rounded())) }

    /// The status of a walk in words: `draft, not finished`, `complete, finished 2026-11-22 10:31 UTC`,
    /// `submitted 2026-11-22 10:40 UTC (read-only)`.
    static func status(_ walk: Walk) -> String {
        let zone = LocalTime.zone(of: walk.header)
        switch walk.status {
        case .draft: return "draft, not finished"
        case .complete: return "complete, finished " + (walk.finished.map { minute($0, zone) } ?? "")
        case .submitted: return "submitted " + (walk.submitted.map { minute($0, zone) } ?? "") + " (read-only)"
        }
    }

    /// `Operator Sam · Role shopper · Location Main Street · Channel store`, leaving out empty fields.
    static func details(_ details: WalkDetails) -> String {
        var parts: [String] = []
        if !details.operator.isEmpty { parts.append("Operator: " + details.operator) }
        if let role = details.role { parts.append("Role: " + role.rawValue) }
        if !details.location.isEmpty { parts.append("Location: " + details.location) }
        if !details.channel.isEmpty { parts.append("Channel: " + details.channel) }
        return parts.isEmpty ? "No operator details recorded" : parts.joined(separator: " · ")
    }

    /// A moment named for a summary line: `★★ strong magic — Greeting (In the store)`.
    static func named(_ entry: WalkAnalysis.Entry) -> String {
        "\(entry.glyph) \(entry.label) — \(entry.touchpoint.title) (\(entry.stage))"
    }

    /// The emotion curve as lines of text: one row per score from +2 to -2, three columns per
    /// touchpoint, glyphs for the verdicts (`·` not recorded, `○` skipped), numbers underneath.
    /// A phrase as a sentence: capital first, full stop last.
    static func sentence(_ phrase: String) -> String { phrase.prefix(1).uppercased() + phrase.dropFirst() + "." }

    static func curve(_ entries: [WalkAnalysis.Entry]) -> [String] {
        let labels = ["+2", "+1", " 0", "-1", "-2"]
        var lines: [String] = []
        for (row, value) in (-2...2).reversed().enumerated() {
            var line = " \(labels[row]) " + (value == 0 ? "┼" : "│")
            for entry in entries {
                var cell: String
                if entry.score == value {
                    cell = entry.glyph
                } else if value == 0 && entry.score == nil {
                    cell = entry.glyph
                } else {
                    cell = value == 0 ? "─" : " "
                }
                let fill = value == 0 ? "─" : " "
                while TerminalText.width(of: cell) < 3 { cell = fill + cell; if TerminalText.width(of: cell) < 3 { cell += fill } }
                line += cell
            }
            lines.append(line)
        }
        var numbers = "     "
        for entry in entries {
            let label = String((entry.index + 1) % 1000)
            numbers += label.count == 1 ? " \(label) " : label.count == 2 ? label + " " : label
        }
        lines.append(numbers)
        return lines
    }
}
