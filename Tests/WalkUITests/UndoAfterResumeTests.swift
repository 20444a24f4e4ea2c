import Foundation
import JourneyKit
import Testing
@testable import WalkUI

/// `u` after a resume takes back what it would have taken back had the session gone on: the undo
/// stack is built by one function (`UndoEntry.push`) live and when the journal is replayed. Random
/// walks press every key that writes a record (verdicts, notes, drafts, answers, comments, timers,
/// stated times, insertions, evidence, tags, recovery, praise, actions, moves, undo); a second
/// session is resumed from its own file at random points and must write the same records and hold
/// the same walk and the same undo stack as the session that never stopped.
@Suite struct UndoAfterResumeTests {
    static let time = at(10)

    static func header() -> WalkHeader {
        WalkHeader(
            walkID: "20261122-101513-retail-store-visit", journey: storeJourneyWithTags, journeyPath: "/j/retail.yaml",
            journeyFingerprint: "fnv1a64:0", details: WalkDetails(operator: "Lee", role: .leader), started: time)
    }

    /// A walk started at `time` (so every stopwatch reads the same live and after a resume).
    static func started() -> WalkState {
        var state = WalkState(journey: storeJourneyWithTags, details: WalkDetails(operator: "Lee", role: .leader), now: time)
        state.actionIDs = ActionIDs(seed: 7)
        _ = state.apply(.resized(width: 100, height: 30), now: time)
        #expect(state.apply(.key(.enter), now: time) == [.start(state.details)])
        _ = state.apply(.started(header()), now: time)
        return state
    }

    /// The keys of one random step; each writes a record of its kind, or is refused where it cannot.
    static func step(_ number: Int, _ random: inout SeededGenerator) -> [Key] {
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        switch random.next() % 19 {
        case 0, 1: return [.char(pick(["m", "M", "n", "x", "X", "s"]))]
        case 2: return [pick([.right, .left, .char("g"), .char("G"), .right])]
        case 3: return [.char("e")] + "note \(number)".keys + [.enter]
        case 4: return [.char("e")] + "draft \(number)".keys + [.escape]
        case 5: return [.char("c")] + Array(repeating: Key.char("j"), count: Int(random.next() % 3)) + [.char(pick(["y", "a"])), .escape]
        case 6: return [.char("c"), .char("n")] + "why \(number)".keys + [.enter, .escape]
        case 7: return [.char(pick(["t", "t", "0"]))]
        case 8: return [.char("@")] + "10:\(10 + number % 40)".keys + [.enter]
        case 9: return [.char("i")] + "Extra \(number)".keys + [.enter] + "web".keys + [.enter]
        case 10: return [.char("a")] + "photo\(number % 3).jpg".keys + [.enter]
        case 11: return [.char("T"), pick([.char(" "), .down]), .char(" "), .tab]
        case 12: return [.char("r"), .char(pick(["y", "n"])), .char(pick(["y", "n"])), .escape]
        case 13: return [.char("p")] + "Amy".keys + [.tab] + "Kind \(number)".keys + [.enter]
        case 14: return [.char("A")] + "Do \(number)".keys + [.tab] + "Bob".keys + [.enter, .enter]
        case 15: return [.escape]
        default: return [.char("u")]
        }
    }

    /// Keys that close whatever a refused or cut-short step left open (a question, an editor, a panel).
    static func settle(_ state: inout WalkState) -> [WalkEvent] {
        var written: [WalkEvent] = []
        for _ in 0..<6 {
            if state.statedTimeQuestion != nil {
                written += state.pressRecording([.char("y")], at: time)
            } else if state.help != nil || state.editor != nil || state.panel != nil || state.checklist != nil {
                written += state.pressRecording([.escape], at: time)
            } else if state.mode != .walking {
                written += state.pressRecording([.escape], at: time)
            }
        }
        return written
    }

    @Test func undoAfterAResumeGivesTheWalkUndoGivesLive() throws {
        var kinds: Set<String> = []
        var undone = 0
        for seed in 1...40 {
            var random = SeededGenerator(seed: UInt64(seed))
            var live = Self.started()
            var resumed = live
            var liveRecords: [WalkEvent] = []
            var resumedRecords: [WalkEvent] = []
            for number in 0..<45 {
                if random.next() % 7 == 0 {
                    // The session stops and the file is opened again; the one that goes on forgets
                    // the moment just judged as a resume does (Esc).
                    liveRecords += live.pressRecording([.escape], at: Self.time)
                    let walk = try #require(Walk(events: [.started(Self.header())] + resumedRecords))
                    let ids = resumed.actionIDs
                    resumed = WalkState(resuming: walk, events: resumedRecords, warnings: [], now: Self.time)
                    resumed.actionIDs = ids
                    _ = resumed.apply(.resized(width: 100, height: 30), now: Self.time)
                }
                let keys = Self.step(number, &random)
                liveRecords += live.pressRecording(keys, at: Self.time) + Self.settle(&live)
                resumedRecords += resumed.pressRecording(keys, at: Self.time) + Self.settle(&resumed)
                try #require(resumedRecords == liveRecords, "seed \(seed), step \(number): the same records written")
                try #require(resumed.walk == live.walk, "seed \(seed), step \(number): the same walk")
                try #require(resumed.undoStack == live.undoStack, "seed \(seed), step \(number): the same undo stack")
                #expect(UndoEntry.stack(replaying: liveRecords, header: Self.header()) == live.undoStack)
            }
            for record in liveRecords {
                kinds.insert(type(of: record.record).type)
                if record.isUndo { undone += 1 }
            }
        }
        let every = Set(WalkEvent.kinds.map { $0.type }).subtracting(["finish", "submit", "reopen", "votes"])
        #expect(every.subtracting(kinds).isEmpty, "every kind a walk writes was written: missing \(every.subtracting(kinds).sorted())")
        #expect(undone > 100, "and taken back by u, \(undone) times")
    }
}
