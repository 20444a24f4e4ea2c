import Foundation
import JourneyKit

/// How a plain walk session ended, and which lines of input it could not carry out.
public struct PlainOutcome: Equatable, Sendable {
    public var walk: Walk?
    public var finished: Bool
    /// Lines refused or not saved, each as `line N: why`.
    public var problems: [String]
    /// Text that could not be written (by touchpoint and field), for the caller to print.
    public var unsaved: [Walk.DraftKey: String] = [:]

    /// The same outcome as a full-screen walk's, for reporting it the same way.
    public var walkOutcome: WalkOutcome { WalkOutcome(walk: walk, finished: finished, unsaved: unsaved) }
}

/// Runs the walk line by line: each line of input is a command (see `PlainWords`), each result a
/// line of plain text. Each command is an intent (`WalkIntent`) applied to the same `WalkState` as
/// the full-screen walk, never a key press, so the walk file is the same whatever the keys are bound
/// to; nothing it writes moves a cursor, draws a box or sets a colour.
public struct PlainRunner {
    public var clock: () -> Date
    /// Name the input line in refusals (input from a file or a pipe rather than typed).
    public var numbered: Bool
    /// Reads evidence files for `attach PATH`.
    public var readEvidence: EvidenceReader

    public init(clock: @escaping () -> Date = Date.init, numbered: Bool = false, readEvidence: @escaping EvidenceReader = { _, _ in throw NoEvidenceReader() }) {
        self.clock = clock
        self.numbered = numbered
        self.readEvidence = readEvidence
    }

    /// Reads lines until the walk is finished or left, or the input ends (which leaves it for later).
    /// Every line written is sanitized: text from files or input cannot send control characters.
    public func run(_ initial: WalkState, recorder: WalkRecorder, input: () -> String?, output: (String) -> Void) -> PlainOutcome {
        var walk = PlainWalk(state: initial, recorder: recorder, clock: clock, numbered: numbered, readEvidence: readEvidence)
        walk.introduce()
        func flush() {
            for line in walk.pending { output(TerminalText.sanitize(line)) }
            walk.pending = []
        }
        flush()
        while !walk.isOver, let line = input() {
            walk.lineNumber += 1
            walk.handle(line)
            flush()
        }
        if !walk.isOver {
            walk.say(walk.state.walk == nil
                ? "End of input: leaving; the walk was not started."
                : "End of input: leaving the walk for later; everything recorded is saved and it can be resumed.")
            // As for a closed terminal: text not yet on disk is written once more, then the walk is left.
            walk.perform(.interrupted)
            flush()
        }
        return PlainOutcome(
            walk: walk.state.walk, finished: walk.state.mode == .done(finished: true), problems: walk.problems, unsaved: walk.state.unsavedTexts)
    }
}

/// One plain walk in progress: the state, the lines to write, and what went wrong.
struct PlainWalk {
    var state: WalkState
    let recorder: WalkRecorder
    let clock: () -> Date
    let numbered: Bool
    let readEvidence: EvidenceReader
    var lineNumber = 0
    var pending: [String] = []
    var problems: [String] = []
    /// Lines a command adds after the walk's own message.
    var afterMessage: [String] = []
    /// How deep the undo stack was before each line of this session that added to it: `undo`
    /// takes back all that the last such line wrote (`recovery y y y` is three records, one line).
    var lineUndoMarks: [Int] = []

    var isOver: Bool {
        if case .done = state.mode { return true }
        return false
    }

    mutating func say(_ line: String) { pending.append(line) }
    mutating func say(_ lines: [String]) { pending += lines }

    /// The first words: the briefing of a new walk, or where a resumed walk stands.
    mutating func introduce() {
        if state.mode == .briefing {
            say(PlainScreen.briefing(state))
            return
        }
        if let message = state.message { say(PlainScreen.message(message)) }
        // A returned walk's notice is said here, in lines; nothing is drawn over a plain walk.
        say(PlainScreen.review(state))
        state.returnNotice = nil
        say(Self.walkingHint)
        show()
    }

