import JourneyKit

/// Draws one saved walk: emotion curve, timeline, peak and end, and the note and export overlays.
public enum ReviewWalkScreen {
    /// From this width the selected moment's records get a panel beside the timeline; below it, a strip under it.
    public static let sidePanelWidth = 110

    public static func render(_ state: ReviewWalkState, into canvas: inout Canvas) {
        if let debrief = state.debrief {
            DebriefScreen.render(debrief, today: nil, message: nil, into: &canvas)
            return
        }
        if canvas.width < minimumTerminalSize.width || canvas.height < minimumTerminalSize.height {
            ScreenParts.tooSmall(&canvas, needs: minimumTerminalSize, note: "")
            return
        }
        let analysis = state.analysis
        let walk = analysis.walk
        let status: String
        // Times in the visit's local time (the zone recorded when the walk started, or TZ), named once below.
        let zone = LocalTime.zone(of: walk.header)
        switch walk.status {
        case .draft: status = "DRAFT"
        case .complete: status = "complete " + (walk.finished.map { LocalTime.day($0, zone) } ?? "")
        case .submitted: status = "submitted " + (walk.submitted.map { LocalTime.day($0, zone) } ?? "")
        }
        let standing = state.review?.state.map { " · " + $0.label } ?? ""
        ScreenParts.titleBar(&canvas, left: "journeywalk · Review · " + walk.journey.title, right: status + standing)
        let summary = analysis.summary
        var counts = summary.glyphs
        let score = VisitScore(walk)
        if score.percent != nil || score.passed != nil {
            counts += "  " + VisitScore.text(score.percent) + (score.passed == true ? " PASS" : score.passed == false ? " FAIL" : "")
        }
        let countsStart = canvas.putRight(counts + " ", row: 1, endColumn: canvas.width, role: score.passed == false ? .misery : .dim)
        var details = walk.header.details.operator.isEmpty ? "" : walk.header.details.operator
        if let role = walk.header.details.role { details += (details.isEmpty ? "" : " · ") + role.rawValue }
        if !walk.header.details.location.isEmpty { details += (details.isEmpty ? "" : " · ") + walk.header.details.location }
        if let stated = walk.header.statedStart {
            details += (details.isEmpty ? "" : " · ") + "visit " + LocalTime.minute(stated, zone)
        } else {
            details += (details.isEmpty ? "" : " · ") + "started " + LocalTime.minute(walk.header.started, zone)
        }
        canvas.put(" " + details, row: 1, column: 0, role: .dim, limit: countsStart - 1, ellipsis: true)

        let compact = canvas.height < 20
        var row = 2
        if !compact {
            curve(state, top: row, &canvas)
            row += 6
        }
        canvas.put(String(repeating: "─", count: canvas.width), row: row, column: 0, role: .border)
        row += 1
        let summaryRows = compact ? 2 : 3
        let listBottom = canvas.height - 2 - summaryRows
        if canvas.width >= sidePanelWidth {
            let panelWidth = min(64, canvas.width / 2)
            let border = canvas.width - panelWidth - 1
            timeline(state, top: row, bottom: listBottom, width: border, &canvas)
            for line in row..<listBottom { canvas.put("│", row: line, column: border, role: .border) }
            canvas.put("┬", row: row - 1, column: border, role: .border)
            if let moment = state.selectedMoment {
                let title = "\(moment.entry.index + 1). " + moment.entry.touchpoint.title
                canvas.put(title, row: row, column: border + 2, role: .heading, limit: panelWidth - 2, ellipsis: true)
                let room = listBottom - row - 1
                let lines = moment.lines(width: panelWidth - 2) + noteLines(moment.entry, width: panelWidth - 2, shown: room)
                for (offset, line) in lines.prefix(room).enumerated() {
                    canvas.put(line.0, row: row + 1 + offset, column: border + 2, role: line.1, limit: panelWidth - 2, ellipsis: true)
                }
                if lines.count > room { canvas.putRight("Enter: all ", row: listBottom - 1, endColumn: canvas.width, role: .dim) }
            }
        } else {
            let stripRows = compact ? 2 : 4
            timeline(state, top: row, bottom: listBottom - stripRows - 1, width: canvas.width, &canvas)
            let rule = listBottom - stripRows - 1
            canvas.put(String(repeating: "─", count: canvas.width), row: rule, column: 0, role: .border)
            if let moment = state.selectedMoment {
                canvas.put(" \(moment.entry.index + 1). \(moment.entry.touchpoint.title) ", row: rule, column: 1, role: .heading, limit: canvas.width - 4, ellipsis: true)
                moment.drawStrip(&canvas, top: rule + 1, rows: stripRows, column: 1, width: canvas.width - 2)
            }
        }
        peakAndEnd(analysis, top: listBottom, rows: summaryRows, &canvas)

        ScreenParts.status(&canvas, state.message)
        ScreenParts.footer(&canvas, items: ReviewWalkState.keys.footerItems)
        if let overlay = state.details, state.selected != nil { detailsOverlay(state, overlay: overlay, &canvas) }
        if state.exporting {
            var lines: [(String, Role)] = []
            for binding in ReviewWalkState.exportKeys.bindings {
                lines.append(("\(binding.keyLabel)  \(binding.help)", .normal))
            }
            ScreenParts.box(&canvas, title: "Export this walk to the current folder", lines: lines, width: 64)
        }
        if let help = state.help { ScreenParts.help(&canvas, map: ReviewWalkState.keys, overlay: help) }
    }

