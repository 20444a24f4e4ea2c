import Foundation
import JourneyKit

/// The mystery shopper's field kit on the walk (SPEC 7.2): checklist answers and comments, the split
/// timer, stated times, ad-hoc touchpoints, evidence and the final check. Every change is a record
/// that the screen shows only once the runner has written it, and `u` takes it back.
extension WalkState {
    // MARK: - Commands

    mutating func performFieldKit(_ command: WalkCommand, asked: WalkCommand? = nil) -> [WalkEffect] {
        // Right after a verdict, the moment just judged (`justJudged`); else the touchpoint on screen.
        guard let walk, let step = recordingTarget else { return [] }
        switch command {
        case .openChecklist, .toggleTimer, .resetTimer, .stateTime, .insertTouchpoint, .attachEvidence:
            let context = FieldKitFeature.Context(
                walk: walk, target: step, justJudged: justJudged != nil, onScreen: currentStep, current: current, timeZone: timeZone, now: now)
            return fieldKit.apply(command, asked: asked, context).flatMap { effect -> [WalkEffect] in
                switch effect {
                case .record(let event): return [.record(event)]
                case .edit(let key):
                    open(key)
                    return []
                case .openChecklist(let list):
                    checklist = list
                    return []
                case .say(let said):
                    message = said
                    return []
                }
            }
        case .checklist(let panelCommand):
            guard var panel = checklist else { return [] }
            let effects = panel.apply(panelCommand, moment: walk.moment(for: panel.touchpoint), now: now)
            checklist = panel
            return perform(effects)
        case .stateTimeAnyway:
            guard let question = statedTimeQuestion else { return [] }
            mode = .walking
            return [.record(.stated(StatedTimeChange(touchpoint: question.touchpoint, stated: question.stated, at: now)))]
        case .correctStatedTime:
            guard statedTimeQuestion != nil else { return [] }
            mode = .walking
            message = Message(
                text: "Not stated: correct the time, then Enter (Esc keeps it as a draft)", kind: .info,
                plain: "Not stated; the time stays as it was: at TIME states another")
            return []
        case .finalCheck(let panelCommand):
            guard var panel = finalCheck else { return [] }
            let effects = panel.apply(panelCommand)
            finalCheck = panel
            var result: [WalkEffect] = []
            for effect in effects {
                switch effect {
                case .go(let problem): result += go(to: problem)
                case .complete: result.append(.record(.finished(at: now)))
                }
            }
            return result
        default:
            return []
        }
    }

    /// Carries out what the checklist asked for.
    private mutating func perform(_ effects: [ChecklistPanel.Effect]) -> [WalkEffect] {
        var result: [WalkEffect] = []
        for effect in effects {
            switch effect {
            case .record(let event):
                result.append(.record(event))
            case .editComment(let item):
                guard let panel = checklist else { continue }
                open(Walk.DraftKey(touchpoint: panel.touchpoint, field: .comment(item)))
                let answer = walk?.moment(for: panel.touchpoint).answers[item]
                message = Message(
                    text: (answer == .no ? "A No needs a comment: " : "Comment: ") + "Enter saves, Esc keeps a draft", kind: .info,
                    plain: answer == .no ? "A No needs a comment" : "Comment")
            case .close:
                checklist = nil
                message = nil
            }
        }
        return result
    }

    /// Opens the editor on a field, with its draft or its saved text.
    private mutating func open(_ key: Walk.DraftKey) {
        editor = Editing(target: .text(key), line: LineEditor(texts.text(key) ?? savedText(key)))
    }

    /// Finishing: the final check first; with nothing missing the walk is completed at once.
    mutating func finish() -> [WalkEffect] {
        guard let walk else { return [.record(.finished(at: now))] }
        let check = FinalCheck(walk, now: now)
        if check.isEmpty { return [.record(.finished(at: now))] }
        finalCheck = FinalCheckPanel(problems: check.problems)
        mode = .finalCheck
        let things = Counted.text(check.problems.count, "thing")
        message = Message(
            text: "\(things) to check: Enter goes there, f completes anyway", kind: .warning,
            plain: "\(things) to check: go N goes to item N, finish anyway completes the walk")
        return []
    }