    /// The verdict words and their letters from the walking table, then the commands used most.
    static let walkingHint: String = {
        let table = PlainWords.walking
        let verdicts = table.entries.filter {
            if case .keys(let commands) = $0.command, case .rate? = commands.first { return true }
            return false
        }
        let words = verdicts.compactMap(\.words.first)
        let letters = verdicts.flatMap { table.letters(of: $0) }
        return "One line per command: \(words.dropLast().joined(separator: ", ")) or \(words.last ?? "") (\(letters.joined(separator: " "))), "
            + "note TEXT, back, undo, finish, leave; help lists them all."
    }()

    /// Says what the walk is on now: the briefing, the touchpoint or the question.
    mutating func show() {
        switch state.mode {
        case .briefing: say(PlainScreen.briefing(state))
        case .walking: say([""] + PlainScreen.touchpoint(state))
        case .confirmLeave: say([""] + PlainScreen.confirm(state))
        case .finalCheck: say([""] + PlainScreen.finalCheck(state))
        case .confirmStatedTime: say([""] + PlainScreen.statedTimeQuestion(state))
        case .unsavedText(let reason, _): say([""] + PlainScreen.unsaved(state, reason: reason))
        case .done: break
        }
    }

    /// Carries out one line of input.
    mutating func handle(_ raw: String) {
        let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
        let trimmed = line.trimmingSpaces
        if trimmed.hasPrefix("#") { return }
        var table = PlainWords.table(for: state.mode)
        if table.match(line) == nil, state.mode == .briefing, PlainWords.walking.match(line) != nil {
            // A walking command on the briefing starts the walk first, then is carried out.
            let before = (mode: state.mode, current: state.current, started: state.walk != nil)
            state.message = nil
            command(.start)
            report(since: before)
            guard state.mode == .walking else { return }
            table = PlainWords.walking
        }
        guard let (entry, text) = table.match(line).map({ ($0.entry, $0.text) }) else {
            let first = trimmed.split(whereSeparator: \.isWhitespace).first.map { String($0).lowercased() }
            let known = first.flatMap { first in table.entries.first { $0.words.contains(first) } }
            if let known, known.argument == nil {
                refuse("'\(known.words.first ?? "")' takes nothing after it", hint: "commands: " + table.summary)
            } else {
                refuse("unknown command '\(Self.echoed(trimmed))'", hint: "commands: " + table.summary)
            }
            return
        }
        let before = (mode: state.mode, current: state.current, started: state.walk != nil)
        let undoDepth = state.undoStack.count
        state.message = nil
        switch entry.command {
        case .keys([.undo]):
            undoLastLine()
        case .keys(let commands):
            for command in commands where !isOver {
                // Whether the command is one of this moment of the walk, not which key it has.
                guard state.offers(command) else {
                    refuse("'\(entry.words.first ?? "")' cannot be done here")
                    return
                }
                self.command(command)
            }
            if state.editor != nil, commands.contains(.correctStatedTime) {
                // Plain mode states a time with the at command only: the time typed is dropped (it is in the input).
                dropEditor()
            }
            if state.editor != nil, commands.contains(.backToText) {
                // Plain mode edits a note with the note command only: close the editor again (its
                // text stays unsaved and is written as a draft when the disk allows).
                let failure = state.message
                perform(.intent(.closeEditor(keepingDraft: true)))
                closeChecklist()
                state.message = failure
            }
        case .note:
            if text.isEmpty {
                say(PlainScreen.note(state))
            } else {
                writeNote(text)
            }
        case .deleteNote:
            if state.currentMoment.note.isEmpty {
                say("There is no note to delete.")
            } else {
                writeNote("")
            }
        case .field(let field):
            setField(field, text)
        case .answer(let answer):
            answerItem(answer, text)
        case .comment:
            commentItem(text)
        case .checklist:
            say(PlainScreen.checklist(state))
            return
        case .statedTime:
            if text.isEmpty {
                let stated = state.currentMoment.statedAt.map { "Stated time: " + StatedTime.dateAndClock($0, timeZone: state.timeZone) } ?? "No time stated for this touchpoint."
                say(stated + " Accepted: " + StatedTime.forms(timeZone: state.timeZone, at: clock()) + "; at none takes it back.")
                return
            }
            let time = text.lowercased() == "none" ? "" : text
            fill(.stateTime(time), [(time, "A stated time")], refused: "The time was not stated.")
            if state.editor == nil, state.askedFirst == .stateTime, let said = state.message?.plain ?? state.message?.text {
                // Asked, not stated: a script that goes on without answering fails visibly.
                state.message = nil
                refuse(said)
            }
        case .insert:
            let parts = text.components(separatedBy: " / ")
            let title = parts[0].trimmingSpaces
            guard !title.isEmpty else {
                refuse("insert needs a title: insert TITLE or insert TITLE / CHANNEL")
                return
            }
            let channel = parts.dropFirst().joined(separator: " / ").trimmingSpaces
            fill(.insert(title: title, channel: channel), [(title, "A title"), (channel, "A channel")], refused: "Nothing was inserted.")
        case .attach:
            guard !text.isEmpty else {
                refuse("attach needs the path of a file: attach PATH")
                return
            }
            fill(.attach(path: text), [(text, "A path")], refused: "Nothing was attached.")
        case .goTo:
            goToProblem(text)
        case .show:
            show()
            return
        case .timeline:
            say(PlainScreen.timeline(state))
            return
        case .help:
            say(table.helpLines)
            return
        case .tags:
            if !setTags(text) { return }
        case .recovery:
            if !setRecovery(text) { return }
        case .praise:
            if !setPraise(text) { return }
        case .action:
            if !addAction(text) { return }
        }
        if entry.command != .keys([.undo]), state.undoStack.count > undoDepth { lineUndoMarks.append(undoDepth) }
        if let debrief = state.debrief {
            // The debrief of a finished walk is said once, then the walk is left as the screen's Enter does.
            say(["", "Debrief · " + debrief.title] + debrief.debrief.lines(width: 10_000, today: state.today, plain: true).map(\.text))
            perform(.intent(.leaveDebrief))
        }
        report(since: before)
    }

