import JourneyKit

/// Draws the walk: the briefing, one touchpoint at a time with the timeline, and the overlays.
public enum WalkScreen {
    /// Width from which the timeline is a side panel instead of a strip under the touchpoint.
    static let sidePanelFrom = 100

    public static func render(_ state: WalkState, into canvas: inout Canvas) {
        if let debrief = state.debrief, !state.tooSmall {
            DebriefScreen.render(debrief, today: state.today, message: state.message, into: &canvas)
            return
        }
        if state.tooSmall || canvas.width < minimumTerminalSize.width || canvas.height < minimumTerminalSize.height {
            let note = state.walk == nil ? "Nothing has been saved yet." : "Every recorded moment is saved."
            ScreenParts.tooSmall(&canvas, needs: minimumTerminalSize, note: note)
            return
        }
        switch state.mode {
        case .briefing:
            briefing(state, &canvas)
        case .walking, .confirmLeave, .finalCheck, .confirmStatedTime, .unsavedText, .done:
            touchpoint(state, &canvas)
        }
        ScreenParts.status(&canvas, state.message)
        if let question = state.statedTimeQuestion {
            // The time typed waits in the editor under the question.
            ScreenParts.footer(&canvas, items: state.keyMap.footerItems)
            statedTimeQuestion(question, &canvas)
        } else if state.editor != nil {
            ScreenParts.footer(&canvas, items: LineEditor.keys.footerItems)
            FieldKitView.prompt(state, &canvas)
        } else if let panel = state.panel, panel.readsKeys {
            PanelScreen.render(panel, state, &canvas)
            ScreenParts.footer(&canvas, items: panel.footerItems)
        } else {
            ScreenParts.footer(&canvas, items: state.keyMap.footerItems)
        }
        if state.mode == .confirmLeave { confirm(state, &canvas) }
        if state.mode == .finalCheck { FieldKitView.finalCheck(state, &canvas) }
        if case .unsavedText(let reason, _) = state.mode { unsavedText(state, reason: reason, &canvas) }
        if let notice = state.returnNotice, state.mode != .briefing { returnNotice(state, overlay: notice, &canvas) }
        if let help = state.help {
            ScreenParts.help(&canvas, map: state.keyMap, leading: state.helpLeading, extra: state.helpExtra, title: state.panel?.keyTitle, overlay: help)
        }
    }

    // MARK: - Briefing

    private static func briefing(_ state: WalkState, _ canvas: inout Canvas) {
        let journey = state.journey
        ScreenParts.titleBar(&canvas, left: "journeywalk · Briefing", right: "\(Counted.text(journey.stages.count, "stage")) · \(Counted.text(journey.touchpointCount, "touchpoint"))")
        let width = canvas.width - 4
        var row = 2
        canvas.put(journey.title, row: row, column: 2, role: .heading, limit: width, ellipsis: true)
        row += 1
        let lastContentRow = canvas.height - 4
        let fieldRows = WalkState.BriefingField.allCases.count + 1 + (state.statedStart == nil ? 0 : 1)
        var lines: [(String, Role)] = []
        if let description = journey.description {
            lines += TerminalText.reflow(description, to: width).map { ($0, .normal) }
        }
        if let promise = journey.promise {
            lines += TerminalText.reflow("Promise: " + promise, to: width).map { ($0, .normal) }
        }
        if let persona = journey.persona {
            lines += TerminalText.reflow("Persona: " + persona, to: width).map { ($0, .normal) }
        }
        let stages = journey.stages.map { "\($0.name) (\($0.touchpoints.count))" }.joined(separator: " → ")
        lines += TerminalText.wrap("Stages: " + stages, to: width).map { ($0, .dim) }
        let room = max(0, lastContentRow - row - fieldRows - 1)
        for (text, role) in lines.prefix(room) {
            canvas.put(text, row: row, column: 2, role: role)
            row += 1
        }
        row += 1
        canvas.put("Walk details (↑↓ choose · e edit · Enter start)", row: row, column: 2, role: .dim)
        row += 1
        for field in WalkState.BriefingField.allCases {
            let selected = field == state.briefingField
            let value = state.fieldValue(field)
            let shown = value.isEmpty ? "—" : value
            canvas.put(selected ? "▸" : " ", row: row, column: 2, role: selected ? .key : .normal)
            canvas.put(field.label, row: row, column: 4, role: selected ? .selected : .heading)
            // The field being edited is typed in place, beside its label.
            if let editor = state.editor, case .field(field) = editor.target {
                editorLine(editor.line, row: row, column: 15, width: canvas.width - 17, &canvas)
            } else {
                canvas.put(shown, row: row, column: 15, role: value.isEmpty ? .dim : .normal, limit: canvas.width - 17)
            }
            row += 1
        }
        if let start = state.statedStart {
            // Not a field to edit: `walk --at` stated it.
            canvas.put("Visit", row: row, column: 4, role: .heading)
            canvas.put(StatedTime.dateAndClock(start, timeZone: state.timeZone) + ", entered afterwards (walk --at)", row: row, column: 15,
                       limit: canvas.width - 17, ellipsis: true)
        }
    }