    /// Leaves the final check for the touchpoint of an item, ready to put it right.
    private mutating func go(to problem: FinalCheck.Problem) -> [WalkEffect] {
        mode = .walking
        finalCheck = nil
        guard let walk, let index = walk.index(of: problem.touchpoint) else { return [] }
        let effects = index == current ? [] : move(to: index)
        let touchpoint = steps[index].touchpoint
        switch problem {
        case .unrecorded:
            message = Message(
                text: "Not recorded yet: m n x s record it, then q f finishes", kind: .info,
                plain: "Not recorded yet: magic, neutral, misery or skip records it, then finish")
        case .noWithoutComment(_, let item):
            checklist = ChecklistPanel(touchpoint: touchpoint.id, count: touchpoint.checklist.count, selected: item)
            open(Walk.DraftKey(touchpoint: touchpoint.id, field: .comment(item)))
            message = Message(text: "A No needs a comment: Enter saves, Esc keeps a draft", kind: .info, plain: "A No needs a comment")
        case .missedTargetWithoutNote:
            editor = Editing(target: .note(touchpoint: touchpoint.id), line: LineEditor(texts.note(touchpoint.id) ?? walk.moment(for: touchpoint.id).note))
            message = Message(
                text: "The split timer missed its target: a note says why (Enter saves)", kind: .info,
                plain: "The split timer missed its target: a note says why")
        }
        return effects
    }

    // MARK: - Typed fields

    /// The saved value of a typed field, as the editor shows it.
    func savedText(_ key: Walk.DraftKey) -> String {
        guard let walk else { return "" }
        let moment = walk.moment(for: key.touchpoint)
        if key.field == .note { return moment.note }
        if let item = key.field.commentItem { return moment.comments[item] ?? "" }
        if key.field == .statedTime { return moment.statedAt.map { StatedTime.clock($0, timeZone: timeZone) } ?? "" }
        return ""
    }

    /// Goes back to a text that could not be saved, in the editor of its field.
    mutating func reopen(_ key: Walk.DraftKey, text: String) {
        if key.field == .note {
            editor = Editing(target: .note(touchpoint: key.touchpoint), line: LineEditor(text))
            return
        }
        if let item = key.field.commentItem, let step = currentStep, step.touchpoint.checklist.indices.contains(item) {
            checklist = ChecklistPanel(touchpoint: key.touchpoint, count: step.touchpoint.checklist.count, selected: item)
        }
        editor = Editing(target: .text(key), line: LineEditor(text))
    }

    /// Esc in a field: the text typed is kept as a draft record, as a note's is.
    mutating func cancelField(_ target: EditTarget, _ text: String) -> [WalkEffect] {
        let key: Walk.DraftKey
        var typed = text
        switch target {
        case .text(let field): key = field
        case .adhocChannel(let after, let title):
            key = Walk.DraftKey(touchpoint: after, field: .adhoc)
            typed = title
        default: return []
        }
        let draft = typed == savedText(key) ? "" : typed
        guard draft != (texts.text(key) ?? "") else { return [] }
        texts.apply(.drafted(key, draft))
        if !draft.isEmpty {
            message = Message(text: "\(key.field.label.prefix(1).uppercased() + key.field.label.dropFirst()) not saved; the draft is kept for next time", kind: .info)
        }
        return [.record(.drafted(NoteChange(touchpoint: key.touchpoint, text: draft, at: now, field: key.field)))]
    }

    /// Enter in a field: its record, once checked (a stated time parsed, a path read by the runner).
    mutating func submitField(_ target: EditTarget, _ text: String) -> [WalkEffect] {
        let trimmed = text.trimmingSpaces
        if case .adhocChannel(let after, let title) = target {
            let adhoc = AdhocTouchpoint(id: nextAdhocID(), title: title, channel: trimmed.isEmpty ? nil : trimmed, after: after, at: now)
            return [.record(.insertedTouchpoint(adhoc))]
        }
        guard case .text(let key) = target, let walk else { return [] }
        let moment = walk.moment(for: key.touchpoint)
        if let item = key.field.commentItem {
            if text == savedText(key) {
                editor = nil
                texts.apply(.saved([key]))
                return []
            }
            return [.record(.commented(CommentChange(touchpoint: key.touchpoint, item: item, text: text, at: now)))]
        }
        switch key.field {
        case .adhoc:
            guard !trimmed.isEmpty else {
                message = Message(text: "An inserted touchpoint needs a title; Esc cancels", kind: .warning)
                return []
            }
            editor = Editing(target: .adhocChannel(after: key.touchpoint, title: trimmed), line: LineEditor())
            message = Message(text: "Its channel (store, phone, web…), or Enter for none", kind: .info)
            return []
        case .evidence:
            guard !trimmed.isEmpty else {
                editor = nil
                return []
            }
            return [.inspectEvidence(touchpoint: key.touchpoint, path: trimmed)]
        case .statedTime:
            if trimmed.isEmpty {
                guard moment.statedAt != nil else {
                    editor = nil
                    return []
                }
                return [.record(.stated(StatedTimeChange(touchpoint: key.touchpoint, stated: nil, at: now)))]
            }
            let index = walk.index(of: key.touchpoint) ?? current
            do {
                let stated = try StatedTime.parse(
                    trimmed, now: now, timeZone: timeZone, previous: walk.statedTime(before: index), start: walk.header.statedStart,
                    walkStarted: walk.header.started)
                if stated == moment.statedAt {
                    editor = nil
                    return []
                }
                // Earlier than the time of a touchpoint before it: it would reorder the visit, so ask first.
                if let previous = walk.previousStated(before: index), stated < previous.stated, walk.steps.indices.contains(index) {
                    mode = .confirmStatedTime(StatedTimeQuestion(
                        touchpoint: walk.steps[index].touchpoint, stated: stated, previousTouchpoint: walk.steps[previous.index].touchpoint,
                        previous: previous.stated, timeZone: timeZone))
                    // The question says it all (the box on the screen, its lines in plain mode).
                    message = nil
                    return []
                }
                return [.record(.stated(StatedTimeChange(touchpoint: key.touchpoint, stated: stated, at: now)))]
            } catch {
                message = Message(text: error.short, kind: .error, plain: "Not stated: " + error.description)
                return []
            }
        default:
            editor = nil
            return []
        }
    }

