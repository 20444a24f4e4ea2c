import Foundation
import JourneyKit

/// The smallest terminal the walk screen is drawn on.
public let minimumTerminalSize = (width: 60, height: 16)

extension WalkState {
    /// Applies one action at the given time and returns the work the runner must do.
    public mutating func apply(_ action: WalkAction, now: Date) -> [WalkEffect] {
        self.now = now
        switch action {
        case .tick:
            return []
        case .resized(let width, let height):
            tooSmall = width < minimumTerminalSize.width || height < minimumTerminalSize.height
            return []
        case .started(let header):
            let started = Walk(header: header)
            walk = started
            journey = header.journey
            steps = started.steps
            recount(score: true, summary: true)
            mode = .walking
            current = 0
            enteredAt = now
            message = Message(text: "Walk started: \(Counted.text(steps.count, "touchpoint")). One key per verdict.", kind: .info)
            return []
        case .recorded(let event):
            return recorded(event)
        case .kept(let event):
            guard var walk else { return [] }
            self.walk = nil
            let before = walk.moment(for: event.touchpointID ?? "")
            UndoEntry.push(event, onto: &undoStack, walk: &walk)
            self.walk = walk
            count(event, before: before, in: walk)
            return []
        case .recordFailed(let event, let reason):
            if let (key, text) = event?.typedText { texts.apply(.failed(key, text)) }
            if let event { panelRecordFailed(event) }
            if leaving.isWriting {
                return leaving(.refused(reason: reason, stillUnsaved: !texts.unsaved.isEmpty))
            }
            message = Message(text: "NOT SAVED (try again): \(reason)", kind: .error)
            return []
        case .actionIDsFound(let ids):
            leader.found(ids)
            if let waiting = leader.waitingForActionIDs {
                leader.waitingForActionIDs = nil
                return perform(waiting)
            }
            return []
        case .intent(let intent):
            return perform(intent)
        case .interrupted:
            if case .done = mode { return [] }
            return leave(finished: debrief != nil, forced: true)
        case .key(let key):
            return handle(key)
        case .evidenceRead(let touchpoint, let evidence):
            return evidenceRead(touchpoint: touchpoint, evidence)
        case .evidenceRefused(_, let reason):
            message = Message(text: "Not attached: \(reason)", kind: .error)
            return []
        case .evidenceProgress(let path, let read, let size):
            let percent = size > 0 ? Int(read * 100 / size) : 100
            let name = path.split(separator: "/").last.map(String.init) ?? path
            message = Message(
                text: "Reading \(name): \(Self.megabytes(read)) of \(Self.megabytes(size)) (\(percent)%) · Esc cancels", kind: .info)
            return []
        }
    }

    /// Leaves the walk once every typed text (the note being edited, drafts whose write failed) is
    /// on disk. When a write fails the walk stays open and asks, unless `forced` (a signal, a
    /// closed terminal): then it leaves and the outcome carries the text, for the caller to print.
    mutating func leave(finished: Bool, forced: Bool) -> [WalkEffect] {
        // Typed text not on disk yet (the editor's, a panel's) joins the store as unsaved until its draft is written.
        if let editor, let key = editor.target.draftKey, !editor.line.text.isEmpty, editor.line.text != savedText(key) {
            texts.apply(.failed(key, editor.line.text))
        }
        if let editor, case .adhocChannel(let after, let title) = editor.target {
            texts.apply(.failed(Walk.DraftKey(touchpoint: after, field: .adhoc), title))
        }
        if let panel {
            for draft in panel.unsavedDrafts { texts.apply(.failed(Walk.DraftKey(touchpoint: panel.touchpoint, field: draft.field), draft.text)) }
        }
        editor = nil
        help = nil
        panel = nil
        return leaving(.leave(finished: finished, forced: forced, texts: walk == nil ? [:] : texts.unsaved))
    }