    /// A line editor drawn in place, scrolled so the cursor is visible; the cursor cell is reversed.
    static func editorLine(_ line: LineEditor, row: Int, column: Int, width: Int, _ canvas: inout Canvas) {
        guard width > 2 else { return }
        canvas.put(String(repeating: " ", count: width), row: row, column: column, role: .selected)
        // The window ends at the cursor when the text before it is wider than the field: walk back
        // from the cursor, so the cost is the field's width whatever the length of the text.
        var start = line.cursor
        var used = 0
        while start > 0 {
            let w = TerminalText.width(of: line.characters[start - 1])
            if used + w > width - 2 { break }
            used += w
            start -= 1
        }
        var x = column
        for index in start..<line.characters.count {
            let character = line.characters[index]
            let w = TerminalText.width(of: character)
            if x + w > column + width { break }
            x = canvas.put(String(character), row: row, column: x, role: index == line.cursor ? .cursor : .selected)
        }
        if line.cursor == line.characters.count, x < column + width {
            canvas.put(" ", row: row, column: x, role: .cursor)
        }
    }

    // MARK: - Touchpoint

    private static func touchpoint(_ state: WalkState, _ canvas: inout Canvas) {
        let steps = state.steps
        guard let step = state.currentStep else { return }
        let journey = state.journey
        let stageNumber = step.stageIndex + 1
        ScreenParts.titleBar(
            &canvas, left: "journeywalk · " + journey.title,
            right: "Stage \(stageNumber)/\(journey.stages.count) · Touchpoint \(state.current + 1)/\(steps.count)")

        let side = canvas.width >= sidePanelFrom
        let panelWidth = side ? min(40, canvas.width / 3) : 0
        let contentWidth = canvas.width - panelWidth - (side ? 3 : 2) - 2
        let bottom = canvas.height - (side ? 3 : 5)

        // Below 20 rows the stage line, spacing and the second note line give way to the prompt.
        let compact = canvas.height < 20
        var row = 2
        let stage = journey.stages[step.stageIndex]
        // A returned walk: by whom, and by when the corrections are due, beside the stage (under the
        // title bar when there is no stage line).
        let returned = state.returnLine.map { TerminalText.clip($0, to: contentWidth * 2 / 3) }
        if !compact {
            var stageRoom = contentWidth
            if let returned { stageRoom = max(0, canvas.putRight(returned, row: row, endColumn: contentWidth + (side ? 0 : 2), role: .warning) - 4) }
            canvas.put(TerminalText.capitals(stage.name), row: row, column: 2, role: .dim, limit: stageRoom, ellipsis: true)
            row += 1
        }
        let tp = step.touchpoint
        let titleRoom = contentWidth - (tp.momentOfTruth ? 19 : 0)
        var x = canvas.put(tp.title, row: row, column: 2, role: .heading, limit: titleRoom, ellipsis: true)
        if tp.momentOfTruth {
            canvas.put("  ◆ moment of truth", row: row, column: x, role: .warning, limit: contentWidth + 2 - x)
        }
        row += 1
        let scoreStart = FieldKitView.score(state, stageIndex: step.stageIndex, row: 1, endColumn: contentWidth + 2, &canvas)
        var visitColumn = 2
        if compact, let returned {
            visitColumn = canvas.put(returned, row: 1, column: 2, role: .warning, limit: scoreStart - 4, ellipsis: true) + 2
        }
        if let start = state.statedStart, visitColumn == 2 || visitColumn < scoreStart - 8 {
            // A visit entered afterwards: when it began, as stated (touchpoint times are stated with @).
            canvas.put("Visit " + StatedTime.dateAndClock(start, timeZone: state.timeZone) + " (stated start)", row: 1, column: visitColumn, role: .dim,
                       limit: scoreStart - 2 - visitColumn, ellipsis: true)
        }
        let moment = state.currentMoment
        var facts: [String] = []
        if tp.adhoc { facts.append("inserted") }
        if let channel = tp.channel { facts.append("channel: " + channel) }
        if let target = tp.target { facts.append("target: " + TimeStandard.text(seconds: target)) }
        if let stated = moment.statedAt { facts.append("at " + StatedTime.clock(stated, timeZone: state.timeZone) + " (stated)") }
        if !facts.isEmpty {
            canvas.put(facts.joined(separator: " · "), row: row, column: 2, role: .dim, limit: contentWidth, ellipsis: true)
            row += 1
        }
        if !compact { row += 1 }

        // The fixed lines under the content: evidence, timer, verdict, note. They end at the bottom
        // of the content up to 24 rows; on a taller screen they stay where 24 rows put them, under
        // the prompt and the checklist, and go lower only as far as a long checklist needs.
        let noteLines = compact ? 1 : 2
        let evidenceLines = moment.evidence.isEmpty ? 0 : 1
        // The reviewer's comments on the touchpoint (a returned walk), one line each under the note.
        let reviewer = reviewerLines(state, tp, room: compact ? 2 : canvas.height >= 30 ? 6 : 4)
        let fixedLines = 2 + noteLines + (compact ? 0 : 1) + evidenceLines + reviewer.count
        let fixedTop = bottom - fixedLines
        let fixedTopAt24Rows = 24 - (side ? 3 : 5) - fixedLines
        // While the checklist has the keys it takes the prompt's room.
        if let prompt = tp.prompt, state.checklist == nil {
            let lines = TerminalText.reflow(prompt, to: contentWidth)
            let room = max(0, fixedTop - row - (compact ? 0 : 1))
            for (index, line) in lines.prefix(room).enumerated() {
                let cut = index == room - 1 && lines.count > room
                canvas.put(cut ? line + " …" : line, row: row, column: 2, limit: contentWidth, ellipsis: cut)
                row += 1
            }
            if !compact { row += 1 }
        }
        if let panel = state.checklist, panel.touchpoint != tp.id, let judged = state.recordingTarget?.touchpoint,
           judged.id == panel.touchpoint, row < fixedTop {
            // Right after a verdict, `c` answers the checklist of the moment just judged: drawn here, named.
            row = ChecklistView.draw(
                state, judged, moment: state.walk?.moment(for: judged.id) ?? Moment(), top: row, bottom: fixedTop, width: contentWidth,
                of: judged.title + " (just judged)", &canvas) + (compact ? 0 : 1)
        } else if !tp.checklist.isEmpty, row < fixedTop {
            row = ChecklistView.draw(state, tp, moment: moment, top: row, bottom: fixedTop, width: contentWidth, &canvas) + (compact ? 0 : 1)
        }

        row = min(fixedTop, max(fixedTopAt24Rows, row))
        if evidenceLines > 0 {
            FieldKitView.evidence(moment, row: row, width: contentWidth, &canvas)
            row += 1
        }
        FieldKitView.timer(state, tp, moment: moment, row: row, width: contentWidth, &canvas)
        row += 1
        x = canvas.put("Verdict  ", row: row, column: 2, role: .heading)
        if let rating = moment.rating {
            x = canvas.put(rating.glyph + " " + rating.label, row: row, column: x, role: Role.of(rating.verdict))
        } else {
            x = canvas.put(Rating.unrecordedGlyph + " not recorded yet", row: row, column: x, role: .dim)
        }
        for (text, role) in PanelScreen.marks(moment, journey: journey, width: contentWidth + 2 - x) {
            x = canvas.put("  " + text, row: row, column: x, role: role, limit: contentWidth + 2 - x, ellipsis: true)
        }
        row += 1
        var noteUsed = 1
        if let editor = state.editor, case .note(let id) = editor.target {
            if id == tp.id {
                x = canvas.put("Note     ", row: row, column: 2, role: .heading)
            } else {
                // The note of the touchpoint just judged, typed on the screen of the next one: named.
                x = canvas.put("Note for ", row: row, column: 2, role: .heading)
                x = canvas.put(state.title(of: id) + ": ", row: row, column: x, role: .heading,
                               limit: max(8, (contentWidth + 2 - x) / 2), ellipsis: true)
            }
            editorLine(editor.line, row: row, column: x, width: contentWidth + 2 - x, &canvas)
        } else {
            x = canvas.put("Note     ", row: row, column: 2, role: .heading)
            let draft = state.texts.note(tp.id)
            let text = moment.note.isEmpty ? (draft.map { "(draft) " + $0 } ?? "—  e to write one") : moment.note
            let lines = TerminalText.wrap(text, to: contentWidth + 2 - x, lines: noteLines)
            for (index, line) in lines.prefix(noteLines).enumerated() {
                let shown = index == noteLines - 1 && lines.count > noteLines ? TerminalText.clip(line + " …", to: contentWidth + 2 - x) : line
                canvas.put(shown, row: row + index, column: x, role: moment.note.isEmpty ? .dim : .normal)
            }
            noteUsed = max(1, min(noteLines, lines.count))
        }
        for (index, line) in reviewer.enumerated() {
            canvas.put(line.text, row: row + noteUsed + index, column: 2, role: line.role, limit: contentWidth, ellipsis: true)
        }

        if side {
            sidePanel(state, column: canvas.width - panelWidth - 1, width: panelWidth, top: 2, bottom: canvas.height - 3, &canvas)
        } else {
            strip(state, row: canvas.height - 4, &canvas)
        }
    }