    /// The runner read the file: attach it.
    mutating func evidenceRead(touchpoint: String, _ evidence: Evidence) -> [WalkEffect] {
        if let existing = walk?.moment(for: touchpoint).evidence.first(where: { $0.path == evidence.path }), existing == evidence {
            editor = nil
            message = Message(text: "Already attached, unchanged: \(evidence.path)", kind: .info)
            return []
        }
        return [.record(.attached(EvidenceChange(touchpoint: touchpoint, evidence: evidence, at: now)))]
    }

    /// A new ad-hoc touchpoint id, never one the walk has used (records of a removed one stay in the file).
    func nextAdhocID() -> String {
        guard let walk else { return "adhoc-1" }
        var number = walk.steps.lazy.filter(\.touchpoint.adhoc).count + 1
        while walk.index(of: "adhoc-\(number)") != nil || walk.moments["adhoc-\(number)"] != nil
            || journey.steps.contains(where: { $0.touchpoint.id == "adhoc-\(number)" }) {
            number += 1
        }
        return "adhoc-\(number)"
    }

    // MARK: - Records written

    /// A field-kit record reached the disk: show it, remember how to undo it, move the panels on.
    mutating func recordedFieldKit(_ event: WalkEvent, before: Moment) -> [WalkEffect] {
        guard let walk else { return [] }
        var effects: [WalkEffect] = []
        switch event {
        case .answered(let change):
            let item = itemText(change.touchpoint, change.item)
            if change.undo {
                message = Message(text: "Undone: \(item) is \(change.answer?.label ?? "unanswered") again", kind: .info)
            } else {
                message = Message(text: "Saved \(change.answer.map { Self.glyph($0) + " " + $0.label } ?? "cleared"): \(item) · \(title(of: change.touchpoint))", kind: .info)
            }
            arrive(at: walk.position)
            if var panel = checklist, panel.touchpoint == change.touchpoint {
                let next = panel.answered(change, moment: walk.moment(for: change.touchpoint))
                checklist = panel
                effects += perform(next)
            }
        case .commented(let change):
            let key = Walk.DraftKey(touchpoint: change.touchpoint, field: .comment(change.item))
            if case .text(key)? = editor?.target { editor = nil }
            if change.undo {
                message = Message(text: "Undone: comment on \(itemText(change.touchpoint, change.item)) restored", kind: .info)
            } else {
                let item = itemText(change.touchpoint, change.item) + " · " + title(of: change.touchpoint)
                message = Message(text: (change.text.isEmpty ? "Comment removed: " : "Comment saved: ") + item, kind: .info)
                checklist?.commented(change)
            }
            arrive(at: walk.position)
        case .timed(let change):
            if change.undo {
                message = Message(text: "Undone: split timer of \(title(of: change.touchpoint)) put back", kind: .info)
            } else {
                message = timerMessage(change, before: before.splitTimer, walk: walk)
            }
            arrive(at: walk.position)
        case .stated(let change):
            let key = Walk.DraftKey(touchpoint: change.touchpoint, field: .statedTime)
            if case .text(key)? = editor?.target { editor = nil }
            if change.undo {
                message = Message(text: "Undone: time of \(title(of: change.touchpoint)) put back", kind: .info)
            } else {
                let text = change.stated.map { "Time stated: \(StatedTime.dateAndClock($0, timeZone: timeZone)) (\(StatedTime.zone(timeZone, at: $0)))" } ?? "Stated time removed"
                message = Message(text: text + ": " + title(of: change.touchpoint), kind: .info)
            }
            arrive(at: walk.position)
        case .insertedTouchpoint(let adhoc):
            if adhoc.removed {
                message = Message(text: "Undone: inserted touchpoint \(adhoc.title) removed", kind: .info)
                if let index = walk.index(of: adhoc.after) { arrive(at: index) }
            } else {
                if case .adhocChannel(adhoc.after, _)? = editor?.target { editor = nil }
                message = Message(text: "Inserted \(adhoc.title) after \(title(of: adhoc.after)): walk it like the others", kind: .info)
                arrive(at: walk.position)
            }
        case .attached(let change):
            if change.removed {
                message = Message(text: "Undone: \(change.evidence.path) is no longer attached", kind: .info)
            } else {
                let key = Walk.DraftKey(touchpoint: change.touchpoint, field: .evidence)
                if case .text(key)? = editor?.target { editor = nil }
                let evidence = change.evidence
                message = Message(text: "Attached \(Self.fileName(evidence.path)) to \(title(of: change.touchpoint)) (\(Self.size(evidence.bytes)), sha256 \(evidence.sha256.prefix(12))…)", kind: .info)
            }
            arrive(at: walk.position)
        default:
            break
        }
        return effects
    }