    /// Hands an action to the leaving feature and carries out what it asks for.
    mutating func leaving(_ action: LeavingFeature.Action) -> [WalkEffect] {
        leaving.apply(action).flatMap { effect -> [WalkEffect] in
            switch effect {
            case .writeDraft(let key, let text):
                return [.record(.drafted(NoteChange(touchpoint: key.touchpoint, text: text, at: now, field: key.field)))]
            case .left(let finished):
                mode = .done(finished: finished)
                return [.leave]
            case .ask(let reason, let finished):
                mode = .unsavedText(reason: reason, finished: finished)
                message = Message(text: "NOT SAVED: \(reason). The text is still here.", kind: .error)
                return []
            }
        }
    }

    private mutating func handle(_ key: Key) -> [WalkEffect] {
        if tooSmall {
            // Keys typed blind are ignored, except q, which leaves with everything already on disk.
            guard key == .char("q") else { return [] }
            return leave(finished: false, forced: true)
        }
        if debrief != nil {
            return debriefKey(key)
        }
        if key == .control("c"), walk != nil, mode != .briefing {
            return interrupt()
        }
        if help != nil {
            let lines = helpLineCount
            _ = help.take(key, lineCount: lines)
            return []
        }
        if returnNotice != nil {
            let lines = returnNoticeLines(width: minimumTerminalSize.width - 6).count
            _ = returnNotice.take(key, lineCount: lines)
            return []
        }
        // While an earlier stated time is asked about, its text waits in the editor: the question's keys answer.
        if let editor, statedTimeQuestion == nil {
            return edit(editor, key)
        }
        if let panel, panel.readsKeys {
            return panelKey(key)
        }
        if let walk, walk.isSubmitted, mode == .walking, let command = keyMap.command(for: key), command.changesTheWalk {
            message = Message(text: "Walk \(walk.header.walkID) is submitted and read-only; nothing was changed", kind: .error)
            return []
        }
        guard let command = keyMap.command(for: key) else {
            if mode == .walking, case .char(let character) = key, !character.isWhitespace {
                message = Message(text: "'\(TerminalText.sanitize(String(character)))' does nothing here; ? shows the keys", kind: .warning)
            }
            return []
        }
        return perform(command)
    }