    /// Says what a command did: the walk's own message, then the touchpoint when it changed.
    private mutating func report(since before: (mode: WalkState.Mode, current: Int, started: Bool)) {
        if !before.started, state.walk != nil {
            say("Walk started: \(PlainScreen.count(state.steps.count, "touchpoint")), each saved as you go.")
            say(Self.walkingHint)
            show()
            return
        }
        if let message = state.message {
            say(PlainScreen.message(message))
            if message.kind == .error {
                let text = message.plain ?? message.text
                problems.append(numbered ? "line \(lineNumber): \(text)" : text)
            }
        }
        say(afterMessage)
        afterMessage = []
        if state.mode != before.mode || state.current != before.current { show() }
    }

    /// The longest part of an input line said back in a refusal, in columns.
    static let longestEcho = 60

    /// A line of input as a refusal says it back: control characters shown, not sent, and cut to
    /// `longestEcho` columns with `…` (a line of 100,000 characters is not said back whole, twice).
    static func echoed(_ line: String) -> String {
        TerminalText.clip(TerminalText.sanitize(line), to: longestEcho)
    }

    /// Says why a line was not carried out (and what would be) and keeps it for the end.
    mutating func refuse(_ text: String, hint: String? = nil) {
        let line = numbered ? "line \(lineNumber): \(text)" : text
        say(line.prefix(1).uppercased() + line.dropFirst() + (hint.map { "; " + $0 } ?? ""))
        problems.append(line)
    }

    /// `undo`: `u` as often as it takes to take back every record the last line wrote; once for a
    /// change made before this session (after a resume, as the walk screen's `u`).
    private mutating func undoLastLine() {
        while let mark = lineUndoMarks.last, mark >= state.undoStack.count { lineUndoMarks.removeLast() }
        let target = lineUndoMarks.popLast() ?? max(0, state.undoStack.count - 1)
        var left = state.undoStack.count
        command(.undo)
        while state.undoStack.count < left, state.undoStack.count > target {
            left = state.undoStack.count
            command(.undo)
        }
        // A write the disk refused stops it: the rest of the line is taken back by the next undo.
        if state.undoStack.count > target { lineUndoMarks.append(target) }
    }

