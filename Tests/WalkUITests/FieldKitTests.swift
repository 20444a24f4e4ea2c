import Foundation
import JourneyKit
@testable import WalkUI
import Testing

/// A shop journey with weights, a critical item and targets (SPEC 7.1).
let shopJourney = Journey(
    id: "shop", title: "Shop visit", passMark: 80,
    stages: [
        Stage(name: "Arrival", touchpoints: [
            Touchpoint(
                id: "greeting", title: "Greeting", channel: "store", prompt: "Start the timer as you step in.",
                checklist: [
                    ChecklistItem("Greeted within 30 seconds"),
                    ChecklistItem("Offered the promised coffee", weight: 3),
                    ChecklistItem("Asked for ID before selling alcohol", weight: 5, critical: true),
                ],
                target: 30),
            Touchpoint(id: "browse", title: "Browsing", channel: "store", lookFor: ["Shelves full", "Prices shown"]),
        ]),
        Stage(name: "Leaving", touchpoints: [
            Touchpoint(id: "pay", title: "Paying", channel: "store", lookFor: ["Receipt offered"], target: 120),
        ]),
    ])

let paris = TimeZone(identifier: "Europe/Paris") ?? .current

extension WalkState {
    /// A state walking a journey, its walk started at `at(0)`, optionally stated to have begun at `statedStart`.
    static func walking(_ journey: Journey, statedStart: Date? = nil, width: Int = 80, height: Int = 24) -> WalkState {
        var header = storeHeader(journey: journey)
        header.statedStart = statedStart
        var state = WalkState(resuming: Walk(header: header), warnings: [], now: at(0))
        state.timeZone = paris
        state.message = nil
        _ = state.apply(.resized(width: width, height: height), now: at(0))
        return state
    }

    /// Presses keys at a time.
    mutating func press(_ keys: [Key], at time: Date) { run(keys.map { .key($0) }, at: time) }

    /// Types text into the open editor and presses Enter.
    mutating func type(_ text: String, at time: Date = at(10)) {
        run(text.keys.map { .key($0) } + [.key(.enter)], at: time)
    }
}

@Suite struct ChecklistPanelTests {
    let moment = Moment()

    @Test func anAnswerIsARecordAndTheNextItemComesWhenItIsWritten() {
        var panel = ChecklistPanel(touchpoint: "greeting", count: 3)
        let effects = panel.apply(.answer(.yes), moment: moment, now: at(5))
        let change = AnswerChange(touchpoint: "greeting", item: 0, answer: .yes, at: at(5))
        #expect(effects == [.record(.answered(change))])
        #expect(panel.selected == 0, "nothing moves before the disk has it")
        var answered = moment
        answered.answers[0] = .yes
        #expect(panel.answered(change, moment: answered).isEmpty)
        #expect(panel.selected == 1)
    }

    @Test func aNoAsksForItsCommentOnceWritten() {
        var panel = ChecklistPanel(touchpoint: "greeting", count: 3, selected: 1)
        let change = AnswerChange(touchpoint: "greeting", item: 1, answer: .no, at: at(5))
        #expect(panel.apply(.answer(.no), moment: moment, now: at(5)) == [.record(.answered(change))])
        var answered = moment
        answered.answers[1] = .no
        #expect(panel.answered(change, moment: answered) == [.editComment(item: 1)])
        #expect(panel.selected == 1, "stays on the item until the comment is written")
        panel.commented(CommentChange(touchpoint: "greeting", item: 1, text: "No coffee", at: at(6)))
        #expect(panel.selected == 2)
    }

    @Test func theSameAnswerAgainWritesNothing() {
        var answered = moment
        answered.answers[0] = .na
        answered.answers[1] = .no
        var panel = ChecklistPanel(touchpoint: "greeting", count: 3)
        #expect(panel.apply(.answer(.na), moment: answered, now: at(5)).isEmpty)
        #expect(panel.selected == 1)
        #expect(panel.apply(.answer(.no), moment: answered, now: at(5)) == [.editComment(item: 1)], "a No again goes to its comment")
    }

