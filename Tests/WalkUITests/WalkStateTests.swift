import Foundation
import JourneyKit
@testable import WalkUI
import Testing

@Suite struct WalkStateTests {
    @Test func enterOnTheBriefingAsksTheRunnerToStart() {
        var state = WalkState(journey: storeJourney, details: WalkDetails(operator: "Ann"), now: at(0))
        #expect(state.apply(.key(.enter), now: at(1)) == [.start(WalkDetails(operator: "Ann"))])
        #expect(state.mode == .briefing)
        _ = state.apply(.started(storeHeader()), now: at(1))
        #expect(state.mode == .walking)
        #expect(state.current == 0)
    }

    @Test func briefingFieldsAreEditedBeforeTheStart() {
        var state = WalkState(journey: storeJourney, details: WalkDetails(), now: at(0))
        state.press(.char("e"))
        state.run("Zoë".keys.map { .key($0) })
        state.press(.enter, .down, .char("e"), .char("e"), .down, .char("e"))
        state.run("Gare du Nord".keys.map { .key($0) })
        state.press(.escape)
        #expect(state.details == WalkDetails(operator: "Zoë", role: .leader, location: "", channel: ""))
        #expect(state.mode == .briefing)
    }

    @Test func aVerdictIsOnlyShownOnceRecordedAndMovesOn() {
        var state = WalkState.walkingStore()
        let effects = state.apply(.key(.char("M")), now: at(20))
        guard case .record(.rated(let change))? = effects.first else {
            Issue.record("expected a record effect, got \(effects)")
            return
        }
        #expect(change == RatingChange(touchpoint: "find-opening-hours", rating: Rating(.magic, intensity: 2), at: at(20), timerSeconds: 20))
        #expect(state.currentMoment.rating == nil, "nothing is shown before the disk has it")
        #expect(state.current == 0)
        _ = state.apply(.recorded(.rated(change)), now: at(20))
        #expect(state.walk?.moment(for: "find-opening-hours").rating == Rating(.magic, intensity: 2))
        #expect(state.current == 1)
        #expect(state.message?.text == "Saved ★★ strong magic: Find opening hours online · e T c t a @ act on it; Esc: this one")
    }

    @Test func aFailedSaveChangesNothingAndSaysSo() {
        var state = WalkState.walkingStore()
        let effects = state.apply(.key(.char("x")), now: at(5))
        guard case .record(let event)? = effects.first else { Issue.record("no record effect"); return }
        _ = state.apply(.recordFailed(event, reason: "/w.jsonl: No space left on device"), now: at(5))
        #expect(state.current == 0)
        #expect(state.walk?.summary.unrecorded == 5)
        #expect(state.message == .init(text: "NOT SAVED (try again): /w.jsonl: No space left on device", kind: .error))
    }

    @Test func everyVerdictKeyRecordsItsVerdict() {
        var state = WalkState.walkingStore()
        state.press(.char("m"), .char("n"), .char("x"), .char("X"), .char("s"))
        let ratings = storeJourney.steps.map { state.walk?.moment(for: $0.touchpoint.id).rating }
        #expect(ratings == [Rating(.magic), Rating(.neutral), Rating(.misery), Rating(.misery, intensity: 2), Rating(.skipped)])
        #expect(state.current == 4, "the last touchpoint stays current")
        #expect(state.message?.text.hasSuffix("all touchpoints recorded: q to finish") == true)
    }

    @Test func walkingBackChangesAVerdict() {
        var state = WalkState.walkingStore()
        state.press(.char("m"), .char("x"), .left, .char("n"))
        #expect(state.walk?.moment(for: "greeting").rating == Rating(.neutral))
        #expect(state.current == 2)
        #expect(state.walk?.position == 2)
    }

    @Test func undoTakesBackVerdictsAndNotesInOrder() {
        var state = WalkState.walkingStore()
        state.press(.char("m"), .char("e"))
        state.run("Slow".keys.map { .key($0) })
        state.press(.enter, .char("x"))
        #expect(state.undoStack.count == 3)
        state.press(.char("u"))
        #expect(state.walk?.moment(for: "greeting").rating == nil)
        #expect(state.current == 1)
        state.press(.char("u"))
        #expect(state.walk?.moment(for: "greeting").note == "")
        state.press(.char("u"))
        #expect(state.walk?.moment(for: "find-opening-hours").rating == nil)
        #expect(state.current == 0)
        state.press(.char("u"))
        #expect(state.message?.text == "Nothing to undo")
    }

    @Test func notesAreEditedAsUTF8AndEscapeKeepsTheDraft() {
        var state = WalkState.walkingStore()
        state.press(.char("e"))
        state.run("Café ★ naïve".keys.map { .key($0) })
        state.press(.left, .left, .backspace, .char("i"))
        #expect(state.editor?.line.text == "Café ★ naive")
        state.press(.escape)
        #expect(state.editor == nil)
        #expect(state.walk?.moment(for: "find-opening-hours").note == "")
        #expect(state.texts.note("find-opening-hours") == "Café ★ naive")
        #expect(state.walk?.drafts[.note("find-opening-hours")] == "Café ★ naive", "the draft is in the journal too")
        state.press(.char("e"))
        #expect(state.editor?.line.text == state.texts.note("find-opening-hours"))
        state.press(.control("u"))
        state.run("Hours wrong on Google".keys.map { .key($0) })
        state.press(.enter)
        #expect(state.walk?.moment(for: "find-opening-hours").note == "Hours wrong on Google")
        #expect(state.texts.entries.isEmpty)
        #expect(state.walk?.drafts.isEmpty == true)
        #expect(state.editor == nil)
    }

