import Foundation
import JourneyKit

/// What a caller that is not a keyboard asks of a walk (plain mode, scripts): the changes the keys
/// make, said by what they mean instead of which keys make them, so rebinding a key changes nothing
/// here. Each goes through the same code as its keys: the same checks, records and messages.
public enum WalkIntent: Equatable, Sendable {
    /// A command of the key tables, whichever key is bound to it (if any is).
    case command(WalkCommand)
    /// The note of the moment the recording keys act on (`WalkState.recordingTarget`); empty removes it.
    case setNote(String)
    /// Answers checklist item `item` (from 0) of that moment.
    case answer(item: Int, Answer)
    /// The comment on checklist item `item` (from 0); empty removes it.
    case comment(item: Int, String)
    /// When that moment happened, as typed (`10:42`, `+3m`); empty takes the stated time back.
    case stateTime(String)
    /// A touchpoint the journey does not list, inserted after that moment.
    case insert(title: String, channel: String)
    /// A file to attach as evidence, by its path as typed.
    case attach(path: String)
    /// The whole set of the moment's tags, in this order.
    case setTags([String])
    /// The three recovery marks (apology, reassurance, restitution): true done, false not, nil
    /// unmarked. The strip is left open on them (`closePanel` closes it), or refuses on a moment
    /// that is not a misery one.
    case setRecovery([Bool?])
    /// Praise to pass on; both empty removes it.
    case setPraise(to: String, text: String)
    /// A new action: what, who owns it, when it is due (as typed: `fri`, `+7d`, empty for none).
    case addAction(text: String, owner: String, due: String)
    /// A briefing field set to a text (the role by its name).
    case setBriefing(WalkState.BriefingField, String)
    /// Item `index` (from 0) of the final check: go there.
    case goToProblem(Int)
    /// Closes the editor: keeping its text as a draft (as Esc does), or dropping it (its text is
    /// elsewhere: the caller's input, or the text not saved that leaving writes).
    case closeEditor(keepingDraft: Bool)
    /// Closes the leader's panel that is open, keeping its typed text as drafts (as Esc does).
    case closePanel
    /// Closes the debrief, which leaves the finished walk (as its Enter does).
    case leaveDebrief
    /// A line for the status line from a parent feature (the workshop says what its keys did).
    case say(WalkState.Message)
}

/// The key tables a walk dispatches by: the defaults of SPEC section 4 unless a caller rebinds them.
public struct WalkKeyTables: Equatable, Sendable {
    public var name: String
    public var walking: KeyMap<WalkCommand>
    public var briefing: KeyMap<WalkCommand>
    public var confirmLeave: KeyMap<WalkCommand>
    public var unsavedText: KeyMap<WalkCommand>
    public var checklist: KeyMap<WalkCommand>
    public var finalCheck: KeyMap<WalkCommand>
    public var confirmStatedTime: KeyMap<WalkCommand>

    public static let standard = WalkKeyTables(
        name: "standard", walking: WalkKeys.walking, briefing: WalkKeys.briefing, confirmLeave: WalkKeys.confirmLeave,
        unsavedText: WalkKeys.unsavedText, checklist: FieldKitKeys.checklist, finalCheck: FieldKitKeys.finalCheck,
        confirmStatedTime: FieldKitKeys.confirmStatedTime)

    /// Tables are told apart by name (key tables hold no comparable functions of their own).
    public static func == (lhs: WalkKeyTables, rhs: WalkKeyTables) -> Bool { lhs.name == rhs.name }
}