    @Test func oneKeyMovesBetweenItemsAndStopsAtTheEnds() {
        var panel = ChecklistPanel(touchpoint: "greeting", count: 3)
        _ = panel.apply(.previous, moment: moment, now: at(1))
        #expect(panel.selected == 0)
        _ = panel.apply(.next, moment: moment, now: at(1))
        #expect(panel.selected == 1)
        _ = panel.apply(.last, moment: moment, now: at(1))
        _ = panel.apply(.next, moment: moment, now: at(1))
        #expect(panel.selected == 2)
        _ = panel.apply(.first, moment: moment, now: at(1))
        #expect(panel.selected == 0)
        #expect(panel.apply(.clear, moment: moment, now: at(1)).isEmpty, "nothing to clear")
        #expect(panel.apply(.close, moment: moment, now: at(1)) == [.close])
    }
}

@Suite struct FieldKitWalkTests {
    @Test func theChecklistIsAnsweredWithOneKeyEachAndANoAsksForAComment() {
        var state = WalkState.walking(shopJourney)
        state.press(.char("c"))
        #expect(state.checklist?.selected == 0)
        #expect(state.keyMap.title == "Checklist")
        state.press(.char("y"))
        #expect(state.currentMoment.answers[0] == .yes)
        #expect(state.checklist?.selected == 1)
        state.press(.char("n"))
        #expect(state.currentMoment.answers[1] == .no)
        guard case .text(let key)? = state.editor?.target else {
            Issue.record("a No opens the comment editor")
            return
        }
        #expect(key == Walk.DraftKey(touchpoint: "greeting", field: .comment(1)))
        state.type("No coffee offered")
        #expect(state.currentMoment.comments[1] == "No coffee offered")
        #expect(state.editor == nil)
        #expect(state.checklist?.selected == 2)
        state.press(.char("a"))
        #expect(state.currentMoment.answers[2] == .na)
        #expect(state.message?.text == "Saved – N/A: Asked for ID before selling alcohol · Greeting")
        state.press(.escape)
        #expect(state.checklist == nil)
        #expect(state.keyMap.title == "Walking a journey")
        state.press(.char("m"))
        #expect(state.walk?.moment(for: "greeting").rating == Rating(.magic), "the verdict keys are back")
    }

    @Test func anAnswerIsOnlyShownOnceRecorded() {
        var state = WalkState.walking(shopJourney)
        state.press(.char("c"))
        let effects = state.apply(.key(.char("y")), now: at(5))
        let event = WalkEvent.answered(AnswerChange(touchpoint: "greeting", item: 0, answer: .yes, at: at(5)))
        #expect(effects == [.record(event)])
        #expect(state.currentMoment.answers.isEmpty)
        _ = state.apply(.recordFailed(event, reason: "No space left on device"), now: at(5))
        #expect(state.currentMoment.answers.isEmpty)
        #expect(state.checklist?.selected == 0)
        #expect(state.message?.kind == .error)
    }

    @Test func undoTakesBackCommentsAndAnswersInOrder() {
        var state = WalkState.walking(shopJourney)
        state.press(.char("c"), .char("n"))
        state.type("Cold")
        state.press(.char("y"))
        #expect(state.undoStack.count == 3)
        state.press(.char("u"))
        #expect(state.currentMoment.answers[1] == nil)
        #expect(state.checklist?.selected == 1)
        state.press(.char("u"))
        #expect(state.currentMoment.comments[0] == nil)
        state.press(.char("u"))
        #expect(state.currentMoment.answers[0] == nil)
        #expect(state.undoStack.isEmpty)
    }

