import JourneyKit

/// Draws the workshop for a projector: the touchpoint's title in big letters, the countdown, the
/// room's votes as bars and the verdict, the prompt, checklist and note; or the summary slide.
/// Every state has a glyph as well as a colour (⏱ running, ‖ paused, ▲ time up; ★ ● ✖ ◐).
public enum WorkshopScreen {
    /// From this size the title is drawn in big letters (smaller terminals get bold text).
    static let bigLettersFrom = (width: 100, height: 30)
    /// From this size the countdown and votes sit in a panel on the right.
    static let sidePanelFrom = (width: 110, height: 28)

    public static func render(_ state: WorkshopState, into canvas: inout Canvas) {
        let walk = state.walk
        if walk.tooSmall || canvas.width < minimumTerminalSize.width || canvas.height < minimumTerminalSize.height {
            let note = walk.walk == nil ? "Nothing has been saved yet." : "Every vote shown is saved."
            ScreenParts.tooSmall(&canvas, needs: minimumTerminalSize, note: note)
            return
        }
        switch state.screen {
        case .touchpoint: touchpoint(state, &canvas)
        case .summary: summary(state, &canvas)
        }
        ScreenParts.status(&canvas, walk.message)
        if walk.editor != nil {
            ScreenParts.footer(&canvas, items: LineEditor.keys.footerItems)
        } else if case .unsavedText = walk.mode {
            ScreenParts.footer(&canvas, items: WalkKeys.unsavedText.footerItems)
        } else {
            ScreenParts.footer(&canvas, items: state.keyMap.footerItems)
        }
        if case .unsavedText(let reason, _) = walk.mode { WalkScreen.unsavedText(walk, reason: reason, &canvas) }
        if let help = state.help {
            ScreenParts.help(&canvas, map: state.keyMap, extra: LineEditor.keys.helpLines, overlay: help)
        }
    }

    // MARK: - The touchpoint slide

