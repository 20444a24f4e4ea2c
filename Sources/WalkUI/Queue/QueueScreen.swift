import Foundation
import JourneyKit

/// Draws the reviewer's queue and a walk opened from it.
public enum QueueScreen {
    public static func render(_ state: QueueListState, now: Date, into canvas: inout Canvas) {
        if canvas.width < minimumTerminalSize.width || canvas.height < minimumTerminalSize.height {
            ScreenParts.tooSmall(&canvas, needs: minimumTerminalSize, note: "")
            return
        }
        let waiting = state.rows.count { $0.state.awaitsReview }
        ScreenParts.titleBar(&canvas, left: "journeywalk · Review queue", right: "\(state.visible.count) of \(state.rows.count) · \(waiting) to review" + (state.showingAll ? " · all states" : ""))
        var x = canvas.put(" Filter ", row: 1, column: 0, role: .heading)
        if let editor = state.filterEditor {
            WalkScreen.editorLine(editor, row: 1, column: x, width: max(24, min(48, canvas.width - 20)), &canvas)
        } else {
            x = canvas.put(state.filter.isEmpty ? "—" : state.filter, row: 1, column: x, role: state.filter.isEmpty ? .dim : .normal, limit: 48, ellipsis: true)
        }
        let width = canvas.width
        // Shoppers are login names: as wide as the longest, within reason.
        let longest = state.rows.lazy.map { TerminalText.width(of: $0.shopper) }.max() ?? 7
        let dueWidth = 22, stateWidth = 20, shopperWidth = min(width >= 100 ? 22 : 12, max(8, longest + 1)), visitWidth = 17
        let flexible = max(12, width - 2 - dueWidth - stateWidth - shopperWidth - visitWidth - 4)
        let journeyWidth = max(8, flexible * 3 / 5)
        let locationWidth = max(4, flexible - journeyWidth - 1)
        let columns = (due: 2, state: 2 + dueWidth, shopper: 3 + dueWidth + stateWidth, journey: 4 + dueWidth + stateWidth + shopperWidth)
        let locationColumn = columns.journey + journeyWidth + 1
        let visitColumn = locationColumn + locationWidth + 1
        canvas.put("DUE", row: 2, column: columns.due, role: .dim)
        canvas.put("STATE", row: 2, column: columns.state, role: .dim)
        canvas.put("SHOPPER", row: 2, column: columns.shopper, role: .dim)
        canvas.put("JOURNEY", row: 2, column: columns.journey, role: .dim)
        canvas.put("LOCATION", row: 2, column: locationColumn, role: .dim, limit: locationWidth)
        canvas.put("VISIT", row: 2, column: visitColumn, role: .dim)
        let page = max(1, canvas.height - 5)
        let shown = state.visible.count
        let first = max(0, min(state.selection - page / 2, shown - page))
        if shown == 0 {
            let text = state.rows.isEmpty
                ? (state.showingAll ? "No walk was submitted to the team yet." : "Nothing to review: no walk is submitted, resubmitted or in review (a: every state).")
                : "No walk matches the filter (c clears it)."
            canvas.put(text, row: 4, column: 2, role: .dim)
        }
        for offset in 0..<min(page, max(0, shown - first)) {
            let position = first + offset
            let row = state.rows[state.visible[position]]
            let line = 3 + offset
            let selected = position == state.selection
            if selected {
                canvas.paint(row: line, from: 1, to: width - 1, role: .selected)
                canvas.put("▸", row: line, column: 0, role: .key)
            }
            let base: Role = selected ? .selected : .normal
            let late = row.state.awaitsReview && row.due < now
            canvas.put(ReaderTime.minute(row.due) + (late ? " late" : ""), row: line, column: columns.due, role: selected ? .selected : (late ? .misery : .dim), limit: dueWidth - 1)
            var stateText = row.state.label + (row.revision > 1 ? " r\(row.revision)" : "")
            var stateRole: Role = row.state == .returned || row.state == .excluded ? .dim : .normal
            if let claimer = row.claimedBy, row.state == .inReview {
                // A walk another reviewer holds is marked: two editors should not work one report.
                stateText = claimer == state.reviewer ? "in review (you)" : "⚑ " + claimer
                if claimer != state.reviewer { stateRole = .warning }
            }
            canvas.put(stateText, row: line, column: columns.state, role: selected ? .selected : stateRole, limit: stateWidth - 1, ellipsis: true)
            canvas.put(row.shopper, row: line, column: columns.shopper, role: base, limit: shopperWidth - 1, ellipsis: true)
            canvas.put(row.journey, row: line, column: columns.journey, role: base, limit: journeyWidth, ellipsis: true)
            canvas.put(row.location, row: line, column: locationColumn, role: base, limit: locationWidth, ellipsis: true)
            canvas.put(row.visit, row: line, column: visitColumn, role: selected ? .selected : .dim, limit: max(1, width - visitColumn - 1))
        }
        if let message = state.message {
            ScreenParts.status(&canvas, message)
        } else if let row = state.selected, let claimer = row.claimedBy, row.state == .inReview, claimer != state.reviewer {
            ScreenParts.status(&canvas, WalkState.Message(text: "\(claimer) is reviewing \(row.reference)", kind: .warning))
        }
        ScreenParts.footer(&canvas, items: state.filterEditor == nil ? QueueListState.keys.footerItems : LineEditor.keys.footerItems)
        if let help = state.help { ScreenParts.help(&canvas, map: QueueListState.keys, overlay: help) }
    }