    /// The reviewer's comments on a touchpoint as a whole, one line each, at most `room`; what does
    /// not fit is counted on the last line (the return's notice and `review` say every one).
    static func reviewerLines(_ state: WalkState, _ touchpoint: Touchpoint, room: Int) -> [(text: String, role: Role)] {
        guard let comments = state.review?.on(touchpoint.id), !comments.isEmpty, room > 0 else { return [] }
        guard comments.count > room else { return comments.map { ($0.line, .warning) } }
        let hidden = comments.count - room + 1
        return comments.prefix(room - 1).map { ($0.line, .warning) }
            + [("… \(hidden) more from the reviewer (journeywalk review shows them)", .dim)]
    }

    /// The timeline as one line of glyphs under the touchpoint, stages divided by `│`.
    private static func strip(_ state: WalkState, row: Int, _ canvas: inout Canvas) {
        canvas.put(String(repeating: "─", count: canvas.width), row: row - 1, column: 0, role: .border)
        var x = canvas.put(" Timeline ", row: row, column: 0, role: .heading)
        guard let walk = state.walk else { return }
        // In the order things happened: stated times first where given (entry after the visit).
        let order = walk.timelineOrder
        let inWalkingOrder = order.elementsEqual(state.steps.indices)
        // Positions in the strip, mapped to steps: only the cells near the current one are read.
        func step(_ position: Int) -> Int { inWalkingOrder ? position : order[position] }
        let count = state.steps.count
        let currentPosition = inWalkingOrder ? state.current : order.firstIndex(of: state.current) ?? state.current
        let summary = state.summary
        let counts = summary.glyphs
        let countsStart = canvas.width - TerminalText.width(of: counts) - 1
        canvas.put(counts, row: row + 1, column: max(0, countsStart), role: .dim)
        // Each touchpoint takes its glyph and a space: strong verdicts keep their double glyph (★★, ✖✖),
        // as in the side panel, so they never look like normal ones; a stage boundary adds "│ ".
        func rating(_ position: Int) -> Rating? { walk.moments[state.steps[step(position)].touchpoint.id]?.rating }
        func glyph(_ position: Int) -> String { rating(position)?.glyph ?? Rating.unrecordedGlyph }
        func stageIndex(_ position: Int) -> Int { state.steps[step(position)].stageIndex }
        func cell(_ index: Int) -> Int {
            let boundary = index > 0 && stageIndex(index) != stageIndex(index - 1)
            return TerminalText.width(of: glyph(index)) + 1 + (boundary ? 2 : 0)
        }
        // The current touchpoint sits near the middle, and the strip is full when the end is near.
        let room = max(4, canvas.width - x - 5)
        var first = currentPosition
        var used = cell(first)
        while first > 0, used + cell(first - 1) <= room / 2 {
            first -= 1
            used += cell(first)
        }
        var tail = 0
        var end = first
        while end < count, tail <= room {
            tail += cell(end)
            end += 1
        }
        while first > 0, tail + cell(first - 1) <= room {
            first -= 1
            tail += cell(first)
        }
        var index = first
        var here = x
        if first > 0 { x = canvas.put("‹ ", row: row, column: x, role: .dim) }
        while index < count, x + TerminalText.width(of: glyph(index)) <= canvas.width - 3 {
            if index > first, stageIndex(index) != stageIndex(index - 1) {
                x = canvas.put("│ ", row: row, column: x, role: .border)
                if x >= canvas.width - 3 { break }
            }
            let role: Role = index == currentPosition ? .selected : Role.of(rating(index)?.verdict)
            if index == currentPosition { here = x }
            x = canvas.put(glyph(index), row: row, column: x, role: role) + 1
            index += 1
        }
        if index < count { canvas.put("›", row: row, column: min(x, canvas.width - 2), role: .dim) }
        let stageName = state.journey.stages[state.steps[state.current].stageIndex].name
        let marker = "▲ " + stageName
        let markerStart = max(0, min(here, countsStart - 2 - TerminalText.width(of: marker)))
        if markerStart < here { canvas.put("▲", row: row + 1, column: here, role: .key) }
        canvas.put(markerStart < here ? stageName : marker, row: row + 1, column: markerStart < here ? max(0, markerStart) : here,
                   role: .dim, limit: max(0, countsStart - 1 - max(0, markerStart)), ellipsis: true)
    }

