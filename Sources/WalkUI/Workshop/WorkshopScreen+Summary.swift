import JourneyKit

extension WorkshopScreen {
    /// The summary slide: the room's emotion curve, the most divided touchpoints and the notes.
    static func summary(_ state: WorkshopState, _ canvas: inout Canvas) {
        let journey = state.journey
        let summary = state.walk.walk.map(WorkshopSummary.init) ?? WorkshopSummary(points: [])
        ScreenParts.titleBar(
            &canvas, left: "journeywalk · Workshop summary · " + journey.title,
            right: roomField(state) + "\(Counted.text(summary.points.count, "touchpoint")) · \(Counted.text(summary.totalVotes, "vote"))")
        let left = 2
        let width = canvas.width - 4
        let big = canvas.width >= bigLettersFrom.width && canvas.height >= bigLettersFrom.height
        var row = 2
        row = title("Summary", big: big, row: row, column: left, width: width, budget: big ? 9 : 1, &canvas)
        row += big ? 0 : 1

        // The curve takes what the lists leave: five levels on a small screen, up to seventeen.
        let bottom = canvas.height - 3
        let divided = summary.mostDivided
        let notes = summary.notes
        let listRows = 4 + min(5, max(1, divided.count)) + min(8, max(1, notes.count))
        var levels = 5
        while levels + 2 <= 17, row + 1 + levels + 2 + 2 + listRows <= bottom { levels += 2 }
        canvas.put("The room's emotion curve", row: row, column: left, role: .heading)
        canvas.put("  (★ magic ● neutral ✖ misery ◐ split (at neutral) · no votes; height: magic − misery votes)", row: row, column: left + 24, role: .dim, limit: width - 24, ellipsis: true)
        row += 1
        row = curve(summary, levels: levels, row: row, column: left, width: width, &canvas)
        row += 1

        canvas.put("Most divided", row: row, column: left, role: .heading)
        row += 1
        let half = max(1, (bottom - row) / 2)
        if divided.isEmpty {
            canvas.put(summary.totalVotes == 0 ? "No votes yet." : "None: the room agreed on every touchpoint it voted on.", row: row, column: left + 2, role: .dim, limit: width - 2)
            row += 1
        }
        let shown = Array(divided.prefix(min(5, half)))
        let titleWidth = min(max(10, width / 2), shown.map { TerminalText.width(of: "\($0.index + 1). \($0.title)") }.max() ?? 0)
        for point in shown {
            var x = canvas.put((point.rating?.glyph ?? "·").padding(toWidth: 3), row: row, column: left + 2, role: Role.of(point.rating?.verdict))
            canvas.put("\(point.index + 1). \(point.title)", row: row, column: x, role: .normal, limit: titleWidth, ellipsis: true)
            x = canvas.put("  " + point.votes.glyphs, row: row, column: x + titleWidth, role: .heading)
            canvas.put("  " + WorkshopSummary.split(point.votes), row: row, column: x, role: .dim, limit: left + width - x, ellipsis: true)
            row += 1
        }
        row += 1
        guard row < bottom else { return }
        canvas.put("Notes", row: row, column: left, role: .heading)
        row += 1
        if notes.isEmpty {
            canvas.put("No discussion notes.", row: row, column: left + 2, role: .dim)
            return
        }
        for (index, point) in notes.enumerated() where row < bottom {
            if row == bottom - 1, index < notes.count - 1 {
                canvas.put("… \(notes.count - index) more in the handout, whose command q prints as it finishes the workshop", row: row, column: left + 2, role: .dim, limit: width - 2, ellipsis: true)
                break
            }
            let x = canvas.put("\(point.index + 1). \(point.title): ", row: row, column: left + 2, role: .heading, limit: width / 2, ellipsis: true)
            canvas.put(point.note, row: row, column: x, limit: left + width - x, ellipsis: true)
            row += 1
        }
    }

    /// The room's mood per touchpoint, magic at the top and misery at the bottom; returns the row after it.
    static func curve(_ summary: WorkshopSummary, levels: Int, row: Int, column: Int, width: Int, _ canvas: inout Canvas) -> Int {
        let labels = ["magic", "", "neutral", "", "misery"]
        let labelWidth = 9
        let count = max(1, summary.points.count)
        let cell = max(2, min(12, (width - labelWidth - 1) / count))
        let middle = levels / 2
        for level in 0..<levels {
            let y = row + level
            let label = level == 0 ? labels[0] : level == middle ? labels[2] : level == levels - 1 ? labels[4] : ""
            canvas.put(label, row: y, column: column, role: .dim)
            canvas.put(level == middle ? "┼" : "│", row: y, column: column + labelWidth - 1, role: .border)
            if level == middle {
                canvas.put(String(repeating: "─", count: max(0, min(width - labelWidth, cell * count))), row: y, column: column + labelWidth, role: .border)
            }
        }
        for point in summary.points {
            let x = column + labelWidth + point.index * cell + cell / 2
            guard x < column + width else { break }
            let level = point.curveValue.map { Int(((1 - $0) / 2 * Double(levels - 1)).rounded()) } ?? middle
            let glyph = point.rating?.glyph ?? "·"
            canvas.put(point.rating == nil ? "·" : String(glyph.prefix(1)), row: row + level, column: x, role: point.rating == nil ? .dim : Role.of(point.rating?.verdict))
            let number = String(point.index + 1)
            if cell > number.count || point.index % 2 == 0 {
                canvas.put(number, row: row + levels, column: x, role: .dim)
            }
        }
        return row + levels + 1
    }
}