    @Test func keysTypedInTheEditorAreTextNotCommands() {
        var state = WalkState.walkingStore()
        state.press(.char("e"), .char("q"), .char("m"), .char("?"), .char("u"), .enter)
        #expect(state.walk?.moment(for: "find-opening-hours").note == "qm?u")
        #expect(state.walk?.moment(for: "find-opening-hours").rating == nil)
        #expect(state.mode == .walking)
    }

    @Test func leavingAsksFirstAndCanResumeLater() {
        var state = WalkState.walkingStore()
        state.press(.char("m"), .char("q"))
        #expect(state.mode == .confirmLeave)
        state.press(.escape)
        #expect(state.mode == .walking)
        state.press(.char("q"))
        var effects = state.apply(.key(.char("l")), now: at(30))
        #expect(effects == [.leave])
        #expect(state.mode == .done(finished: false))
        state = WalkState.walkingStore()
        state.press(.char("q"), .char("f"))
        #expect(state.mode == .finalCheck, "nothing is recorded: the final check lists it")
        effects = state.apply(.key(.char("f")), now: at(30))
        #expect(effects == [.record(.finished(at: at(30)))])
        effects = state.apply(.recorded(.finished(at: at(30))), now: at(30))
        #expect(effects == [], "the debrief comes up before leaving")
        #expect(state.debrief != nil)
        #expect(state.walk?.isFinished == true)
        effects = state.apply(.key(.enter), now: at(31))
        #expect(effects == [.leave])
        #expect(state.mode == .done(finished: true))
    }

    @Test func controlCLeavesAtOnceKeepingTheNoteBeingTyped() {
        var state = WalkState.walkingStore()
        state.press(.char("m"), .char("e"), .char("O"), .char("k"))
        // `e` right after the verdict is for the touchpoint just judged.
        let draft = WalkEvent.drafted(NoteChange(touchpoint: "find-opening-hours", text: "Ok", at: at(20)))
        #expect(state.apply(.key(.control("c")), now: at(20)) == [.record(draft)])
        #expect(state.editor == nil)
        #expect(state.apply(.recorded(draft), now: at(20)) == [.leave], "leaves once the draft is on disk")
        #expect(state.mode == .done(finished: false))
    }

    @Test func quittingTheBriefingSavesNothing() {
        var state = WalkState(journey: storeJourney, details: WalkDetails(), now: at(0))
        #expect(state.apply(.key(.char("q")), now: at(1)) == [.leave])
        #expect(state.walk == nil)
    }

    @Test func aTerminalTooSmallIgnoresKeysButQ() {
        var state = WalkState.walkingStore()
        _ = state.apply(.resized(width: 40, height: 10), now: at(1))
        #expect(state.apply(.key(.char("m")), now: at(2)).isEmpty)
        #expect(state.apply(.key(.char("q")), now: at(2)) == [.leave])
    }

    @Test func theTimerCountsEachTouchpointAcrossVisits() {
        var state = WalkState.walkingStore()
        _ = state.apply(.tick, now: at(40))
        #expect(state.timerSeconds == 40)
        var queue = state.apply(.key(.right), now: at(40))
        if case .record(let event)? = queue.first { queue = state.apply(.recorded(event), now: at(40)) }
        _ = state.apply(.tick, now: at(45))
        #expect(state.timerSeconds == 5)
        _ = state.apply(.key(.left), now: at(50))
        _ = state.apply(.tick, now: at(52))
        #expect(state.timerSeconds == 42)
    }

    @Test func helpOpensScrollsAndClosesWithoutActing() {
        var state = WalkState.walkingStore()
        state.press(.char("?"))
        #expect(state.help != nil)
        state.press(.down, .down)
        #expect(state.help?.offset == 2)
        state.press(.char("m"))
        #expect(state.help == nil)
        #expect(state.walk?.summary.magic == 0, "the key that closes help does nothing else")
    }

    @Test func resumingStartsAtTheStoredPosition() throws {
        var walk = Walk(header: storeHeader())
        walk.apply(.rated(RatingChange(touchpoint: "find-opening-hours", rating: Rating(.magic), at: at(5), timerSeconds: 5)))
        walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: Rating(.misery), at: at(9), timerSeconds: 4)))
        let state = WalkState(resuming: walk, warnings: [], now: at(100))
        #expect(state.mode == .walking)
        #expect(state.current == 2)
        #expect(state.message?.text == "Resumed: 2 of 5 touchpoints recorded")
        walk.apply(.drafted(NoteChange(touchpoint: "needs", text: "Asked two questions", at: at(12))))
        #expect(WalkState(resuming: walk, warnings: [], now: at(100)).texts.entries.mapValues(\.text) == [.note("needs"): "Asked two questions"])
        let warned = WalkState(resuming: walk, warnings: ["w.jsonl:4: the last record was cut off"], now: at(100))
        #expect(warned.message == .init(text: "w.jsonl:4: the last record was cut off", kind: .warning))
    }
}

@Suite struct LineEditorTests {
    @Test func editsByCharacter() {
        var line = LineEditor("naïve")
        #expect(line.handle(.left) == .edited)
        #expect(line.handle(.backspace) == .edited)
        #expect(line.text == "naïe")
        #expect(line.handle(.home) == .edited)
        _ = line.handle(.char("★"))
        #expect(line.text == "★naïe")
        _ = line.handle(.delete)
        #expect(line.text == "★aïe")
        _ = line.handle(.end)
        _ = line.handle(.control("w"))
        #expect(line.text == "")
        #expect(line.handle(.enter) == .submit)
        #expect(line.handle(.escape) == .cancel)
        #expect(line.handle(.backspace) == .ignored)
    }
}
