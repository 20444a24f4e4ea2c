import Foundation
import JourneyKit

/// The field kit's lines on the walk screen: the score, the split timer, the evidence, the prompt
/// of a typed field and the final check.
enum FieldKitView {
    /// `Score 72.7 % ✖ below 85 · stage 66.7 %`, right-aligned on the row under the title bar;
    /// nothing when the journey has no checklist. Returns the column it starts at (`endColumn` when
    /// nothing is drawn).
    @discardableResult
    static func score(_ state: WalkState, stageIndex: Int, row: Int, endColumn: Int, _ canvas: inout Canvas) -> Int {
        guard let walk = state.walk, let score = state.score else { return endColumn }
        guard let percent = score.percent else {
            return canvas.putRight("Score —  pass mark \(score.passMark)", row: row, endColumn: endColumn, role: .dim)
        }
        var parts: [(String, Role)] = [("Score " + VisitScore.text(percent), .heading)]
        if !score.criticalFailed.isEmpty {
            parts.append(("  ✖ critical No", .misery))
        } else if score.passed == true {
            parts.append(("  ✔ pass mark \(score.passMark)", .magic))
        } else {
            parts.append(("  ✖ below \(score.passMark)", .misery))
        }
        let stageName = walk.journey.stages.indices.contains(stageIndex) ? walk.journey.stages[stageIndex].name : ""
        if let stage = score.stages.first(where: { $0.stage == stageName }), let stagePercent = stage.percent {
            parts.append(("  · this stage " + VisitScore.text(stagePercent), .dim))
        }
        let width = parts.reduce(0) { $0 + TerminalText.width(of: $1.0) }
        let start = max(2, endColumn - width)
        var x = start
        for (text, role) in parts { x = canvas.put(text, row: row, column: x, role: role, limit: max(0, endColumn - x)) }
        return start
    }

    /// `Timer    ⏱ 0:42 ■ stopped / 0:30  ▲ missed by 0:12`: the split timer against the target.
    static func timer(_ state: WalkState, _ touchpoint: Touchpoint, moment: Moment, row: Int, width: Int, _ canvas: inout Canvas) {
        var x = canvas.put("Timer    ", row: row, column: 2, role: .heading)
        let end = width + 2
        guard let timer = moment.usedSplitTimer else {
            x = canvas.put("⏱ 0:00", row: row, column: x, role: .dim)
            if let target = touchpoint.target { x = canvas.put(" / " + TimeStandard.clock(seconds: target), row: row, column: x, role: .dim) }
            canvas.put("  t starts the split timer", row: row, column: x, role: .dim, limit: max(0, end - x))
            return
        }
        let seconds = timer.wholeSeconds(at: state.now)
        x = canvas.put("⏱ " + TimeStandard.clock(seconds: seconds), row: row, column: x, role: timer.running ? .key : .normal)
        x = canvas.put(timer.running ? " ▶ running" : " ■ stopped", row: row, column: x, role: .dim, limit: max(0, end - x))
        guard let target = touchpoint.target else { return }
        x = canvas.put(" / " + TimeStandard.clock(seconds: target), row: row, column: x, role: .dim, limit: max(0, end - x))
        switch timer.against(target: target, at: state.now) {
        case .met:
            canvas.put(timer.running ? "  within target" : "  ✔ target met", row: row, column: x, role: timer.running ? .dim : .magic, limit: max(0, end - x))
        case .missed(let over):
            canvas.put("  ▲ missed by " + TimeStandard.clock(seconds: over), row: row, column: x, role: .warning, limit: max(0, end - x))
        }
    }

    /// `Evidence receipt.jpg (24 KB) · door.png (1.2 MB)`.
    static func evidence(_ moment: Moment, row: Int, width: Int, _ canvas: inout Canvas) {
        let x = canvas.put("Evidence ", row: row, column: 2, role: .heading)
        let files = moment.evidence.map { "\(WalkState.fileName($0.path)) (\(WalkState.size($0.bytes)))" }.joined(separator: " · ")
        canvas.put(files, row: row, column: x, limit: max(0, width + 2 - x), ellipsis: true)
    }

