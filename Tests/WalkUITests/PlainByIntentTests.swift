import Foundation
import JourneyKit
import Testing
@testable import WalkUI

/// Plain mode never presses keys: its commands are intents (`WalkIntent`). With every key of every
/// walk table bound to something else, every plain command writes the same records and says the
/// same lines as with the keys of SPEC section 4.
@Suite struct PlainByIntentTests {
    /// Every table of the walk with each binding on one character no table uses (①, ②, …).
    static let rebound: WalkKeyTables = {
        var next = 0x2460
        func rebind(_ map: KeyMap<WalkCommand>) -> KeyMap<WalkCommand> {
            KeyMap(title: map.title, map.bindings.map { binding in
                var moved = binding
                moved.keys = [.char(Character(Unicode.Scalar(next)!))]
                next += 1
                return moved
            })
        }
        let standard = WalkKeyTables.standard
        return WalkKeyTables(
            name: "rebound", walking: rebind(standard.walking), briefing: rebind(standard.briefing), confirmLeave: rebind(standard.confirmLeave),
            unsavedText: rebind(standard.unsavedText), checklist: rebind(standard.checklist), finalCheck: rebind(standard.finalCheck),
            confirmStatedTime: rebind(standard.confirmStatedTime))
    }()

    /// A shopper's and a leader's visit that says every word of every table but the text-not-saved one.
    static let visit = [
        "help", "show", "operator Sam Lee", "role leader", "location Main Street", "channel store", "start",
        "magic", "note Quick to find", "here", "delete note", "back", "strong magic", "first", "last", "back", "back",
        "misery", "tags kept-waiting", "recovery y n -", "praise Amira: said sorry", "action Greet at the door | Ann | fri",
        "misery!", "neutral", "skip", "undo", "show", "timeline", "checklist",
        "first", "next", "answer yes 1", "answer no 2 No badge", "answer na 3", "comment 2 Badge in a pocket",
        "timer", "timer", "timer reset", "at 10:15:05", "next", "at 10:15:04", "show", "help", "no", "at 10:15:04", "yes",
        "insert Fire alarm test / store", "attach shelf.jpg", "next",
        "quit", "show", "help", "back",
        "finish", "show", "help", "back", "finish", "go 1", "finish", "finish anyway",
    ]

    func run(_ lines: [String], keys: WalkKeyTables, recorder: WalkRecorder) -> (PlainOutcome, PlainScript) {
        let script = PlainScript(lines)
        var start = WalkState(journey: storeJourneyWithTags, details: WalkDetails(), now: at(0))
        start.keyTables = keys
        start.actionIDs = ActionIDs(seed: 5)
        let outcome = PlainRunner(clock: { at(10) }, readEvidence: { path, _ in Evidence(path: "/shop/" + path, bytes: 2048, sha256: String(repeating: "ab", count: 32)) })
            .run(start, recorder: recorder, input: script.next, output: script.write)
        return (outcome, script)
    }

    /// No key bound at all: a walk that only plain mode can drive.
    static let unbound = WalkKeyTables(
        name: "unbound", walking: KeyMap(title: "", []), briefing: KeyMap(title: "", []), confirmLeave: KeyMap(title: "", []),
        unsavedText: KeyMap(title: "", []), checklist: KeyMap(title: "", []), finalCheck: KeyMap(title: "", []), confirmStatedTime: KeyMap(title: "", []))

    @Test func noKeyIsNeeded() {
        let standard = MemoryRecorder(), unbound = MemoryRecorder()
        let said = run(Self.visit, keys: .standard, recorder: standard).1.output
        let (outcome, script) = run(Self.visit, keys: Self.unbound, recorder: unbound)
        #expect(unbound.events == standard.events)
        #expect(script.output == said)
        #expect(outcome.problems.isEmpty)
    }

    @Test func everyWordDoesTheSameWhateverTheKeys() throws {
        let standard = MemoryRecorder(), rebound = MemoryRecorder()
        let (expected, said) = run(Self.visit, keys: .standard, recorder: standard)
        let (outcome, script) = run(Self.visit, keys: Self.rebound, recorder: rebound)
        #expect(expected.finished && expected.problems.isEmpty, "the visit is sound with the standard keys: \(expected.problems)")
        #expect(rebound.events == standard.events)
        #expect(script.output == said.output)
        #expect(outcome.finished)
        #expect(outcome.problems.isEmpty)
        let kinds = Set(rebound.events.map { type(of: $0.record).type })
        #expect(kinds.isSuperset(of: ["verdict", "note", "tags", "recovery", "praise", "action", "answer", "comment", "timer", "stated", "adhoc", "evidence", "finish"]),
                "\(kinds.sorted())")

        // Leaving and the question about text that could not be written.
        for lines in [["start", "magic", "leave"], ["quit"], ["start", "quit", "leave"]] {
            let a = MemoryRecorder(), b = MemoryRecorder()
            #expect(run(lines, keys: .standard, recorder: a).1.output == run(lines, keys: Self.rebound, recorder: b).1.output)
            #expect(a.events == b.events)
        }
    }

    @Test func textNotSavedIsAnsweredByWordsWhateverTheKeys() {
        let lines = ["start", "note Lost for words", "quit", "leave", "show", "help", "retry", "back", "leave", "leave", "leave"]
        let refusing = { (event: WalkEvent) -> Bool in if case .noted = event { return true }; if case .drafted = event { return true }; return false }
        let (expected, said) = run(lines, keys: .standard, recorder: RefusingRecorder(refusing: refusing))
        let (outcome, script) = run(lines, keys: Self.rebound, recorder: RefusingRecorder(refusing: refusing))
        #expect(said.output.contains { $0.contains("retry") }, "the question was asked: \(said.output.suffix(8))")
        #expect(script.output == said.output)
        #expect(outcome.unsaved == expected.unsaved)
        #expect(outcome.unsaved[.note("find-opening-hours")] == "Lost for words")
    }

    /// The words the visits above say cover every command of every table.
    @Test func theVisitsSayEveryWord() {
        let said = Self.visit + ["leave", "quit", "retry", "back", "leave"]
        for table in [PlainWords.briefing, PlainWords.walking, PlainWords.confirmLeave, PlainWords.confirmStatedTime, PlainWords.finalCheck, PlainWords.unsavedText] {
            for entry in table.entries {
                #expect(entry.words.contains { word in said.contains { $0 == word || $0.hasPrefix(word + " ") } }, "\(table.title): \(entry.words[0]) is not said")
            }
        }
    }
}
