import Foundation
import JourneyKit
@testable import WalkUI
import Testing

/// A terminal that plays back events and keeps every frame drawn.
final class ScriptedTerminal: Terminal {
    var events: [TerminalEvent]
    var size: (width: Int, height: Int)
    private(set) var frames: [Canvas] = []

    init(_ events: [TerminalEvent], width: Int = 80, height: Int = 24) {
        self.events = events
        self.size = (width, height)
    }

    func nextEvent(timeout: Int) -> TerminalEvent {
        events.isEmpty ? .closed : events.removeFirst()
    }

    func draw(_ canvas: Canvas) { frames.append(canvas) }
}

/// A recorder that keeps events in memory and can be told to fail.
final class MemoryRecorder: WalkRecorder {
    var events: [WalkEvent] = []
    var failing = false

    func start(_ details: WalkDetails, at date: Date) throws -> WalkHeader {
        if failing { throw Failure(description: "/ro/walks: Read-only file system") }
        let header = storeHeader(details: details)
        events.append(.started(header))
        return header
    }

    func record(_ event: WalkEvent) throws {
        if failing { throw Failure(description: "/w.jsonl: No space left on device") }
        events.append(event)
    }

    struct Failure: Error, CustomStringConvertible { var description: String }
}

@Suite struct WalkRunnerTests {
    let runner = WalkRunner(clock: { at(10) })

    func keys(_ text: String) -> [TerminalEvent] { text.map { .key(.char($0)) } }

    @Test func aWholeWalkIsRecordedAndFinished() {
        let terminal = ScriptedTerminal([.key(.enter)] + keys("mnxXs") + [.key(.char("q")), .key(.char("f"))])
        let recorder = MemoryRecorder()
        let outcome = runner.run(WalkState(journey: storeJourney, details: WalkDetails(), now: at(0)), terminal: terminal, recorder: recorder)
        #expect(outcome.finished)
        #expect(outcome.walk?.summary == WalkSummary(magic: 1, neutral: 1, misery: 2, skipped: 1, unrecorded: 0))
        #expect(recorder.events.count == 7)
        #expect(Walk(events: recorder.events) == outcome.walk)
        #expect(terminal.frames.first?.text.contains("Briefing") == true)
    }

    @Test func eachVerdictFrameFollowsItsWrite() {
        let terminal = ScriptedTerminal([.key(.enter), .key(.char("m"))])
        let recorder = MemoryRecorder()
        _ = runner.run(WalkState(journey: storeJourney, details: WalkDetails(), now: at(0)), terminal: terminal, recorder: recorder)
        #expect(recorder.events.count == 2)
        #expect(terminal.frames.count == 3)
        #expect(terminal.frames[2].text.contains("Saved ★ magic: Find opening hours online"))
    }

    @Test func aDiskThatRefusesShowsTheErrorAndKeepsTheWalkAsItWas() {
        let terminal = ScriptedTerminal([.key(.enter)])
        let recorder = MemoryRecorder()
        recorder.failing = true
        let outcome = runner.run(WalkState(journey: storeJourney, details: WalkDetails(), now: at(0)), terminal: terminal, recorder: recorder)
        #expect(outcome.walk == nil)
        #expect(terminal.frames.last?.text.contains("NOT SAVED (try again): /ro/walks: Read-only file system") == true)
        #expect(terminal.frames.last?.text.contains("Briefing") == true)
    }

    @Test func closedInputLeavesAnUnfinishedWalk() {
        let terminal = ScriptedTerminal([.key(.enter), .key(.char("m"))])
        let outcome = runner.run(WalkState(journey: storeJourney, details: WalkDetails(), now: at(0)), terminal: terminal, recorder: MemoryRecorder())
        #expect(!outcome.finished)
        #expect(outcome.walk?.summary.magic == 1)
    }

    @Test func aResizeRedrawsAtTheNewSize() {
        let terminal = ScriptedTerminal([.key(.enter), .resized])
        let recorder = MemoryRecorder()
        let state = WalkState(journey: storeJourney, details: WalkDetails(), now: at(0))
        terminal.events.insert(.tick, at: 1)
        _ = runner.run(state, terminal: TerminalResizer(terminal, after: 2, to: (50, 12)), recorder: recorder)
        #expect(terminal.frames.last?.width == 50)
        #expect(terminal.frames.last?.text.contains("Terminal too small: 50x12.") == true)
    }
}

/// A test terminal whose size a test can change.
protocol ResizableTerminal: AnyObject, Terminal {
    var size: (width: Int, height: Int) { get set }
}

extension ScriptedTerminal: ResizableTerminal {}

/// Wraps a test terminal and changes its size after some events.
final class TerminalResizer<Inner: ResizableTerminal>: Terminal {
    let inner: Inner
    var remaining: Int
    let newSize: (width: Int, height: Int)

    init(_ inner: Inner, after: Int, to size: (Int, Int)) {
        self.inner = inner
        self.remaining = after
        self.newSize = size
    }

    var size: (width: Int, height: Int) { inner.size }

    func nextEvent(timeout: Int) -> TerminalEvent {
        if remaining == 0 { inner.size = newSize }
        remaining -= 1
        return inner.nextEvent(timeout: timeout)
    }

    func draw(_ canvas: Canvas) { inner.draw(canvas) }
}
