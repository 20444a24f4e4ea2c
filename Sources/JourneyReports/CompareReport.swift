import JourneyKit

/// The formats of `journeywalk compare`.
public enum CompareFormat: String, CaseIterable, Sendable {
    case text, md, csv, json, html
}

/// A comparison as text, Markdown, CSV, JSON (SPEC 7.4, docs/compare-json.md) or HTML: pure
/// functions of the matrix, written piece by piece so that a large one streams out.
public enum CompareReport {
    public static func render(_ comparison: Comparison, as format: CompareFormat) -> String {
        var out = ""
        write(comparison, as: format) { out += $0 }
        return out
    }

    /// Writes the report in pieces (a row at a time).
    public static func write(_ comparison: Comparison, as format: CompareFormat, to output: (String) -> Void) {
        switch format {
        case .text: text(comparison, output)
        case .md: markdown(comparison, output)
        case .csv: csv(comparison, output)
        case .json: json(comparison, output)
        case .html: html(comparison, output)
        }
    }

    /// The heading of a column: the group's value (`(no location)` when empty), or `#N` for a walk.
    public static func label(_ column: Comparison.Column, at index: Int, grouping: CompareGrouping?) -> String {
        guard let grouping else { return "#\(index + 1)" }
        return column.key.isEmpty ? "(no \(grouping.rawValue))" : column.key
    }

    /// One cell as text: a walk's glyph, timer against target and score (`★ 1:35✓ 80%`); for a
    /// group the shares of magic and misery (`★60 ✖20`) and the same; `—` where the walks'
    /// journey version has no such touchpoint.
    public static func cellText(_ cell: Comparison.Cell, single: Bool) -> String {
        if cell.present == 0 { return "—" }
        var parts: [String] = []
        if single {
            parts.append(cell.glyph)
        } else {
            parts.append("★\(cell.share(cell.magic)) ✖\(cell.share(cell.misery))")
        }
        let timer = cell.timerText(single: single)
        if !timer.isEmpty { parts.append(timer) }
        if !cell.scoreText.isEmpty { parts.append(cell.scoreText) }
        return parts.joined(separator: " ")
    }

    /// A row's mark: `⇄` when it flips, `v2–3` style when only some versions have it, `+` ad hoc.
    public static func rowMarks(_ row: Comparison.Row) -> String {
        var marks: [String] = []
        if row.flip { marks.append("⇄ flips") }
        if let versions = row.onlyIn { marks.append("only in " + versionsText(versions)) }
        if row.adhoc { marks.append("ad hoc") }
        return marks.joined(separator: " · ")
    }

    /// `v1, v2` (a journey without a version is `v?`).
    public static func versionsText(_ versions: [Int?]) -> String {
        versions.map { $0.map { "v\($0)" } ?? "v?" }.joined(separator: ", ")
    }

    private static func heading(_ comparison: Comparison) -> String {
        var line = "Compare · \(comparison.journeyTitle) (\(comparison.journeyID)) · \(Counted.text(comparison.walks, "walk"))"
        if let grouping = comparison.grouping { line += " · by \(grouping.rawValue)" }
        return line
    }

    private static func walkLegend(_ comparison: Comparison) -> [String] {
        guard comparison.grouping == nil else { return [] }
        return comparison.columns.enumerated().map { index, column in
            guard let walk = column.walk else { return "#\(index + 1) \(column.key)" }
            let version = walk.version.map { " · v\($0)" } ?? ""
            let who = [walk.operator, walk.location].filter { !$0.isEmpty }.joined(separator: " · ")
            let team = walk.author.map { " · team: \($0)" } ?? ""
            return "#\(index + 1) \(walk.walkID) · \(ReaderTime.day(walk.visitStart))\(who.isEmpty ? "" : " · " + who)\(version) · \(walk.status.rawValue)\(team)"
        }
    }

    static let legend = "★ magic  ★★ strong magic  ● neutral  ✖ misery  ✖✖ strong misery  ○ skipped  · not recorded  — not in that journey version; ★60 ✖20: percent of the walks; 1:35✓ timer within its target, ✗ missed, 3/4✓ walks within it; 80% checklist score; consistency: share of walks agreeing with the most common of magic, neutral and misery"

    // MARK: text

