import JourneyKit

/// Draws the leader's panels over the walk screen, and the marks a moment carries on its verdict line.
enum PanelScreen {
    /// An empty bordered frame with a title; returns the inner area.
    @discardableResult
    static func frame(_ canvas: inout Canvas, title: String, top: Int, height: Int, width wanted: Int) -> (row: Int, column: Int, width: Int, height: Int) {
        let width = min(wanted, canvas.width - 2)
        let left = max(0, (canvas.width - width) / 2)
        let horizontal = String(repeating: "─", count: max(0, width - 2))
        // The rows the panel covers are its own from edge to edge: nothing of the screen under it shows at the sides.
        for row in top..<(top + height) { canvas.put(String(repeating: " ", count: canvas.width), row: row, column: 0) }
        canvas.put("┌" + horizontal + "┐", row: top, column: left, role: .border)
        canvas.put(" " + title + " ", row: top, column: left + 2, role: .heading, limit: width - 4, ellipsis: true)
        for row in (top + 1)..<(top + height - 1) {
            canvas.put("│" + String(repeating: " ", count: max(0, width - 2)) + "│", row: row, column: left, role: .border)
        }
        canvas.put("└" + horizontal + "┘", row: top + height - 1, column: left, role: .border)
        return (top + 1, left + 2, width - 4, height - 2)
    }

    static func render(_ panel: WalkPanel, _ state: WalkState, _ canvas: inout Canvas) {
        let title = state.steps.first { $0.touchpoint.id == panel.touchpoint }?.touchpoint.title ?? panel.touchpoint
        switch panel {
        case .checklist:
            // Answered in place, in the touchpoint's own checklist (`ChecklistView`).
            return
        case .tags(let picker): tags(picker, title: title, &canvas)
        case .recovery(let strip): recovery(strip, recovery: state.walk?.moment(for: strip.touchpoint).recovery, title: title, &canvas)
        case .praise(let form): fields(form.form, heading: "Praise to pass on · " + title, extra: [], &canvas)
        case .action(let form):
            var extra: [(String, Role)] = []
            switch form.due(today: state.today) {
            case .success(let day?): extra.append(("Due " + day.weekdayName + " " + day.iso, .dim))
            case .success(nil): extra.append(("No due date", .dim))
            case .failure(let invalid): extra.append((invalid.description, .warning))
            }
            if !form.existing.isEmpty {
                extra.append(("", .normal))
                extra.append(("Actions of this moment", .heading))
                for action in form.existing {
                    extra.append(("[\(action.id)] \(action.text) — \(action.owner)" + (action.due.map { " · due " + $0 } ?? "") + " · " + action.status.rawValue, .normal))
                }
            }
            fields(form.form, heading: "New action · " + title, extra: extra, &canvas)
        }
    }

    // MARK: - Tag picker

    static func tags(_ picker: TagPicker, title: String, _ canvas: inout Canvas) {
        let top = 2
        let height = max(8, canvas.height - 2 - top)
        let inner = frame(&canvas, title: "Tags · " + title, top: top, height: height, width: 100)
        var row = inner.row
        let shown = picker.shown
        var x = canvas.put("Filter ", row: row, column: inner.column, role: .heading)
        let count = "\(shown.count) of \(picker.options.count)"
        let countStart = inner.column + inner.width - TerminalText.width(of: count)
        WalkScreen.editorLine(picker.filter, row: row, column: x, width: max(3, min(30, countStart - x - 2)), &canvas)
        canvas.put(count, row: row, column: countStart, role: .dim)
        row += 1
        x = canvas.put("Chosen ", row: row, column: inner.column, role: .heading)
        let chosen = picker.chosen.map { id in picker.options.first { $0.id == id }?.label ?? id }
        canvas.put(chosen.isEmpty ? "none yet: Space chooses, Tab saves" : chosen.joined(separator: " · "), row: row, column: x,
                   role: chosen.isEmpty ? .dim : .normal, limit: inner.column + inner.width - x, ellipsis: true)
        row += 1
        let rows = inner.row + inner.height - row
        guard rows > 0 else { return }
        if shown.isEmpty {
            canvas.put("No tag matches '\(picker.filter.text)': Backspace widens the filter", row: row, column: inner.column, role: .dim, limit: inner.width, ellipsis: true)
            return
        }
        let first = max(0, min(picker.highlighted - rows / 2, shown.count - rows))
        let idColumn = inner.column + max(24, inner.width * 3 / 5)
        for (offset, index) in shown[first..<min(shown.count, first + rows)].enumerated() {
            let option = picker.options[index]
            let line = row + offset
            let selected = first + offset == picker.highlighted
            let isChosen = picker.chosen.contains(option.id)
            if selected { canvas.paint(row: line, from: inner.column - 1, to: inner.column + inner.width + 1, role: .selected) }
            let base: Role = selected ? .selected : .normal
            canvas.put(selected ? "▸" : " ", row: line, column: inner.column - 1, role: selected ? .selected : .key)
            canvas.put(isChosen ? "[x]" : "[ ]", row: line, column: inner.column, role: selected ? .selected : isChosen ? .key : .dim)
            let glyph = option.kind == .misery ? "✖" : option.kind == .magic ? "★" : "?"
            let glyphRole: Role = selected ? .selected : option.kind == .misery ? .misery : option.kind == .magic ? .magic : .warning
            canvas.put(glyph, row: line, column: inner.column + 4, role: glyphRole)
            let label = option.kind == nil ? option.label + " (not in the catalogue)" : option.label
            canvas.put(label, row: line, column: inner.column + 6, role: base, limit: idColumn - inner.column - 7, ellipsis: true)
            if option.kind != nil {
                canvas.put(option.id, row: line, column: idColumn, role: selected ? .selected : .dim, limit: inner.column + inner.width - idColumn, ellipsis: true)
            }
        }
    }