    @Test func aCommentLeftWithEscIsADraftOfItsField() {
        var state = WalkState.walking(shopJourney)
        state.press(.char("c"), .char("n"))
        state.run("Nobody".keys.map { .key($0) })
        let effects = state.apply(.key(.escape), now: at(20))
        #expect(effects == [.record(.drafted(NoteChange(touchpoint: "greeting", text: "Nobody", at: at(20), field: .comment(0))))])
        state.run([.recorded(.drafted(NoteChange(touchpoint: "greeting", text: "Nobody", at: at(20), field: .comment(0))))])
        #expect(state.walk?.drafts[Walk.DraftKey(touchpoint: "greeting", field: .comment(0))] == "Nobody")
        state.press(.char("e"))
        #expect(state.editor?.line.text == "Nobody", "the draft comes back")
    }

    @Test func controlCWhileACommentIsTypedKeepsItAndAFullDiskAsks() {
        var state = WalkState.walking(shopJourney)
        state.press(.char("c"), .char("n"))
        state.run("Waited".keys.map { .key($0) })
        let draft = WalkEvent.drafted(NoteChange(touchpoint: "greeting", text: "Waited", at: at(20), field: .comment(0)))
        #expect(state.apply(.key(.control("c")), now: at(20)) == [.record(draft)])
        #expect(state.apply(.recordFailed(draft, reason: "No space left on device"), now: at(20)).isEmpty)
        #expect(state.mode == .unsavedText(reason: "No space left on device", finished: false))
        #expect(state.unsavedTexts == [Walk.DraftKey(touchpoint: "greeting", field: .comment(0)): "Waited"])
        #expect(render(state).text.contains("Greeting (comment on item 1): Waited"))
        state.press(.char("e"))
        #expect(state.checklist?.selected == 0, "back to the comment, in the checklist")
        #expect(state.editor?.line.text == "Waited")
    }

    @Test func aSignalWhileTypingAStatedTimeSavesItAsADraft() {
        let recorder = RefusingRecorder { _ in false }
        let terminal = ScriptedTerminal([.key(.enter), .key(.char("@"))] + "10:4".map { .key(.char($0)) } + [.interrupted(signal: SIGTERM)])
        let outcome = WalkRunner(clock: { at(10) }).run(WalkState(journey: storeJourney, details: WalkDetails(), now: at(0)), terminal: terminal, recorder: recorder)
        #expect(outcome.signal == SIGTERM)
        #expect(outcome.walk?.drafts[Walk.DraftKey(touchpoint: "find-opening-hours", field: .statedTime)] == "10:4")
    }

    @Test func theSplitTimerStartsAndStopsAndIsKeptAgainstTheTarget() {
        var state = WalkState.walking(shopJourney)
        #expect(render(state).text.contains("t starts the split timer"))
        let start = state.apply(.key(.char("t")), now: at(100))
        #expect(start == [.record(.timed(TimerChange(touchpoint: "greeting", seconds: 0, running: true, at: at(100))))])
        #expect(state.currentMoment.splitTimer == nil, "not shown before it is on disk")
        state.run([.recorded(.timed(TimerChange(touchpoint: "greeting", seconds: 0, running: true, at: at(100))))], at: at(100))
        _ = state.apply(.tick, now: at(112.4))
        #expect(render(state).text.contains("⏱ 0:12 ▶ running / 0:30  within target"))
        state.press([.char("t")], at: at(145.25))
        #expect(state.currentMoment.splitTimer == SplitTimer(seconds: 45.3, running: false, since: at(145.25)))
        #expect(state.message?.text == "Split timer stopped at 0:45 · target 0:30 missed by 0:15: Greeting")
        _ = state.apply(.tick, now: at(500))
        #expect(render(state).text.contains("⏱ 0:45 ■ stopped / 0:30  ▲ missed by 0:15"), "a stopped timer keeps its reading")
        // Started again it runs on from its reading (a lap), and undo puts it back.
        state.press([.char("t")], at: at(600))
        #expect(state.currentMoment.splitTimer?.running == true)
        state.press([.char("u")], at: at(601))
        #expect(state.currentMoment.splitTimer?.running == false)
        #expect(state.currentMoment.splitTimer?.seconds == 45.3)
        state.press([.char("0")], at: at(602))
        #expect(state.currentMoment.splitTimer?.isCleared == true)
    }