    /// The timeline as a side panel: stage headings and one line per touchpoint with its glyph.
    private static func sidePanel(_ state: WalkState, column: Int, width: Int, top: Int, bottom: Int, _ canvas: inout Canvas) {
        for row in top..<bottom { canvas.put("│", row: row, column: column - 2, role: .border) }
        guard let walk = state.walk else { return }
        let summary = state.summary
        canvas.put("Timeline", row: top, column: column, role: .heading)
        canvas.putRight(summary.glyphs, row: top, endColumn: column + width, role: .dim)
        // The timeline's lines: a heading, or a step by its index. Only the lines that show are
        // looked up and drawn (a long journey's timeline is hundreds of lines).
        enum Line { case heading(String), step(Int) }
        var lines: [Line] = []
        var lastStage = -1
        // In the order things happened once a time is stated (`Walk.timelineParts`): a stage can
        // come back then, so the two parts are headed instead of the stages.
        let parts = walk.timelineParts
        let order = parts.map { $0.timed + $0.untimed } ?? Array(state.steps.indices)
        var currentLine = 0
        for (position, index) in order.enumerated() {
            let step = state.steps[index]
            if let parts {
                if position == 0, !parts.timed.isEmpty { lines.append(.heading("By time")) }
                if position == parts.timed.count { lines.append(.heading("Without a time")) }
            } else if step.stageIndex != lastStage {
                lastStage = step.stageIndex
                lines.append(.heading(state.journey.stages[step.stageIndex].name))
            }
            if index == state.current { currentLine = lines.count }
            lines.append(.step(index))
        }
        let height = bottom - top - 1
        let first = max(0, min(currentLine - height / 2, lines.count - height))
        for (offset, line) in lines[first..<min(lines.count, first + height)].enumerated() {
            let row = top + 1 + offset
            switch line {
            case .heading(let text):
                canvas.put(text, row: row, column: column, role: .dim, limit: width)
            case .step(let index):
                let step = state.steps[index]
                let moment = walk.moment(for: step.touchpoint.id)
                let stated = moment.statedAt.map { StatedTime.clock($0, timeZone: state.timeZone) + " " } ?? ""
                canvas.put(index == state.current ? "▸" : " ", row: row, column: column, role: .key)
                canvas.put(moment.rating?.glyph ?? Rating.unrecordedGlyph, row: row, column: column + 1, role: Role.of(moment.rating?.verdict))
                canvas.put(stated + step.touchpoint.title, row: row, column: column + 4, role: index == state.current ? .selected : .normal, limit: width - 4)
            }
        }
    }