    /// The emotion curve: rows +2 to -2, three columns per touchpoint, the selected one highlighted.
    private static func curve(_ state: ReviewWalkState, top: Int, _ canvas: inout Canvas) {
        let entries = state.timeline
        let labels = ["+2", "+1", " 0", "-1", "-2"]
        let room = max(1, (canvas.width - 7) / 3)
        let first = max(0, min(state.position - room / 2, entries.count - room))
        for (offset, value) in (-2...2).reversed().enumerated() {
            let row = top + offset
            canvas.put(" " + labels[offset] + " ", row: row, column: 0, role: .dim)
            canvas.put(value == 0 ? "┼" : "│", row: row, column: 4, role: .border)
            for position in 0..<min(room, entries.count - first) {
                let entry = entries[first + position]
                let x = 5 + position * 3
                let selected = entry.index == state.selection
                if value == 0 { canvas.put("───", row: row, column: x, role: .border) }
                if selected { canvas.paint(row: row, from: x, to: x + 3, role: .selected) }
                if entry.score == value || (value == 0 && entry.score == nil) {
                    let glyph = entry.glyph
                    let pad = TerminalText.width(of: glyph) == 1 ? 1 : 0
                    canvas.put(glyph, row: row, column: x + pad, role: selected ? .selected : Role.of(entry.moment.rating?.verdict))
                }
            }
        }
        for position in 0..<min(room, entries.count - first) {
            let entry = entries[first + position]
            let label = String((entry.index + 1) % 1000)
            let x = 5 + position * 3 + (label.count == 1 ? 1 : 0)
            canvas.put(label, row: top + 5, column: x, role: entry.index == state.selection ? .key : .dim)
        }
    }

    /// Where the walk stands with the team and what the reviewer said about the whole walk, a line
    /// each, above the timeline (SPEC 8.3); none for a walk whose review was not pulled.
    static func reviewLines(_ state: ReviewWalkState) -> [(String, Role)] {
        guard let review = state.review else { return [] }
        let zone = LocalTime.zone(of: state.analysis.walk.header)
        var lines: [(String, Role)] = []
        let by = review.last?.by ?? ""
        switch review.state {
        case .returned?:
            let due = review.openReturn?.due.map { ", due " + LocalTime.minute($0, zone) } ?? ""
            lines.append(("Returned by \(review.openReturn?.by ?? by)" + due, .warning))
            if let open = review.openReturn, let text = open.text { lines.append((ReviewComments.Comment(by: open.by, text: text).line, .warning)) }
        case .submitted?, .resubmitted?:
            lines.append(("Submitted to the team (revision \(review.revision)): waiting for review", .dim))
        case .inReview?:
            lines.append(("In review by \(by) (revision \(review.revision))", .dim))
        case .approved?, .released?:
            var line = (review.state == .released ? "Released to the client by " : "Approved by ") + by
            if let grade = review.grade { line += ", grade \(grade)/10" }
            if let coaching = review.coaching { line += ": " + coaching }
            lines.append((line, .magic))
        case .excluded?:
            lines.append(("Excluded by \(by)" + (review.last?.text.map { ": " + $0 } ?? ""), .warning))
        case nil:
            break
        }
        lines += review.onWalk.map { ($0.line, .warning) }
        return lines
    }