    static func touchpoint(_ state: WorkshopState, _ canvas: inout Canvas) {
        let journey = state.journey
        guard let step = state.currentStep else {
            ScreenParts.titleBar(&canvas, left: "journeywalk · Workshop · " + journey.title, right: roomField(state))
            return
        }
        ScreenParts.titleBar(
            &canvas, left: "journeywalk · Workshop · " + journey.title,
            right: roomField(state) + "Stage \(step.stageIndex + 1)/\(journey.stages.count) · Touchpoint \(state.current + 1)/\(state.walk.steps.count)")
        let side = canvas.width >= sidePanelFrom.width && canvas.height >= sidePanelFrom.height
        let big = canvas.width >= bigLettersFrom.width && canvas.height >= bigLettersFrom.height
        let panelWidth = side ? min(64, max(36, canvas.width / 3)) : 0
        let left = 2
        let width = side ? canvas.width - panelWidth - 7 : canvas.width - 4
        let noteRow = canvas.height - 3
        var row = 2

        // Stage and progress.
        let progress = "\(state.current + 1)/\(state.walk.steps.count)"
        let barWidth = min(30, max(8, width / 4))
        let progressStart = left + width - barWidth - 1 - TerminalText.width(of: progress)
        canvas.put(TerminalText.capitals(journey.stages[step.stageIndex].name), row: row, column: left, role: .dim, limit: max(1, progressStart - left - 1), ellipsis: true)
        drawBar(filled: state.current + 1, of: state.walk.steps.count, width: barWidth, row: row, column: progressStart, filledRole: .key, &canvas)
        canvas.put(" " + progress, row: row, column: progressStart + barWidth, role: .dim)
        row += 2

        // The title: big letters where they fit, else bold text.
        let tp = step.touchpoint
        let titleBudget = big ? max(4, (canvas.height - 10) / 2) : 2
        row = title(tp.title, big: big, row: row, column: left, width: width, budget: titleBudget, &canvas)
        var facts: [(String, Role)] = []
        if tp.momentOfTruth { facts.append(("◆ moment of truth", .warning)) }
        if let channel = tp.channel { facts.append(("channel: " + channel, .dim)) }
        if tp.adhoc { facts.append(("added during the walk", .dim)) }
        if !facts.isEmpty {
            var x = left
            for (index, (text, role)) in facts.enumerated() {
                if index > 0 { x = canvas.put(" · ", row: row, column: x, role: .dim, limit: left + width - x) }
                x = canvas.put(text, row: row, column: x, role: role, limit: left + width - x, ellipsis: true)
            }
            row += 1
        }
        row += 1

        if !side {
            // Countdown, votes and verdict under the title, one line each.
            countdownLine(state, row: row, column: left, width: width, &canvas)
            row += 1
            row = voteBars(state.tally, row: row, column: left, width: width, spacing: 0, &canvas)
            verdictLine(state.tally, row: row, column: left, width: width, &canvas)
            row += 2
        }

        // Prompt and checklist in the room left above the note.
        let bottom = noteRow - 1
        if let prompt = tp.prompt, row < bottom {
            let lines = TerminalText.reflow(prompt, to: width)
            let room = bottom - row
            for (index, line) in lines.prefix(room).enumerated() {
                let cut = index == room - 1 && lines.count > room
                canvas.put(cut ? line + " …" : line, row: row, column: left, limit: width, ellipsis: cut)
                row += 1
            }
            row += 1
        }
        // The heading only with room for at least one item (or the count of them) under it.
        if !tp.lookFor.isEmpty, row + 1 < bottom {
            canvas.put("Look for", row: row, column: left, role: .heading)
            row += 1
            for (index, item) in tp.lookFor.enumerated() where row < bottom {
                if row == bottom - 1, index < tp.lookFor.count - 1 {
                    canvas.put("  … \(tp.lookFor.count - index) more", row: row, column: left, role: .dim)
                    break
                }
                canvas.put("  □ " + item, row: row, column: left, limit: width, ellipsis: true)
                row += 1
            }
        }
        note(state, row: noteRow, column: left, width: width, &canvas)

        if side {
            panel(state, column: canvas.width - panelWidth - 2, width: panelWidth, top: 2, bottom: canvas.height - 3, big: big, &canvas)
        }
    }

    static func roomField(_ state: WorkshopState) -> String {
        let room = state.room
        if room.isEmpty { return "" }
        return (room.lowercased().hasPrefix("room") ? room : "Room " + room) + " · "
    }

    /// Writes a title in big letters (large, else small) within a budget of rows, else in bold
    /// text on at most two lines; returns the row after it.
    static func title(_ text: String, big: Bool, row: Int, column: Int, width: Int, budget: Int, _ canvas: inout Canvas) -> Int {
        if big {
            // The largest size whose lines fit the width and, together, the budget of rows; measured
            // first, drawn once.
            for size in BigText.Size.allCases {
                guard let lines = BigText.lines(text, width: width, size: size, maxLines: 3) else { continue }
                let height = lines.reduce(0) { $0 + (BigText.height(of: $1, size: size) ?? budget) } + (lines.count - 1)
                guard height <= budget else { continue }
                var y = row
                for line in lines {
                    for blockRow in BigText.render(line, size: size) ?? [] {
                        canvas.put(blockRow, row: y, column: column, role: .heading)
                        y += 1
                    }
                    y += 1
                }
                return y
            }
        }
        let lines = TerminalText.wrap(text, to: width)
        for (index, line) in lines.prefix(2).enumerated() {
            let cut = index == 1 && lines.count > 2
            canvas.put(cut ? line + " …" : line, row: row + index, column: column, role: .heading, limit: width, ellipsis: cut)
        }
        return row + min(2, lines.count)
    }

