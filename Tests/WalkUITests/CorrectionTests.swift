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
        #expect(state.message?.text == "Saved ★ magic: Greeting · e T c t a @ act on it; Esc: this one")
        state.press(.char("e"))
        #expect(state.editor?.target == .note(touchpoint: "greeting"))
        #expect(state.message?.text == "Note for Greeting, just judged: Enter saves, Esc keeps a draft")
        state.type("Warm welcome")
        #expect(state.walk?.moment(for: "greeting").note == "Warm welcome")
        #expect(state.walk?.moment(for: "browse").note == "")
        #expect(state.currentStep?.touchpoint.id == "browse", "saving the note does not walk back")
        #expect(state.walk?.position == 1, "nor does the file's record of it")
        #expect(state.message?.text == "Note saved on Greeting")
        state.press(.char("e"))
        #expect(state.editor?.target == .note(touchpoint: "greeting"), "until a move, a second e is for it too, with its note to edit")
        #expect(state.editor?.line.text == "Warm welcome")
        state.press(.escape, .escape)
        #expect(state.message?.text == "Keys act on Browsing again, not on Greeting")
        state.press(.char("e"))
        #expect(state.editor?.target == .note(touchpoint: "browse"), "after Esc, e is for the touchpoint on screen")
    }

    /// One rule for every key that records something about a moment (issue: a photo of the fire
    /// alarm drill was attached to the next touchpoint after `x`): right after a verdict they all
    /// act on the moment just judged, and every prompt and confirmation names it.
    @Test func everyKeyThatRecordsRightAfterAVerdictActsOnTheMomentJustJudged() {
        var state = WalkState.walking(shopJourney)
        state.press(.char("x"), .char("t"))
        #expect(state.walk?.moment(for: "greeting").splitTimer == nil, "starting a judged moment's timer asks first")
        #expect(state.message?.text == "Split timer of Greeting (just judged): t again runs it; Esc, t times Browsing")
        state.press(.char("t"))
        #expect(state.walk?.moment(for: "greeting").splitTimer?.running == true, "t t: the judged moment's timer")
        #expect(state.walk?.moment(for: "browse").splitTimer == nil)
        #expect(state.message?.text.hasSuffix(": Greeting (t stops it)") == true, "\(state.message?.text ?? "")")
        state.press(.char("t"), .char("@"))
        #expect(state.message?.text.hasPrefix("When did Greeting (just judged) happen?") == true, "\(state.message?.text ?? "")")
        #expect(render(state).text.contains("Touchpoint: Greeting (just judged)"))
        state.press(.escape, .char("c"))
        #expect(state.checklist?.touchpoint == "greeting")
        #expect(state.message?.text.hasPrefix("Checklist of Greeting (just judged)") == true)
        #expect(render(state).text.contains("Look for · Greeting (just judged)"))
        state.press(.char("y"))
        #expect(state.walk?.moment(for: "greeting").answers[0] == .yes)
        #expect(state.message?.text.hasSuffix("· Greeting") == true, "\(state.message?.text ?? "")")
        state.press(.escape, .char("a"))
        #expect(state.message?.text.hasPrefix("Attach a file to Greeting (just judged)") == true)
        #expect(state.currentStep?.touchpoint.id == "browse", "none of it walks back")
        #expect(state.walk?.position == 1)
        // A move ends it: the keys act on the touchpoint on screen.
        state.press(.escape, .right, .left, .char("t"))
        #expect(state.walk?.moment(for: "browse").splitTimer?.running == true)
    }

    /// The shopper's two timer habits after a verdict: judged while the timer still ran, `t` stops
    /// it; the next touchpoint's wait starting, Esc then `t` times it (a lone `t` only asks).
    @Test func theTimerRightAfterAVerdictStopsTheJudgedOneOrAsks() {
        var judgedWhileTiming = WalkState.walking(shopJourney)
        judgedWhileTiming.press(.char("t"), .char("x"), .char("t"))
        #expect(judgedWhileTiming.walk?.moment(for: "greeting").splitTimer?.running == false, "stopped without asking")
        #expect(judgedWhileTiming.walk?.moment(for: "browse").splitTimer == nil)
        var next = WalkState.walking(shopJourney)
        next.press(.char("x"), .char("t"), .escape, .char("t"))
        #expect(next.walk?.moment(for: "greeting").splitTimer == nil)
        #expect(next.walk?.moment(for: "browse").splitTimer?.running == true)
        var asked = WalkState.walking(shopJourney)
        asked.press(.char("x"), .char("t"), .char("e"))
        #expect(asked.editor?.target == .note(touchpoint: "greeting"), "another key after the question: the rule goes on")
        asked.press(.escape, .char("t"))
        #expect(asked.walk?.moment(for: "greeting").splitTimer == nil, "and t asks again")
    }

    @Test func aTimeRightAfterAVerdictForAMomentThatHasOneIsAskedAbout() {
        var state = WalkState.walking(shopJourney, statedStart: Timestamp.parse("2026-11-22T09:00:00Z"))
        state.press(.char("@"))
        state.type("10:40")
        state.press(.char("m"), .char("@"))
        #expect(state.editor == nil)
        #expect(state.message?.text == "Greeting (just judged) is stated 10:40: @ again changes it; Esc, @ states Browsing")
        state.press(.escape, .char("@"))
        state.type("10:45")
        #expect(state.walk?.moment(for: "browse").statedAt == Timestamp.parse("2026-11-22T09:45:00Z"))
        #expect(state.walk?.moment(for: "greeting").statedAt == Timestamp.parse("2026-11-22T09:40:00Z"))
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
        #expect(state.texts.entries.mapValues(\.text) == [.note("greeting"): "Rude"])
        #expect(state.walk?.drafts == [.note("greeting"): "Rude"])
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
        let script = PlainScript(["magic", "note Warm welcome", "here", "note Tidy shelves"])
        let state = WalkState.walking(shopJourney)
        let outcome = PlainRunner(clock: { at(10) }, numbered: true).run(state, recorder: MemoryRecorder(), input: script.next, output: script.write)
        #expect(outcome.walk?.moment(for: "greeting").note == "Warm welcome")
        #expect(outcome.walk?.moment(for: "browse").note == "Tidy shelves")
        #expect(script.output.contains("Note saved on Greeting"))
    }
}

