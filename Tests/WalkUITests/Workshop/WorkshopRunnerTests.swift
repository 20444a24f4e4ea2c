import Foundation
import JourneyKit
@testable import WalkUI
import Testing

/// A recorder that keeps every write (one event, or several together) and can be told to fail.
final class MemoryWorkshopRecorder: WorkshopRecorder {
    var writes: [[WalkEvent]] = []
    var failing = false

    var events: [WalkEvent] { writes.flatMap { $0 } }

    func start(_ details: WalkDetails, at date: Date) throws -> WalkHeader {
        let header = roomHeader(details)
        writes.append([.started(header)])
        return header
    }

    func record(_ event: WalkEvent) throws {
        try record(together: [event])
    }

    func record(together events: [WalkEvent]) throws {
        if failing { throw MemoryRecorder.Failure(description: "/w.jsonl: No space left on device") }
        writes.append(events)
    }
}

@Suite struct WorkshopRunnerTests {
    let runner = WorkshopRunner(clock: { at(10) })

    @Test func votesAreWrittenWithTheirVerdictInOneWriteBeforeTheFrameThatShowsThem() throws {
        let keys: [Key] = [.char("m"), .char("x"), .char("u"), .char("q"), .char("f")]
        let terminal = ScriptedTerminal(keys.map { .key($0) }, width: 200, height: 60)
        let recorder = MemoryWorkshopRecorder()
        let outcome = runner.run(WorkshopState(journey: roomJourney, room: "Room 4", now: at(0)), terminal: terminal, recorder: recorder)
        #expect(outcome.finished)
        #expect(recorder.writes.map(\.count) == [1, 2, 2, 2, 1], "header; magic + tally; split + tally; magic again + tally; finish")
        #expect(Walk(events: recorder.events) == outcome.walk)
        #expect(outcome.walk?.moment(for: "ask").votes == Votes(magic: 1))
        #expect(outcome.walk?.header.details.role == .trainer && outcome.walk?.header.details.location == "Room 4")
        #expect(terminal.frames.count == 5, "the first frame, then one after each key until finishing")
        #expect(terminal.frames[1].text.contains("Verdict ★ magic · 1 of 1 vote"))
        #expect(terminal.frames[2].text.contains("Verdict ◐ split · no majority, 2 votes"))
        #expect(terminal.frames[4].text.contains("Most divided"))
    }

    @Test func aDiskThatRefusesShowsNoVote() {
        let terminal = ScriptedTerminal([.key(.char("m"))], width: 80, height: 24)
        let recorder = MemoryWorkshopRecorder()
        terminal.events.insert(.tick, at: 0)
        let failing = FailAfterStart(recorder)
        let outcome = runner.run(WorkshopState(journey: roomJourney, room: "", now: at(0)), terminal: terminal, recorder: failing)
        #expect(outcome.walk?.moment(for: "ask").votes == nil)
        #expect(terminal.frames.last?.text.contains("NOT SAVED (try again): /w.jsonl: No space left on device") == true)
        #expect(terminal.frames.last?.text.contains("Verdict · no votes yet") == true)
    }

    @Test func theRunnerWakesForTheNextSecondOfTheCountdown() {
        var state = WorkshopState.started()
        _ = state.apply(.tick, now: at(0.25))
        #expect(state.tickInterval == 755)
        #expect(state.tickInterval <= 1000)
    }
}

/// Starts the walk, then refuses every write.
final class FailAfterStart: WorkshopRecorder {
    let inner: MemoryWorkshopRecorder
    init(_ inner: MemoryWorkshopRecorder) { self.inner = inner }
    func start(_ details: WalkDetails, at date: Date) throws -> WalkHeader {
        let header = try inner.start(details, at: date)
        inner.failing = true
        return header
    }
    func record(_ event: WalkEvent) throws { try inner.record(event) }
    func record(together events: [WalkEvent]) throws { try inner.record(together: events) }
}