    /// A bar of `filled` out of `total` in `width` cells: `█` for filled, `░` for the rest.
    static func drawBar(filled: Int, of total: Int, width: Int, row: Int, column: Int, filledRole: Role, _ canvas: inout Canvas) {
        guard width > 0 else { return }
        let cells = total > 0 ? min(width, Int((Double(filled) / Double(total) * Double(width)).rounded())) : 0
        let shown = filled > 0 ? max(1, cells) : 0
        canvas.put(String(repeating: "█", count: shown), row: row, column: column, role: filledRole)
        canvas.put(String(repeating: "░", count: width - shown), row: row, column: column + shown, role: .dim)
    }

    /// The countdown as one line: `⏱ 2:47 left of 3:00`, `‖ 2:47 paused of 3:00`, `▲ TIME UP +0:12 over 3:00`.
    static func countdownLine(_ state: WorkshopState, row: Int, column: Int, width: Int, _ canvas: inout Canvas) {
        let clock = state.countdown
        let now = state.now
        let box = TimeStandard.clock(seconds: clock.timebox)
        let (text, role): (String, Role)
        switch clock.phase(at: now) {
        case .running: (text, role) = ("⏱ \(TimeStandard.clock(seconds: clock.remaining(at: now))) left of \(box)", .heading)
        case .paused: (text, role) = ("‖ \(TimeStandard.clock(seconds: clock.remaining(at: now))) paused of \(box)", .warning)
        case .up: (text, role) = ("▲ TIME UP +\(TimeStandard.clock(seconds: clock.overtime(at: now))) over \(box)", .error)
        }
        var x = canvas.put("Time   ", row: row, column: column, role: .heading)
        x = canvas.put(text, row: row, column: x, role: role, limit: column + width - x)
        if clock.phase(at: now) == .up {
            canvas.put("  discuss on, or → to move on", row: row, column: x, role: .dim, limit: column + width - x, ellipsis: true)
        }
    }

    /// The three tally bars, from `row`; returns the row after them.
    static func voteBars(_ votes: Votes, row: Int, column: Int, width: Int, spacing: Int, _ canvas: inout Canvas) -> Int {
        var y = row
        let most = max(votes.magic, votes.neutral, votes.misery)
        let countWidth = max(2, String(most).count)
        let barWidth = max(1, width - 11 - countWidth - 1)
        for vote in Vote.allCases {
            let count = vote.count(in: votes)
            let label = (vote.glyph + " " + vote.rawValue).padding(toWidth: 10)
            canvas.put(label, row: y, column: column, role: vote.role)
            drawBar(filled: count, of: max(1, votes.total), width: barWidth, row: y, column: column + 11, filledRole: vote.role, &canvas)
            canvas.putRight(String(count), row: y, endColumn: column + width, role: count == most && count > 0 ? .heading : .normal)
            y += 1 + spacing
        }
        return y
    }

    /// `Verdict ★ magic · 5 of 8 votes`, `◐ split · no majority`, or no votes yet.
    static func verdictLine(_ votes: Votes, row: Int, column: Int, width: Int, _ canvas: inout Canvas) {
        var x = canvas.put("Verdict ", row: row, column: column, role: .heading)
        guard let rating = votes.rating else {
            canvas.put(Rating.unrecordedGlyph + " no votes yet", row: row, column: x, role: .dim, limit: column + width - x)
            return
        }
        x = canvas.put(rating.glyph + " " + rating.label, row: row, column: x, role: Role.of(rating.verdict))
        let detail: String
        if rating.verdict == .split {
            detail = " · no majority, \(Counted.text(votes.total, "vote"))"
        } else {
            let count = Vote(rawValue: rating.verdict.rawValue).map { $0.count(in: votes) } ?? 0
            detail = " · \(count) of \(Counted.text(votes.total, "vote"))"
        }
        canvas.put(detail, row: row, column: x, role: .dim, limit: column + width - x, ellipsis: true)
    }