/// A correction changes only what the operator changed.
@Suite struct CorrectionTests {
    /// The verdict records the state wrote, in order.
    static func verdicts(_ events: [WalkEvent]) -> [RatingChange] {
        events.compactMap { if case .rated(let change) = $0 { return change } else { return nil } }
    }

    @Test func changingAVerdictKeepsItsTimeAndStopwatchReading() {
        var state = WalkState.walking(shopJourney)
        var written: [WalkEvent] = []
        func press(_ key: Key, _ seconds: Double) {
            var queue = state.apply(.key(key), now: at(seconds))
            while let effect = queue.first {
                queue.removeFirst()
                if case .record(let event) = effect {
                    written.append(event)
                    queue += state.apply(.recorded(event), now: at(seconds))
                }
            }
        }
        press(.char("m"), 10)
        press(.left, 20)
        press(.char("x"), 24)
        press(.left, 40)
        press(.char("n"), 100)
        let moment = state.walk?.moment(for: "greeting")
        #expect(moment?.rating == Rating(.neutral))
        #expect(moment?.ratedAt == at(10), "the time of the first verdict stays")
        #expect(moment?.timerSeconds == 10, "the reading kept with the first verdict stays (it was 14, then 74 s before)")
        #expect(Self.verdicts(written).map(\.timerSeconds) == [10, 10, 10], "each correction writes the kept reading again")
        #expect(Self.verdicts(written).map(\.at) == [at(10), at(24), at(100)], "each record says when it was typed")
        // Taken back to nothing, the next verdict is a first one again: it reads the stopwatch.
        press(.char("u"), 110)
        press(.char("u"), 111)
        press(.char("u"), 112)
        #expect(state.walk?.moment(for: "greeting").rating == nil)
        press(.char("s"), 120)
        #expect(state.walk?.moment(for: "greeting").ratedAt == at(120))
    }

