import Foundation
import JourneyKit
@testable import WalkUI
import Testing

/// Notes and corrections land where the operator meant them: `e` right after a verdict notes the
/// moment just judged, and a changed verdict changes nothing else.
@Suite struct NoteAfterVerdictTests {
    @Test func eRightAfterAVerdictNotesTheMomentJustJudged() {
        var state = WalkState.walking(shopJourney)
        state.press(.char("m"))
        #expect(state.currentStep?.touchpoint.id == "browse", "the verdict moves on")
        #expect(state.message?.text == "Saved ★ magic: Greeting")
        state.press(.char("e"))
        #expect(state.editor?.target == .note(touchpoint: "greeting"))
        #expect(state.message?.text == "Note for Greeting, just judged: Enter saves, Esc keeps a draft")
        state.type("Warm welcome")
        #expect(state.walk?.moment(for: "greeting").note == "Warm welcome")
        #expect(state.walk?.moment(for: "browse").note == "")
        #expect(state.currentStep?.touchpoint.id == "browse", "saving the note does not walk back")
        #expect(state.walk?.position == 1, "nor does the file's record of it")
        #expect(state.message?.text == "Note saved: Greeting")
        state.press(.char("e"))
        #expect(state.editor?.target == .note(touchpoint: "browse"), "a second e is for the touchpoint on screen")
    }

    @Test func anyOtherKeyBetweenMakesENoteTheTouchpointOnScreen() {
        var state = WalkState.walking(shopJourney)
        state.press(.char("m"), .right, .left, .char("e"))
        #expect(state.editor?.target == .note(touchpoint: "browse"))
        var undone = WalkState.walking(shopJourney)
        undone.press(.char("m"), .char("u"), .char("e"))
        #expect(undone.editor?.target == .note(touchpoint: "greeting"), "undo went back to it: it is on screen")
        var last = WalkState.walking(shopJourney)
        last.press(.right, .right, .char("n"), .char("e"))
        #expect(last.editor?.target == .note(touchpoint: "pay"), "the last verdict stays where it is")
    }

    @Test func escKeepsTheDraftOfTheMomentJustJudged() {
        var state = WalkState.walking(shopJourney)
        state.press(.char("x"), .char("e"))
        state.run("Rude".keys.map { .key($0) } + [.key(.escape)])
        #expect(state.drafts == ["greeting": "Rude"])
        #expect(state.walk?.drafts == ["greeting": "Rude"])
    }

    @Test func theScreenNamesWhoseNoteIsTyped() {
        for (width, height) in [(80, 24), (120, 40)] {
            var state = WalkState.walking(shopJourney, width: width, height: height)
            state.press(.char("m"), .char("e"))
            state.run("Warm welcome".keys.map { .key($0) })
            assertSnapshot(render(state, width: width, height: height), named: "note-after-verdict-\(width)x\(height)")
        }
    }
}

@Suite struct PlainNoteAfterVerdictTests {
    @Test func aNoteRightAfterAVerdictIsForTheMomentJustJudged() {
        let script = PlainScript(["magic", "note Warm welcome", "note Tidy shelves"])
        let state = WalkState.walking(shopJourney)
        let outcome = PlainRunner(clock: { at(10) }, numbered: true).run(state, recorder: MemoryRecorder(), input: script.next, output: script.write)
        #expect(outcome.walk?.moment(for: "greeting").note == "Warm welcome")
        #expect(outcome.walk?.moment(for: "browse").note == "Tidy shelves")
        #expect(script.output.contains("Note saved: Greeting"))
    }
}
