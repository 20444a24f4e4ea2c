import Foundation
import JourneyKit

/// How a plain walk session ended, and which lines of input it could not carry out.
public struct PlainOutcome: Equatable, Sendable {
    public var walk: Walk?
    public var finished: Bool
    /// Lines refused or not saved, each as `line N: why`.
    public var problems: [String]
    /// Text that could not be written (touchpoint id to text), for the caller to print.
    public var unsaved: [String: String] = [:]

    /// The same outcome as a full-screen walk's, for reporting it the same way.
    public var walkOutcome: WalkOutcome { WalkOutcome(walk: walk, finished: finished, unsaved: unsaved) }
}

/// Runs the walk line by line: each line of input is a command (see `PlainWords`), each result a
/// line of plain text. It drives the same `WalkState` with the same keys as the full-screen walk, so
/// the walk file is the same; nothing it writes moves a cursor, draws a box or sets a colour.
public struct PlainRunner {
    public var clock: () -> Date
    /// Name the input line in refusals (input from a file or a pipe rather than typed).
    public var numbered: Bool

    public init(clock: @escaping () -> Date = Date.init, numbered: Bool = false) {
        self.clock = clock
        self.numbered = numbered
    }

    /// Reads lines until the walk is finished or left, or the input ends (which leaves it for later).
    /// Every line written is sanitized: text from files or input cannot send control characters.
    public func run(_ initial: WalkState, recorder: WalkRecorder, input: () -> String?, output: (String) -> Void) -> PlainOutcome {
        var walk = PlainWalk(state: initial, recorder: recorder, clock: clock, numbered: numbered)
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
    var lineNumber = 0
    var pending: [String] = []
    var problems: [String] = []
    /// Lines a command adds after the walk's own message.
    var afterMessage: [String] = []

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
            sendWalk(.start)
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
                refuse("unknown command '\(trimmed)'", hint: "commands: " + table.summary)
            }
            return
        }
        let before = (mode: state.mode, current: state.current, started: state.walk != nil)
        state.message = nil
        switch entry.command {
        case .keys(let commands):
            for command in commands where !isOver {
                guard let key = state.keyMap.bindings.first(where: { $0.command == command })?.keys.first else {
                    refuse("'\(entry.words.first ?? "")' cannot be done here")
                    return
                }
                send(key)
            }
            if state.editor != nil, commands.contains(.backToText) {
                // Plain mode edits a note with the note command only: close the editor again (its
                // text stays unsaved and is written as a draft when the disk allows).
                let failure = state.message
                sendEditor(.cancel)
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
        if let debrief = state.debrief {
            // The debrief of a finished walk is said once, then the walk is left as the screen's Enter does.
            say(["", "Debrief · " + debrief.title] + debrief.summary.lines(width: 10_000, today: state.today).map(\.text))
            perform(.key(.enter))
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
            if message.kind == .error { problems.append(numbered ? "line \(lineNumber): \(message.text)" : message.text) }
        }
        say(afterMessage)
        afterMessage = []
        if state.mode != before.mode || state.current != before.current { show() }
    }

    /// Says why a line was not carried out (and what would be) and keeps it for the end.
    mutating func refuse(_ text: String, hint: String? = nil) {
        let line = numbered ? "line \(lineNumber): \(text)" : text
        say(line.prefix(1).uppercased() + line.dropFirst() + (hint.map { "; " + $0 } ?? ""))
        problems.append(line)
    }

    // MARK: - Driving the walk with its own keys

    /// Presses one key and performs the work it asks for, as the full-screen runner does.
    mutating func send(_ key: Key) {
        perform(.key(key))
    }

    /// Applies an action and performs the work it asks for, as the full-screen runner does.
    mutating func perform(_ action: WalkAction) {
        var queue = state.apply(action, now: clock())
        while !queue.isEmpty {
            switch queue.removeFirst() {
            case .leave:
                break
            case .findActionIDs:
                queue += state.apply(.actionIDsFound(recorder.actionIDsInUse()), now: clock())
            case .start(let details):
                do {
                    let header = try recorder.start(details, at: clock())
                    queue += state.apply(.started(header), now: clock())
                } catch {
                    queue += state.apply(.recordFailed(nil, reason: String(describing: error)), now: clock())
                }
            case .record(let event):
                do {
                    try recorder.record(event)
                    queue += state.apply(.recorded(event), now: clock())
                } catch {
                    queue += state.apply(.recordFailed(event, reason: String(describing: error)), now: clock())
                }
            }
        }
    }

    mutating func sendWalk(_ command: WalkCommand) {
        if let key = state.keyMap.bindings.first(where: { $0.command == command })?.keys.first { send(key) }
    }

    private mutating func sendEditor(_ command: LineEditor.Command) {
        if let key = LineEditor.keys.bindings.first(where: { $0.command == command })?.keys.first { send(key) }
    }

    /// Types a line into the open editor, replacing its text, and saves it.
    private mutating func type(_ text: String) {
        sendEditor(.end)
        sendEditor(.clearToStart)
        for character in text {
            if character == "\t" {
                send(.char(" "))
            } else if !(character.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) {
                send(.char(character))
            }
        }
        sendEditor(.save)
    }

    /// Saves the note of the current touchpoint through the walk's note editor.
    private mutating func writeNote(_ text: String) {
        sendWalk(.editNote)
        guard state.editor != nil else {
            refuse("the note cannot be written here")
            return
        }
        type(text)
        if state.editor != nil {
            // The disk refused it: close the editor so the next line is a command again.
            let failure = state.message
            sendEditor(.cancel)
            state.message = failure
            afterMessage.append("The note was not saved; type the note command again to retry (show says the unsaved draft).")
        } else if state.message == nil {
            state.message = WalkState.Message(text: "The note is unchanged.", kind: .info)
        }
    }

    /// Sets a briefing field by choosing it and editing it as the briefing screen does.
    private mutating func setField(_ field: WalkState.BriefingField, _ text: String) {
        for _ in WalkState.BriefingField.allCases where state.briefingField != field { sendWalk(.fieldDown) }
        guard state.briefingField == field else { return }
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
            for _ in 0...WalkRole.allCases.count where state.details.role != wanted { sendWalk(.editField) }
        } else {
            sendWalk(.editField)
            guard state.editor != nil else { return }
            type(text)
        }
        let value = state.fieldValue(field)
        say("\(field.label): " + (value.isEmpty ? "not given" : value))
    }
}
