import Foundation
import JourneyKit
import Testing
@testable import WalkUI

/// The field kit in plain mode: words for answers, comments, the timer, stated times, insertions,
/// evidence and the final check, driving the same keys as the full screen.
@Suite struct PlainFieldKitTests {
    func walk(_ lines: [String], journey: Journey = shopJourney, statedStart: Date? = nil, recorder: MemoryRecorder = MemoryRecorder(), clock: @escaping () -> Date = { at(10) }) -> (PlainOutcome, PlainScript) {
        let script = PlainScript(lines)
        var state = WalkState.walking(journey, statedStart: statedStart)
        state.timeZone = paris
        let reader: EvidenceReader = { path, _ in
            guard path.hasSuffix(".jpg") else { throw MemoryRecorder.Failure(description: "/shop/\(path): no such file") }
            return Evidence(path: "/shop/" + path, bytes: 2048, sha256: String(repeating: "cd", count: 32))
        }
        let outcome = PlainRunner(clock: clock, numbered: true, readEvidence: reader).run(state, recorder: recorder, input: script.next, output: script.write)
        return (outcome, script)
    }

    @Test func answersAndCommentsAreWords() {
        let recorder = MemoryRecorder()
        let (outcome, script) = walk(["answer yes 1", "answer no 2 Only water", "answer na 3", "answer no 3", "comment 3 Not asked", "checklist"], recorder: recorder)
        let moment = outcome.walk?.moment(for: "greeting")
        #expect(moment?.answers == [0: .yes, 1: .no, 2: .no])
        #expect(moment?.comments == [1: "Only water", 2: "Not asked"])
        #expect(script.output.contains("Saved ✔ Yes: Greeted within 30 seconds · Greeting"))
        #expect(script.output.contains("A No needs a comment: comment 3 TEXT"))
        #expect(script.output.contains("2. Offered the promised coffee (weight 3): No · comment: Only water"))
        #expect(script.output.contains("3. Asked for ID before selling alcohol (weight 5) (critical): No · comment: Not asked"))
        #expect(script.output.contains("Score: 11.1 % (pass mark 80, failed: a critical item is No)"))
        #expect(outcome.problems.isEmpty)
        #expect(!recorder.events.contains { $0.isDraft }, "no draft is left behind by a comment given later")
    }

    /// Plain mode keeps the one rule of the full screen: right after a verdict, answer, timer, at
    /// and attach are about the moment just judged, and say so; `here` makes them about this one.
    @Test func rightAfterAVerdictTheCommandsAreAboutTheMomentJustJudged() {
        let (outcome, script) = walk(["magic", "answer yes 1", "attach shelf.jpg", "timer", "timer", "timer", "here", "answer yes 1"])
        #expect(outcome.walk?.moment(for: "greeting").answers == [0: .yes])
        #expect(outcome.walk?.moment(for: "greeting").evidence.map(\.path) == ["/shop/shelf.jpg"])
        #expect(outcome.walk?.moment(for: "greeting").splitTimer?.running == false)
        #expect(outcome.walk?.moment(for: "browse").answers == [0: .yes], "after here, this touchpoint")
        #expect(script.output.contains { $0.contains("Saved ★ magic: Greeting. Until you move, note, tags, answer, timer, at and attach are about it") })
        #expect(script.output.contains("Saved ✔ Yes: Greeted within 30 seconds · Greeting"))
        #expect(script.output.contains { $0.hasPrefix("Attached shelf.jpg to Greeting (") })
        #expect(script.output.contains("Warning: The split timer of Greeting, just judged, was not started: timer again starts it; here, then timer, times Browsing"))
        #expect(script.output.contains("Commands act on Browsing again, not on Greeting"))
        #expect(script.output.contains("Saved ✔ Yes: Shelves full · Browsing"))
    }

    @Test func aWrongItemNumberIsRefused() {
        let (outcome, script) = walk(["answer yes 4", "answer yes", "next", "next", "answer yes 2"])
        #expect(script.output.contains("Line 1: answer yes needs an item number from 1 to 3, as in: answer yes 1"))
        #expect(script.output.contains("Line 2: answer yes needs an item number from 1 to 3, as in: answer yes 1"))
        #expect(script.output.contains("Line 5: answer yes needs an item number from 1 to 1, as in: answer yes 1"))
        #expect(outcome.problems.count == 3)
    }

