import Foundation
import JourneyKit
@testable import WalkUI
import Testing

/// A recorder that refuses the records a rule picks (a disk that fills up, a drive that went read-only).
final class RefusingRecorder: WalkRecorder {
    var events: [WalkEvent] = []
    var refuses: (WalkEvent) -> Bool

    init(refusing refuses: @escaping (WalkEvent) -> Bool) { self.refuses = refuses }

    func start(_ details: WalkDetails, at date: Date) throws -> WalkHeader {
        let header = storeHeader(details: details)
        events.append(.started(header))
        return header
    }

    func record(_ event: WalkEvent) throws {
        if refuses(event) { throw MemoryRecorder.Failure(description: "No space left on device: /data/walks/w.jsonl") }
        events.append(event)
    }

    var drafts: [String] {
        events.compactMap { if case .drafted(let change) = $0 { return change.text } else { return nil } }
    }
}

extension WalkEvent {
    var isDraft: Bool { if case .drafted = self { return true } else { return false } }
}

/// Typed text survives every way of leaving: Ctrl-C, a signal, a closed terminal, a full disk.
@Suite struct LeavingWithTextTests {
    let runner = WalkRunner(clock: { at(10) })

    /// Starts the walk, judges the first touchpoint and types its note (`e` right after a verdict).
    func typing(_ text: String) -> [TerminalEvent] { [.key(.enter), .key(.char("m")), .key(.char("e"))] + text.map { .key(.char($0)) } }

    @Test func controlCOnAFullDiskAsksInsteadOfDroppingTheText() {
        var state = WalkState.walkingStore()
        state.press(.char("e"), .char("O"), .char("k"))
        let draft = WalkEvent.drafted(NoteChange(touchpoint: "find-opening-hours", text: "Ok", at: at(20)))
        #expect(state.apply(.key(.control("c")), now: at(20)) == [.record(draft)])
        #expect(state.apply(.recordFailed(draft, reason: "No space left on device"), now: at(20)).isEmpty, "does not leave")
        #expect(state.mode == .unsavedText(reason: "No space left on device", finished: false))
        #expect(state.unsavedTexts == [.note("find-opening-hours"): "Ok"])
        #expect(render(state).text.contains("Text not saved"))
        #expect(render(state).text.contains("Find opening hours online: Ok"))

        // Try again: the same draft is written, and this time the walk leaves.
        #expect(state.apply(.key(.char("r")), now: at(21)) == [.record(.drafted(NoteChange(touchpoint: "find-opening-hours", text: "Ok", at: at(21))))])
        #expect(state.apply(.recorded(.drafted(NoteChange(touchpoint: "find-opening-hours", text: "Ok", at: at(21)))), now: at(21)) == [.leave])
        #expect(state.unsavedTexts.isEmpty)
        #expect(state.mode == .done(finished: false))
    }

    @Test func goingBackToTheTextReopensItWhereItWasTyped() {
        var state = WalkState.walkingStore()
        state.press(.char("m"), .char("e"), .char("H"), .char("i"))
        let draft = WalkEvent.drafted(NoteChange(touchpoint: "find-opening-hours", text: "Hi", at: at(20)))
        _ = state.apply(.key(.control("c")), now: at(20))
        _ = state.apply(.recordFailed(draft, reason: "Read-only file system"), now: at(20))
        _ = state.apply(.key(.char("g")), now: at(21))
        #expect(state.mode == .unsavedText(reason: "Read-only file system", finished: false), "other keys do nothing here")
        _ = state.apply(.key(.char("e")), now: at(21))
        #expect(state.mode == .walking)
        #expect(state.currentStep?.touchpoint.id == "find-opening-hours", "the note was for the touchpoint just judged")
        #expect(state.editor?.line.text == "Hi")
    }

    @Test func leavingAnywayHandsTheTextToTheCaller() {
        let recorder = RefusingRecorder { $0.isDraft }
        let terminal = ScriptedTerminal(typing("Queue of 12") + [.key(.control("c")), .key(.char("l"))])
        let outcome = runner.run(WalkState(journey: storeJourney, details: WalkDetails(), now: at(0)), terminal: terminal, recorder: recorder)
        #expect(outcome.unsaved == [.note("find-opening-hours"): "Queue of 12"])
        #expect(!outcome.finished)
        #expect(terminal.frames.last?.text.contains("Text not saved") == true, "the dialog was shown before leaving")
    }

    @Test func aSignalWhileTypingSavesTheDraftAndLeaves() {
        let recorder = RefusingRecorder { _ in false }
        let terminal = ScriptedTerminal(typing("Door was locked") + [.interrupted(signal: SIGTERM), .key(.char("m"))])
        let outcome = runner.run(WalkState(journey: storeJourney, details: WalkDetails(), now: at(0)), terminal: terminal, recorder: recorder)
        #expect(outcome.signal == SIGTERM)
        #expect(recorder.drafts == ["Door was locked"])
        #expect(outcome.walk?.drafts[.note("find-opening-hours")] == "Door was locked")
        #expect(outcome.unsaved.isEmpty)
        #expect(terminal.events == [.key(.char("m"))], "left at once, before the next key")
    }

    @Test func aSignalOnAFullDiskLeavesWithTheTextInTheOutcome() {
        let recorder = RefusingRecorder { $0.isDraft }
        let terminal = ScriptedTerminal(typing("Staff were kind") + [.interrupted(signal: SIGHUP)])
        let outcome = runner.run(WalkState(journey: storeJourney, details: WalkDetails(), now: at(0)), terminal: terminal, recorder: recorder)
        #expect(outcome.signal == SIGHUP)
        #expect(outcome.unsaved == [.note("find-opening-hours"): "Staff were kind"])
    }