    // MARK: - Overlays

    private static func confirm(_ state: WalkState, _ canvas: inout Canvas) {
        let summary = state.walk?.summary ?? WalkSummary()
        var lines: [(String, Role)] = []
        if summary.unrecorded == 0 {
            lines.append((state.steps.count == 1 ? "The touchpoint is recorded." : "All \(state.steps.count) touchpoints are recorded.", .normal))
        } else {
            let word = summary.unrecorded == 1 ? "touchpoint is" : "touchpoints are"
            lines.append(("\(summary.unrecorded) \(word) not recorded yet.", .warning))
        }
        lines.append((summary.line, .dim))
        lines.append(("", .normal))
        for binding in WalkKeys.confirmLeave.bindings {
            // Finishing leaves unrecorded touchpoints unrecorded: say so only when there are some.
            let help = binding.command == .finish && summary.unrecorded == 0 ? "finish the walk" : binding.help
            lines.append(("\(binding.keyLabel)  \(help)", .normal))
        }
        ScreenParts.box(&canvas, title: "Finish the walk?", lines: lines, width: 70)
    }

    /// A stated time earlier than the one before it: both times, both touchpoints, and the keys.
    private static func statedTimeQuestion(_ question: StatedTimeQuestion, _ canvas: inout Canvas) {
        let width = min(74, canvas.width - 2)
        var lines: [(String, Role)] = []
        for (index, sentence) in question.sentences.enumerated() {
            lines += TerminalText.wrap(sentence, to: width - 4).map { ($0, index == 0 ? .warning : .normal) }
        }
        lines.append(("", .normal))
        for binding in FieldKitKeys.confirmStatedTime.bindings {
            lines.append(("\(binding.keyLabel)  \(binding.help)", .normal))
        }
        ScreenParts.box(&canvas, title: question.heading, lines: lines, width: width)
    }

