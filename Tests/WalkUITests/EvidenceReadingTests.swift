import Foundation
import JourneyKit
@testable import WalkUI
import Testing

/// Reading a large file to attach keeps the walk alive: progress on the screen, Esc cancels,
/// Ctrl-C and signals are honoured within 100 ms, and nothing is recorded once reading was cancelled.
@Suite struct EvidenceReadingTests {
    struct Cancelled: Error {}

    /// A reader of a "1 GB" file that never finishes on its own: a block every 2 ms until told to stop.
    final class SlowReader: @unchecked Sendable {
        var stoppedAfter: TimeInterval?
        var lastProgress: (Int64, Int64)?
        func read(_ path: String, _ progress: EvidenceProgress) throws -> Evidence {
            let started = Date()
            var read: Int64 = 0
            while Date().timeIntervalSince(started) < 10 {
                read += 65_536
                lastProgress = (read, 1_000_000_000)
                guard progress(read, 1_000_000_000) else {
                    stoppedAfter = Date().timeIntervalSince(started)
                    throw Cancelled()
                }
                usleep(2_000)
            }
            return Evidence(path: path, bytes: 1_000_000_000, sha256: String(repeating: "0", count: 64))
        }
    }

    func attaching(then events: [TerminalEvent]) -> (ScriptedTerminal, MemoryRecorder, SlowReader, WalkOutcome) {
        let reader = SlowReader()
        let keys: [TerminalEvent] = [.key(.enter), .key(.char("a"))] + "/big.mov".map { .key(.char($0)) } + [.key(.enter)]
        let terminal = ScriptedTerminal(keys + events)
        let recorder = MemoryRecorder()
        let outcome = WalkRunner(clock: { at(10) }, readEvidence: reader.read).run(
            WalkState(journey: storeJourney, details: WalkDetails(), now: at(0)), terminal: terminal, recorder: recorder)
        return (terminal, recorder, reader, outcome)
    }

    func attached(_ recorder: MemoryRecorder) -> Bool {
        recorder.events.contains { if case .attached = $0 { return true } else { return false } }
    }

    @Test func aSignalCancelsTheReadingAndLeavesWithoutRecordingIt() throws {
        let (terminal, recorder, reader, outcome) = attaching(then: [.interrupted(signal: 15)])
        let stopped = try #require(reader.stoppedAfter, "the reading went on to the end")
        #expect(stopped < 0.1, "honoured after \(stopped) s")
        #expect(!attached(recorder))
        #expect(outcome.signal == 15)
        #expect(terminal.frames.contains { $0.text.contains("Reading big.mov:") && $0.text.contains("Esc cancels") })
    }

    @Test func escCancelsTheReadingAndTheWalkGoesOn() throws {
        let (terminal, recorder, reader, outcome) = attaching(then: [.key(.escape), .tick])
        #expect(try #require(reader.stoppedAfter) < 0.1)
        #expect(!attached(recorder))
        #expect(outcome.signal == nil)
        #expect(terminal.frames.last?.text.contains("Not attached: ") == true)
    }

    @Test func keysPressedWhileReadingWaitForIt() throws {
        // Ctrl-C cancels, then does what it always does: the walk is left for later.
        let (_, recorder, reader, outcome) = attaching(then: [.key(.control("c"))])
        #expect(try #require(reader.stoppedAfter) < 0.1)
        #expect(!attached(recorder))
        #expect(outcome.finished == false)
    }
}