    // MARK: - Recovery strip

    static func recovery(_ strip: RecoveryStrip, recovery: Recovery?, title: String, _ canvas: inout Canvas) {
        let height = 9
        let top = max(2, canvas.height - 3 - height)
        let inner = frame(&canvas, title: "Recovery · " + title, top: top, height: height, width: 100)
        canvas.put("After the misery, was it recovered? Each step is saved as you mark it.", row: inner.row, column: inner.column, role: .dim, limit: inner.width, ellipsis: true)
        let marks = RecoveryStrip.marks(recovery)
        let column = (inner.width - 4) / 3
        for step in RecoveryStrip.Step.allCases {
            let x = inner.column + step.rawValue * (column + 2)
            let selected = step == strip.step
            let mark = marks[step.rawValue]
            if step.rawValue > 0 { canvas.put("→", row: inner.row + 2, column: x - 2, role: .dim) }
            if selected {
                for row in (inner.row + 2)...(inner.row + 3) { canvas.paint(row: row, from: x, to: x + column, role: .selected) }
            }
            canvas.put((selected ? "▸" : " ") + "\(step.rawValue + 1) " + step.label, row: inner.row + 2, column: x, role: selected ? .selected : .heading, limit: column)
            let (text, role): (String, Role) = mark == true ? ("  ✔ done", .magic) : mark == false ? ("  ✘ not done", .misery) : ("  · not marked", .dim)
            canvas.put(text, row: inner.row + 3, column: x, role: selected ? .selected : role, limit: column)
            canvas.put("  " + step.meaning, row: inner.row + 4, column: x, role: .dim, limit: column, ellipsis: true)
        }
        let done = marks.filter { $0 == true }.count
        let summary = recovery?.isComplete == true ? "Recovered: all three steps done" : "\(done) of 3 steps done: not recovered"
        canvas.put(summary, row: inner.row + 6, column: inner.column, role: recovery?.isComplete == true ? .magic : .warning, limit: inner.width)
    }

    // MARK: - Forms

    static func fields(_ form: FormFields, heading: String, extra: [(String, Role)], _ canvas: inout Canvas) {
        let height = min(canvas.height - 5, 2 * form.fields.count + 3 + extra.count)
        let top = max(2, canvas.height - 3 - height)
        let inner = frame(&canvas, title: heading, top: top, height: height, width: 100)
        var row = inner.row
        let labelWidth = (form.fields.map { TerminalText.width(of: $0.label) }.max() ?? 0) + 2
        for (index, field) in form.fields.enumerated() {
            let focused = index == form.focus
            canvas.put(field.label, row: row, column: inner.column, role: focused ? .key : .heading)
            let x = inner.column + labelWidth
            if focused {
                WalkScreen.editorLine(field.line, row: row, column: x, width: inner.width - labelWidth, &canvas)
            } else {
                let text = field.line.text
                canvas.put(text.isEmpty ? "—" : text, row: row, column: x, role: text.isEmpty ? .dim : .normal, limit: inner.width - labelWidth, ellipsis: true)
            }
            canvas.put(field.hint, row: row + 1, column: x, role: .dim, limit: inner.width - labelWidth, ellipsis: true)
            row += 2
        }
        row += 1
        for (text, role) in extra where row < inner.row + inner.height {
            canvas.put(text, row: row, column: inner.column, role: role, limit: inner.width, ellipsis: true)
            row += 1
        }
    }

    // MARK: - Marks on the walk screen

    /// What a moment carries besides its verdict, for a verdict line `width` columns wide: tags
    /// (labels, unknown ids as they are; those that do not fit counted as `+2 more`), then the
    /// recovery, praise and actions, which always keep their place.
    static func marks(_ moment: Moment, journey: Journey, width: Int) -> [(String, Role)] {
        var summary: [(String, Role)] = []
        if let recovery = moment.recovery, moment.rating?.verdict == .misery {
            let done = RecoveryStrip.marks(recovery).filter { $0 == true }.count
            summary.append(("recovery \(done)/3", recovery.isComplete ? .magic : .warning))
        }
        // A long name is cut so that the actions after it keep their place.
        if let praise = moment.praise { summary.append(("♥ " + TerminalText.clip(praise.to, to: 16), .magic)) }
        if !moment.actions.isEmpty { summary.append((moment.actions.count == 1 ? "1 action" : "\(moment.actions.count) actions", .key)) }
        func room(_ parts: [(String, Role)]) -> Int { parts.reduce(0) { $0 + 2 + TerminalText.width(of: $1.0) } }
        // Tags as long as they fit beside the rest; those that do not are counted, never dropped unsaid.
        var tags: [(String, Role)] = []
        for (index, id) in moment.tags.enumerated() {
            let tag = TagCatalog.tag(id, in: journey)
            let part = ("[" + (tag?.label ?? id) + "]", tag?.kind == .magic ? Role.magic : tag?.kind == .misery ? .misery : .warning)
            let left = moment.tags.count - index - 1
            let counter = left > 0 ? [("+\(left) more", Role.dim)] : []
            guard room(tags + [part] + counter + summary) <= width else {
                let rest = moment.tags.count - index
                tags.append((index > 0 ? "+\(rest) more" : rest == 1 ? "+1 tag" : "+\(rest) tags", .dim))
                break
            }
            tags.append(part)
        }
        return tags + summary
    }
}