    private static func text(_ comparison: Comparison, _ output: (String) -> Void) {
        let single = comparison.grouping == nil
        let titleWidth = min(36, max(10, comparison.rows.map { TerminalText.width(of: TerminalText.sanitize($0.title)) }.max() ?? 10))
        let labels = comparison.columns.enumerated().map { label($1, at: $0, grouping: comparison.grouping) }
        var widths = labels.map { min(24, TerminalText.width(of: TerminalText.sanitize($0))) }
        for row in comparison.rows {
            for (index, cell) in row.cells.enumerated() { widths[index] = max(widths[index], TerminalText.width(of: cellText(cell, single: single))) }
        }
        func pad(_ text: String, _ width: Int) -> String {
            let clean = TerminalText.clip(TerminalText.sanitize(text), to: width)
            return clean + String(repeating: " ", count: max(0, width - TerminalText.width(of: clean)))
        }
        output(heading(comparison) + "\n\n")
        var header = pad("", titleWidth)
        for (index, label) in labels.enumerated() { header += "  " + pad(label, widths[index]) }
        output(header + "  consistency\n")
        for row in comparison.rows {
            var line = pad(row.title, titleWidth)
            for (index, cell) in row.cells.enumerated() { line += "  " + pad(cellText(cell, single: single), widths[index]) }
            line += "  " + pad(Comparison.consistencyText(row.consistency), 11)
            let marks = rowMarks(row)
            if !marks.isEmpty { line += " " + marks }
            while line.hasSuffix(" ") { line.removeLast() }
            output(line + "\n")
        }
        let flips = comparison.flips
        output("\nFlips: " + (flips.isEmpty ? "none" : flips.map { TerminalText.sanitize($0.title) }.joined(separator: " · ")) + "\n")
        let legend = walkLegend(comparison)
        if !legend.isEmpty {
            output("\nWalks\n")
            for line in legend { output(TerminalText.sanitize(line) + "\n") }
        }
        output("\n" + Self.legend + "\n")
    }

    // MARK: Markdown

    private static func markdown(_ comparison: Comparison, _ output: (String) -> Void) {
        let single = comparison.grouping == nil
        output("# " + MarkdownReport.cell(heading(comparison)) + "\n\n")
        let labels = comparison.columns.enumerated().map { label($1, at: $0, grouping: comparison.grouping) }
        output("| touchpoint | " + labels.map { MarkdownReport.cell($0) + " |" }.joined(separator: " ") + " consistency | notes |\n")
        output("|---|" + String(repeating: "---|", count: labels.count) + "---|---|\n")
        for row in comparison.rows {
            var line = "| " + MarkdownReport.cell(row.title) + " |"
            for cell in row.cells { line += " " + MarkdownReport.cell(cellText(cell, single: single)) + " |" }
            line += " " + Comparison.consistencyText(row.consistency) + " | " + MarkdownReport.cell(rowMarks(row)) + " |"
            output(line + "\n")
        }
        let flips = comparison.flips
        output("\n**Flips:** " + (flips.isEmpty ? "none" : flips.map { MarkdownReport.cell($0.title) }.joined(separator: " · ")) + "\n")
        let legend = walkLegend(comparison)
        if !legend.isEmpty {
            output("\n## Walks\n\n")
            for line in legend { output("- " + MarkdownReport.cell(line) + "\n") }
        }
        output("\n" + MarkdownReport.cell(Self.legend) + "\n")
    }

    // MARK: CSV

    static let csvColumns = [
        "journey_id", "by", "column", "walks", "touchpoint", "title", "stage", "adhoc", "only_in_versions",
        "magic", "strong_magic", "neutral", "misery", "strong_misery", "skipped", "unrecorded", "absent",
        "timer_mean_seconds", "target_seconds", "timers", "met_target", "score_percent", "consistency", "flip",
    ]

    private static func csv(_ comparison: Comparison, _ output: (String) -> Void) {
        output(csvColumns.joined(separator: ",") + "\r\n")
        for row in comparison.rows {
            let consistency = row.consistency.map { number($0, places: 4) } ?? ""
            for (index, cell) in row.cells.enumerated() {
                let column = comparison.columns[index]
                let fields: [String] = [
                    comparison.journeyID, comparison.grouping?.rawValue ?? "", column.key, String(column.walks),
                    row.touchpoint, row.title, row.stage, row.adhoc ? "true" : "false",
                    row.onlyIn.map { $0.map { $0.map(String.init) ?? "" }.joined(separator: " ") } ?? "",
                    String(cell.magic), String(cell.strongMagic), String(cell.neutral), String(cell.misery), String(cell.strongMisery),
                    String(cell.skipped), String(cell.unrecorded), String(cell.absent),
                    cell.meanTimer.map { number($0, places: 1) } ?? "", cell.target.map(String.init) ?? "",
                    String(cell.timed), String(cell.met), cell.score.map { number($0, places: 1) } ?? "",
                    consistency, row.flip ? "true" : "false",
                ]
                output(fields.map(CSVReport.field).joined(separator: ",") + "\r\n")
            }
        }
    }

    static func number(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded() { return String(Int(rounded)) + ".0" }
        return String(rounded)
    }

    // MARK: JSON

