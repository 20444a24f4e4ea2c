import JourneyKit

/// Draws a touchpoint's checklist with its answers and comments: `▸ ✔ Item`, a comment under it
/// (and the reviewer's, of a returned walk), the comment editor in place while one is typed. With
/// the keys (`c`), the selected item stays in view.
enum ChecklistView {
    private struct Line {
        var text: String
        var role: Role
        var glyph: String = ""
        var glyphRole: Role = .normal
        var item: Int
        var editor = false
    }

    /// Draws into rows `top..<bottom`, `width` columns from column 2; returns the row after the last drawn.
    @discardableResult
    /// `of` names a touchpoint other than the one on screen whose checklist this is.
    static func draw(
        _ state: WalkState, _ touchpoint: Touchpoint, moment: Moment, top: Int, bottom: Int, width: Int, of other: String? = nil,
        _ canvas: inout Canvas
    ) -> Int {
        let checklist = touchpoint.checklist
        guard !checklist.isEmpty, top < bottom else { return top }
        let panel = state.checklist.flatMap { $0.touchpoint == touchpoint.id ? $0 : nil }
        var editingItem: Int?
        if let editor = state.editor, case .text(let key) = editor.target, key.touchpoint == touchpoint.id { editingItem = key.field.commentItem }

        let answered = checklist.indices.filter { moment.answers[$0] != nil }.count
        var x = canvas.put("Look for", row: top, column: 2, role: .heading)
        if let other { x = canvas.put(" · " + other, row: top, column: x, role: .heading, limit: max(8, (width + 2 - x) / 2), ellipsis: true) }
        let progress = "  \(answered)/\(checklist.count) answered" + (panel == nil ? "  · c to answer" : "  · y Yes  n No  a N/A  e comment  Esc done")
        x = canvas.put(progress, row: top, column: x, role: .dim, limit: width + 2 - x, ellipsis: true)

        var lines: [Line] = []
        for (index, item) in checklist.enumerated() {
            let answer = moment.answers[index]
            let selected = panel?.selected == index
            var text = item.item
            if item.weight > 1 { text += "  ×\(item.weight)" }
            if item.critical { text += "  critical" }
            lines.append(Line(
                text: text, role: selected ? .selected : .normal,
                glyph: answer.map { WalkState.glyph($0) } ?? "□", glyphRole: role(of: answer), item: index))
            if editingItem == index {
                lines.append(Line(text: "", role: .normal, item: index, editor: true))
            } else if let comment = moment.comments[index] {
                lines.append(Line(text: "“" + comment + "”", role: .dim, item: index))
            } else if answer == .no {
                let draft = state.texts.text(Walk.DraftKey(touchpoint: touchpoint.id, field: .comment(index)))
                lines.append(Line(text: draft.map { "(draft) " + $0 } ?? "a No needs a comment: e", role: .warning, item: index))
            }
            // The reviewer's comments on the item (a returned walk), under the operator's own.
            for comment in state.review?.on(touchpoint.id, item: index) ?? [] {
                lines.append(Line(text: comment.line, role: .warning, item: index))
            }
        }

        let room = bottom - top - 1
        var first = 0
        var row = top + 1
        if let panel, lines.count > room, room > 3 {
            // Keep the selected item and the line under it (its comment or editor) in view, with
            // a line above and below saying what is out of view.
            let shown = room - 2
            let selectedLine = lines.firstIndex { $0.item == panel.selected } ?? 0
            let selectedEnd = lines.lastIndex { $0.item == panel.selected } ?? selectedLine
            first = max(0, min(selectedLine - shown / 3, lines.count - shown))
            if selectedEnd >= first + shown { first = selectedEnd - shown + 1 }
            if first > 0 {
                let hidden = Set(lines[..<first].map(\.item)).count
                canvas.put("  … \(hidden) more above", row: row, column: 2, role: .dim)
                row += 1
            }
        }
        var index = first
        while index < lines.count, row < bottom {
            if row == bottom - 1, index < lines.count - 1 {
                let hidden = Set(lines[index...].map(\.item)).count
                canvas.put("  … \(hidden) more" + (panel == nil ? " (c shows them)" : ""), row: row, column: 2, role: .dim)
                return row + 1
            }
            let line = lines[index]
            if line.editor, let editor = state.editor {
                let start = canvas.put("      Comment ", row: row, column: 2, role: .heading)
                WalkScreen.editorLine(editor.line, row: row, column: start, width: width + 2 - start, &canvas)
            } else if line.glyph.isEmpty {
                canvas.put(line.text, row: row, column: 8, role: line.role, limit: width - 6, ellipsis: true)
            } else {
                let selected = panel?.selected == line.item
                canvas.put(selected ? "▸" : " ", row: row, column: 2, role: .key)
                canvas.put(line.glyph, row: row, column: 4, role: line.glyphRole)
                canvas.put(line.text, row: row, column: 6, role: line.role, limit: width - 4, ellipsis: true)
            }
            row += 1
            index += 1
        }
        return row
    }

    static func role(of answer: Answer?) -> Role {
        switch answer {
        case .yes?: return .magic
        case .no?: return .misery
        case .na?: return .skipped
        case nil: return .dim
        }
    }
}