    // MARK: - Driving the walk by intent

    /// Applies an action and performs the work it asks for, as the full-screen runner does.
    mutating func perform(_ action: WalkAction) {
        _ = WalkEffectHandler(recorder: recorder, readEvidence: readEvidence, clock: clock).perform(action, on: &state)
    }

    /// Carries out a command of the walk, whichever key (if any) is bound to it.
    mutating func command(_ command: WalkCommand) {
        perform(.intent(.command(command)))
    }

    /// Control characters are not typed (a tab is typed as a space).
    static func isControl(_ character: Character) -> Bool {
        character != "\t" && (character.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false)
    }

    /// A text longer than a field holds keeps its first `LineEditor.maximumLength` characters (as
    /// typing or pasting it on the full screen does); the line says so and is counted as a problem.
    mutating func sayIfCut(_ text: String, _ holder: String) {
        let typed = text.reduce(0) { $0 + (Self.isControl($1) ? 0 : 1) }
        guard typed > LineEditor.maximumLength else { return }
        let rest = typed - LineEditor.maximumLength
        let said = "\(holder) holds at most \(LineEditor.maximumLengthText) characters; the rest (\(Counted.grouped(rest)) \(rest == 1 ? "character" : "characters")) was not taken"
        afterMessage.append("Warning: " + said)
        problems.append(numbered ? "line \(lineNumber): \(said)" : said)
    }

    /// Saves the note of the moment the recording commands act on.
    private mutating func writeNote(_ text: String) {
        guard state.currentStep != nil else {
            refuse("the note cannot be written here")
            return
        }
        perform(.intent(.setNote(text)))
        sayIfCut(text, "A note")
        if let editor = state.editor {
            // The disk refused it: close the editor so the next line is a command again.
            let failure = state.message
            perform(.intent(.closeEditor(keepingDraft: true)))
            state.message = failure
            if case .note(let id) = editor.target, id != state.currentStep?.touchpoint.id {
                // The note was for the moment just judged: a note typed now would go to the one on screen.
                let title = state.steps.first { $0.touchpoint.id == id }?.touchpoint.title ?? id
                afterMessage.append("The note for \(title) was not saved; go back to it (back) and type the note command again to retry (show there says the unsaved draft).")
            } else {
                afterMessage.append("The note was not saved; type the note command again to retry (show says the unsaved draft).")
            }
        } else if state.message == nil {
            state.message = WalkState.Message(text: "The note is unchanged.", kind: .info)
        }
    }

    // MARK: - Field kit

    /// The item number at the start of a line's text and what follows it, or nil with a refusal said.
    private mutating func item(in text: String, command: String) -> (item: Int, rest: String)? {
        // Right after a verdict, the checklist of the moment just judged (`WalkState.justJudged`).
        let target = state.recordingTarget
        let count = target?.touchpoint.checklist.count ?? 0
        guard count > 0 else {
            refuse(state.justJudged != nil ? "\(target?.touchpoint.title ?? "the touchpoint just judged") (just judged) has no checklist" : "this touchpoint has no checklist")
            return nil
        }
        let number = text.prefix { $0.isNumber }
        guard let item = Int(number), (1...count).contains(item) else {
            refuse("\(command) needs an item number from 1 to \(count), as in: \(command) 1")
            return nil
        }
        return (item - 1, String(text.dropFirst(number.count)).trimmingSpaces)
    }

    /// Closes the checklist if it is open, keeping the message of what was done.
    private mutating func closeChecklist() {
        let said = state.message
        if state.checklist != nil { command(.checklist(.close)) }
        state.message = said
    }

