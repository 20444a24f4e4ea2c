import Foundation
import JourneyKit
import Testing
@testable import WalkUI

/// Lines of input played back one by one, and every line written kept.
final class PlainScript {
    var input: [String]
    private(set) var output: [String] = []

    init(_ input: [String]) { self.input = input }

    func next() -> String? { input.isEmpty ? nil : input.removeFirst() }
    func write(_ line: String) { output.append(line) }
    var text: String { output.joined(separator: "\n") }
}

@Suite struct PlainRunnerTests {
    let runner = PlainRunner(clock: { at(10) })

    func walk(_ lines: [String], state: WalkState? = nil, recorder: WalkRecorder = MemoryRecorder(), numbered: Bool = false) -> (PlainOutcome, PlainScript) {
        let script = PlainScript(lines)
        let start = state ?? WalkState(journey: storeJourney, details: WalkDetails(operator: "Café ★ naïve", role: .shopper), now: at(0))
        let outcome = PlainRunner(clock: { at(10) }, numbered: numbered)
            .run(start, recorder: recorder, input: script.next, output: script.write)
        return (outcome, script)
    }

    @Test func wordsRecordTheSameWalkAsTheKeysOfTheFullScreenWalk() {
        let plain = MemoryRecorder()
        let (outcome, script) = walk(["start", "magic", "strong magic", "neutral", "misery!", "s", "finish"], recorder: plain)
        #expect(outcome.finished)
        #expect(outcome.problems.isEmpty)

        let keys = MemoryRecorder()
        let terminal = ScriptedTerminal([.key(.enter)] + "mMnXs".map { .key(.char($0)) } + [.key(.char("q")), .key(.char("f"))])
        let screen = WalkRunner(clock: { at(10) }).run(
            WalkState(journey: storeJourney, details: WalkDetails(operator: "Café ★ naïve", role: .shopper), now: at(0)),
            terminal: terminal, recorder: keys)
        #expect(plain.events == keys.events)
        #expect(outcome.walk == screen.walk)
        #expect(outcome.walk?.summary == WalkSummary(magic: 2, neutral: 1, misery: 1, skipped: 1, unrecorded: 0))
        #expect(script.output.contains { $0.hasPrefix("Saved ★ magic: Find opening hours online") })
        #expect(script.output.contains { $0.hasPrefix("Saved ✖✖ strong misery: Queue and payment") })
    }