    /// The return's notice when a returned walk opens: the reviewer's message and comments, scrolled
    /// as the help is; any other key closes it.
    private static func returnNotice(_ state: WalkState, overlay: HelpOverlay, _ canvas: inout Canvas) {
        let inner = min(74, canvas.width - 6)
        let room = max(1, canvas.height - 5)
        let lines = state.returnNoticeLines(width: inner)
        let offset = min(overlay.offset, max(0, lines.count - room))
        var shown = Array(lines[offset..<min(lines.count, offset + room)])
        let more = offset + room < lines.count
        shown.append((more ? "↓ j/k scroll · any other key closes" : offset > 0 ? "↑ k scrolls back · any other key closes" : "Any key closes this.", .dim))
        ScreenParts.box(&canvas, title: "Returned for corrections", lines: shown, width: inner + 4)
    }

    /// Leaving stopped because typed text could not be written: what, why, and the three ways on.
    static func unsavedText(_ state: WalkState, reason: String, _ canvas: inout Canvas) {
        var lines: [(String, Role)] = [("The text below could not be written to the walk file:", .normal), (reason, .warning), ("", .normal)]
        for (key, text) in state.unsavedTexts.sorted(by: { $0.key.order < $1.key.order }).prefix(3) {
            let title = state.steps.first { $0.touchpoint.id == key.touchpoint }?.touchpoint.title ?? key.touchpoint
            let field = key.field == .note ? "" : " (\(key.field.label))"
            lines.append((title + field + ": " + TerminalText.clip(text, to: 200), .heading))
        }
        lines.append(("", .normal))
        for binding in WalkKeys.unsavedText.bindings {
            lines.append(("\(binding.keyLabel)  \(binding.help)", .normal))
        }
        ScreenParts.box(&canvas, title: "Text not saved", lines: lines, width: 74)
    }
}
