import Foundation
import JourneyKit
@testable import WalkUI
import Testing

@Suite struct WorkshopStateTests {
    @Test func aWorkshopIsAWalkOfTheTrainerInTheRoom() {
        let state = WorkshopState.started()
        #expect(state.walk.walk?.header.details == WalkDetails(operator: "Ana", role: .trainer, location: "Room 4", channel: "workshop"))
        #expect(state.walk.walk.map(WorkshopState.isWorkshop) == true)
        #expect(state.current == 0 && state.screen == .touchpoint)
        #expect(state.walk.message?.text == "Workshop started in Room 4: 3 touchpoints. m n x: the room's votes, u takes one back")
    }

    @Test func eachVoteWritesTheWholeTallyAndTheVerdictWhenTheMajorityChanges() {
        var state = WorkshopState.started()
        let first = state.press(.char("m"), at: at(7))
        #expect(first == [[
            .rated(RatingChange(touchpoint: "ask", rating: Rating(.magic), at: at(7), timerSeconds: 7)),
            .voted(VoteChange(touchpoint: "ask", votes: Votes(magic: 1), at: at(7))),
        ]], "the verdict first, so the walk stays on the touchpoint")
        #expect(state.press(.char("m")) == [[.voted(VoteChange(touchpoint: "ask", votes: Votes(magic: 2), at: at(10)))]])
        #expect(state.press(.char("n")) == [[.voted(VoteChange(touchpoint: "ask", votes: Votes(magic: 2, neutral: 1), at: at(10)))]])
        #expect(state.tally == Votes(magic: 2, neutral: 1))
        #expect(state.currentMoment.rating == Rating(.magic))
        #expect(state.current == 0, "a vote never moves on")
        #expect(state.walk.walk?.position == 0)
        #expect(state.walk.message?.text == "Saved a ● neutral vote · ★2 ●1 ✖0 → ★ magic")
    }

    /// The workshop changes its walk only through the walk's actions: the room's verdicts are
    /// counted in the walk's summary and kept in its undo stack as a resume rebuilds them.
    @Test func theWalksCountsAndUndoStackFollowTheRoom() throws {
        var state = WorkshopState.started()
        var written = state.press(.char("m"), .char("m"), .char("x"), at: at(7)).flatMap { $0 }
        written += state.press(.char("l"), .char("x")).flatMap { $0 }
        #expect(state.walk.summary == WalkSummary(magic: 1, misery: 1, unrecorded: 1))
        #expect(state.walk.current == 1 && state.current == 1)
        let header = try #require(state.walk.walk?.header)
        #expect(state.walk.undoStack == UndoEntry.stack(replaying: written, header: header))
        #expect(state.walk.walk == Walk(events: [.started(header)] + written), "the walk is its file")
    }

    @Test func aTieIsRecordedAsSplit() {
        var state = WorkshopState.started()
        state.press(.char("x"), .char("m"))
        #expect(state.currentMoment.rating == Rating(.split))
        #expect(state.tally == Votes(magic: 1, misery: 1))
        let written = state.press(.char("n"))
        #expect(written == [[.voted(VoteChange(touchpoint: "ask", votes: Votes(magic: 1, neutral: 1, misery: 1), at: at(10)))]], "no new verdict")
        #expect(state.currentMoment.rating == Rating(.split), "three ways is still no majority")
        state.press(.char("x"))
        #expect(state.currentMoment.rating == Rating(.misery))
    }

    @Test func takingBackRemovesTheLastVoteOnThisTouchpointAndItsVerdict() {
        var state = WorkshopState.started()
        state.press(.char("m"), .char("x"))
        #expect(state.currentMoment.rating == Rating(.split))
        let undone = state.press(.char("u"), at: at(12))
        #expect(undone == [[
            .rated(RatingChange(touchpoint: "ask", rating: Rating(.magic), at: at(12), timerSeconds: 12, undo: true)),
            .voted(VoteChange(touchpoint: "ask", votes: Votes(magic: 1), at: at(12), undo: true)),
        ]])
        #expect(state.walk.message?.text == "Took back a ✖ misery vote · ★1 ●0 ✖0 → ★ magic")
        state.press(.char("u"))
        #expect(state.tally == Votes() && state.currentMoment.rating == nil)
        #expect(state.press(.char("u")).isEmpty, "nothing left to take back")
        #expect(state.walk.message?.text == "No vote of this session to take back on this touchpoint")
    }

    @Test func takingBackOnlyTouchesTheTouchpointOnScreen() {
        var state = WorkshopState.started()
        state.press(.char("m"), .right, .char("x"), .left)
        #expect(state.press(.char("u")).first?.last == .voted(VoteChange(touchpoint: "ask", votes: Votes(), at: at(10), undo: true)))
        #expect(state.walk.walk?.moment(for: "tour").votes == Votes(misery: 1))
    }

    @Test func aVoteShowsOnlyOnceItIsOnDisk() {
        var state = WorkshopState.started()
        let effects = state.apply(.key(.char("m")), now: at(5))
        #expect(state.tally == Votes(), "not shown before the write")
        guard case .record(let events)? = effects.first else {
            Issue.record("no record effect")
            return
        }
        _ = state.apply(.recordFailed(events, reason: "/w.jsonl: No space left on device"), now: at(5))
        #expect(state.tally == Votes() && state.currentMoment.rating == nil)
        #expect(state.walk.message == WalkState.Message(text: "NOT SAVED (try again): /w.jsonl: No space left on device", kind: .error))
        #expect(state.votes.cast.isEmpty)
    }

    @Test func theTimeboxIsTheTouchpointsThenTheJourneysThenTheOptionThenThreeMinutes() {
        let state = WorkshopState.started(timebox: 45)
        #expect(state.timebox(of: roomJourney.stages[0].touchpoints[0]) == 60)
        #expect(state.timebox(of: roomJourney.stages[0].touchpoints[1]) == 120)
        var plain = roomJourney
        plain.timebox = nil
        #expect(WorkshopState.started(journey: plain, timebox: 45).timebox(of: plain.stages[1].touchpoints[0]) == 45)
        #expect(WorkshopState.started(journey: plain).timebox(of: plain.stages[1].touchpoints[0]) == 180)
    }

    @Test func theCountdownRunsPausesGainsAMinuteAndSaysWhenTimeIsUpWithoutMovingOn() {
        var state = WorkshopState.started()
        _ = state.apply(.tick, now: at(20))
        #expect(state.countdown.remaining(at: at(20)) == 40)
        #expect(state.countdown.phase(at: at(20)) == .running)
        #expect(state.press(.char("p"), at: at(20)).isEmpty, "the clock writes nothing")
        #expect(state.countdown.phase(at: at(50)) == .paused)
        #expect(state.countdown.remaining(at: at(500)) == 40, "paused stands still")
        #expect(state.walk.message?.text == "Countdown paused at 0:40: p starts it again")
        state.press(.char(" "), at: at(500))
        #expect(state.countdown.remaining(at: at(510)) == 30)
        state.press(.char("+"), at: at(510))
        #expect(state.countdown.timebox == 120 && state.countdown.remaining(at: at(510)) == 90)
        #expect(state.walk.message?.text == "A minute more: 2:00 for this touchpoint")
        for second in stride(from: 511.0, through: 700, by: 1) { _ = state.apply(.tick, now: at(second)) }
        #expect(state.countdown.phase(at: at(700)) == .up)
        #expect(state.countdown.remaining(at: at(700)) == 0 && state.countdown.overtime(at: at(700)) == 100)
        #expect(state.current == 0 && state.screen == .touchpoint, "time up never moves on")
        #expect(state.press(.char("p"), at: at(700)).isEmpty)
        #expect(state.countdown.phase(at: at(800)) == .up, "time up stays up, paused or not")
    }

    @Test func eachTouchpointKeepsItsOwnClockWhileAnotherIsShown() {
        var state = WorkshopState.started()
        state.press(.right, at: at(30))
        #expect(state.current == 1)
        #expect(state.countdown.timebox == 120 && state.countdown.remaining(at: at(40)) == 110)
        state.press(.left, at: at(100))
        #expect(state.countdown.remaining(at: at(100)) == 30, "the first clock stood still while the tour was on")
        #expect(state.countdowns["tour"]?.remaining(at: at(1000)) == 50)
    }

    @Test func movingIsRecordedForResume() {
        var state = WorkshopState.started()
        #expect(state.press(.right) == [[.moved(touchpoint: "tour", at: at(10))]])
        #expect(state.press(.char("G")) == [[.moved(touchpoint: "bill", at: at(10))]])
        #expect(state.press(.char("G")).isEmpty)
    }

    @Test func theNoteIsTheWalksNoteWithItsDraft() {
        var state = WorkshopState.started()
        state.press(.char("e"))
        #expect(state.walk.editor != nil)
        #expect(state.press(.char("m")).isEmpty, "typing is not voting")
        state.press(.char("o"), .escape)
        #expect(state.walk.texts.note("ask") == "mo")
        #expect(state.tally == Votes())
        let saved = state.press(.char("e"), .char("!"), .enter)
        #expect(saved == [[.noted(NoteChange(touchpoint: "ask", text: "mo!", at: at(10)))]])
        #expect(state.currentMoment.note == "mo!" && state.walk.texts.note("ask") == nil)
    }

    @Test func leavingWhileTypingKeepsTheTextAsADraft() {
        var state = WorkshopState.started()
        state.press(.char("e"), .char("H"), .char("i"))
        let effects = state.apply(.interrupted, now: at(11))
        #expect(effects == [.record([.drafted(NoteChange(touchpoint: "ask", text: "Hi", at: at(11)))])])
        state.perform(effects, at: at(11))
        #expect(state.walk.mode == .done(finished: false))
    }

    @Test func theSummaryComesAtTheEndAndFinishingWritesFinish() {
        var state = WorkshopState.started()
        state.press(.char("G"), .right)
        #expect(state.screen == .summary, "→ after the last touchpoint")
        state.press(.escape)
        #expect(state.screen == .touchpoint && state.current == 2)
        state.press(.char("q"))
        #expect(state.screen == .summary)
        #expect(state.countdowns["bill"]?.since == nil, "no countdown runs on the summary")
        let finish = state.press(.char("f"), at: at(90))
        #expect(finish == [[.finished(at: at(90))]])
        #expect(state.walk.mode == .done(finished: true))
    }

    @Test func aResumedWorkshopKeepsItsVotesAndTakesBackOnlyNewOnes() throws {
        var first = WorkshopState.started()
        first.press(.char("m"), .char("x"), .right, .char("n"))
        let walk = try #require(first.walk.walk)
        var state = WorkshopState(resuming: walk, warnings: [], now: at(100))
        #expect(state.begin().isEmpty, "the walk file is there already")
        _ = state.apply(.resized(width: 80, height: 24), now: at(100))
        #expect(state.current == 1 && state.tally == Votes(neutral: 1))
        #expect(state.press(.char("u"), at: at(101)).isEmpty)
        state.press(.left, .char("m"), at: at(102))
        #expect(state.tally == Votes(magic: 2, misery: 1) && state.currentMoment.rating == Rating(.magic))
        state.press(.char("u"), .char("u"), at: at(103))
        #expect(state.tally == Votes(magic: 1, misery: 1), "the earlier session's votes stay")
        #expect(state.countdown.remaining(at: at(103)) == 59, "a fresh countdown")
        var trainerWalk = Walk(header: roomHeader(WalkDetails(role: .trainer)))
        #expect(!WorkshopState.isWorkshop(trainerWalk), "a trainer's plain walk stays a walk")
        trainerWalk.apply(.voted(VoteChange(touchpoint: "ask", votes: Votes(magic: 1), at: at(1))))
        #expect(WorkshopState.isWorkshop(trainerWalk))
    }

    @Test func aResumedWorkshopCountsDownFromTheTimeboxItWasStartedWith() {
        // A journey without timeboxes: `--timebox 10s` decides every countdown.
        var journey = roomJourney
        journey.timebox = nil
        journey.stages[0].touchpoints[0].timebox = nil
        var header = roomHeader(WalkDetails(role: .trainer, channel: WorkshopState.channel), journey: journey)
        header.workshopTimebox = 10
        var walk = Walk(header: header)
        walk.apply(.voted(VoteChange(touchpoint: "ask", votes: Votes(magic: 1), at: at(1))))
        var state = WorkshopState(resuming: walk, warnings: [], now: at(100))
        _ = state.apply(.resized(width: 80, height: 24), now: at(100))
        #expect(state.timebox == 10)
        #expect(state.countdown.remaining(at: at(100)) == 10, "not the default 3:00")
        // A workshop file from before the timebox was kept: the default, as before.
        var older = Walk(header: roomHeader(WalkDetails(role: .trainer, channel: WorkshopState.channel), journey: journey))
        older.apply(.voted(VoteChange(touchpoint: "ask", votes: Votes(magic: 1), at: at(1))))
        var old = WorkshopState(resuming: older, warnings: [], now: at(100))
        _ = old.apply(.resized(width: 80, height: 24), now: at(100))
        #expect(old.countdown.remaining(at: at(100)) == WorkshopState.defaultTimebox)
    }

    @Test func unknownKeysSaySoAndHelpListsTheKeys() {
        var state = WorkshopState.started()
        state.press(.char("z"))
        #expect(state.walk.message == WalkState.Message(text: "'z' does nothing here; ? shows the keys", kind: .warning))
        state.press(.char("?"))
        #expect(state.help != nil)
        #expect(state.press(.char("m")).isEmpty && state.help == nil, "any key closes help")
    }
}

