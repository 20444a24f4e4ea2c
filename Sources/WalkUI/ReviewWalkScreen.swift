import JourneyKit

/// Draws one saved walk: emotion curve, timeline, peak and end, and the note and export overlays.
public enum ReviewWalkScreen {
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
        let status = walk.finished.map { "finished " + Timestamp.format($0).prefix(10) } ?? "UNFINISHED"
        ScreenParts.titleBar(&canvas, left: "journeywalk · Review · " + walk.journey.title, right: String(status))
        let summary = analysis.summary
        let counts = "★\(summary.magic) ●\(summary.neutral) ✖\(summary.misery) ○\(summary.skipped) ·\(summary.unrecorded)"
        let countsStart = canvas.putRight(counts + " ", row: 1, endColumn: canvas.width, role: .dim)
        var details = walk.header.details.operator.isEmpty ? "" : walk.header.details.operator
        if let role = walk.header.details.role { details += (details.isEmpty ? "" : " · ") + role.rawValue }
        if !walk.header.details.location.isEmpty { details += (details.isEmpty ? "" : " · ") + walk.header.details.location }
        details += (details.isEmpty ? "" : " · ") + "started " + Timestamp.format(walk.header.started).prefix(16).replacingOccurrences(of: "T", with: " ") + " UTC"
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
        timeline(state, top: row, bottom: listBottom, &canvas)
        peakAndEnd(analysis, top: listBottom, rows: summaryRows, &canvas)

        ScreenParts.status(&canvas, state.message)
        ScreenParts.footer(&canvas, items: ReviewWalkState.keys.footerItems)
        if state.showingNote, let entry = state.selected { note(entry, analysis, &canvas) }
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
        let entries = state.analysis.entries
        let labels = ["+2", "+1", " 0", "-1", "-2"]
        let room = max(1, (canvas.width - 7) / 3)
        let first = max(0, min(state.selection - room / 2, entries.count - room))
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

    private static func timeline(_ state: ReviewWalkState, top: Int, bottom: Int, _ canvas: inout Canvas) {
        let analysis = state.analysis
        var lines: [(entry: WalkAnalysis.Entry?, stage: String)] = []
        var stage = -1
        for entry in analysis.entries {
            if entry.stageIndex != stage {
                stage = entry.stageIndex
                lines.append((nil, entry.stage))
            }
            lines.append((entry, entry.stage))
        }
        let height = max(1, bottom - top)
        let current = lines.firstIndex { $0.entry?.index == state.selection } ?? 0
        let first = max(0, min(current - height / 2, lines.count - height))
        let width = canvas.width
        let titleWidth = max(16, (width - 9) * 2 / 5)
        let factsColumn = 10 + titleWidth
        let noteColumn = factsColumn + 21
        for (offset, line) in lines[first..<min(lines.count, first + height)].enumerated() {
            let row = top + offset
            guard let entry = line.entry else {
                canvas.put(" " + TerminalText.capitals(line.stage), row: row, column: 0, role: .dim, limit: width - 2, ellipsis: true)
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
            let title = entry.touchpoint.title + (entry.touchpoint.momentOfTruth ? " ◆" : "")
            canvas.put(title, row: row, column: 9, role: base, limit: titleWidth, ellipsis: true)
            var facts = ""
            if let at = entry.moment.ratedAt {
                facts = String(Timestamp.format(at).dropFirst(11).prefix(5))
                if let offset = analysis.offset(of: entry) { facts += " +" + TimeStandard.clock(seconds: Int(offset)) }
            }
            if let seconds = entry.moment.timerSeconds {
                facts += "  ⏱" + TimeStandard.clock(seconds: seconds)
                if let target = entry.touchpoint.target, seconds > target { facts += "▲" }
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

    private static func note(_ entry: WalkAnalysis.Entry, _ analysis: WalkAnalysis, _ canvas: inout Canvas) {
        let inner = min(70, canvas.width - 6)
        var lines: [(String, Role)] = []
        var facts = [entry.stage]
        if let channel = entry.touchpoint.channel { facts.append(channel) }
        if entry.touchpoint.momentOfTruth { facts.append("◆ moment of truth") }
        lines.append((facts.joined(separator: " · "), .dim))
        var verdict = "\(entry.glyph) \(entry.label)"
        if let at = entry.moment.ratedAt { verdict += " at " + Timestamp.format(at).dropFirst(11).prefix(8) + " UTC" }
        if let offset = analysis.offset(of: entry) { verdict += " (+" + TimeStandard.clock(seconds: Int(offset)) + ")" }
        lines.append((verdict, Role.of(entry.moment.rating?.verdict)))
        if let seconds = entry.moment.timerSeconds {
            var timer = "Timer " + TimeStandard.clock(seconds: seconds)
            if let target = entry.touchpoint.target {
                timer += seconds > target ? " — over the \(TimeStandard.text(seconds: target)) target by \(TimeStandard.clock(seconds: seconds - target))" : " — within the \(TimeStandard.text(seconds: target)) target"
            }
            lines.append((timer, .normal))
        }
        lines.append(("", .normal))
        lines.append(("Note", .heading))
        let noteLines = entry.moment.note.isEmpty ? ["(no note)"] : TerminalText.wrap(entry.moment.note, to: inner)
        lines += noteLines.map { ($0, .normal) }
        if let prompt = entry.touchpoint.prompt {
            lines.append(("", .normal))
            lines += TerminalText.reflow("Prompt: " + prompt, to: inner).map { ($0, .dim) }
        }
        lines.append(("", .normal))
        lines.append(("Any key closes this.", .dim))
        ScreenParts.box(&canvas, title: "\(entry.index + 1). \(entry.touchpoint.title)", lines: lines, width: inner + 4)
    }
}