    @Test func timerStatedTimeInsertionAndEvidence() {
        var now = at(100)
        let (outcome, script) = walk(
            ["timer", "timer", "at 10:50", "at 25:00", "insert Fire drill / store", "at +3m", "attach nope.png", "attach door.jpg", "show"],
            statedStart: at(-3600), clock: { now += 20; return now })
        let walk = outcome.walk
        #expect(walk?.moment(for: "greeting").splitTimer == SplitTimer(seconds: 40, running: false, since: at(160)), "the clock moves 20 s on each reading")
        #expect(walk?.moment(for: "greeting").statedAt == Date(timeIntervalSince1970: 1_795_341_000))
        #expect(script.output.contains { $0.hasPrefix("Error: Not stated: '25:00' is not a time; accepted: 10:42, 10:42:30, 2026-11-22 10:42 or +3m") })
        #expect(script.output.contains("The time was not stated."))
        #expect(walk?.steps.map(\.touchpoint.id) == ["greeting", "adhoc-1", "browse", "pay"])
        #expect(walk?.moment(for: "adhoc-1").statedAt == Date(timeIntervalSince1970: 1_795_341_180))
        #expect(script.output.contains("Error: Not attached: /shop/nope.png: no such file"))
        #expect(walk?.moment(for: "adhoc-1").evidence.map(\.path) == ["/shop/door.jpg"])
        #expect(script.output.contains("inserted during the walk · channel: store · at 2026-11-22 10:53 (stated)"))
        #expect(script.output.contains("Evidence: /shop/door.jpg (2 KB)"))
        #expect(outcome.problems == ["line 4: Not stated: '25:00' is not a time; accepted: 10:42, 10:42:30, 2026-11-22 10:42 or +3m (after the previous stated time), local time Europe/Paris, UTC+01:00",
                                     "line 7: Not attached: /shop/nope.png: no such file"])
    }

    @Test func withoutAtATimeBeforeTheWalkStartedIsRefused() {
        let (outcome, script) = walk(["at 11:00", "at 11:15"])
        #expect(script.output.contains { $0.hasPrefix("Error: Not stated: 2026-11-22 11:00 is before the walk's start (2026-11-22 11:15); for a visit entered afterwards, start the walk with walk --at TIME") },
                "\(script.output)")
        #expect(outcome.problems.count == 1)
        #expect(outcome.walk?.moment(for: "greeting").statedAt == Date(timeIntervalSince1970: 1_795_342_500), "11:15 Paris, the minute the walk started")
    }

    /// A visit entered afterwards, a time then a verdict per touchpoint: a time typed right after a
    /// verdict would change the moment just judged, which has one; it is asked about (a problem of
    /// its line), `here` makes it the next touchpoint's, and `at` again changes the judged one.
    @Test func aTimeRightAfterAVerdictForAMomentThatHasOneIsAskedAbout() {
        let start = Timestamp.parse("2026-11-22T09:00:00Z")
        let (entered, script) = walk(["at 10:40", "m", "at 10:45", "here", "at 10:45", "m"], statedStart: start)
        #expect(entered.walk?.moment(for: "greeting").statedAt == Timestamp.parse("2026-11-22T09:40:00Z"), "unchanged")
        #expect(entered.walk?.moment(for: "browse").statedAt == Timestamp.parse("2026-11-22T09:45:00Z"))
        #expect(entered.problems == ["line 3: Greeting, just judged, is stated 10:40 already; nothing changed: at TIME again changes it; here, then at TIME, states the time of Browsing"],
                "\(script.output)")
        let (changed, _) = walk(["at 10:40", "m", "at 10:42", "at 10:42"], statedStart: start)
        #expect(changed.walk?.moment(for: "greeting").statedAt == Timestamp.parse("2026-11-22T09:42:00Z"), "asked, then changed")
        #expect(changed.walk?.moment(for: "browse").statedAt == nil)
    }

    @Test func aVisitAcrossMidnightTakesTheNextDayAndPlusZero() {
        // Stated to start at 23:50 in Paris; now 11:15 the next morning.
        let (outcome, script) = walk(["at 23:55", "next", "at 00:05", "next", "at +0m", "at 12:00"], statedStart: Timestamp.parse("2026-11-21T22:50:00Z"))
        let walk = outcome.walk
        #expect(walk?.moment(for: "greeting").statedAt == Timestamp.parse("2026-11-21T22:55:00Z"))
        #expect(walk?.moment(for: "browse").statedAt == Timestamp.parse("2026-11-21T23:05:00Z"))
        #expect(script.output.contains("Time stated: 2026-11-22 00:05 (Europe/Paris, UTC+01:00): Browsing"), "\(script.output)")
        #expect(walk?.moment(for: "pay").statedAt == Timestamp.parse("2026-11-21T23:05:00Z"), "+0m: the time before it")
        #expect(outcome.problems == ["line 6: Not stated: 2026-11-22 12:00 is in the future (now 11:15:13); accepted: 10:42, 10:42:30, 2026-11-22 10:42 or +3m "
            + "(after the previous stated time), local time Europe/Paris, UTC+01:00"])
    }

    @Test func anEarlierTimeIsAskedAboutInWords() {
        let (outcome, script) = walk(
            ["at 10:50", "next", "at 10:20", "m", "no", "at 10:20", "show", "yes", "undo", "at 10:55"], statedStart: at(-3600))
        let question = ["State 10:20 for Browsing?",
                        "10:20 for Browsing is earlier than 10:50, the time stated for Greeting, which comes before it.",
                        "Stated so, Browsing moves before Greeting in the timeline, and the debrief's last moment can change.",
                        "  yes, y: state the earlier time anyway: the touchpoint moves in the timeline",
                        "  no, cancel, n: do not state it: the time stays as it was (at TIME states another)"]
        #expect(script.text.contains(question.joined(separator: "\n")), "\(script.text)")
        #expect(script.text.components(separatedBy: question[0]).count == 4, "asked twice, and again by show")
        #expect(script.output.contains("Not stated; the time stays as it was: at TIME states another"))
        #expect(script.output.contains("Time stated: 2026-11-22 10:20 (Europe/Paris, UTC+01:00): Browsing"))
        #expect(outcome.walk?.moment(for: "browse").statedAt == Timestamp.parse("2026-11-22T09:55:00Z"), "10:20 undone, then 10:55")
        #expect(outcome.walk?.moment(for: "browse").rating == nil, "a verdict is not taken as an answer")
        #expect(outcome.problems.count == 1)
        #expect(outcome.problems.first?.hasPrefix("line 4: unknown command 'm'") == true, "\(outcome.problems)")
    }

    @Test func theBriefingSaysTheStatedStart() {
        var state = WalkState(journey: shopJourney, details: WalkDetails(), now: at(0), statedStart: at(-3600))
        state.timeZone = paris
        let script = PlainScript(["quit"])
        _ = PlainRunner(clock: { at(10) }).run(state, recorder: MemoryRecorder(), input: script.next, output: script.write)
        #expect(script.output.contains("Visit: 2026-11-22 10:15:03 (Europe/Paris, UTC+01:00), entered afterwards (walk --at); at TIME states each touchpoint's time."),
                "\(script.text)")
    }

    @Test func finishRunsTheFinalCheckAndGoLeadsToAnItem() {
        let (outcome, script) = walk(["answer no 1", "m", "n", "finish", "go 1", "comment 1 Nobody there", "finish", "go 1", "m", "finish"])
        #expect(script.output.contains("Final check: 2 items to look at before completing the walk:"))
        #expect(script.output.contains("  1. No without a comment: Greeting · Greeted within 30 seconds"))
        #expect(script.output.contains("  2. Not recorded: Paying"))
        #expect(script.output.contains("Write the comment with: comment ITEM TEXT"))
        #expect(script.output.contains("  finish anyway, complete, f: complete the walk with these items missing"))
        #expect(outcome.finished)
        #expect(outcome.walk?.status == .complete)
    }

    @Test func messagesAreSaidInThePlainWordsNeverWithTheFullScreenKeys() {
        let (outcome, script) = walk(["timer", "timer", "timer reset", "answer no 1", "m", "n", "finish", "go 2", "m", "finish", "go 1", "comment 1 Nobody there", "finish"])
        let said = script.output
        #expect(said.contains("Split timer started: Greeting (timer stops it)"))
        #expect(said.contains("Split timer stopped at 0:00 · target 0:30 met: Greeting"), "a stop at 0.0 s is not a reset")
        #expect(said.contains("The split timer of Greeting is at 0:00 already; timer starts it"))
        #expect(said.contains("Warning: 2 things to check: go N goes to item N, finish anyway completes the walk"))
        #expect(said.contains("Not recorded yet: magic, neutral, misery or skip records it, then finish"))
        #expect(said.contains("A No needs a comment"))
        #expect(said.contains("Saved ★ magic: Paying · all touchpoints recorded: finish ends the walk"))
        #expect(said.contains("Walk finished and saved."))
        #expect(said.contains("  no tags (tags ID… while walking)"))
        #expect(said.contains("  none (praise TO: TEXT while walking)"))
        #expect(said.contains("  none (action TEXT | OWNER | DUE while walking)"))
        for line in said {
            for keys in ["Enter", "Esc", "q f", "q to", "(t stops", "m n x s", " f completes", "walk screen"] {
                #expect(!line.contains(keys), "a full-screen key in plain mode: \(line)")
            }
        }
        #expect(outcome.finished)
    }

    @Test func theLastTouchpointAndAReopenedWalkSayTheirWayOutInWords() {
        let (_, script) = walk(["last", "next"])
        #expect(script.output.contains("This is the last touchpoint: finish ends the walk"))
        var finished = Walk(header: storeHeader(journey: shopJourney))
        finished.apply(.finished(at: at(5)))
        let reopened = WalkState(resuming: finished, warnings: [], now: at(10))
        let script2 = PlainScript([])
        _ = PlainRunner(clock: { at(10) }).run(reopened, recorder: MemoryRecorder(), input: script2.next, output: script2.write)
        #expect(script2.output.first == "Reopened a complete walk to correct it: each change is saved; finish completes it again")
    }

    @Test func theFinalCheckCanBeCompletedAnyway() {
        let (outcome, _) = walk(["finish", "go 9", "finish anyway"])
        #expect(outcome.problems == ["line 2: go needs an item number from 1 to 3, as in: go 1"])
        #expect(outcome.finished)
    }
}