extension WalkState {
    /// Carries out an intent.
    mutating func perform(_ intent: WalkIntent) -> [WalkEffect] {
        switch intent {
        case .command(let command):
            if let walk, walk.isSubmitted, mode == .walking, command.changesTheWalk {
                message = Message(text: "Walk \(walk.header.walkID) is submitted and read-only; nothing was changed", kind: .error)
                return []
            }
            return perform(command)
        case .setNote(let text):
            var effects = perform(.editNote)
            guard let editing = editor, case .note = editing.target else { return effects }
            effects += submit(Editing(target: editing.target, line: LineEditor(LineEditor.typed(text))))
            return effects
        case .answer(let item, let answer):
            guard let walk, let step = recordingTarget, step.touchpoint.checklist.indices.contains(item) else { return [] }
            let id = step.touchpoint.id
            // The checklist's own rule, without opening it: the same answer again writes nothing.
            var panel = ChecklistPanel(touchpoint: id, count: step.touchpoint.checklist.count, selected: item)
            return panel.apply(.answer(answer), moment: walk.moment(for: id), now: now).compactMap { effect in
                if case .record(let event) = effect { return .record(event) }
                return nil
            }
        case .comment(let item, let text):
            guard let step = recordingTarget, step.touchpoint.checklist.indices.contains(item) else { return [] }
            let key = Walk.DraftKey(touchpoint: step.touchpoint.id, field: .comment(item))
            return submit(Editing(target: .text(key), line: LineEditor(LineEditor.typed(text))))
        case .stateTime(let text):
            return fill(.stateTime, [text])
        case .insert(let title, let channel):
            return fill(.insertTouchpoint, [title, channel])
        case .attach(let path):
            return fill(.attachEvidence, [path])
        case .setTags(let ids):
            var effects = perform(.tags)
            guard case .tags(var picker)? = panel else { return effects }
            picker.choose(ids)
            let saved = picker.apply(.save, now: now)
            panel = .tags(picker)
            effects += panelEffects(saved)
            return effects
        case .setRecovery(let marks):
            var effects = perform(.recovery)
            guard case .recovery(let strip)? = panel, let walk else { return effects }
            // Marked all at once (one record, or none when nothing changes); the strip stays open
            // on them, as after marking with its keys.
            effects += panelEffects(strip.mark(marks, current: walk.moment(for: strip.touchpoint).recovery, now: now))
            return effects
        case .setPraise(let to, let text):
            var effects = perform(.praise)
            guard case .praise(var form)? = panel else { return effects }
            form.fill(to: to, text: text)
            let saved = form.save(now: now)
            panel = .praise(form)
            effects += panelEffects(saved)
            return effects
        case .addAction(let text, let owner, let due):
            var effects = perform(.action)
            guard case .action(var form)? = panel else { return effects }
            // A new id must not be one in use: wait for the runner to find them first.
            guard leader.actionIDsKnown else {
                leader.waitingForActionIDs = intent
                return effects
            }
            form.fill(text: text, owner: owner, due: due)
            var ids = actionIDs
            let saved = form.save(today: today, ids: &ids, now: now)
            actionIDs = ids
            panel = .action(form)
            effects += panelEffects(saved)
            return effects
        case .setBriefing(let field, let text):
            guard mode == .briefing else { return [] }
            briefingField = field
            setField(field, LineEditor.typed(text))
            return []
        case .goToProblem(let index):
            guard var check = finalCheck, check.problems.indices.contains(index) else { return [] }
            check.select(index)
            finalCheck = check
            return perform(.finalCheck(.go))
        case .closeEditor(let keepingDraft):
            guard let editing = editor else { return [] }
            if keepingDraft { return cancel(editing) }
            editor = nil
            return []
        case .closePanel:
            guard let open = panel else { return [] }
            return panelEffects(open.close(now: now))
        case .leaveDebrief:
            guard debrief != nil else { return [] }
            debrief = nil
            return leave(finished: true, forced: false)
        case .say(let said):
            message = said
            return []
        }
    }

    /// Opens a field with its command and submits one text after another into it (an ad-hoc
    /// touchpoint: its title, then its channel), as typing each and Enter would.
    private mutating func fill(_ command: WalkCommand, _ texts: [String]) -> [WalkEffect] {
        var effects = perform(command)
        for text in texts {
            guard let editing = editor, statedTimeQuestion == nil else { break }
            effects += submit(Editing(target: editing.target, line: LineEditor(LineEditor.typed(text))))
        }
        return effects
    }
}

extension WalkPanel {
    /// What closing the panel does (Esc): typed text kept as drafts, then the panel closed.
    func close(now: Date) -> [PanelEffect] {
        switch self {
        case .tags(var picker): return picker.apply(.close, now: now)
        case .recovery, .checklist: return [.close]
        case .praise(let form): return form.form.draftRecords(touchpoint: form.touchpoint, now: now) + [.close]
        case .action(let form): return form.form.draftRecords(touchpoint: form.touchpoint, now: now) + [.close]
        }
    }
}