    private static func timeline(_ state: ReviewWalkState, top: Int, bottom: Int, width: Int, _ canvas: inout Canvas) {
        let analysis = state.analysis
        var lines: [(entry: WalkAnalysis.Entry?, stage: String)] = []
        // Each of the review's lines takes up to two rows, the second ending in … when cut.
        var said: [(String, Role)] = []
        for (text, role) in reviewLines(state) {
            let rows = TerminalText.wrap(text, to: max(8, width - 5), lines: 2)
            if let first = rows.first { said.append((first, role)) }
            if rows.count > 1 { said.append(("  " + rows[1] + (rows.count > 2 ? " …" : ""), role)) }
        }
        for (text, _) in said { lines.append((nil, text)) }
        var stage = -1
        for (position, entry) in state.timeline.enumerated() {
            if let untimed = state.untimedFrom {
                // In the order it happened a stage can come back: the two parts are headed instead.
                if position == 0, untimed > 0 { lines.append((nil, "In the order it happened")) }
                if position == untimed { lines.append((nil, "Without a time, in walking order")) }
            } else if entry.stageIndex != stage {
                stage = entry.stageIndex
                lines.append((nil, entry.stage))
            }
            lines.append((entry, entry.stage))
        }
        let height = max(1, bottom - top)
        let current = lines.firstIndex { $0.entry?.index == state.selection } ?? 0
        // The review's lines stay in view while the selection is on the first page.
        let first = !said.isEmpty && current < height ? 0 : max(0, min(current - height / 2, lines.count - height))
        let titleWidth = max(16, (width - 9) * 2 / 5)
        let factsColumn = 10 + titleWidth
        let noteColumn = factsColumn + 21
        for (offset, line) in lines[first..<min(lines.count, first + height)].enumerated() {
            let row = top + offset
            guard let entry = line.entry else {
                if first + offset < said.count {
                    canvas.put(" " + line.stage, row: row, column: 0, role: said[first + offset].1, limit: width - 2, ellipsis: true)
                } else {
                    canvas.put(" " + TerminalText.capitals(line.stage), row: row, column: 0, role: .dim, limit: width - 2, ellipsis: true)
                }
                continue
            }
            let selected = entry.index == state.selection
            if selected {
                canvas.paint(row: row, from: 1, to: width - 1, role: .selected)
                canvas.put("▸", row: row, column: 0, role: .key)
            }
            let base: Role = selected ? .selected : .normal
            canvas.put(String(entry.index + 1), row: row, column: 2, role: selected ? .selected : .dim)
            canvas.put(entry.glyph, row: row, column: 6, role: selected ? .selected : Role.of(entry.moment.rating?.verdict))
            var title = entry.touchpoint.title + (entry.touchpoint.momentOfTruth ? " ◆" : "")
            if entry.touchpoint.adhoc { title += " (ad hoc)" }
            canvas.put(title, row: row, column: 9, role: base, limit: titleWidth, ellipsis: true)
            var facts = ""
            // A visit entered afterwards (`walk --at`) is timed by stated times only: when a verdict
            // was typed is no time of the visit, so a moment without a stated time shows none here
            // (the moment's panel says "entered …", as the reports do).
            if let time = analysis.when(entry), time.stated || analysis.walk.header.statedStart == nil {
                // A stated time is marked with @, the key that states one.
                facts = (time.stated ? "@" : "") + String(LocalTime.clock(time.date, LocalTime.zone(of: analysis.walk.header)).prefix(5))
                if let offset = time.offsetText { facts += " " + offset }
            }
            let timer = analysis.timer(entry)
            if let clock = timer.clock {
                facts += "  ⏱" + clock
                if timer.met == false { facts += "▲" }
            }
            canvas.put(facts, row: row, column: factsColumn, role: selected ? .selected : .dim, limit: noteColumn - factsColumn - 1)
            if !entry.moment.note.isEmpty {
                canvas.put(entry.moment.note, row: row, column: noteColumn, role: base, limit: width - noteColumn - 1, ellipsis: true)
            }
        }
    }

