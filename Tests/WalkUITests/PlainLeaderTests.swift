import Foundation
import JourneyKit
import Testing
@testable import WalkUI

@Suite struct PlainLeaderTests {
    func walk(_ lines: [String], recorder: MemoryRecorder) -> (PlainOutcome, PlainScript) {
        let script = PlainScript(lines)
        var state = WalkState(journey: storeJourney, details: WalkDetails(operator: "Lee", role: .leader), now: at(0))
        state.actionIDs = ActionIDs(seed: 3)
        let outcome = PlainRunner(clock: { at(10) }, numbered: true).run(state, recorder: recorder, input: script.next, output: script.write)
        return (outcome, script)
    }

    @Test func tagsRecoveryPraiseAndActionsAreWordsToo() throws {
        let recorder = MemoryRecorder()
        let (outcome, script) = walk([
            "start", "m", "X", "back",
            "tags kept-waiting no-apology",
            "tags bogus",
            "recovery y n -",
            "praise Amira at the till: said sorry and meant it",
            "praise nobody",
            "action Greet within 30 s | Store manager | fri",
            "action Nothing | Lee | someday",
            "tags", "recovery", "praise", "action",
            "finish", "finish anyway",
        ], recorder: recorder)
        let greeting = try #require(outcome.walk?.moment(for: "greeting"))
        #expect(greeting.tags == ["kept-waiting", "no-apology"])
        #expect(greeting.recovery == Recovery(apology: true, reassurance: false, restitution: nil))
        #expect(greeting.praise == Praise(to: "Amira at the till", text: "said sorry and meant it"))
        #expect(greeting.actions.map(\.text) == ["Greet within 30 s"])
        #expect(greeting.actions.first?.due == "2026-11-27", "Sunday 22nd: the next Friday")
        #expect(outcome.problems == [
            "line 6: 'bogus' is not a tag of this journey",
            "line 9: write praise as TO: TEXT, such as praise Amira at the till: remembered my name",
            "line 11: 'someday' is not a due date: use 2026-12-01, +7d, +2w, a weekday (fri) or today, tomorrow",
        ])
        let events = recorder.events
        #expect(events.filter { if case .tagged = $0 { return true } else { return false } }.count == 1, "one tags record")
        #expect(events.filter { if case .recovered = $0 { return true } else { return false } }.count == 1, "the three marks of one line in one record")
        #expect(!events.contains { if case .drafted = $0 { return true } else { return false } }, "no drafts left behind")
        #expect(script.output.contains("Tags saved on Greeting: Kept waiting · No apology"))
        #expect(script.output.contains("Tags: kept-waiting (Kept waiting), no-apology (No apology)"))
        #expect(script.output.contains("Recovery: apology done, reassurance not done, restitution not marked"))
        #expect(script.output.contains("Praise: Amira at the till: said sorry and meant it"))
        #expect(script.output.contains { $0.hasPrefix("- ") && $0.contains("Greet within 30 s · Store manager · due 2026-11-27 · open") })
        #expect(script.output.contains("Debrief · Retail store visit"))
        #expect(script.output.contains("  ♥ Amira at the till: said sorry and meant it (Greeting)"))
        #expect(outcome.finished)
    }

    @Test func whatIsSavedNamesTheMomentItIsOn() {
        let recorder = MemoryRecorder()
        let (_, script) = walk([
            "start", "x", "action Fix the hours | Ann | fri", "action Greet at the door | Bob", "next", "back", "praise Ann: kind", "back", "recovery y n -",
        ], recorder: recorder)
        var ids = ActionIDs(seed: 3)
        let first = ids.next(), second = ids.next()
        #expect(script.output.contains("Action \(first) saved on Find opening hours online for Ann, due Fri 2026-11-27"), "right after a verdict: the moment judged")
        #expect(script.output.contains("Action \(second) saved on Find opening hours online for Bob"), "the leader's words stay on the moment judged")
        #expect(script.output.contains("Praise saved on Greeting for Ann"))
        #expect(script.output.contains("Recovery saved on Find opening hours online: 1 of 3 steps done"))
    }

    @Test func recoveryOnAMomentThatIsNotMiseryIsRefusedWithTheReason() {
        let recorder = MemoryRecorder()
        let (outcome, script) = walk(["start", "m", "back", "recovery y y y"], recorder: recorder)
        #expect(script.output.contains("Line 4: Recovery is checked on moments of misery; Find opening hours online is ★ magic"))
        #expect(outcome.problems.count == 1, "the marks were not recorded: the line counts as a problem: \(outcome.problems)")
        #expect(!recorder.events.contains { if case .recovered = $0 { return true } else { return false } })
    }
}
