import JourneyKit
import JourneyReports

/// Draws the compare matrix: touchpoint names frozen on the left with each row's flip mark and
/// consistency, one column per walk or group, a glyph and colour per cell, the cursor's cell in
/// words under the matrix.
public enum CompareScreen {
    /// Rows of touchpoints shown on a canvas of this height.
    public static func pageSize(height: Int) -> Int { max(1, height - 6) }

    /// Columns the titles, marks and consistency take on the left.
    static func frozenWidth(width: Int) -> Int { 1 + titleWidth(width: width) + 1 + 2 + 5 + 1 }

    static func titleWidth(width: Int) -> Int { width >= 120 ? 32 : 22 }

    /// The width of a walk or group column: 13 (a group 17); when every column fits at that width,
    /// as wide as its headings need, as far as the screen's width allows.
    static func cellWidth(_ comparison: Comparison, width: Int) -> Int {
        let base = comparison.grouping == nil ? 13 : 17
        let count = comparison.columns.count
        let room = width - frozenWidth(width: width) - 1
        guard count > 0, count * (base + 1) <= room else { return base }
        var needed = base
        for (index, column) in comparison.columns.enumerated() {
            let (top, bottom) = headings(column, at: index, grouping: comparison.grouping)
            needed = max(needed, TerminalText.width(of: top), TerminalText.width(of: bottom))
        }
        return min(needed, room / count - 1)
    }

    /// Walk or group columns that fit beside the frozen part.
    public static func columnsShown(width: Int, comparison: Comparison) -> Int {
        max(1, (width - frozenWidth(width: width) - 1) / (cellWidth(comparison, width: width) + 1))
    }

    public static func render(_ state: CompareState, into canvas: inout Canvas) {
        if canvas.width < minimumTerminalSize.width || canvas.height < minimumTerminalSize.height {
            ScreenParts.tooSmall(&canvas, needs: minimumTerminalSize, note: "")
            return
        }
        if state.showsAgreement, let agreement = state.agreement {
            renderAgreement(state, agreement, into: &canvas)
            return
        }
        let comparison = state.comparison
        let single = comparison.grouping == nil
        let by = comparison.grouping.map { "by " + $0.rawValue } ?? "each walk"
        let flips = comparison.flips.count
        ScreenParts.titleBar(&canvas, left: "journeywalk · Compare · " + comparison.journeyTitle,
                             right: "\(Counted.text(comparison.walks, "walk")) · \(by) · \(Counted.text(flips, "flip"))")
        let width = canvas.width
        let titleWidth = Self.titleWidth(width: width)
        let left = frozenWidth(width: width)
        let cell = cellWidth(comparison, width: width)
        let shown = columnsShown(width: width, comparison: comparison)
        let firstColumn = (state.column / shown) * shown
        let lastColumn = min(comparison.columns.count, firstColumn + shown)
        let page = pageSize(height: canvas.height)
        let firstRow = max(0, min(state.row - page / 2, comparison.rows.count - page))

        // Headings: two lines per column.
        canvas.put("TOUCHPOINT", row: 2, column: 1, role: .dim)
        canvas.put("⇄", row: 2, column: 1 + titleWidth + 1, role: .dim)
        canvas.putRight("AGREE", row: 2, endColumn: left - 1, role: .dim)
        if firstColumn > 0 { canvas.put("◂", row: 1, column: left - 2, role: .key) }
        if lastColumn < comparison.columns.count { canvas.put("▸", row: 1, column: width - 1, role: .key) }
        for index in firstColumn..<lastColumn {
            let column = comparison.columns[index]
            let x = left + (index - firstColumn) * (cell + 1)
            let (top, bottom) = headings(column, at: index, grouping: comparison.grouping)
            let role: Role = index == state.column ? .heading : .dim
            canvas.put(top, row: 1, column: x, role: role, limit: cell, ellipsis: true)
            canvas.put(bottom, row: 2, column: x, role: .dim, limit: cell, ellipsis: true)
        }
        if comparison.rows.isEmpty {
            canvas.put("No walk of this journey matches the filters.", row: 4, column: 2, role: .dim)
        }
        for offset in 0..<min(page, max(0, comparison.rows.count - firstRow)) {
            let index = firstRow + offset
            let row = comparison.rows[index]
            let y = 3 + offset
            let selected = index == state.row
            if selected { canvas.put("▸", row: y, column: 0, role: .key) }
            let title = (row.adhoc ? "+ " : "") + row.title
            canvas.put(title, row: y, column: 1, role: selected ? .selected : (row.onlyIn != nil ? .dim : .normal), limit: titleWidth, ellipsis: true)
            if row.flip { canvas.put("⇄", row: y, column: 1 + titleWidth + 1, role: .misery) }
            if row.onlyIn != nil { canvas.put("v", row: y, column: 1 + titleWidth + 2, role: .dim) }
            canvas.putRight(Comparison.consistencyText(row.consistency), row: y, endColumn: left - 1, role: row.consistency == nil ? .dim : .normal)
            for column in firstColumn..<lastColumn {
                let value = row.cells[column]
                let x = left + (column - firstColumn) * (cell + 1)
                let role: Role = selected && column == state.column ? .selected : Self.role(value, single: single)
                if role == .selected { canvas.paint(row: y, from: x, to: x + cell, role: .selected) }
                canvas.put(CompareReport.cellText(value, single: single), row: y, column: x, role: role, limit: cell, ellipsis: true)
            }
        }
        if comparison.rows.indices.contains(state.row), comparison.columns.indices.contains(state.column) {
            canvas.put(" " + detail(state), row: canvas.height - 3, column: 0, role: .normal, limit: width - 1, ellipsis: true)
        }
        let names = comparison.flips.map(\.title)
        statusLine(state, problems: comparison.problems, otherwise: names.isEmpty ? "No flips." : "Flips: " + names.joined(separator: " · "), &canvas)
        ScreenParts.footer(&canvas, items: CompareState.keys.footerItems)
        if state.showsCell { ScreenParts.box(&canvas, title: "Cell", lines: cellLines(state).map { ($0, .normal) }, width: min(76, width - 2)) }
        if let help = state.help { ScreenParts.help(&canvas, map: CompareState.keys, overlay: help) }
    }