    /// The walk as review draws it, with the QA checks over the emotion curve, the queue's title,
    /// status and keys.
    public static func render(_ state: QueueWalkState, into canvas: inout Canvas) {
        ReviewWalkScreen.render(state.review, into: &canvas)
        if state.review.debrief != nil || canvas.width < minimumTerminalSize.width || canvas.height < minimumTerminalSize.height { return }
        let row = state.walk.row
        canvas.put(String(repeating: " ", count: canvas.width), row: 0, column: 0)
        var right = row.state.label + (row.revision > 1 ? " · revision \(row.revision)" : "")
        if let claimer = row.claimedBy, row.state == .inReview { right += " · " + claimer }
        if let grade = row.grade, row.state == .approved || row.state == .released { right += " · grade \(grade)" }
        ScreenParts.titleBar(&canvas, left: "journeywalk · Queue · \(row.shopper) · \(state.review.analysis.walk.journey.title)", right: right)
        if canvas.height >= 20 {
            // Rows 2 to 7 hold the curve in review; here the QA checks, failed first.
            let checks = state.walk.checks
            for line in 2..<8 { canvas.put(String(repeating: " ", count: canvas.width), row: line, column: 0) }
            let summary = "QA checks: \(checks.failedCount) failed · \(checks.passedCount) passed"
            canvas.put(" " + summary, row: 2, column: 0, role: checks.failedCount > 0 ? .warning : .heading)
            let comments = state.walk.trail.events.count { $0.kind == .comment }
            canvas.putRight("\(Counted.text(comments, "comment")) · v: every check and event ", row: 2, endColumn: canvas.width, role: .dim)
            let failed = checks.failed
            for (offset, check) in failed.prefix(5).enumerated() {
                let more = offset == 4 && failed.count > 5 ? "  (+\(failed.count - 5) more: v)" : ""
                canvas.put(" ✗ " + check.message + more, row: 3 + offset, column: 0, role: .misery, limit: canvas.width - 2, ellipsis: true)
            }
            if failed.isEmpty { canvas.put(" ✓ every check passed", row: 3, column: 0, role: .magic) }
        }
        if let prompt = state.prompt {
            let rowIndex = canvas.height - 2
            canvas.put(String(repeating: " ", count: canvas.width), row: rowIndex, column: 0)
            let x = canvas.put(" " + prompt.label + " ", row: rowIndex, column: 0, role: .heading, limit: canvas.width / 2, ellipsis: true)
            if prompt.purpose != .release {
                WalkScreen.editorLine(prompt.editor, row: rowIndex, column: x, width: max(10, canvas.width - x - 1), &canvas)
            }
        } else if let message = state.message ?? state.review.message {
            ScreenParts.status(&canvas, message)
        } else if let selected = state.review.selected {
            let said = state.walk.trail.comments(on: selected.touchpoint.id)
            if let last = said.last {
                ScreenParts.status(&canvas, WalkState.Message(text: "\(Counted.text(said.count, "comment")) here · \(last.by): \(last.text ?? "")", kind: .info))
            }
        }
        canvas.put(String(repeating: " ", count: canvas.width), row: canvas.height - 1, column: 0)
        ScreenParts.footer(&canvas, items: state.prompt == nil ? QueueWalkState.keys.footerItems + [FooterItem(key: "Esc", name: "queue", priority: 1)] : LineEditor.keys.footerItems)
        if let overlay = state.overlay {
            let inner = min(90, canvas.width - 6)
            let room = max(1, canvas.height - 5)
            var lines: [(String, Role)] = []
            for (text, role) in overlay.lines {
                // A diff's lines are indented by what they belong to: the indent stays on every wrapped line.
                let indent = String(text.prefix { $0 == " " }.prefix(inner / 2))
                let body = String(text.dropFirst(indent.count))
                lines += (body.isEmpty ? [""] : TerminalText.wrap(body, to: inner - indent.count, lines: 40)).map { (indent + $0, role) }
            }
            let offset = min(overlay.scroll.offset, max(0, lines.count - room))
            var shown = Array(lines[offset..<min(lines.count, offset + room)])
            shown.append((offset + room < lines.count ? "↓ j/k scroll · any other key closes" : "Any key closes this.", .dim))
            ScreenParts.box(&canvas, title: overlay.title, lines: shown, width: inner + 4)
        }
        if let help = state.help {
            ScreenParts.help(&canvas, map: QueueWalkState.keys, extra: ReviewWalkState.keys.helpLines, overlay: help)
        }
    }
}
