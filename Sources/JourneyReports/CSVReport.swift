import JourneyKit

/// The CSV report: one row per moment, RFC 4180 quoting, CRLF line ends, ISO-8601 times, and
/// cells a spreadsheet would run as a formula neutralised with a leading apostrophe.
enum CSVReport {
    static let columns = [
        "walk_id", "journey_id", "journey_title", "journey_version", "operator", "role", "location", "channel",
        "walk_started", "walk_finished", "stage", "touchpoint", "title", "moment_of_truth", "verdict", "intensity",
        "at", "timer_seconds", "target_seconds", "note",
    ]

    static func render(_ inputs: [ReportInput]) -> String {
        var rows = [columns.joined(separator: ",")]
        for input in inputs {
            let walk = input.walk
            let header = walk.header
            for entry in WalkAnalysis(walk).entries {
                let cells: [String] = [
                    header.walkID, walk.journey.id, walk.journey.title, walk.journey.version.map(String.init) ?? "",
                    header.details.operator, header.details.role?.rawValue ?? "", header.details.location, header.details.channel,
                    Timestamp.format(header.started), walk.finished.map { Timestamp.format($0) } ?? "",
                    entry.stage, entry.touchpoint.id, entry.touchpoint.title, entry.touchpoint.momentOfTruth ? "true" : "false",
                    entry.verdictName, String(entry.moment.rating?.intensity ?? 0),
                    entry.moment.ratedAt.map { Timestamp.format($0) } ?? "",
                    entry.moment.timerSeconds.map(String.init) ?? "", entry.touchpoint.target.map(String.init) ?? "",
                    entry.moment.note,
                ]
                rows.append(cells.map(field).joined(separator: ","))
            }
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    /// One field: control characters made visible, formulas defused, quoted when needed.
    static func field(_ raw: String) -> String {
        var text = TerminalText.sanitize(raw)
        if let first = text.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) || first == "\u{FF1D}" {
            text = "'" + text
        }
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first == " " || text.last == " "
        return needsQuotes ? "\"" + text.replacingQuotes + "\"" : text
    }
}

extension String {
    fileprivate var replacingQuotes: String {
        var out = ""
        for character in self {
            if character == "\"" { out += "\"\"" } else { out.append(character) }
        }
        return out
    }
}