    @Test func theFoldKeepsTheFirstTimeForCorrectionsInTheFile() {
        var walk = Walk(header: storeHeader(journey: shopJourney))
        walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: Rating(.magic), at: at(10), timerSeconds: 10)))
        walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: Rating(.misery), at: at(30), timerSeconds: 10)))
        walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: Rating(.magic), at: at(40), undo: true)))
        #expect(walk.moment(for: "greeting").ratedAt == at(10))
        #expect(walk.moment(for: "greeting").rating == Rating(.magic))
        walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: nil, at: at(50), undo: true)))
        walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: Rating(.neutral), at: at(60), timerSeconds: 3)))
        #expect(walk.moment(for: "greeting").ratedAt == at(60), "after being taken back it is a first verdict")
        #expect(walk.moment(for: "greeting").timerSeconds == 3)
    }

    @Test func resumingGoesOnFromTheTimeTheFileShowsOnTheTouchpoint() {
        var walk = Walk(header: storeHeader(journey: shopJourney))
        walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: Rating(.magic), at: at(10), timerSeconds: 10)))
        walk.apply(.answered(AnswerChange(touchpoint: "browse", item: 0, answer: .yes, at: at(40))))
        #expect(walk.arrivedAt == at(10))
        var state = WalkState(resuming: walk, warnings: [], now: at(5000))
        #expect(state.currentStep?.touchpoint.id == "browse")
        state.run([.key(.char("n"))], at: at(5005))
        #expect(state.walk?.moment(for: "browse").timerSeconds == 35, "30 s before leaving and 5 s after resuming, not 5")
    }
}

/// A complete walk reopened, and `u` reaching back across resumes.
@Suite struct ReopenTests {
    @Test func theUndoStackIsRebuiltFromTheRecords() {
        var first = WalkState.walking(shopJourney)
        var written: [WalkEvent] = []
        for (key, seconds) in [(Key.char("m"), 10.0), (.char("e"), 11), (.char("c"), 12), (.char("y"), 13), (.char("u"), 14), (.char("n"), 15)] {
            var queue = first.apply(.key(key), now: at(seconds))
            while let effect = queue.first {
                queue.removeFirst()
                if case .record(let event) = effect {
                    written.append(event)
                    queue += first.apply(.recorded(event), now: at(seconds))
                }
            }
            if key == .char("e") { first.type("Warm", at: at(11)) ; written.append(.noted(NoteChange(touchpoint: "greeting", text: "Warm", at: at(11)))) }
        }
        written.append(.finished(at: at(20)))
        var walk = Walk(header: storeHeader(journey: shopJourney))
        for event in written { walk.apply(event) }
        let rebuilt = UndoEntry.stack(replaying: written, header: walk.header)
        #expect(rebuilt == first.undoStack, "the same stack the screen built while writing them")
        #expect(rebuilt.count == 3)

        var state = WalkState(resuming: walk, events: written, warnings: [], now: at(100))
        #expect(state.message?.text == "Reopened a complete walk to correct it: each change is saved; q f finishes it again")
        state.run([.key(.char("u"))], at: at(101))
        state.run([.key(.char("u"))], at: at(102))
        #expect(state.walk?.moment(for: "greeting").note == "", "the note written before the resume is taken back")
        state.run([.key(.char("u"))], at: at(103))
        #expect(state.walk?.moment(for: "greeting").rating == nil, "so is the first verdict")
        state.run([.key(.char("u"))], at: at(104))
        #expect(state.message?.text == "Nothing to undo")
        #expect(state.walk?.isFinished == true, "corrections keep the walk complete until it is finished again")
    }
}

/// The review shows the visit's local time, the zone named, from the zone the walk started in.
@Suite struct LocalTimeReviewTests {
    @Test func reviewShowsTheZoneTheWalkStartedIn() throws {
        var header = storeHeader(journey: shopJourney)
        header.timeZoneID = "Europe/Paris"
        header.utcOffset = 3600
        var walk = Walk(header: header)
        walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: Rating(.magic), at: at(95), timerSeconds: 95)))
        let review = ReviewWalkState(analysis: WalkAnalysis(walk), file: "/w/shop.jsonl", evidence: [:])
        let text = ReviewRecordsTests.render(review, 120, 30).text
        // at(0) is 10:15:03 UTC, 11:15 in Paris; the verdict came at 11:16:38.
        #expect(text.contains("started 2026-11-22 11:15 UTC+01:00"), "\(text)")
        #expect(text.contains("11:16:38"))
        #expect(!text.contains("10:16"), "no UTC clock left to misread")
    }
}
