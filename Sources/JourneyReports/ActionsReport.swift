import JourneyKit

/// The list `journeywalk actions` prints: text (aligned columns), CSV (RFC 4180, formulas defused,
/// as the CSV report) or JSON; overdue is decided against `today`.
public enum ActionsReport {
    public enum Format: String, CaseIterable, Sendable { case text, csv, json }

    public static func render(_ listings: [ActionListing], as format: Format, today: CalendarDay) -> String {
        switch format {
        case .text: return text(listings, today: today)
        case .csv: return csv(listings, today: today)
        case .json: return json(listings, today: today)
        }
    }

    static let csvColumns = [
        "id", "status", "overdue", "due", "owner", "text", "walk_id", "journey_id", "journey_title", "stage", "touchpoint", "touchpoint_title", "author",
    ]

    static func csv(_ listings: [ActionListing], today: CalendarDay) -> String {
        var rows = [csvColumns.joined(separator: ",")]
        for listing in listings {
            let action = listing.action
            let cells = [
                action.id, action.status.rawValue, listing.isOverdue(today: today) ? "true" : "false", action.due ?? "", action.owner, action.text,
                listing.walkID, listing.journeyID, listing.journeyTitle, listing.stage, listing.touchpoint, listing.touchpointTitle,
                listing.author ?? "",
            ]
            rows.append(cells.map(CSVReport.field).joined(separator: ","))
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    static func json(_ listings: [ActionListing], today: CalendarDay) -> String {
        let values: [JSONWriter.Value] = listings.map { listing in
            let action = listing.action
            return .object([
                ("id", .string(action.id)), ("text", .string(action.text)), ("owner", .string(action.owner)),
                ("due", .optional(action.due)), ("status", .string(action.status.rawValue)),
                ("overdue", .bool(listing.isOverdue(today: today))),
                ("walk", .object([
                    ("id", .string(listing.walkID)),
                    ("journey", .object([("id", .string(listing.journeyID)), ("title", .string(listing.journeyTitle))])),
                    // The member a team copy was pulled from; null for a walk of this machine.
                    ("author", .optional(listing.author)),
                ])),
                ("stage", .string(listing.stage)), ("touchpoint", .string(listing.touchpoint)), ("title", .string(listing.touchpointTitle)),
            ])
        }
        return JSONWriter.encode(.array(values)) + "\n"
    }

    static func text(_ listings: [ActionListing], today: CalendarDay) -> String {
        let header = ["ID", "DUE", "STATUS", "OWNER", "ACTION", "FROM"]
        var rows: [[String]] = []
        for listing in listings {
            let action = listing.action
            let due = (action.due ?? "—") + (listing.isOverdue(today: today) ? " overdue" : "")
            rows.append([action.id, due, action.status.rawValue, PersonName.shown(action.owner), action.text,
                         "\(listing.touchpointTitle) · \(listing.journeyTitle) · \(listing.walkID)" + (listing.author.map { " · team: \($0)" } ?? "")].map { TerminalText.sanitize($0) })
        }
        // Columns as wide as their widest cell, the text kept to a readable width; the owner in
        // full, as the debrief shows it, so that it can be given to --owner as it reads.
        let limits = [8, 18, 7, Int.max, 50, Int.max]
        var widths = header.map { TerminalText.width(of: $0) }
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = min(limits[index], max(widths[index], TerminalText.width(of: cell))) }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() {
                if index == cells.count - 1 { text += cell; break }
                let clipped = TerminalText.clip(cell, to: widths[index])
                text += clipped + String(repeating: " ", count: widths[index] - TerminalText.width(of: clipped) + 2)
            }
            return text
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