    mutating func perform(_ command: WalkCommand) -> [WalkEffect] {
        let judged = justJudged
        justJudged = nil
        let asked = fieldKit.askedFirst
        fieldKit.askedFirst = nil
        switch command {
        case .help:
            help = HelpOverlay()
            return []
        case .start:
            return [.start(details)]
        case .fieldUp:
            briefingField = BriefingField(rawValue: max(0, briefingField.rawValue - 1)) ?? .operator
            return []
        case .fieldDown:
            let next = briefingField.rawValue + 1
            briefingField = BriefingField(rawValue: next < BriefingField.allCases.count ? next : 0) ?? .operator
            return []
        case .editField:
            if briefingField == .role {
                let roles: [WalkRole?] = [nil] + WalkRole.allCases
                let index = roles.firstIndex(of: details.role) ?? 0
                details.role = roles[(index + 1) % roles.count]
            } else {
                editor = Editing(target: .field(briefingField), line: LineEditor(fieldValue(briefingField)))
            }
            return []
        case .leave:
            if mode == .briefing {
                mode = .done(finished: false)
                return [.leave]
            }
            mode = .confirmLeave
            return []
        case .keepWalking:
            mode = .walking
            finalCheck = nil
            return []
        case .leaveForLater:
            return leave(finished: false, forced: false)
        case .retrySaving:
            guard case .unsavedText(_, let finished) = mode else { return [] }
            return leave(finished: finished, forced: false)
        case .backToText:
            mode = .walking
            let unsaved = texts.unsaved.filter { !$0.key.field.isPanelField }
            let panelTexts = texts.unsaved.keys.filter(\.field.isPanelField)
            if unsaved.isEmpty, let key = panelTexts.sorted(by: { ($0.touchpoint, $0.field.rawValue) < ($1.touchpoint, $1.field.rawValue) }).first,
               let index = steps.firstIndex(where: { $0.touchpoint.id == key.touchpoint }) {
                arrive(at: index)
                let panelCommand: WalkCommand = key.field == .tags ? .tags : key.field.rawValue.hasPrefix("praise") ? .praise : .action
                _ = open(panelCommand)
                message = Message(
                    text: "Back to the text that is not saved yet: Esc keeps it as a draft, Ctrl-C leaves", kind: .warning,
                    plain: "Back to the walk; the text is not saved yet (show says it): its command saves it, leave leaves")
                return []
            }
            guard let (key, text) = unsaved.sorted(by: { $0.key.order < $1.key.order }).first,
                  let index = steps.firstIndex(where: { $0.touchpoint.id == key.touchpoint }) else { return [] }
            arrive(at: index)
            reopen(key, text: text)
            message = Message(
                text: "Back to the text that is not saved yet: Enter saves, Ctrl-C leaves", kind: .warning,
                plain: "Back to the walk; the text is not saved yet (show says it): its command saves it, leave leaves")
            return []
        case .leaveUnsaved:
            var finished = false
            if case .unsavedText(_, let wasFinishing) = mode { finished = wasFinishing }
            mode = .done(finished: finished)
            return [.leave]
        case .finish:
            return finish()
        case .tags, .recovery, .praise, .action:
            // Right after a verdict, these are about the moment just judged, and they stay so for
            // one another (judge, tag, check the recovery) until a move, a verdict, an undo or Esc.
            justJudged = judged
            return open(command, judged: judged)
        case .onScreen:
            guard let judged, let step = currentStep else { return [] }
            message = Message(
                text: "Keys act on \(step.touchpoint.title) again, not on \(title(of: judged))", kind: .info,
                plain: "Commands act on \(step.touchpoint.title) again, not on \(title(of: judged))")
            return []
        case .rate(let verdict, let intensity):
            guard let step = currentStep else { return [] }
            // A correction keeps the stopwatch reading kept with the first verdict; only a first
            // verdict (or one after the verdict was taken back) reads the stopwatch.
            let kept = currentMoment
            let seconds = kept.rating == nil ? timerSeconds : kept.timerSeconds
            let change = RatingChange(
                touchpoint: step.touchpoint.id, rating: Rating(verdict, intensity: intensity), at: now, timerSeconds: seconds)
            return [.record(.rated(change))]
        case .editNote:
            guard let step = currentStep else { return [] }
            // Right after a verdict, the note is for the moment just judged (the verdict moved on).
            let id = judged ?? step.touchpoint.id
            justJudged = judged
            editor = Editing(target: .note(touchpoint: id), line: LineEditor(texts.note(id) ?? walk?.moment(for: id).note ?? ""))
            if id != step.touchpoint.id {
                message = Message(text: "Note for \(title(of: id)), just judged: Enter saves, Esc keeps a draft", kind: .info)
            }
            return []
        case .next:
            guard current + 1 < steps.count else {
                message = Message(text: "This is the last touchpoint: q to finish the walk", kind: .info, plain: "This is the last touchpoint: finish ends the walk")
                return []
            }
            return move(to: current + 1)
        case .previous:
            guard current > 0 else {
                message = Message(text: "This is the first touchpoint", kind: .info)
                return []
            }
            return move(to: current - 1)
        case .first:
            return current == 0 ? [] : move(to: 0)
        case .last:
            return current == steps.count - 1 ? [] : move(to: steps.count - 1)
        case .undo:
            guard let entry = undoStack.last else {
                message = Message(text: "Nothing to undo", kind: .info)
                return []
            }
            return [.record(entry.record(at: now))]
        case .openChecklist, .checklist, .toggleTimer, .resetTimer, .stateTime, .stateTimeAnyway, .correctStatedTime, .insertTouchpoint,
             .attachEvidence:
            justJudged = judged
            return performFieldKit(command, asked: asked)
        case .finalCheck:
            return performFieldKit(command)
        }
    }

    private mutating func edit(_ editing: Editing, _ key: Key) -> [WalkEffect] {
        // Drop the stored copy first, so the text is edited in place instead of copied per key.
        editor = nil
        var line = editing.line
        switch line.handle(key) {
        case .edited, .ignored:
            editor = Editing(target: editing.target, line: line)
            return []
        case .full:
            editor = Editing(target: editing.target, line: line)
            message = Message(text: "\(editing.target.holder) holds at most \(LineEditor.maximumLengthText) characters; the rest was not taken", kind: .warning)
            return []
        case .cancel:
            return cancel(Editing(target: editing.target, line: line))
        case .submit:
            return submit(Editing(target: editing.target, line: line))
        }
    }

