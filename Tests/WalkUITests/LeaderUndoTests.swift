import Foundation
import JourneyKit
import Testing
@testable import WalkUI

extension WalkState {
    /// Presses keys with the disk accepting every record (through `WalkEffectHandler`, as `run` does), and
    /// returns the records written.
    mutating func pressRecording(_ keys: [Key], at time: Date = at(10)) -> [WalkEvent] {
        let recorder = AcceptingRecorder(journey: journey)
        let work = WalkEffectHandler(recorder: recorder, readEvidence: shopFiles, clock: { time })
        for key in keys { _ = work.perform(.key(key), on: &self) }
        return recorder.events
    }
}

/// `u` takes back tags, recovery marks, praise and actions like verdicts and notes (SPEC 4: "undo
/// the last change"), on the screen, after a resume and in plain mode.
@Suite struct LeaderUndoTests {
    /// A leader's walk with a misery verdict on the first touchpoint, moved on to the second.
    static func judged() -> WalkState {
        var state = WalkState(journey: storeJourneyWithTags, details: WalkDetails(operator: "Lee", role: .leader), now: at(0))
        state.actionIDs = ActionIDs(seed: 1)
        state.run([.resized(width: 80, height: 24), .key(.enter)], at: at(0))
        state.press(.char("x"))
        return state
    }