    @Test func aClosedTerminalKeepsTheNoteBeingTyped() {
        let recorder = RefusingRecorder { _ in false }
        let terminal = ScriptedTerminal(typing("Half a sentence"))
        let outcome = runner.run(WalkState(journey: storeJourney, details: WalkDetails(), now: at(0)), terminal: terminal, recorder: recorder)
        #expect(recorder.drafts == ["Half a sentence"])
        #expect(outcome.signal == nil)
    }

    @Test func aDraftThatFailedEarlierIsWrittenWhenLeavingLater() {
        var state = WalkState.walkingStore()
        state.press(.char("e"), .char("A"))
        let draft = WalkEvent.drafted(NoteChange(touchpoint: "find-opening-hours", text: "A", at: at(20)))
        #expect(state.apply(.key(.escape), now: at(20)) == [.record(draft)])
        _ = state.apply(.recordFailed(draft, reason: "No space left on device"), now: at(20))
        #expect(state.unsavedTexts == [.note("find-opening-hours"): "A"])
        state.press(.char("q"))
        let retry = WalkEvent.drafted(NoteChange(touchpoint: "find-opening-hours", text: "A", at: at(30)))
        #expect(state.apply(.key(.char("l")), now: at(30)) == [.record(retry)], "leaving writes the text first")
        #expect(state.apply(.recorded(retry), now: at(30)) == [.leave])
        #expect(state.unsavedTexts.isEmpty)
    }

    @Test func finishingWithTextThatCannotBeWrittenAsksToo() {
        var state = WalkState.walkingStore()
        state.press(.char("e"), .char("Z"))
        let draft = WalkEvent.drafted(NoteChange(touchpoint: "find-opening-hours", text: "Z", at: at(20)))
        _ = state.apply(.key(.escape), now: at(20))
        _ = state.apply(.recordFailed(draft, reason: "disk full"), now: at(20))
        state.press(.char("q"), .char("f"))
        #expect(state.mode == .finalCheck, "four touchpoints are not recorded")
        #expect(state.apply(.key(.char("f")), now: at(30)) == [.record(.finished(at: at(30)))], "completed anyway")
        let retry = WalkEvent.drafted(NoteChange(touchpoint: "find-opening-hours", text: "Z", at: at(30)))
        #expect(state.apply(.recorded(.finished(at: at(30))), now: at(30)) == [], "the debrief first")
        #expect(state.apply(.key(.enter), now: at(30)) == [.record(retry)], "closing the debrief leaves, text first")
        #expect(state.apply(.recordFailed(retry, reason: "disk full"), now: at(30)).isEmpty)
        #expect(state.mode == .unsavedText(reason: "disk full", finished: true))
        #expect(state.apply(.key(.char("l")), now: at(31)) == [.leave])
        #expect(state.mode == .done(finished: true))
    }
}

/// A paste of any length stays within a frame: the editor takes a bounded text and the screen
/// shows the end being typed.
@Suite struct LongPasteTests {
    @Test func theEditorTakesAtMostTheMaximumAndSaysSo() {
        var state = WalkState.walkingStore()
        state.press(.char("e"))
        let text = String(repeating: "abcdefghij", count: LineEditor.maximumLength / 10)
        state.run(text.map { .key(.char($0)) })
        #expect(state.editor?.line.characters.count == LineEditor.maximumLength)
        #expect(state.message == nil || state.message?.kind != .warning)
        state.press(.char("!"))
        #expect(state.editor?.line.characters.count == LineEditor.maximumLength)
        #expect(state.message?.text == "A note holds at most 10,000 characters; the rest was not taken")
        #expect(LineEditor(text + "more").characters.count == LineEditor.maximumLength)
    }

    @Test func theMessageNamesTheFieldThatIsFull() {
        var state = WalkState.walkingStore()
        state.press(.char("c"), .char("n"))
        #expect(state.editor != nil, "a No asks for its comment")
        state.run(String(repeating: "x", count: LineEditor.maximumLength + 1).map { .key(.char($0)) })
        #expect(state.message?.text == "A comment holds at most 10,000 characters; the rest was not taken")
    }

    @Test func theFieldShowsTheEndOfALongTextWithTheCursor() {
        var state = WalkState.walkingStore()
        state.press(.char("e"))
        state.run((String(repeating: "x", count: 5_000) + "THE END").map { .key(.char($0)) })
        let canvas = render(state)
        let row = canvas.text.split(separator: "\n").first { $0.contains("Note") } ?? ""
        #expect(row.contains("xxxTHE END"), "row: \(row)")
        state.press(.home)
        let start = render(state).text.split(separator: "\n").first { $0.contains("Note") } ?? ""
        #expect(!start.contains("THE END"), "at the start, the end scrolls out: \(start)")
    }

    @Test func framesAreSkippedWhileAPasteIsStillArriving() {
        final class PastingTerminal: Terminal {
            var events: [TerminalEvent]
            var frames = 0
            var size: (width: Int, height: Int) { (80, 24) }
            init(_ events: [TerminalEvent]) { self.events = events }
            func nextEvent(timeout: Int) -> TerminalEvent { events.isEmpty ? .closed : events.removeFirst() }
            func draw(_ canvas: Canvas) { frames += 1 }
            var inputPending: Bool { events.count > 1 }
        }
        let paste = String(repeating: "p", count: 500).map { TerminalEvent.key(.char($0)) }
        let terminal = PastingTerminal([.key(.enter), .key(.char("e"))] + paste + [.tick])
        _ = WalkRunner(clock: { at(10) }).run(WalkState(journey: storeJourney, details: WalkDetails(), now: at(0)), terminal: terminal, recorder: MemoryRecorder())
        #expect(terminal.frames < 10, "drew \(terminal.frames) frames for a paste of 500 characters")
    }
}