    /// Esc in the editor: the text typed is kept as a draft record.
    mutating func cancel(_ editing: Editing) -> [WalkEffect] {
        editor = nil
        let line = editing.line
        if case .text = editing.target { return cancelField(editing.target, line.text) }
        if case .adhocChannel = editing.target { return cancelField(editing.target, line.text) }
        guard case .note(let id) = editing.target else { return [] }
        let draft = line.text == walk?.moment(for: id).note ? "" : line.text
        guard draft != (texts.note(id) ?? "") else { return [] }
        texts.apply(.drafted(.note(id), draft))
        if !draft.isEmpty {
            message = Message(text: "Note not saved; the draft is kept: e to continue it", kind: .info)
        }
        return [.record(.drafted(NoteChange(touchpoint: id, text: draft, at: now)))]
    }

    /// Enter in the editor: the text is saved as its field's record (once checked).
    mutating func submit(_ editing: Editing) -> [WalkEffect] {
        let line = editing.line
        switch editing.target {
        case .field(let field):
            setField(field, line.text)
            editor = nil
            return []
        case .text, .adhocChannel:
            editor = editing
            return submitField(editing.target, line.text)
        case .note(let id):
            editor = editing
            if line.text == walk?.moment(for: id).note {
                editor = nil
                texts.apply(.saved([.note(id)]))
                return []
            }
            return [.record(.noted(NoteChange(touchpoint: id, text: line.text, at: now)))]
        }
    }

    /// Ctrl-C: leave at once. Everything acknowledged is on disk; a note being typed is kept as a
    /// draft, and if that cannot be written the walk asks before the text is dropped.
    private mutating func interrupt() -> [WalkEffect] {
        if case .unsavedText = mode { return perform(.leaveUnsaved) }
        return leave(finished: false, forced: false)
    }

    mutating func move(to index: Int) -> [WalkEffect] {
        arrive(at: index)
        guard let id = currentStep?.touchpoint.id, walk != nil else { return [] }
        return [.record(.moved(touchpoint: id, at: now))]
    }

    /// Stops the stopwatch of the touchpoint being left and starts the one arrived at.
    mutating func arrive(at index: Int) {
        guard index != current else { return }
        if let id = currentStep?.touchpoint.id {
            timeSpent[id] = timerSeconds
        }
        current = index
        enteredAt = now
        if checklist?.touchpoint != currentStep?.touchpoint.id { checklist = nil }
    }