    /// What a timer record did: started, stopped (the reading it keeps) or reset. A stop and a reset
    /// of a timer can both keep 0.0 s: a stop keeps the running timer's reading, a reset 0 whatever it read.
    private func timerMessage(_ change: TimerChange, before: SplitTimer?, walk: Walk) -> Message {
        let name = title(of: change.touchpoint)
        if change.running { return Message(text: "Split timer started: \(name) (t stops it)", kind: .info, plain: "Split timer started: \(name) (timer stops it)") }
        let stopped = before.map { $0.running && Self.tenths($0.reading(at: change.at)) == change.seconds } ?? false
        if change.seconds == 0, !stopped { return Message(text: "Split timer reset: \(name)", kind: .info) }
        let timer = SplitTimer(seconds: change.seconds, running: false, since: change.at)
        var text = "Split timer stopped at \(TimeStandard.clock(seconds: timer.wholeSeconds(at: now)))"
        if let target = walk.index(of: change.touchpoint).flatMap({ walk.steps[$0].touchpoint.target }) {
            switch timer.against(target: target, at: now) {
            case .met: text += " · target \(TimeStandard.clock(seconds: target)) met"
            case .missed(let over): text += " · target \(TimeStandard.clock(seconds: target)) missed by \(TimeStandard.clock(seconds: over))"
            }
        }
        return Message(text: text + ": " + name, kind: .info)
    }

    private func itemText(_ touchpoint: String, _ item: Int) -> String {
        guard let index = walk?.index(of: touchpoint), let checklist = walk?.steps[index].touchpoint.checklist,
              checklist.indices.contains(item) else { return "item \(item + 1)" }
        return checklist[item].item
    }

    // MARK: - Words and numbers

    /// A reading kept to a tenth of a second, as the walk file writes it.
    static func tenths(_ seconds: Double) -> Double { (seconds * 10).rounded() / 10 }

    /// The glyph of an answer: ✔ Yes, ✖ No, – N/A.
    public static func glyph(_ answer: Answer) -> String {
        switch answer {
        case .yes: return "✔"
        case .no: return "✖"
        case .na: return "–"
        }
    }

    /// The last part of a path.
    static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// A size for people: `812 bytes`, `24 KB`, `2.1 MB`.
    public static func size(_ bytes: Int64) -> String {
        if bytes < 1000 { return Counted.text(Int(bytes), "byte") }
        if bytes < 1_000_000 { return "\((bytes + 500) / 1000) KB" }
        let tenths = (bytes + 50_000) / 100_000
        return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }
}

extension WalkState.EditTarget {
    /// The draft a target's text is kept under when it is left unsaved.
    var draftKey: Walk.DraftKey? {
        switch self {
        case .note(let id): return .note(id)
        case .text(let key): return key
        case .field, .adhocChannel: return nil
        }
    }
}

extension WalkCommand {
    /// Whether the command writes to the walk (refused once the walk is submitted).
    var changesTheWalk: Bool {
        switch self {
        case .rate, .editNote, .undo, .finish, .openChecklist, .toggleTimer, .resetTimer, .stateTime, .stateTimeAnyway, .insertTouchpoint, .attachEvidence:
            return true
        case .checklist(let command):
            switch command {
            case .answer, .clear, .comment: return true
            default: return false
            }
        default:
            return false
        }
    }
}

extension TextField {
    /// What the field is called in messages: `note`, `comment on item 2`, `evidence path`.
    public var label: String {
        if let item = commentItem { return "comment on item \(item + 1)" }
        switch self {
        case .note: return "note"
        case .adhoc: return "inserted touchpoint"
        case .evidence: return "evidence path"
        case .statedTime: return "stated time"
        default: return rawValue
        }
    }
}
