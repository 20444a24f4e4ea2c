import Foundation
import JourneyKit
import JourneyStore
@testable import WalkUI
import Testing

/// Counts that agree with their nouns, escapes shown as they are, and errors that lead with their cause.
@Suite struct WordingTests {
    static let oneStop = Journey(id: "one-stop", title: "One stop", stages: [
        Stage(name: "Only", touchpoints: [Touchpoint(id: "desk", title: "Desk")]),
    ])

    @Test func oneStageAndOneTouchpointAreSingular() {
        var state = WalkState(journey: Self.oneStop, details: WalkDetails(), now: at(0))
        #expect(render(state).text(row: 0).contains("1 stage · 1 touchpoint "))
        state.run([.resized(width: 80, height: 24), .key(.enter)], at: at(0))
        #expect(state.message?.text == "Walk started: 1 touchpoint. One key per verdict.")
        var home = Canvas(width: 80, height: 24)
        HomeScreen.render(HomeState(items: [
            .journey(id: "one-stop", title: "One stop", path: "j/one-stop.yaml", stages: 1, touchpoints: 1),
            .unfinished(path: "/w/1.jsonl", title: "One stop", started: "2026-11-22 10:15", recorded: 0, total: 1),
            .review(walks: 1),
        ]), into: &home)
        #expect(home.text.contains("one-stop · 1 touchpoint "))
        #expect(home.text(row: 0).contains("1 unfinished walk "))
        let resumed = WalkState(resuming: Walk(header: storeHeader(journey: Self.oneStop)), warnings: [], now: at(1))
        #expect(resumed.message?.text == "Resumed: 0 of 1 touchpoint recorded")
        #expect(Counted.text(0, "stage") == "0 stages")
        #expect(Counted.text(2, "walk") == "2 walks")
        #expect([0, 999, 1_000, 12_000, 1_234_567, -2_000].map(Counted.grouped) == ["0", "999", "1,000", "12,000", "1,234,567", "-2,000"])
    }

    @Test func stageNamesWithEscapesAreShownAsTheyAreNotInCapitals() {
        var journey = storeJourney
        journey.stages[0].name = "Lobby \u{1B}[31m red"
        var state = WalkState(journey: journey, details: WalkDetails(), now: at(0))
        state.run([.resized(width: 80, height: 24), .key(.enter)], at: at(0))
        let stageRow = render(state).text(row: 2)
        #expect(stageRow.contains("Lobby ^[[31m red"), "\(stageRow)")
        #expect(!stageRow.contains("31M"))
        state.press(.char("m"))
        #expect(render(state).text(row: 2).contains("IN THE STORE"), "plain names are still in capitals")
    }

    @Test func aFailedSaveShowsItsCauseBeforeThePath() {
        final class FullDisk: WalkRecorder {
            func start(_ details: WalkDetails, at date: Date) throws -> WalkHeader { storeHeader(details: details) }
            func record(_ event: WalkEvent) throws {
                throw FileError(path: "/home/a-rather-long-user-name/.local/share/journeywalk/walks/20261122-101503-retail-store-visit.jsonl", reason: "No space left on device")
            }
        }
        let terminal = ScriptedTerminal([.key(.enter), .key(.char("m"))])
        _ = WalkRunner(clock: { at(10) }).run(WalkState(journey: storeJourney, details: WalkDetails(), now: at(0)), terminal: terminal, recorder: FullDisk())
        let status = terminal.frames.last?.text(row: 22) ?? ""
        #expect(status.hasPrefix(" ✖ NOT SAVED (try again): No space left on device · /home/a-rather-long-user"), "\(status)")
    }

    @Test func aVerdictWhoseFlushFailsIsNeverShownAsSaved() {
        final class FailingFlush: WalkRecorder {
            func start(_ details: WalkDetails, at date: Date) throws -> WalkHeader { storeHeader(details: details) }
            func record(_ event: WalkEvent) throws {}
            func recordFlushing(_ event: WalkEvent) throws -> RecordFlush {
                RecordFlush { FileError(path: "/walks/w.jsonl", reason: "Input/output error") }
            }
        }
        let terminal = ScriptedTerminal([.key(.enter), .key(.char("m"))])
        let outcome = WalkRunner(clock: { at(10) }).run(WalkState(journey: storeJourney, details: WalkDetails(), now: at(0)), terminal: terminal, recorder: FailingFlush())
        let status = terminal.frames.last?.text(row: 22) ?? ""
        #expect(status.hasPrefix(" ✖ NOT SAVED (try again): Input/output error · /walks/w.jsonl"), "\(status)")
        let saving = ScriptedTerminal([.key(.enter), .key(.char("m"))])
        _ = WalkRunner(clock: { at(10) }).run(WalkState(journey: storeJourney, details: WalkDetails(), now: at(0)), terminal: saving, recorder: MemoryRecorder())
        func stars(_ frame: Canvas) -> Int { frame.text.filter { $0 == "★" }.count }
        let recorded = stars(saving.frames.last ?? Canvas(width: 1, height: 1))
        #expect(recorded > stars(saving.frames[saving.frames.count - 2]), "a recorded verdict shows its glyph")
        #expect(terminal.frames.allSatisfy { stars($0) < recorded }, "no frame ever showed the verdict as recorded")
        #expect(outcome.walk?.moments.values.allSatisfy { $0.rating == nil } ?? true)
    }
}