    private mutating func recorded(_ event: WalkEvent) -> [WalkEffect] {
        guard var walk else { return [] }
        // Taken out while it changes, so the fold mutates the only copy (no copy of every moment per record).
        self.walk = nil
        let before = walk.moment(for: event.touchpointID ?? "")
        let currentID = currentStep?.touchpoint.id
        texts.apply(.saved(event.record.savedFields(before: walk)))
        // What `u` can take back is kept as a resume rebuilds it from the file (`UndoEntry.stack`).
        UndoEntry.push(event, onto: &undoStack, walk: &walk)
        self.walk = walk
        count(event, before: before, in: walk)
        if walk.steps.count != steps.count {
            // An ad-hoc touchpoint came or went: stay on the same touchpoint wherever it now is.
            steps = walk.steps
            current = currentID.flatMap { walk.index(of: $0) } ?? min(current, max(0, steps.count - 1))
        }
        switch event {
        case .started, .moved:
            break
        case .drafted(let change):
            texts.apply(.drafted(Walk.DraftKey(touchpoint: change.touchpoint, field: change.field), change.text))
            guard leaving.isWriting else { break }
            return leaving(.written(stillUnsaved: !texts.unsaved.isEmpty))
        case .rated(let change):
            if change.undo {
                message = Message(text: "Undone: \(title(of: change.touchpoint)) is \(change.rating?.label ?? "not recorded") again", kind: .info)
            } else {
                let label = change.rating.map { "\($0.glyph) \($0.label)" } ?? "cleared"
                message = Message(text: "Saved \(label): \(title(of: change.touchpoint))", kind: .info)
            }
            if !change.undo, change.rating != nil, walk.position != walk.index(of: change.touchpoint) {
                justJudged = change.touchpoint
                let plainRule = saidJudgedRule ? "" : ". Until you move, note, tags, answer, timer, at and attach are about it (here: this one)."
                saidJudgedRule = true
                message = message.map { said in
                    Message(text: said.text + " · e T c t a @ act on it; Esc: this one", kind: said.kind, plain: said.text + plainRule)
                }
            }
            if let seconds = change.timerSeconds { timeSpent[change.touchpoint] = seconds; enteredAt = now }
            let wasLast = isLast
            arrive(at: walk.position)
            if wasLast, !change.undo {
                let open = walk.summary.unrecorded
                message = message.map { said in
                    Message(
                        text: said.text + (open == 0 ? " · all touchpoints recorded: q to finish" : " · last touchpoint: q to finish (\(open) not recorded)"),
                        kind: said.kind,
                        plain: said.text + (open == 0 ? " · all touchpoints recorded: finish ends the walk" : " · last touchpoint: finish ends the walk (\(open) not recorded)"))
                }
            }
        case .noted(let change):
            if case .note(let id)? = editor?.target, id == change.touchpoint { editor = nil }
            if change.undo {
                message = Message(text: "Undone: note of \(title(of: change.touchpoint)) restored", kind: .info)
            } else {
                message = Message(text: (change.text.isEmpty ? "Note removed from " : "Note saved on ") + title(of: change.touchpoint), kind: .info)
            }
            arrive(at: walk.position)
        case .finished:
            // A mode with its own ending (the workshop's summary slide) leaves at once.
            guard debriefWhenFinished else { return leave(finished: true, forced: false) }
            // The debrief comes up before leaving; closing it leaves the finished walk.
            debrief = DebriefState(walk)
            editor = nil
            panel = nil
            message = Message(text: "Walk finished and saved. The debrief: Enter leaves it", kind: .info, plain: "Walk finished and saved.")
            return []
        case .tagged, .recovered, .praised, .actionChanged:
            panelRecorded(event)
        case .answered, .commented, .timed, .stated, .insertedTouchpoint, .attached:
            return recordedFieldKit(event, before: before)
        case .submitted, .reopened, .voted:
            break
        }
        return []
    }

    /// The score and the verdict counts change by the one record, not by counting the walk again.
    private mutating func count(_ event: WalkEvent, before: Moment, in walk: Walk) {
        switch event {
        case .answered(let change):
            if var tally {
                tally.answered(change, previous: before.answers[change.item], in: walk)
                self.tally = tally
                score = tally.score(walk)
            }
        case .rated(let change):
            if walk.index(of: change.touchpoint) != nil {
                summary.count(before.rating?.verdict, by: -1)
                summary.count(change.rating?.verdict, by: 1)
            }
        case .insertedTouchpoint:
            recount(score: true, summary: true)
        default:
            break
        }
    }

    func title(of touchpointID: String) -> String {
        steps.first { $0.touchpoint.id == touchpointID }?.touchpoint.title ?? touchpointID
    }

    /// The text of a briefing field.
    public func fieldValue(_ field: BriefingField) -> String {
        switch field {
        case .operator: return details.operator
        case .role: return details.role?.rawValue ?? ""
        case .location: return details.location
        case .channel: return details.channel
        }
    }

    mutating func setField(_ field: BriefingField, _ value: String) {
        switch field {
        case .operator: details.operator = value
        case .role: details.role = WalkRole(rawValue: value)
        case .location: details.location = value
        case .channel: details.channel = value
        }
    }
}

extension WalkState {
    /// Bytes in whole megabytes, for the progress of a file being read: `1,234 MB`.
    static func megabytes(_ bytes: Int64) -> String {
        Counted.grouped(Int(bytes / 1_000_000)) + " MB"
    }
}