    /// The two heading lines of a column: a walk's number and operator, its date and location; a
    /// group's value and size.
    static func headings(_ column: Comparison.Column, at index: Int, grouping: CompareGrouping?) -> (String, String) {
        if let walk = column.walk {
            let date = String(ReaderTime.day(walk.visitStart).dropFirst(5))
            return ("#\(index + 1) " + walk.operator, date + " " + walk.location)
        }
        return (CompareReport.label(column, at: index, grouping: grouping), Counted.text(column.walks, "walk"))
    }

    static func role(_ cell: Comparison.Cell, single: Bool) -> Role {
        if cell.present == 0 { return .dim }
        if single { return cell.verdict.map { Role.of($0) } ?? .dim }
        if cell.magic > cell.misery { return .magic }
        if cell.misery > cell.magic { return .misery }
        return cell.neutral > 0 ? .neutral : .dim
    }

    /// The cursor's cell in one line.
    static func detail(_ state: CompareState) -> String {
        let comparison = state.comparison
        let row = comparison.rows[state.row]
        let column = comparison.columns[state.column]
        let value = row.cells[state.column]
        var parts = [row.title, columnName(column, at: state.column, grouping: comparison.grouping)]
        parts.append(verdicts(value, single: comparison.grouping == nil))
        if let timer = timer(value) { parts.append(timer) }
        if let score = value.score { parts.append("score " + VisitScore.text(score)) }
        parts.append("agree " + Comparison.consistencyText(row.consistency))
        return parts.joined(separator: " · ")
    }

    static func columnName(_ column: Comparison.Column, at index: Int, grouping: CompareGrouping?) -> String {
        if let walk = column.walk {
            let who = [walk.operator, walk.location].filter { !$0.isEmpty }.joined(separator: ", ")
            return "#\(index + 1) \(ReaderTime.day(walk.visitStart))" + (who.isEmpty ? "" : " " + who)
        }
        return CompareReport.label(column, at: index, grouping: grouping) + " (\(Counted.text(column.walks, "walk")))"
    }