    @Test func aTimerStoppedAtOnceSaysStoppedAt0And0WhileAResetSaysReset() {
        var state = WalkState.walking(shopJourney)
        state.press([.char("t")], at: at(100))
        state.press([.char("t")], at: at(100.02))
        #expect(state.currentMoment.splitTimer == SplitTimer(seconds: 0, running: false, since: at(100.02)))
        #expect(state.message?.text == "Split timer stopped at 0:00 · target 0:30 met: Greeting", "a stop keeps its reading, even 0.0 s")
        state.press([.char("t")], at: at(200))
        state.press([.char("0")], at: at(230))
        #expect(state.currentMoment.splitTimer?.isCleared == true)
        #expect(state.message?.text == "Split timer reset: Greeting", "a running timer reset is a reset")
        state.press([.char("t")], at: at(300))
        state.press([.char("t")], at: at(312))
        state.press([.char("0")], at: at(400))
        #expect(state.message?.text == "Split timer reset: Greeting")
    }

    @Test func aStatedTimeIsLocalAndRefusedWhenFutureEarlyOrMalformed() {
        // The walk is entered at 11:15 Paris time for a visit said to have started at 10:15.
        var state = WalkState.walking(shopJourney, statedStart: at(-3600))
        state.press(.char("@"))
        #expect(render(state).text.contains("When did it happen?"))
        state.type("10:14")
        #expect(state.message?.text == "2026-11-22 10:14 is before the visit's start (10:15:03)", "the screen's line fits 80 columns")
        #expect(state.message?.plain?.hasPrefix("Not stated: 2026-11-22 10:14 is before the visit's stated start (2026-11-22 10:15:03); accepted: ") == true)
        #expect(state.editor != nil, "the field stays open to correct")
        state.run([.key(.control("u"))])
        state.type("11:30")
        #expect(state.message?.text == "2026-11-22 11:30 is in the future (now 11:15:13)")
        state.run([.key(.control("u"))])
        state.type("quarter past")
        #expect(state.message?.text == "Not a time: use 10:42, 10:42:30, 2026-11-22 10:42 or +3m (UTC+01:00)")
        #expect(state.message?.plain?.contains("accepted: 10:42, 10:42:30, 2026-11-22 10:42 or +3m") == true)
        #expect(state.currentMoment.statedAt == nil, "nothing was recorded")
        state.run([.key(.control("u"))])
        state.type("10:42")
        #expect(state.currentMoment.statedAt == Date(timeIntervalSince1970: 1_795_340_520), "10:42 in Paris is 09:42 UTC")
        #expect(state.message?.text == "Time stated: 2026-11-22 10:42 (Europe/Paris, UTC+01:00): Greeting")
        state.press(.right, .char("@"))
        state.type("+3m")
        #expect(state.currentMoment.statedAt == Date(timeIntervalSince1970: 1_795_340_700))
        state.press(.char("u"))
        #expect(state.currentMoment.statedAt == nil)
    }