    private static func note(_ state: WorkshopState, row: Int, column: Int, width: Int, _ canvas: inout Canvas) {
        let x = canvas.put("Note   ", row: row, column: column, role: .heading)
        if let editor = state.walk.editor, case .note = editor.target {
            WalkScreen.editorLine(editor.line, row: row, column: x, width: column + width - x, &canvas)
            return
        }
        let moment = state.currentMoment
        let id = state.currentStep?.touchpoint.id ?? ""
        let draft = state.walk.texts.note(id)
        let text = moment.note.isEmpty ? (draft.map { "(draft) " + $0 } ?? "—  e to write the room's discussion note") : moment.note
        canvas.put(text, row: row, column: x, role: moment.note.isEmpty ? .dim : .normal, limit: column + width - x, ellipsis: true)
    }

    /// The panel on the right: the countdown (big digits where there is room) and the votes.
    private static func panel(_ state: WorkshopState, column: Int, width: Int, top: Int, bottom: Int, big: Bool, _ canvas: inout Canvas) {
        for row in top..<bottom { canvas.put("│", row: row, column: column - 2, role: .border) }
        var row = top
        let clock = state.countdown
        let now = state.now
        let phase = clock.phase(at: now)
        canvas.put("COUNTDOWN", row: row, column: column, role: .dim)
        canvas.putRight("timebox " + TimeStandard.clock(seconds: clock.timebox), row: row, endColumn: column + width, role: .dim)
        row += 1
        let reading = phase == .up ? "+" + TimeStandard.clock(seconds: clock.overtime(at: now)) : TimeStandard.clock(seconds: clock.remaining(at: now))
        let digitsRole: Role = phase == .up ? .misery : phase == .paused ? .warning : .heading
        var drawn = false
        if big {
            for size in BigText.Size.allCases {
                guard let rows = BigText.render(reading, size: size), let first = rows.first, first.count <= width,
                      rows.count <= max(0, (bottom - top) / 3) else { continue }
                row += 1
                for line in rows {
                    canvas.put(line, row: row, column: column, role: digitsRole)
                    row += 1
                }
                drawn = true
                break
            }
        }
        if !drawn {
            canvas.put(reading, row: row, column: column, role: digitsRole)
            row += 1
        }
        row += drawn ? 1 : 0
        let (line, role): (String, Role)
        switch phase {
        case .running: (line, role) = ("⏱ running · p pause · + a minute", .normal)
        case .paused: (line, role) = ("‖ PAUSED · p starts it again", .warning)
        case .up: (line, role) = ("▲ TIME UP · → when the room is ready", .error)
        }
        canvas.put(line, row: row, column: column, role: role, limit: width, ellipsis: true)
        row += 2

        let votes = state.tally
        canvas.put("ROOM VOTES", row: row, column: column, role: .dim)
        canvas.putRight(Counted.text(votes.total, "vote"), row: row, endColumn: column + width, role: .dim)
        row += 2
        let spacing = bottom - row >= 10 ? 1 : 0
        row = voteBars(votes, row: row, column: column, width: width, spacing: spacing, &canvas)
        row += 1 - spacing
        verdictLine(votes, row: row, column: column, width: width, &canvas)
        row += 2
        // On a big screen the verdict again, in letters the back of the room can read.
        if big, let rating = votes.rating, let rows = BigText.render(rating.label, size: .small),
           (rows.first?.count ?? width) <= width, row + rows.count + 2 < bottom {
            for line in rows {
                canvas.put(line, row: row, column: column, role: Role.of(rating.verdict))
                row += 1
            }
            row += 1
        }
        if let last = state.votes.lastVote(on: state.currentStep?.touchpoint.id ?? ""), row < bottom {
            canvas.put("u takes back the last vote (\(last.glyph) \(last.rawValue))", row: row, column: column, role: .dim, limit: width, ellipsis: true)
        }
    }
}

extension String {
    /// The string padded with spaces to a display width.
    func padding(toWidth width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - TerminalText.width(of: self)))
    }
}