    static func verdicts(_ cell: Comparison.Cell, single: Bool) -> String {
        if cell.present == 0 { return "not in this journey version" }
        if single {
            return cell.glyph + " " + (cell.strongMagic > 0 ? "strong magic" : cell.strongMisery > 0 ? "strong misery" : cell.verdict?.rawValue ?? "not recorded")
        }
        var text = "★\(cell.magic) ●\(cell.neutral) ✖\(cell.misery) ○\(cell.skipped) ·\(cell.unrecorded)"
        if cell.absent > 0 { text += " —\(cell.absent)" }
        return text
    }

    static func timer(_ cell: Comparison.Cell) -> String? {
        guard let mean = cell.meanTimer else { return nil }
        let clock = TimeStandard.clock(seconds: Int(mean.rounded()))
        guard let target = cell.target else { return "timer " + clock }
        let limit = TimeStandard.clock(seconds: target)
        // A timing of a skipped touchpoint is not judged: no within or over.
        if cell.targeted == 0 { return "timer \(clock), target \(limit)" }
        if cell.timed == 1 { return "timer \(clock) " + (cell.met > 0 ? "within" : "over") + " \(limit)" }
        return "timer mean \(clock), \(cell.met)/\(cell.targeted) within \(limit)"
    }

    /// The cell box: every figure of the cell under the cursor.
    static func cellLines(_ state: CompareState) -> [String] {
        let comparison = state.comparison
        guard comparison.rows.indices.contains(state.row), comparison.columns.indices.contains(state.column) else { return [] }
        let row = comparison.rows[state.row]
        let column = comparison.columns[state.column]
        let value = row.cells[state.column]
        var lines = [row.title + " (" + row.touchpoint + ")" + (row.stage.isEmpty ? "" : " · " + row.stage)]
        if let walk = column.walk {
            lines.append("Walk \(walk.walkID)")
            lines.append([walk.operator, walk.location, ReaderTime.day(walk.visitStart), walk.version.map { "journey v\($0)" } ?? "", walk.status.rawValue]
                .filter { !$0.isEmpty }.joined(separator: " · "))
        } else {
            lines.append(columnName(column, at: state.column, grouping: comparison.grouping))
        }
        lines.append("")
        if value.present == 0 {
            lines.append("This touchpoint is not in the journey version of \(column.walks == 1 ? "this walk" : "these walks").")
        } else {
            lines.append("magic \(value.magic) (strong \(value.strongMagic)) · neutral \(value.neutral) · misery \(value.misery) (strong \(value.strongMisery))")
            lines.append("skipped \(value.skipped) · not recorded \(value.unrecorded)" + (value.absent > 0 ? " · not in their version \(value.absent)" : ""))
            lines.append(timer(value) ?? "no timer")
            lines.append(value.score.map { "checklist score " + VisitScore.text($0) } ?? "no checklist answered Yes or No")
        }
        lines.append("")
        lines.append("Touchpoint over all columns: agree \(Comparison.consistencyText(row.consistency))" + (row.flip ? " · flips (magic and misery)" : ""))
        if let versions = row.onlyIn { lines.append("Only in journey " + CompareReport.versionsText(versions)) }
        if row.adhoc { lines.append("Inserted during walks (ad hoc)") }
        lines.append("")
        lines.append("Any key closes this.")
        return lines
    }
}

extension CompareScreen {
    /// The status line of both compare screens: the screen's message, else the first walk left out
    /// (and how many more), else `otherwise`.
    static func statusLine(_ state: CompareState, problems: [String], otherwise info: String, _ canvas: inout Canvas) {
        if let message = state.message {
            ScreenParts.status(&canvas, message)
        } else if let problem = problems.first {
            let more = problems.count > 1 ? " (+\(problems.count - 1) more)" : ""
            ScreenParts.status(&canvas, WalkState.Message(text: "Left out: " + problem + more, kind: .warning))
        } else {
            ScreenParts.status(&canvas, WalkState.Message(text: info, kind: .info))
        }
    }
}