    @Test func theBriefingAndEachTouchpointAreSaidAsPlainLines() {
        let (_, script) = walk(["", "m"])
        #expect(Array(script.output.prefix(10)) == [
            "Briefing · Retail store visit",
            "A mystery shopper's visit, from finding the store online to leaving with a gift.",
            "Promise: Friendly experts help you find the right gift in ten minutes.",
            "Persona: First-time visitor buying a gift",
            "3 stages, 5 touchpoints: Before the visit (1), In the store (3), After the visit (1)",
            "Operator: Café ★ naïve",
            "Role: shopper",
            "Location: not given",
            "Channel: not given",
            "Type start or an empty line to start the walk (the first verdict starts it too), help for the commands, quit to leave without saving.",
        ])
        let greeting = script.output.firstIndex(of: "Stage 2/3 · Touchpoint 2/5 · In the store") ?? 0
        #expect(Array(script.output[greeting...].prefix(10)) == [
            "Stage 2/3 · Touchpoint 2/5 · In the store",
            "Greeting · moment of truth",
            "channel: store · target: 30s",
            "Start the stopwatch as you step inside; stop it when someone acknowledges you.",
            "Look for (answer yes, no or na ITEM):",
            "1. Acknowledged within 30 seconds: not answered",
            "2. Eye contact and a smile: not answered",
            "3. Name badge: not answered",
            "Verdict: not recorded yet",
            "Note: none",
        ])
    }

    @Test func aNoteIsSavedAndUndone() {
        let recorder = MemoryRecorder()
        let (outcome, script) = walk(["", "note   Door sign says 9–18,\tsite  10–18 ★", "note", "undo", "e Second thought"], recorder: recorder)
        let notes = recorder.events.compactMap { event -> NoteChange? in
            if case .noted(let change) = event { return change }
            return nil
        }
        #expect(notes.map(\.text) == ["Door sign says 9–18, site  10–18 ★", "", "Second thought"])
        #expect(notes.map(\.undo) == [false, true, false])
        #expect(script.output.contains("Note saved on Find opening hours online"))
        #expect(script.output.contains("Note: Door sign says 9–18, site  10–18 ★"))
        #expect(script.output.contains("Undone: note of Find opening hours online restored"))
        #expect(outcome.walk?.moment(for: "find-opening-hours").note == "Second thought")
        #expect(outcome.walk?.moment(for: "find-opening-hours").rating == nil, "a note does not record a verdict")
    }

    @Test func undoTakesBackAVerdictAndSaysTheTouchpointAgain() {
        let recorder = MemoryRecorder()
        let (outcome, script) = walk(["", "x", "u"], recorder: recorder)
        #expect(outcome.walk?.moment(for: "find-opening-hours").rating == nil)
        #expect(outcome.walk?.position == 0)
        let undone = script.output.firstIndex(of: "Undone: Find opening hours online is not recorded again") ?? script.output.count
        #expect(script.output.dropFirst(undone).contains("Stage 1/3 · Touchpoint 1/5 · Before the visit"))
    }

    @Test func theEndOfInputLeavesAWalkThatCanBeResumed() {
        let recorder = MemoryRecorder()
        let (outcome, script) = walk(["", "m", "n"], recorder: recorder)
        #expect(!outcome.finished)
        #expect(outcome.walk?.summary.unrecorded == 3)
        #expect(script.output.last == "End of input: leaving the walk for later; everything recorded is saved and it can be resumed.")
        #expect(!recorder.events.contains { if case .finished = $0 { return true } else { return false } })

        let resumed = WalkState(resuming: outcome.walk ?? Walk(header: storeHeader()), warnings: [], now: at(20))
        let (again, said) = walk(["m", "finish", "finish anyway"], state: resumed, recorder: recorder)
        #expect(said.output.first == "Resumed: 2 of 5 touchpoints recorded")
        #expect(said.output.contains("Stage 2/3 · Touchpoint 3/5 · In the store"))
        #expect(again.finished)
        #expect(again.walk?.summary.magic == 2)
    }

    @Test func endOfInputOnTheBriefingSavesNothing() {
        let recorder = MemoryRecorder()
        let (outcome, script) = walk([], recorder: recorder)
        #expect(outcome.walk == nil)
        #expect(recorder.events.isEmpty)
        #expect(script.output.last == "End of input: leaving; the walk was not started.")
    }

    @Test func anUnknownLineIsSaidBackWithoutItsControlCharactersAndCut() {
        let long = "\u{1B}]0;pwned\u{07}" + String(repeating: "x", count: 100_000)
        let (outcome, script) = walk(["", long], numbered: true)
        let expected = "line 2: unknown command '^[]0;pwned^G" + String(repeating: "x", count: PlainWalk.longestEcho - 13) + "…'"
        #expect(outcome.problems == [expected])
        let refusal = script.output.first { $0.hasPrefix("Line 2:") } ?? ""
        #expect(refusal.hasPrefix("L" + expected.dropFirst() + "; commands: "), "\(refusal.prefix(200))")
        #expect(!refusal.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func anUnknownWordIsRefusedWithTheCommandsAndTheWalkGoesOn() {
        let (outcome, script) = walk(["", "dance", "magic please", "m"], numbered: true)
        let refusal = script.output.first { $0.hasPrefix("Line 2:") }
        #expect(refusal?.hasPrefix("Line 2: unknown command 'dance'; commands: magic (m), strong magic (magic!, M), neutral (n),") == true)
        #expect(refusal?.contains("note TEXT (e)") == true)
        #expect(refusal?.hasSuffix("finish, leave") == true)
        #expect(script.output.contains { $0.hasPrefix("Line 3: 'magic' takes nothing after it; commands: ") })
        #expect(outcome.problems == ["line 2: unknown command 'dance'", "line 3: 'magic' takes nothing after it"])
        #expect(outcome.walk?.summary.magic == 1, "the walk goes on after a refused line")
        #expect(outcome.walk?.moment(for: "find-opening-hours").rating?.verdict == .magic)
    }

    @Test func lettersAreExactAndWordsAnyCase() {
        let recorder = MemoryRecorder()
        let (outcome, _) = walk(["", "M", "MAGIC", "Strong  Misery", "X", "x"], recorder: recorder)
        let ratings = recorder.events.compactMap { event -> String? in
            if case .rated(let change) = event { return change.rating?.label }
            return nil
        }
        #expect(ratings == ["strong magic", "magic", "strong misery", "strong misery", "misery"])
        #expect(outcome.problems.isEmpty)
    }

    @Test func quitAsksAndTheAnswerIsAWord() {
        let (outcome, script) = walk(["", "m", "q", "m", "back", "q", "f", "finish anyway"])
        #expect(script.output.contains("Finish the walk? 4 touchpoints are not recorded yet."))
        #expect(script.output.contains("  finish, f: finish the walk (touchpoints not recorded stay unrecorded)"))
        #expect(script.output.contains("  back, cancel, k, q: go back to the walk"))
        #expect(script.output.contains { $0.hasPrefix("Unknown command 'm'; commands: finish (f), leave (l), back (cancel, k, q)") })
        #expect(outcome.finished)
        #expect(outcome.walk?.summary.magic == 1)
    }

    @Test func leaveLeavesForLaterAndAVerdictStartsTheWalk() {
        let (outcome, script) = walk(["n", "leave", "m"])
        #expect(script.output.contains("Walk started: 5 touchpoints, each saved as you go."))
        #expect(script.output.contains { $0.hasPrefix("Saved ● neutral: Find opening hours online") })
        #expect(!outcome.finished)
        #expect(outcome.walk?.summary.neutral == 1)
        #expect(outcome.walk?.summary.magic == 0, "nothing is read after leaving")
    }

    @Test func briefingDetailsAreSetByWords() {
        let recorder = MemoryRecorder()
        let (outcome, script) = walk(["operator Sam Lee", "role Leader", "role clown", "location Main Street", "channel", ""], recorder: recorder)
        #expect(outcome.walk?.header.details == WalkDetails(operator: "Sam Lee", role: .leader, location: "Main Street", channel: ""))
        #expect(script.output.contains("Operator: Sam Lee"))
        #expect(script.output.contains("Role: leader"))
        #expect(script.output.contains("Role must be shopper, leader, trainer or none, not 'clown'"))
        #expect(outcome.problems == ["role must be shopper, leader, trainer or none, not 'clown'"])
    }

    @Test func aRefusedWriteSaysNotSavedAndTheNextLineIsACommandAgain() {
        var state = WalkState(journey: storeJourney, details: WalkDetails(), now: at(0))
        state.run([.key(.enter)])
        let failing = FailingAfterStart()
        let (outcome, script) = walk(["note Lost for words", "m", "show"], state: state, recorder: failing)
        #expect(script.output.contains("Error: NOT SAVED (try again): /w.jsonl: No space left on device"))
        let error = script.output.firstIndex(of: "Error: NOT SAVED (try again): /w.jsonl: No space left on device") ?? 0
        #expect(script.output[error + 1] == "The note was not saved; type the note command again to retry (show says the unsaved draft).")
        #expect(outcome.walk?.moment(for: "find-opening-hours").note == "")
        #expect(outcome.walk?.moment(for: "find-opening-hours").rating == nil)
        #expect(outcome.problems.count == 2, "the note and the verdict: \(outcome.problems.joined(separator: " | "))")
        #expect(script.output.dropLast().last == "Note: none (unsaved draft: Lost for words)", "m went to the walk, not into the note")
    }

    @Test func aRefusedNoteOfTheMomentJustJudgedSaysWhereToRetry() {
        var state = WalkState(journey: storeJourney, details: WalkDetails(), now: at(0))
        state.run([.key(.enter)])
        let refusing = RefusingRecorder { if case .noted = $0 { return true } else { return false } }
        let (_, script) = walk(["m", "note Lost for words"], state: state, recorder: refusing)
        #expect(script.output.contains("The note for Find opening hours online was not saved; go back to it (back) and type the note command again to retry (show there says the unsaved draft)."),
                "a note typed now would go to the touchpoint on screen: \(script.output.suffix(4))")
    }

    @Test func textThatCannotBeSavedIsHandedBackAtTheEndOfInput() {
        var state = WalkState(journey: storeJourney, details: WalkDetails(), now: at(0))
        state.run([.key(.enter)])
        let (outcome, script) = walk(["note Lost for words"], state: state, recorder: FailingAfterStart())
        #expect(outcome.unsaved == [.note("find-opening-hours"): "Lost for words"], "the caller prints it")
        #expect(outcome.walkOutcome.unsaved == outcome.unsaved)
        #expect(script.output.contains { $0.hasPrefix("End of input: leaving the walk for later") })
    }

    @Test func leavingWithUnsavedTextAsksWithWords() {
        var state = WalkState(journey: storeJourney, details: WalkDetails(), now: at(0))
        state.run([.key(.enter)])
        let (outcome, script) = walk(["note Lost for words", "quit", "leave", "back", "quit", "leave", "leave"], state: state, recorder: FailingAfterStart())
        #expect(script.output.contains("The text below could not be written to the walk file: /w.jsonl: No space left on device"))
        #expect(script.output.contains("  Find opening hours online: Lost for words"))
        #expect(script.output.contains { $0.hasPrefix("  back, edit, e: go back to the walk") })
        #expect(outcome.unsaved == [.note("find-opening-hours"): "Lost for words"])
        #expect(!outcome.finished)
        #expect(outcome.walk != nil)
    }

    @Test func helpListsTheWordsOfTheMoment() {
        let (_, script) = walk(["?", "", "help"])
        #expect(script.output.contains("Commands · Briefing (one a line; words in any case, letters exactly):"))
        #expect(script.output.contains { $0.hasPrefix("  start, an empty line  ") && $0.hasSuffix("  start the walk") })
        #expect(script.output.contains("Commands · Walking a journey (one a line; words in any case, letters exactly):"))
        #expect(script.output.contains { $0.hasPrefix("  strong magic, magic!, M  ") && $0.hasSuffix("  strong magic moment") })
        #expect(script.output.contains { $0.hasPrefix("  next, l, an empty line  ") && $0.hasSuffix("  next touchpoint") })
    }

    @Test func nothingWrittenCanMoveTheCursorOrSetAColour() {
        let hostile = Journey(
            id: "hostile", title: "Evil \u{1B}[2J\u{1B}]0;owned\u{07} title",
            description: "Line one\u{9B}31m\nline \u{202E}two", promise: nil, persona: "\u{1B}[31mred",
            stages: [Stage(name: "St\u{1B}[1mage", touchpoints: [
                Touchpoint(id: "a", title: "Tab\there \u{8}back", channel: "we\u{1B}b", prompt: "Do\r\nit\u{7F}", lookFor: ["\u{1B}[5mblink"]),
            ])])
        let (_, script) = walk(["", "note typed \u{1B}[31m \u{9B}2J", "show", "timeline", "zap\u{1B}[H"],
                               state: WalkState(journey: hostile, details: WalkDetails(operator: "\u{1B}[7mme"), now: at(0)),
                               recorder: JourneyRecorder(hostile))
        for line in script.output {
            let bad = line.unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) }
            #expect(bad.isEmpty, "control characters in: \(line.debugDescription)")
        }
        #expect(script.output.contains("Briefing · Evil ^[[2J^[]0;owned^G title"))
        #expect(script.output.contains("Stage 1/1 · Touchpoint 1/1 · St^[[1mage"))
        #expect(script.output.contains("Tab here ^Hback"))
        #expect(script.output.contains("Note: typed [31m \u{FFFD}2J"), "typed control characters are dropped, C1 shown as a stand-in")
    }

    @Test func noWordIsSpelledTwiceInOneTable() {
        for table in [PlainWords.briefing, PlainWords.walking, PlainWords.confirmLeave] {
            let spellings = table.entries.flatMap { entry in table.spellings(of: entry).map { table.letters(of: entry).contains($0) ? $0 : $0.lowercased() } }
            #expect(Set(spellings).count == spellings.count, "\(table.title) spells a command twice: \(spellings)")
        }
    }

    @Test func everyFullScreenLetterIsAWordToo() {
        for (table, keys) in [(PlainWords.walking, WalkKeys.walking), (PlainWords.confirmLeave, WalkKeys.confirmLeave)] {
            for binding in keys.bindings {
                for case .char(let letter) in binding.keys {
                    let matched = table.match(String(letter))
                    #expect(matched?.entry.sameKeysAs == binding.command, "\(table.title): \(letter)")
                }
            }
        }
    }

    @Test func readmeDocumentsTheWords() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let readme = try String(contentsOf: url.appendingPathComponent("README.md"), encoding: .utf8)
        let generated = PlainWords.markdown()
        #expect(readme.contains(generated), "README's plain-mode commands are out of date; replace them with:\n\(generated)")
    }
}

/// A recorder that starts walks of a given journey and keeps their events in memory.
final class JourneyRecorder: WalkRecorder {
    let journey: Journey
    var events: [WalkEvent] = []

    init(_ journey: Journey) { self.journey = journey }

    func start(_ details: WalkDetails, at date: Date) throws -> WalkHeader {
        let header = storeHeader(details: details, journey: journey)
        events.append(.started(header))
        return header
    }

    func record(_ event: WalkEvent) throws { events.append(event) }
}

/// A recorder whose disk fills up right after the walk file was created.
final class FailingAfterStart: WalkRecorder {
    func start(_ details: WalkDetails, at date: Date) throws -> WalkHeader { storeHeader(details: details) }
    func record(_ event: WalkEvent) throws { throw MemoryRecorder.Failure(description: "/w.jsonl: No space left on device") }
}
