import JourneyKit

/// Draws the list of saved walks.
public enum ReviewListScreen {
    /// Rows the list itself gets on a canvas of this height.
    public static func pageSize(height: Int) -> Int { max(1, height - 5) }

    public static func render(_ state: ReviewListState, message: WalkState.Message? = nil, into canvas: inout Canvas) {
        if canvas.width < minimumTerminalSize.width || canvas.height < minimumTerminalSize.height {
            ScreenParts.tooSmall(&canvas, needs: minimumTerminalSize, note: "")
            return
        }
        let shown = state.visible.count
        let marked = state.marked.isEmpty ? "" : "\(state.marked.count) marked · "
        ScreenParts.titleBar(&canvas, left: "journeywalk · Saved walks", right: "\(marked)\(shown) of \(state.items.count) · \(state.sort.rawValue)")
        var x = canvas.put(" Filter ", row: 1, column: 0, role: .heading)
        // Room for fields such as `operator:ann since:2026-11-01`.
        let filterWidth = max(24, min(48, canvas.width - 40))
        if let editor = state.filterEditor {
            WalkScreen.editorLine(editor, row: 1, column: x, width: filterWidth, &canvas)
            x += filterWidth + 1
        } else {
            x = canvas.put(state.filter.isEmpty ? "—" : state.filter, row: 1, column: x, role: state.filter.isEmpty ? .dim : .normal, limit: filterWidth, ellipsis: true) + 1
        }
        x = canvas.put("  Journey ", row: 1, column: x, role: .heading)
        canvas.put(state.journeyFilter ?? "all", row: 1, column: x, role: state.journeyFilter == nil ? .dim : .normal, limit: canvas.width - x - 1, ellipsis: true)

        let width = canvas.width
        let counts = 11
        let status = 12
        let operatorWidth = width >= 100 ? 16 : 10
        let startedWidth = 17
        let flexible = max(10, width - 2 - startedWidth - operatorWidth - counts - status - 4)
        // The location has a column of its own (two walks of one journey at two sites must look different),
        // about two fifths of the room; none when no walk has a location.
        let hasLocation = state.items.contains { !$0.location.isEmpty }
        let locationWidth = hasLocation ? max(8, (flexible - 1) * 2 / 5) : 0
        let titleWidth = hasLocation ? flexible - 1 - locationWidth : flexible
        let columns = (started: 2, title: 2 + startedWidth, operator: 3 + startedWidth + flexible, counts: 4 + startedWidth + flexible + operatorWidth)
        let locationColumn = columns.title + titleWidth + 1
        let statusColumn = columns.counts + counts + 1
        canvas.put("STARTED", row: 2, column: columns.started, role: .dim)
        canvas.put("JOURNEY", row: 2, column: columns.title, role: .dim)
        if hasLocation { canvas.put("LOCATION", row: 2, column: locationColumn, role: .dim, limit: locationWidth) }
        canvas.put("OPERATOR", row: 2, column: columns.operator, role: .dim)
        canvas.put("★   ●   ✖", row: 2, column: columns.counts, role: .dim)
        canvas.put("STATUS", row: 2, column: statusColumn, role: .dim)

        // A filter line not understood is said in full: over two rows when it needs them, the list
        // giving up its last row meanwhile.
        let filterProblem = state.pendingDelete == nil && message == nil
            ? state.filterProblem.map { WalkState.Message(text: "Filter: " + $0, kind: .warning) } : nil
        let problemRows = filterProblem.map { ScreenParts.statusRows($0, width: canvas.width) } ?? 1
        let page = max(1, pageSize(height: canvas.height) - (problemRows - 1))
        let first = max(0, min(state.selection - page / 2, shown - page))
        if shown == 0 {
            let text = state.items.isEmpty ? "No saved walks yet. Walk a journey with: journeywalk walk JOURNEY" : "No walk matches the filters (c clears them)."
            canvas.put(text, row: 4, column: 2, role: .dim)
        }
        for offset in 0..<min(page, max(0, shown - first)) {
            let position = first + offset
            let item = state.items[state.visible[position]]
            let row = 3 + offset
            let selected = position == state.selection
            if selected {
                canvas.paint(row: row, from: 1, to: width - 1, role: .selected)
                canvas.put("▸", row: row, column: 0, role: .key)
            }
            let base: Role = selected ? .selected : .normal
            if state.marked.contains(item.path) { canvas.put("✓", row: row, column: 1, role: selected ? .selected : .key) }
            canvas.put(item.startedText, row: row, column: columns.started, role: selected ? .selected : .dim, limit: startedWidth - 1)
            canvas.put(item.journeyTitle, row: row, column: columns.title, role: base, limit: titleWidth, ellipsis: true)
            if hasLocation {
                canvas.put(item.location, row: row, column: locationColumn, role: base, limit: locationWidth, ellipsis: true)
            }
            canvas.put(item.operatorShown, row: row, column: columns.operator, role: base, limit: operatorWidth, ellipsis: true)
            func count(_ value: Int, _ column: Int, _ role: Role) {
                canvas.put(String(value), row: row, column: columns.counts + column, role: selected ? .selected : (value == 0 ? .dim : role))
            }
            count(item.summary.magic, 0, .magic)
            count(item.summary.neutral, 4, .neutral)
            count(item.summary.misery, 8, .misery)
            if state.copies[item.path] != nil {
                // Another file holds the same walk: compare and reports leave this one out.
                canvas.put("⧉ copy", row: row, column: statusColumn, role: selected ? .selected : .warning, limit: status)
            } else {
                // The words of SPEC 7.2, of `--status` and of the `status:` filter: draft, complete, submitted.
                let state = item.status.rawValue
                canvas.put(item.problems > 0 ? "! " + state : state, row: row, column: statusColumn, role: selected ? .selected : (item.status == .draft ? .warning : .dim), limit: status)
            }
        }
        if let walk = state.pendingDelete {
            // The question first: a narrow screen cuts the end of the line, never the question.
            let what = [walk.journeyTitle, walk.location, walk.startedText, walk.operatorShown].filter { !$0.isEmpty }.joined(separator: " · ")
            ScreenParts.status(&canvas, WalkState.Message(text: "Move to the trash? \(what)", kind: .warning))
        } else if let message {
            ScreenParts.status(&canvas, message)
        } else if let filterProblem {
            ScreenParts.status(&canvas, filterProblem, rows: problemRows)
        } else if let walk = state.selected, let kept = state.copies[walk.path] {
            // The file kept first: a narrow screen cuts the end of the line.
            let name = kept.split(separator: "/").last.map(String.init) ?? kept
            ScreenParts.status(&canvas, WalkState.Message(text: "Copy of \(name): compare and reports leave this file out", kind: .warning))
        } else if let note = state.notes.first {
            ScreenParts.status(&canvas, WalkState.Message(text: state.notes.count > 1 ? "\(note) (+\(state.notes.count - 1) more)" : note, kind: .warning))
        } else if let walk = state.selected, let author = walk.author {
            ScreenParts.status(&canvas, WalkState.Message(text: "Team copy pulled from \(author): read-only", kind: .info))
        }
        let footer = state.pendingDelete != nil ? ReviewListState.deleteKeys.footerItems
            : state.filterEditor == nil ? ReviewListState.keys.footerItems : LineEditor.keys.footerItems
        ScreenParts.footer(&canvas, items: footer)
        if let help = state.help { ScreenParts.help(&canvas, map: ReviewListState.keys, overlay: help) }
    }
}