    /// The SPEC 7.4 object: `journey`, `by`, `columns` (`key`, `walks`), `touchpoints` (`touchpoint`,
    /// `title`, `cells` with the five counts, `consistency`, `flip`), plus the documented extras.
    private static func json(_ comparison: Comparison, _ output: (String) -> Void) {
        var head = JSONWriter()
        head.write(.string(comparison.journeyID))
        output("{\"journey\":" + head.text + ",\"by\":" + (comparison.grouping.map { "\"\($0.rawValue)\"" } ?? "null") + ",\"columns\":[")
        // Columns and cells are many (one per walk): written directly, in chunks.
        var chunk = ""
        for (index, column) in comparison.columns.enumerated() {
            if index > 0 { chunk += "," }
            chunk += "{\"key\":" + JSONWriter.quoted(column.key) + ",\"walks\":\(column.walks)"
            if let walk = column.walk {
                chunk += ",\"operator\":" + JSONWriter.quoted(walk.operator) + ",\"location\":" + JSONWriter.quoted(walk.location)
                chunk += ",\"started\":\"" + Timestamp.format(walk.visitStart) + "\",\"version\":" + (walk.version.map(String.init) ?? "null")
                chunk += ",\"status\":\"" + walk.status.rawValue + "\""
                // Only a team copy has an author: the member it was pulled from.
                if let author = walk.author { chunk += ",\"author\":" + JSONWriter.quoted(author) }
            }
            chunk += "}"
            if chunk.utf8.count > 32_768 {
                output(chunk)
                chunk = ""
            }
        }
        output(chunk)
        output("],\"touchpoints\":[")
        for (index, row) in comparison.rows.enumerated() {
            var writer = JSONWriter()
            writer.write(.object([
                ("touchpoint", .string(row.touchpoint)), ("title", .string(row.title)), ("stage", .string(row.stage)),
                ("adhoc", .bool(row.adhoc)),
                ("only_in_versions", row.onlyIn.map { .array($0.map { $0.map { .int($0) } ?? .null }) } ?? .null),
            ]))
            // The cells are many (a column per walk): written directly, a few hundred at a time.
            var cells = (index > 0 ? "," : "") + String(writer.text.dropLast()) + ",\"cells\":["
            for (position, cell) in row.cells.enumerated() {
                if position > 0 { cells += "," }
                cells += "{\"magic\":\(cell.magic),\"neutral\":\(cell.neutral),\"misery\":\(cell.misery),\"skipped\":\(cell.skipped),\"unrecorded\":\(cell.unrecorded)"
                if let mean = cell.meanTimer {
                    cells += ",\"timer\":{\"seconds\":" + number(mean, places: 1) + ",\"target_seconds\":" + (cell.target.map(String.init) ?? "null")
                    cells += ",\"timed\":\(cell.timed),\"met\":" + (cell.targeted > 0 ? String(cell.met) : "null") + "}"
                }
                if let score = cell.score { cells += ",\"score\":" + number(score, places: 1) }
                cells += "}"
                if cells.utf8.count > 32_768 {
                    output(cells)
                    cells = ""
                }
            }
            let consistency = row.consistency.map { JSONWriter.encode(.double(($0 * 10_000).rounded() / 10_000)) } ?? "null"
            cells += "],\"consistency\":" + consistency + ",\"flip\":" + (row.flip ? "true" : "false") + "}"
            output(cells)
        }
        output("]}\n")
    }

    // MARK: HTML

    private static func html(_ comparison: Comparison, _ output: (String) -> Void) {
        let single = comparison.grouping == nil
        let e = HTMLReport.escape
        output(HTMLReport.documentStart(title: heading(comparison), style: """
            body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
            table{border-collapse:collapse;font-size:.9rem}
            th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;white-space:nowrap}
            th.touchpoint{position:sticky;left:0;background:#fff}
            td.magic{background:#e3f4e3}td.misery{background:#fbe3e3}td.neutral{background:#f3f3f3}
            td.absent,td.skipped{color:#888}tr.flip th{color:#a00}
            p.legend{color:#555;font-size:.85rem}
            @media print{body{margin:0}}
            """))
        output("""
            <h1>\(e(comparison.journeyTitle))</h1>
            <p>\(e(heading(comparison)))</p>
            <table>
            <thead><tr><th class="touchpoint">Touchpoint</th>
            """ + "\n")
        for (index, column) in comparison.columns.enumerated() {
            output("<th title=\"\(e(column.key))\">\(e(label(column, at: index, grouping: comparison.grouping)))</th>")
        }
        output("<th>Consistency</th><th>Notes</th></tr></thead>\n<tbody>\n")
        for row in comparison.rows {
            output("<tr\(row.flip ? " class=\"flip\"" : "")><th class=\"touchpoint\">\(e(row.title))</th>")
            for cell in row.cells {
                let kind: String
                if cell.present == 0 {
                    kind = "absent"
                } else if single {
                    kind = cell.verdict?.rawValue ?? "unrecorded"
                } else {
                    kind = cell.magic > cell.misery ? "magic" : cell.misery > cell.magic ? "misery" : "neutral"
                }
                output("<td class=\"\(kind)\">\(e(cellText(cell, single: single)))</td>")
            }
            output("<td>\(e(Comparison.consistencyText(row.consistency)))</td><td>\(e(rowMarks(row)))</td></tr>\n")
        }
        output("</tbody>\n</table>\n")
        let legend = walkLegend(comparison)
        if !legend.isEmpty {
            output("<h2>Walks</h2>\n<ul>\n")
            for line in legend { output("<li>\(e(line))</li>\n") }
            output("</ul>\n")
        }
        output("<p class=\"legend\">\(e(Self.legend))</p>\n</body>\n</html>\n")
    }
}