@Suite struct WorkshopSummaryTests {
    @Test func aSplitRoomSitsOnTheNeutralLineAsInTheReport() {
        var walk = Walk(header: roomHeader(WalkDetails(role: .trainer)))
        // Tied between magic and neutral: the mood of the votes is +0.5, the verdict is split.
        walk.apply(.voted(VoteChange(touchpoint: "ask", votes: Votes(magic: 2, neutral: 2), at: at(1))))
        walk.apply(.rated(RatingChange(touchpoint: "ask", rating: Rating(.split), at: at(1))))
        walk.apply(.voted(VoteChange(touchpoint: "tour", votes: Votes(magic: 3, misery: 1), at: at(2))))
        walk.apply(.rated(RatingChange(touchpoint: "tour", rating: Rating(.magic), at: at(2))))
        let summary = WorkshopSummary(walk)
        #expect(summary.points.map(\.curveValue) == [0, 0.5, nil])
        #expect(Rating(.split).score == 0, "the reports' curve value of a split")
        var canvas = Canvas(width: 80, height: 7)
        _ = WorkshopScreen.curve(summary, levels: 5, row: 0, column: 0, width: 80, &canvas)
        let rows = canvas.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows[2].contains("◐"), "on the neutral line: \(canvas.text)")
        #expect(rows[1].contains("★"), "a magic room with one misery vote half-way up")
    }

    @Test func theMostDividedComeFirstAndUnanimousRoomsAreLeftOut() throws {
        var walk = Walk(header: roomHeader(WalkDetails(role: .trainer)))
        walk.apply(.voted(VoteChange(touchpoint: "ask", votes: Votes(magic: 5, misery: 4), at: at(1))))
        walk.apply(.voted(VoteChange(touchpoint: "tour", votes: Votes(magic: 3, neutral: 3), at: at(2))))
        walk.apply(.voted(VoteChange(touchpoint: "bill", votes: Votes(misery: 6), at: at(3))))
        walk.apply(.noted(NoteChange(touchpoint: "tour", text: "Half of them never toured", at: at(4))))
        let summary = WorkshopSummary(walk)
        #expect(summary.mostDivided.map(\.title) == ["Tour", "Ask a question"])
        #expect(summary.totalVotes == 21)
        #expect(summary.notes.map(\.note) == ["Half of them never toured"])
        #expect(WorkshopSummary.split(Votes(magic: 3, neutral: 3)) == "a dead heat")
        #expect(WorkshopSummary.split(Votes(magic: 5, misery: 4)) == "ahead by 1 of 9 votes")
    }
}