    @Test func withoutAtATimeBeforeTheWalkStartedIsRefused() {
        // Started at 11:15:03 Paris time with no `walk --at`: the visit began then.
        var state = WalkState.walking(shopJourney)
        state.press([.char("@")], at: at(120))
        state.type("11:00", at: at(120))
        #expect(state.message?.plain?.hasPrefix("Not stated: 2026-11-22 11:00 is before the walk's start (2026-11-22 11:15); for a visit entered afterwards, start the walk with walk --at TIME; accepted: ") == true,
                "\(state.message?.plain ?? "")")
        #expect(state.message?.text == "2026-11-22 11:00 is before the walk's start (11:15): see walk --at")
        #expect(state.message?.kind == .error)
        #expect(state.currentMoment.statedAt == nil)
        state.run([.key(.control("u"))], at: at(120))
        state.type("11:16", at: at(120))
        #expect(state.message?.text == "Time stated: 2026-11-22 11:16 (Europe/Paris, UTC+01:00): Greeting")
    }

    /// A walk resumed in another zone than the one it started in.
    static func resumed(zoneID: String?, offset: Int?, statedStart: Date?) -> WalkState {
        var header = storeHeader(journey: shopJourney)
        header.timeZoneID = zoneID
        header.utcOffset = offset
        header.statedStart = statedStart
        var state = WalkState(resuming: Walk(header: header), warnings: [], now: at(0))
        state.message = nil
        _ = state.apply(.resized(width: 80, height: 24), now: at(0))
        return state
    }

    @Test func typedTimesAreReadInTheZoneTheWalkRecorded() throws {
        // Started in Kiritimati (UTC+14:00) for a visit stated to begin at 10:00 there on 22 November.
        #expect(TimeZone.current.secondsFromGMT() != 14 * 3600, "the tests run elsewhere")
        var state = Self.resumed(zoneID: "Pacific/Kiritimati", offset: 14 * 3600, statedStart: Timestamp.parse("2026-11-21T20:00:00Z"))
        state.press(.char("@"))
        #expect(state.message?.text == "When did Greeting happen? Time in UTC+14:00, then Enter")
        #expect(render(state).text.contains("Local time, Pacific/Kiritimati, UTC+14:00: 10:42"))
        state.type("10:16")
        #expect(state.currentMoment.statedAt == Timestamp.parse("2026-11-21T20:16:00Z"), "10:16 where the walk is shown, not where it is resumed")
        #expect(state.message?.text == "Time stated: 2026-11-22 10:16 (Pacific/Kiritimati, UTC+14:00): Greeting")
        #expect(render(state).text.contains("at 10:16 (stated)"))

        // A header with only the offset (an unknown zone name) reads times at that offset.
        var offsetOnly = Self.resumed(zoneID: "Nowhere/Atlantis", offset: -5 * 3600, statedStart: Timestamp.parse("2026-11-22T08:00:00Z"))
        offsetOnly.press(.char("@"))
        offsetOnly.type("05:00")
        #expect(offsetOnly.currentMoment.statedAt == Timestamp.parse("2026-11-22T10:00:00Z"))
        #expect(offsetOnly.message?.text == "Time stated: 2026-11-22 05:00 (UTC-05:00): Greeting")

        // A walk written before zones were recorded keeps the reader's TZ.
        var older = Self.resumed(zoneID: nil, offset: nil, statedStart: at(-7200))
        older.press(.char("@"))
        older.type(StatedTime.clock(at(-60), timeZone: .current))
        #expect(older.currentMoment.statedAt == at(-60))
    }

    @Test func aVisitAcrossMidnightAndPlusZero() throws {
        // Stated to start at 23:50 in Paris the night before; entered the next morning.
        var state = WalkState.walking(shopJourney, statedStart: Timestamp.parse("2026-11-21T22:50:00Z"))
        state.press(.char("@"))
        state.type("23:55")
        #expect(state.currentMoment.statedAt == Timestamp.parse("2026-11-21T22:55:00Z"))
        state.press(.right, .char("@"))
        state.type("00:05")
        #expect(state.currentMoment.statedAt == Timestamp.parse("2026-11-21T23:05:00Z"))
        #expect(state.message?.text == "Time stated: 2026-11-22 00:05 (Europe/Paris, UTC+01:00): Browsing")
        state.press(.right, .char("@"))
        state.type("+0m")
        #expect(state.currentMoment.statedAt == Timestamp.parse("2026-11-21T23:05:00Z"), "the same time as the one before")
    }

    @Test func theTimelineFollowsStatedTimes() {
        var state = WalkState.walking(shopJourney, statedStart: at(-3600), width: 120, height: 40)
        state.press(.right, .right, .char("@"))
        state.type("10:40")
        state.press(.left, .char("@"))
        state.type("10:50")
        state.press(.left, .char("@"))
        state.type("10:45")
        #expect(state.walk?.timelineOrder == [2, 0, 1])
        let text = render(state, width: 120, height: 40).text
        let paying = text.range(of: "10:40 Paying")
        let greeting = text.range(of: "10:45 Greeting")
        #expect(paying != nil && greeting != nil && paying!.lowerBound < greeting!.lowerBound, "\(text)")
    }

    /// A typo such as 10:20 for 10:52 would put Browsing before Greeting and change the visit's end:
    /// asked first, naming both times and both touchpoints; `n` goes back to the time, `y` states it.
    @Test func aTimeEarlierThanTheOneBeforeIsAskedAboutFirst() {
        var state = WalkState.walking(shopJourney, statedStart: at(-3600))
        state.press(.char("@"))
        state.type("10:50")
        state.press(.right, .char("@"))
        state.type("10:20")
        let question = state.statedTimeQuestion
        #expect(question?.touchpoint == "browse")
        #expect(question?.previousTouchpoint == "greeting")
        #expect(question?.sentences.first == "10:20 for Browsing is earlier than 10:50, the time stated for Greeting, which comes before it.")
        #expect(state.currentMoment.statedAt == nil, "nothing is written before the answer")
        #expect(state.keyMap.title == FieldKitKeys.confirmStatedTime.title)
        // Other keys do nothing meanwhile: the text typed waits in the editor.
        state.press(.char("m"), .char("x"))
        #expect(state.statedTimeQuestion != nil)
        #expect(state.editor?.line.text == "10:20")
        #expect(state.currentMoment.rating == nil)

        state.press(.char("n"))
        #expect(state.mode == .walking)
        #expect(state.editor?.line.text == "10:20", "back to the time, to correct it")
        #expect(state.message?.text == "Not stated: correct the time, then Enter (Esc keeps it as a draft)")
        #expect(state.currentMoment.statedAt == nil)
        state.run([.key(.control("u"))])
        state.type("10:52")
        #expect(state.statedTimeQuestion == nil, "a later time is not asked about")
        #expect(state.currentMoment.statedAt == Timestamp.parse("2026-11-22T09:52:00Z"))

        // Stated anyway: the timeline follows it, and `u` takes it back as any stated time.
        state.press(.right, .char("@"))
        state.type("10:30")
        #expect(state.statedTimeQuestion?.previousTime == "10:52")
        state.press(.char("y"))
        #expect(state.mode == .walking)
        #expect(state.editor == nil)
        #expect(state.currentMoment.statedAt == Timestamp.parse("2026-11-22T09:30:00Z"))
        #expect(state.message?.text == "Time stated: 2026-11-22 10:30 (Europe/Paris, UTC+01:00): Paying")
        #expect(state.walk?.timelineOrder == [2, 0, 1])
        state.press(.char("u"))
        #expect(state.currentMoment.statedAt == nil)
    }

    @Test func aTimeAskedAboutIsKeptAsADraftWhenTheWalkIsLeft() {
        var state = WalkState.walking(shopJourney, statedStart: at(-3600))
        state.press(.char("@"))
        state.type("10:50")
        state.press(.right, .char("@"))
        state.type("10:20")
        let effects = state.apply(.key(.control("c")), now: at(20))
        #expect(effects == [.record(.drafted(NoteChange(touchpoint: "browse", text: "10:20", at: at(20), field: .statedTime)))])
    }

    @Test func theQuestionNamesBothTimesAndTouchpointsOnScreen() {
        var state = WalkState.walking(shopJourney, statedStart: at(-3600))
        state.press(.char("@"))
        state.type("10:50")
        state.press(.right, .char("@"))
        state.type("10:20")
        let canvas = render(state)
        assertSnapshot(canvas, named: "stated-time-earlier-80x24")
        #expect(canvas.text.contains("State 10:20 for Browsing?"))
        #expect(canvas.text(row: 23).hasPrefix(" y state it  n correct it"), "\(canvas.text(row: 23))")
    }

    @Test func anAdhocTouchpointIsInsertedWalkedAndUndone() {
        var state = WalkState.walking(shopJourney)
        state.press(.char("i"))
        state.type("")
        #expect(state.message?.text == "An inserted touchpoint needs a title; Esc cancels")
        state.type("Fire alarm drill")
        #expect(render(state).text.contains("Title: Fire alarm drill"))
        let effects = state.apply(.key(.enter), now: at(30))
        let adhoc = AdhocTouchpoint(id: "adhoc-1", title: "Fire alarm drill", after: "greeting", at: at(30))
        #expect(effects == [.record(.insertedTouchpoint(adhoc))])
        state.run([.recorded(.insertedTouchpoint(adhoc))], at: at(30))
        #expect(state.steps.map(\.touchpoint.id) == ["greeting", "adhoc-1", "browse", "pay"])
        #expect(state.currentStep?.touchpoint.title == "Fire alarm drill")
        #expect(render(state).text.contains("Touchpoint 2/4"))
        state.press(.char("x"))
        #expect(state.walk?.moment(for: "adhoc-1").rating == Rating(.misery))
        #expect(state.currentStep?.touchpoint.id == "browse")
        state.press(.char("u"), .char("u"))
        #expect(state.steps.count == 3, "undo removes it")
        #expect(state.currentStep?.touchpoint.id == "greeting")
        // A second insertion never reuses the id whose records stay in the file.
        state.press(.char("i"))
        state.type("Second")
        state.type("phone")
        #expect(state.steps[1].touchpoint == Touchpoint(id: "adhoc-2", title: "Second", channel: "phone", adhoc: true))
    }

    @Test func evidenceIsAttachedOrRefusedWithNothingChanged() {
        var state = WalkState.walking(shopJourney)
        state.press(.char("a"))
        #expect(render(state).text.contains("Attach evidence"))
        state.type("missing.png")
        #expect(state.message == WalkState.Message(text: "Not attached: /shop/missing.png: no such file", kind: .error))
        #expect(state.currentMoment.evidence.isEmpty)
        #expect(state.editor != nil)
        state.run([.key(.control("u"))])
        state.type("receipt.jpg")
        #expect(state.currentMoment.evidence == [Evidence(path: "/shop/receipt.jpg", bytes: 2048, sha256: String(repeating: "ab", count: 32))])
        #expect(state.message?.text == "Attached receipt.jpg to Greeting (2 KB, sha256 abababababab…)")
        #expect(render(state).text.contains("Evidence receipt.jpg (2 KB)"))
        state.press(.char("u"))
        #expect(state.currentMoment.evidence.isEmpty)
    }

    @Test func theFinalCheckListsWhatIsMissingAndGoesThere() {
        var state = WalkState.walking(shopJourney)
        state.press(.char("c"), .char("y"), .char("n"))
        state.press(.escape, .escape)
        state.press([.char("t")], at: at(10))
        state.press([.char("t")], at: at(50))
        state.press(.char("m"), .char("n"), .char("q"), .char("f"))
        #expect(state.mode == .finalCheck)
        #expect(state.finalCheck?.problems == [
            .noWithoutComment(touchpoint: "greeting", item: 1),
            .missedTargetWithoutNote(touchpoint: "greeting", seconds: 40, target: 30),
            .unrecorded(touchpoint: "pay"),
        ])
        state.press(.char("j"), .enter)
        #expect(state.mode == .walking)
        #expect(state.current == 0)
        #expect(state.editor?.target == .note(touchpoint: "greeting"), "a missed target goes to the note")
        state.type("Staff were in a meeting")
        state.press(.char("q"), .char("f"), .enter)
        #expect(state.checklist?.selected == 1)
        state.type("No coffee")
        state.press(.escape, .char("q"), .char("f"))
        #expect(state.finalCheck?.problems == [.unrecorded(touchpoint: "pay")])
        let effects = state.apply(.key(.char("f")), now: at(60))
        #expect(effects == [.record(.finished(at: at(60)))], "completed anyway")
    }

    @Test func aWalkWithNothingMissingFinishesAtOnce() {
        var state = WalkState.walkingStore()
        state.press(.char("m"), .char("m"), .char("m"), .char("m"), .char("m"), .char("q"))
        #expect(state.apply(.key(.char("f")), now: at(20)) == [.record(.finished(at: at(20)))])
    }

    @Test func aSubmittedWalkRefusesEveryEdit() {
        var walk = Walk(header: storeHeader(journey: shopJourney))
        walk.apply(.finished(at: at(5)))
        walk.apply(.submitted(at: at(6)))
        var state = WalkState(resuming: walk, warnings: [], now: at(10))
        for key in ["m", "e", "c", "t", "@", "i", "a", "u"] {
            #expect(state.apply(.key(.char(Character(key))), now: at(11)).isEmpty)
            #expect(state.message?.text == "Walk 20261122-101503-retail-store-visit is submitted and read-only; nothing was changed", "\(key)")
            #expect(state.editor == nil && state.checklist == nil)
        }
        state.press(.right)
        #expect(state.current == 1, "looking around is allowed")
    }

    @Test func theScoreIsLiveOnTheWalkScreen() {
        var state = WalkState.walking(shopJourney)
        #expect(render(state).text(row: 1).hasSuffix("Score —  pass mark 80  "))
        state.press(.char("c"), .char("y"), .char("y"))
        #expect(render(state).text(row: 1).contains("Score 100.0 %  ✔ pass mark 80  · this stage 100.0 %"))
        state.press(.char("n"))
        state.type("Sold without asking")
        #expect(render(state).text(row: 1).contains("Score 44.4 %  ✖ critical No"))
    }
}