    /// `answer yes|no|na ITEM [COMMENT]`: the answer, and a No's comment after it.
    private mutating func answerItem(_ answer: Answer, _ text: String) {
        guard let (item, comment) = item(in: text, command: "answer \(answer.rawValue)") else { return }
        perform(.intent(.answer(item: item, answer)))
        let answered = state.message
        if state.message == nil { state.message = WalkState.Message(text: "Unchanged: item \(item + 1) is \(answer.label) already.", kind: .info) }
        guard answered?.kind != .error else { return }
        if answer == .no {
            if comment.isEmpty {
                let id = state.recordingTarget?.touchpoint.id ?? ""
                if state.walk?.moment(for: id).comments[item] == nil { afterMessage.append("A No needs a comment: comment \(item + 1) TEXT") }
            } else {
                writeComment(item, comment)
            }
        } else if !comment.isEmpty {
            afterMessage.append("Only a No takes a comment after the number; comment \(item + 1) TEXT writes one on any item.")
        }
    }

    /// `comment ITEM TEXT`.
    private mutating func commentItem(_ text: String) {
        guard let (item, comment) = item(in: text, command: "comment") else { return }
        state.message = nil
        writeComment(item, comment)
    }

    /// Writes a comment; a refused write leaves its text as unsaved (written when leaving).
    private mutating func writeComment(_ item: Int, _ comment: String) {
        let before = state.message
        state.message = nil
        perform(.intent(.comment(item: item, comment)))
        sayIfCut(comment, "A comment")
        if state.editor != nil {
            dropEditor()
        } else if state.message == nil {
            state.message = before ?? WalkState.Message(text: "The comment is unchanged.", kind: .info)
        }
    }

    /// A field filled by intent (a stated time, an ad-hoc touchpoint, an evidence path), each
    /// text said when it is cut; a refused text (a malformed time, a missing file) closes the
    /// field with nothing kept (the text is in the input).
    private mutating func fill(_ intent: WalkIntent, _ lines: [(text: String, holder: String)], refused: String) {
        perform(.intent(intent))
        for line in lines { sayIfCut(line.text, line.holder) }
        // An earlier stated time is asked about first (yes or no); its text waits meanwhile.
        if state.editor != nil, state.statedTimeQuestion == nil {
            let failure = state.message
            dropEditor()
            state.message = failure
            afterMessage.append(refused)
        } else if state.editor == nil, state.message == nil {
            refuse("this cannot be done here")
        }
    }

    /// Closes the editor as it is, with nothing written: the line was refused (its text is in the
    /// input), or a write failed (the walk keeps that text as unsaved and writes it when leaving).
    private mutating func dropEditor() {
        perform(.intent(.closeEditor(keepingDraft: false)))
    }

    /// `go N` in the final check: select item N with the check's keys and go there.
    private mutating func goToProblem(_ text: String) {
        let count = state.finalCheck?.problems.count ?? 0
        guard let number = Int(text.trimmingSpaces), (1...max(1, count)).contains(number), count > 0 else {
            refuse("go needs an item number from 1 to \(count), as in: go 1")
            return
        }
        perform(.intent(.goToProblem(number - 1)))
        if state.editor != nil {
            // Plain mode writes with its own commands: say which one instead of holding an editor open.
            let said = state.message
            let isNote: Bool
            if case .note? = state.editor?.target { isNote = true } else { isNote = false }
            dropEditor()
            closeChecklist()
            state.message = said
            afterMessage.append(isNote ? "Write the note with: note TEXT" : "Write the comment with: comment ITEM TEXT")
        }
    }

    /// Sets a briefing field.
    private mutating func setField(_ field: WalkState.BriefingField, _ text: String) {
        if field == .role {
            let wanted: WalkRole?
            if text.isEmpty || text.lowercased() == "none" {
                wanted = nil
            } else if let role = WalkRole(rawValue: text.lowercased()) {
                wanted = role
            } else {
                refuse("role must be \(WalkRole.allCases.map(\.rawValue).joined(separator: ", ")) or none, not '\(text)'")
                return
            }
            perform(.intent(.setBriefing(.role, wanted?.rawValue ?? "")))
        } else {
            perform(.intent(.setBriefing(field, text)))
            sayIfCut(text, "The " + field.label.lowercased())
        }
        let value = state.fieldValue(field)
        say("\(field.label): " + (value.isEmpty ? "not given" : value))
    }
}