    @Test func uRightAfterTagsTakesBackTheTagsNotTheVerdict() {
        var state = Self.judged()
        state.press(.char("T"), .char(" "), .tab)
        #expect(state.walk?.moment(for: "find-opening-hours").tags == ["kept-waiting"])
        let undo = state.apply(.key(.char("u")), now: at(20))
        #expect(undo == [.record(.tagged(TagChange(touchpoint: "find-opening-hours", tags: [], at: at(20), undo: true)))],
                "the earlier set written again, marked as an undo")
        for case .record(let event) in undo { _ = state.apply(.recorded(event), now: at(20)) }
        #expect(state.walk?.moment(for: "find-opening-hours").tags == [])
        #expect(state.walk?.moment(for: "find-opening-hours").rating == Rating(.misery), "the verdict stays")
        #expect(state.message?.text == "Undone: tags on Find opening hours online removed")
        state.press(.char("u"))
        #expect(state.walk?.moment(for: "find-opening-hours").rating == nil, "the next u takes back the verdict")
        state.press(.char("u"))
        #expect(state.message?.text == "Nothing to undo")
    }

    @Test func changedTagsArePutBackAsTheyWere() {
        var state = leaderWalk()
        state.press(.char("T"), .char(" "), .tab)
        state.press(.char("T"), .down, .char(" "), .tab)
        #expect(state.currentMoment.tags == ["kept-waiting", "repeated-information"])
        state.press(.char("u"))
        #expect(state.currentMoment.tags == ["kept-waiting"])
        #expect(state.message?.text == "Undone: tags on Greeting put back")
    }

    @Test func eachRecoveryMarkIsTakenBackInTurn() {
        var state = leaderWalk()
        state.press(.char("r"), .char("y"), .char("n"), .escape)
        #expect(state.currentMoment.recovery == Recovery(apology: true, reassurance: false))
        let undo = state.apply(.key(.char("u")), now: at(30))
        #expect(undo == [.record(.recovered(RecoveryChange(touchpoint: "greeting", recovery: Recovery(apology: true), at: at(30), undo: true)))])
        for case .record(let event) in undo { _ = state.apply(.recorded(event), now: at(30)) }
        #expect(state.message?.text == "Undone: recovery on Greeting put back")
        state.press(.char("u"))
        #expect(state.currentMoment.recovery == nil)
        #expect(state.message?.text == "Undone: recovery on Greeting unmarked")
        #expect(state.currentMoment.rating == Rating(.misery, intensity: 2))
    }

    @Test func praiseIsRemovedOrPutBack() {
        var state = leaderWalk()
        state.press(.char("p"))
        state.typeKeys("Amira")
        state.press(.tab)
        state.typeKeys("Kind")
        state.press(.enter)
        state.press(.char("p"), .tab, .control("u"))
        state.typeKeys("Kind and quick")
        state.press(.enter)
        state.press(.char("u"))
        #expect(state.currentMoment.praise == Praise(to: "Amira", text: "Kind"))
        #expect(state.message?.text == "Undone: praise on Greeting put back")
        let undo = state.apply(.key(.char("u")), now: at(40))
        #expect(undo == [.record(.praised(PraiseChange(touchpoint: "greeting", praise: nil, at: at(40), undo: true)))])
        for case .record(let event) in undo { _ = state.apply(.recorded(event), now: at(40)) }
        #expect(state.currentMoment.praise == nil)
        #expect(state.message?.text == "Undone: praise on Greeting removed")
    }

    @Test func anActionAddedByMistakeIsTakenOut() throws {
        var state = leaderWalk()
        state.press(.char("A"))
        state.typeKeys("Do it")
        state.press(.tab)
        state.typeKeys("Bob")
        state.press(.enter, .enter)
        let action = try #require(state.currentMoment.actions.first)
        let undo = state.apply(.key(.char("u")), now: at(50))
        #expect(undo == [.record(.actionChanged(ActionChange(touchpoint: "greeting", action: action, at: at(50), removed: true)))])
        for case .record(let event) in undo { _ = state.apply(.recorded(event), now: at(50)) }
        #expect(state.currentMoment.actions.isEmpty)
        #expect(state.walk?.actions.isEmpty == true)
        #expect(state.message?.text == "Undone: action \(action.id) on Greeting removed")
        state.press(.char("u"))
        #expect(state.currentMoment.rating == nil, "then the verdict before it")
    }

    @Test func theUndoStackOfLeaderRecordsIsRebuiltOnResume() throws {
        var first = leaderWalk()
        var written: [WalkEvent] = [.rated(RatingChange(touchpoint: "find-opening-hours", rating: Rating(.magic), at: at(10), timerSeconds: 10)),
                                    .rated(RatingChange(touchpoint: "greeting", rating: Rating(.misery, intensity: 2), at: at(10), timerSeconds: 0)),
                                    .moved(touchpoint: "greeting", at: at(10))]
        written += first.pressRecording([.char("T"), .char(" "), .tab, .char("r"), .char("y"), .char("y"), .escape, .char("p")])
        first.typeKeys("Amira")
        let praise: [Key] = [.tab] + "Kind".keys + [.enter]
        let doIt: [Key] = [.char("A")] + "Do it".keys + [.tab] + "Bob".keys + [.enter, .enter]
        let callBack: [Key] = [.char("A")] + "Call back".keys + [.tab] + "Ann".keys + [.enter, .enter]
        written += first.pressRecording(praise)
        written += first.pressRecording(doIt)
        written += first.pressRecording([.char("u"), .char("u")])
        written += first.pressRecording(callBack)
        let header = storeHeader(journey: storeJourneyWithTags)
        #expect(UndoEntry.stack(replaying: written, header: header) == first.undoStack, "the same stack the screen built while writing them")

        // The action closed afterwards with `journeywalk actions done ID`: the latest change.
        let added = try #require(first.currentMoment.actions.first)
        var done = added
        done.status = .done
        written.append(.actionChanged(ActionChange(touchpoint: "greeting", action: done, at: at(60))))
        let walk = try #require(Walk(events: [.started(header)] + written))
        #expect(walk.moment(for: "greeting").praise == nil, "taken back before the resume")
        var state = WalkState(resuming: walk, events: written, warnings: [], now: at(100))
        var effects = state.apply(.key(.char("u")), now: at(101))
        #expect(effects == [.record(.actionChanged(ActionChange(touchpoint: "greeting", action: added, at: at(101), undo: true)))])
        for case .record(let event) in effects { _ = state.apply(.recorded(event), now: at(101)) }
        #expect(state.walk?.moment(for: "greeting").actions.map(\.status) == [.open])
        #expect(state.message?.text == "Undone: action \(added.id) on Greeting is open again")
        effects = state.apply(.key(.char("u")), now: at(102))
        #expect(effects == [.record(.actionChanged(ActionChange(touchpoint: "greeting", action: added, at: at(102), removed: true)))])
        for case .record(let event) in effects { _ = state.apply(.recorded(event), now: at(102)) }
        state.run([.key(.char("u"))], at: at(103))
        #expect(state.walk?.moment(for: "greeting").recovery == Recovery(apology: true))
        state.run([.key(.char("u")), .key(.char("u"))], at: at(104))
        #expect(state.walk?.moment(for: "greeting").recovery == nil)
        #expect(state.walk?.moment(for: "greeting").tags == [])
        #expect(state.message?.text == "Undone: tags on Greeting removed")
        state.run([.key(.char("u"))], at: at(105))
        #expect(state.walk?.moment(for: "greeting").rating == nil, "then the verdicts")
    }

    @Test func plainUndoTakesBackTagsPraiseActionsAndAWholeRecoveryLine() throws {
        let recorder = MemoryRecorder()
        let script = PlainScript([
            "start", "x", "tags kept-waiting", "undo", "praise Ann: nice", "undo", "action Do it | Bob | fri", "undo",
            "recovery y y y", "undo", "undo", "undo",
        ])
        var state = WalkState(journey: storeJourney, details: WalkDetails(operator: "Lee", role: .leader), now: at(0))
        state.actionIDs = ActionIDs(seed: 3)
        let outcome = PlainRunner(clock: { at(10) }, numbered: true).run(state, recorder: recorder, input: script.next, output: script.write)
        let moment = try #require(outcome.walk?.moment(for: "find-opening-hours"))
        #expect(moment.tags.isEmpty)
        #expect(moment.praise == nil)
        #expect(moment.actions.isEmpty)
        #expect(moment.recovery == nil, "the three marks of one line are one change")
        #expect(moment.rating == nil, "the second undo after the recovery takes back the verdict")
        var ids = ActionIDs(seed: 3)
        let id = ids.next()
        let undone = script.output.filter { $0.hasPrefix("Undone") }
        #expect(undone == [
            "Undone: tags on Find opening hours online removed",
            "Undone: praise on Find opening hours online removed",
            "Undone: action \(id) on Find opening hours online removed",
            "Undone: recovery on Find opening hours online unmarked",
            "Undone: Find opening hours online is not recorded again",
        ])
        #expect(script.output.suffix(2).first == "Nothing to undo", "the fourth undo after the verdict's")
        #expect(outcome.problems.isEmpty)
    }
}