    /// The box in which a field other than a note or comment is typed: what it is, the forms it takes, the editor.
    static func prompt(_ state: WalkState, _ canvas: inout Canvas) {
        guard let editor = state.editor else { return }
        let title: String
        var lines: [(String, Role)] = []
        switch editor.target {
        case .text(let key):
            var name = state.steps.first { $0.touchpoint.id == key.touchpoint }?.touchpoint.title ?? key.touchpoint
            if key.touchpoint != state.currentStep?.touchpoint.id { name += " (just judged)" }
            switch key.field {
            case .statedTime:
                title = "When did it happen?"
                // The zone's offset on the day of the visit, which may differ from today's.
                let day = state.walk.flatMap { walk in walk.index(of: key.touchpoint).flatMap { walk.statedTime(before: $0) } } ?? state.now
                lines = [("Touchpoint: " + name, .normal),
                         ("Local time, \(StatedTime.zone(state.timeZone, at: day)): 10:42 · 10:42:30 · 2026-11-22 10:42", .dim),
                         ("or +3m after the previous stated time; an empty line takes the time back", .dim)]
            case .adhoc:
                title = "Insert a touchpoint"
                lines = [("After: " + name, .normal), ("Title of what happened (the journey does not list it):", .dim)]
            case .evidence:
                title = "Attach evidence"
                lines = [("To: " + name, .normal), ("Path of the file (photo, receipt, recording); its size and SHA-256 are kept:", .dim)]
            default:
                return
            }
        case .adhocChannel(let after, let inserted):
            var name = state.steps.first { $0.touchpoint.id == after }?.touchpoint.title ?? after
            if after != state.currentStep?.touchpoint.id { name += " (just judged)" }
            title = "Insert a touchpoint"
            lines = [("After: " + name, .normal), ("Title: " + inserted, .normal), ("Channel (store, phone, web…), or Enter for none:", .dim)]
        default:
            return
        }
        lines.append(("", .normal))
        lines.append(("Enter saves · Esc cancels (the text is kept as a draft)", .dim))
        let area = ScreenParts.box(&canvas, title: title, lines: lines, width: 78)
        // The editor takes the blank line before the hint.
        WalkScreen.editorLine(editor.line, row: area.row + area.height - 2, column: area.column, width: area.width, &canvas)
    }

    /// The final check: what is missing, one item selected, and the keys.
    static func finalCheck(_ state: WalkState, _ canvas: inout Canvas) {
        guard let panel = state.finalCheck, let walk = state.walk else { return }
        var lines: [(String, Role)] = [("Before completing, these need a look:", .normal)]
        let room = max(1, min(panel.problems.count, canvas.height - 10))
        let first = max(0, min(panel.selected - room / 2, panel.problems.count - room))
        for index in first..<min(panel.problems.count, first + room) {
            let selected = index == panel.selected
            let glyph: String
            switch panel.problems[index] {
            case .unrecorded: glyph = Rating.unrecordedGlyph
            case .noWithoutComment: glyph = "✖"
            case .missedTargetWithoutNote: glyph = "▲"
            }
            lines.append(((selected ? "▸ " : "  ") + glyph + " " + FinalCheck.describe(panel.problems[index], in: walk), selected ? .selected : .normal))
        }
        if panel.problems.count > room { lines.append(("  (\(panel.problems.count) in all; ↑↓ scroll)", .dim)) }
        lines.append(("", .normal))
        lines.append(("Enter go there · f complete anyway · Esc back to the walk", .dim))
        ScreenParts.box(&canvas, title: "Final check · \(Counted.text(panel.problems.count, "item"))", lines: lines, width: 76)
    }
}