@Suite struct FieldKitKeyTests {
    @Test func noKeyIsBoundTwiceAndEveryLetterIsAPlainWord() {
        for map in [FieldKitKeys.checklist, FieldKitKeys.finalCheck, WalkKeys.walking] {
            let keys = map.bindings.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(map.title) binds a key twice")
        }
        for binding in FieldKitKeys.finalCheck.bindings {
            for case .char(let letter) in binding.keys where "fq".contains(letter) {  // moving is `go N` in plain mode
                #expect(PlainWords.finalCheck.match(String(letter))?.entry.sameKeysAs == binding.command, "\(letter)")
            }
        }
        let spellings = PlainWords.finalCheck.entries.flatMap { PlainWords.finalCheck.spellings(of: $0) }
        #expect(Set(spellings).count == spellings.count)
    }

    @Test func theFieldKitKeysAreTheAllocatedOnes() {
        let expected: [(Key, WalkCommand)] = [
            (.char("c"), .openChecklist), (.char("t"), .toggleTimer), (.char("@"), .stateTime), (.char("i"), .insertTouchpoint), (.char("a"), .attachEvidence),
        ]
        for (key, command) in expected { #expect(WalkKeys.walking.command(for: key) == command, "\(key.label)") }
        let leader: [(Key, WalkCommand)] = [(.char("T"), .tags), (.char("r"), .recovery), (.char("p"), .praise), (.char("A"), .action)]
        for (key, command) in leader { #expect(WalkKeys.walking.command(for: key) == command, "\(key.label) is the leader's") }
    }
}