    private static func peakAndEnd(_ analysis: WalkAnalysis, top: Int, rows: Int, _ canvas: inout Canvas) {
        func named(_ entry: WalkAnalysis.Entry?) -> String {
            entry.map { "\($0.glyph) \($0.touchpoint.title)" } ?? "—"
        }
        let width = canvas.width - 9
        var x = canvas.put(" Peak   ", row: top, column: 0, role: .heading)
        canvas.put("best " + named(analysis.best) + "  ·  worst " + named(analysis.worst), row: top, column: x, limit: width, ellipsis: true)
        x = canvas.put(" End    ", row: top + 1, column: 0, role: .heading)
        let end = analysis.end.map { "\($0.glyph) \($0.touchpoint.title)" }.joined(separator: " → ")
        canvas.put(end.isEmpty ? "nothing recorded" : end, row: top + 1, column: x, limit: width, ellipsis: true)
        if rows > 2 {
            x = canvas.put(" Truth  ", row: top + 2, column: 0, role: .heading)
            let truths = analysis.momentsOfTruth.map { "\($0.glyph) \($0.touchpoint.title)" }.joined(separator: " · ")
            canvas.put(truths.isEmpty ? "no moments of truth in this journey" : truths, row: top + 2, column: x, limit: width, ellipsis: true)
        }
    }

    /// The note (and the journey's prompt) of a moment, wrapped. Where at most `shown` lines are shown,
    /// the note gives no more than one line beyond them: a note of a hand-edited file can be 50 MB.
    static func noteLines(_ entry: WalkAnalysis.Entry, width: Int, shown: Int) -> [(String, Role)] {
        var lines: [(String, Role)] = [("Note", .heading)]
        let note = entry.moment.note
        lines += (note.isEmpty ? ["(no note)"] : TerminalText.wrap(note, to: width, lines: shown)).map { ($0, note.isEmpty ? .dim : .normal) }
        if let prompt = entry.touchpoint.prompt {
            lines += TerminalText.reflow("Prompt: " + prompt, to: width).map { ($0, .dim) }
        }
        return lines
    }

    /// Everything the selected moment records, as the Enter overlay shows it, down to line `shown`
    /// and at least one line more when there is more (the overlay scrolls down to what it has shown).
    static func detailLines(_ state: ReviewWalkState, width: Int, shown: Int) -> [(String, Role)] {
        guard let moment = state.selectedMoment else { return [] }
        return moment.lines(width: width) + [("", .normal)] + noteLines(moment.entry, width: width, shown: shown)
    }

    /// The overlay with everything the selected moment records, scrolled when taller than the screen.
    private static func detailsOverlay(_ state: ReviewWalkState, overlay: HelpOverlay, _ canvas: inout Canvas) {
        guard let entry = state.selected else { return }
        let inner = min(70, canvas.width - 6)
        let room = max(1, canvas.height - 5)
        let lines = detailLines(state, width: inner, shown: overlay.offset + room)
        let offset = min(overlay.offset, max(0, lines.count - room))
        var shown = Array(lines[offset..<min(lines.count, offset + room)])
        let more = offset + room < lines.count
        shown.append((more ? "↓ j/k scroll · any other key closes" : offset > 0 ? "↑ k scrolls back · any other key closes" : "Any key closes this.", .dim))
        ScreenParts.box(&canvas, title: "\(entry.index + 1). \(entry.touchpoint.title)", lines: shown, width: inner + 4)
    }
}
