import Foundation
@testable import WalkUI
import Testing

/// The program loop on its own, with a program small enough to see its work: keys in, frames out,
/// effects performed in order, their results fed back, leaving, pastes, ticks, signals.
@Suite struct ProgramLoopTests {
    /// Keeps what was typed and shows it on the first row with the size it last heard of.
    struct Typist: Program {
        var text = ""
        var width = 0
        var height = 0
        /// Asked for once per frame while above zero (as the review list asks for its fresher list).
        var pollsWanted = 0
        var beginning: [Effect] = []
        var tickInterval = 1000

        enum Action: Equatable {
            case input(ScreenInput)
            case saved(String)
            case polled
            case lost(String)
            case flushed(String)
        }

        enum Effect: Equatable {
            case save(String)
            case echo(String)
            case holdInput
            case poll
            case leave
            /// Saved by work that finishes later (`Performed.awaiting`), like a record's flush.
            case flush(String)
        }

        static func action(for input: ScreenInput) -> Action { .input(input) }

        mutating func apply(_ action: Action, now: Date) -> [Effect] {
            switch action {
            case .input(.key(.char("Q"))): return [.leave, .save("bye")]
            case .input(.key(.char("S"))): return [.save("a"), .save("b")]
            case .input(.key(.char("H"))): return [.holdInput]
            case .input(.key(.char("F"))): return [.flush("f")]
            case .input(.key(.char("G"))): return [.flush("g"), .echo("after")]
            case .input(.key(.char(let character))): text.append(character)
            case .input(.key): break
            case .input(.tick): text += "·"
            case .input(.resized(let columns, let rows)):
                width = columns
                height = rows
            case .input(.interrupted): return [.leave]
            case .saved(let name):
                text += "[\(name)]"
                return [.echo(name)]
            case .polled: pollsWanted -= 1
            case .lost(let name): text += "<lost \(name)>"
            case .flushed(let name): text += "[\(name)]"
            }
            return []
        }

        func begin() -> [Effect] { beginning }

        func render(into canvas: inout Canvas) {
            _ = canvas.put("\(text) \(width)x\(height)", row: 0, column: 0)
        }

        var afterFrame: [Effect] { pollsWanted > 0 ? [.poll] : [] }
    }

    /// Performs the typist's effects and keeps them in the order performed.
    final class Handler {
        var performed: [Typist.Effect] = []
        var input: InputQueue?
        /// What each poll answers: true changes the program (sends `polled`).
        var answers: [Bool] = []

        func perform(_ effect: Typist.Effect, _ program: Typist) -> Performed<Typist.Action> {
            performed.append(effect)
            switch effect {
            case .save(let name): return .then([.saved(name)])
            case .echo: return .done
            case .holdInput:
                input?.hold(.key(.char("x")))
                input?.hold(.key(.char("y")))
                return .done
            case .poll: return answers.isEmpty || answers.removeFirst() ? .then([.polled]) : .done
            case .leave: return .leave
            case .flush(let name):
                flushesStarted += 1
                return .awaiting(likely: [.flushed(name)]) { [self] in
                    log.append("outcome of \(name)")
                    return flushFails ? [.lost(name)] : nil
                }
            }
        }
        /// Whether the flushes fail, how many were started, and the order of outcomes among the
        /// terminal's preparing and showing (the terminal writes into it too).
        var flushFails = false
        var flushesStarted = 0
        var log: [String] = []
    }

    /// A terminal that plays back events, says whether input is pending as scripted, moves a clock,
    /// and keeps every frame and every timeout it was asked to wait.
    final class LoopTerminal: Terminal {
        var events: [TerminalEvent]
        /// Whether more input is pending after each event played (true while a paste is coming).
        var pending: [Bool]
        private(set) var inputPending = false
        var size: (width: Int, height: Int) = (80, 24)
        var now = Date(timeIntervalSince1970: 0)
        /// Seconds each event takes to come.
        var step: TimeInterval = 0
        private(set) var frames: [String] = []
        private(set) var timeouts: [Int] = []

        init(_ events: [TerminalEvent], pending: [Bool] = []) {
            self.events = events
            self.pending = pending
        }

        func nextEvent(timeout: Int) -> TerminalEvent {
            timeouts.append(timeout)
            now += step
            inputPending = pending.isEmpty ? false : pending.removeFirst()
            return events.isEmpty ? .closed : events.removeFirst()
        }

        func draw(_ canvas: Canvas) { frames.append(canvas.text(row: 0).trimmingCharacters(in: .whitespaces)) }

        /// Where preparing, showing and dropping a frame are logged, beside the handler's outcomes.
        var log: ((String) -> Void)?
        func prepare(_ canvas: Canvas) { log?("prepare " + canvas.text(row: 0).trimmingCharacters(in: .whitespaces)) }
        func showPrepared(_ canvas: Canvas) {
            log?("show")
            draw(canvas)
        }
        func discardPrepared() { log?("discard") }
    }

    func run(_ terminal: LoopTerminal, program: Typist = Typist(), handler: Handler = Handler(), frameInterval: TimeInterval = 0.05) -> ProgramLoop.End<Typist> {
        let loop = ProgramLoop(terminal: terminal, clock: { terminal.now }, frameInterval: frameInterval)
        handler.input = loop.input
        return loop.run(program, perform: handler.perform)
    }

    @Test func keysGoInAndAFrameComesOutAfterEach() {
        let terminal = LoopTerminal([.key(.char("a")), .tick, .key(.char("b"))])
        let end = run(terminal)
        #expect(terminal.frames == ["80x24", "a 80x24", "a· 80x24", "a·b 80x24"], "the first frame at the first size, then one per input; none after leaving")
        #expect(end.program.text == "a·b")
        #expect(end.signal == nil, "a closed terminal is no signal")
    }

    @Test func effectsArePerformedInOrderAndTheirResultsFedBack() {
        let handler = Handler()
        let terminal = LoopTerminal([.key(.char("S"))])
        let end = run(terminal, handler: handler)
        #expect(handler.performed == [.save("a"), .save("b"), .echo("a"), .echo("b"), .leave],
                "each result is applied as it comes back; the effects it asks for join the end of the queue")
        #expect(end.program.text == "[a][b]")
        #expect(terminal.frames == ["80x24", "[a][b] 80x24"], "one frame once all the work is done")
    }

    @Test func theWorkToBeginWithIsDoneBeforeTheFirstFrame() {
        let handler = Handler()
        let terminal = LoopTerminal([])
        _ = run(terminal, program: Typist(beginning: [.save("header")]), handler: handler)
        #expect(handler.performed.first == .save("header"))
        #expect(terminal.frames.first == "[header] 80x24")
    }

    @Test func leavingStopsAfterTheWorkAlreadyAskedFor() {
        let handler = Handler()
        let terminal = LoopTerminal([.key(.char("a")), .key(.char("Q")), .key(.char("z"))])
        let end = run(terminal, handler: handler)
        #expect(handler.performed == [.leave, .save("bye"), .echo("bye")])
        #expect(end.program.text == "a[bye]")
        #expect(terminal.frames == ["80x24", "a 80x24"], "nothing is drawn once the program is left")
        #expect(terminal.events == [.key(.char("z"))], "no input is read after leaving")
    }

    @Test func aSignalEndsTheInputAndIsKept() {
        let terminal = LoopTerminal([.key(.char("a")), .interrupted(signal: 15), .interrupted(signal: 2)])
        let end = run(terminal)
        #expect(end.signal == 15)
        #expect(end.program.text == "a")
    }

    @Test func aResizeIsAppliedWithTheNewSizeAndDrawnAtIt() {
        let terminal = LoopTerminal([.key(.char("a")), .resized])
        terminal.events.insert(.tick, at: 1)
        let resizer = TerminalResizer(terminal, after: 2, to: (100, 30))
        let loop = ProgramLoop(terminal: resizer, clock: { terminal.now })
        _ = loop.run(Typist(), perform: Handler().perform)
        #expect(terminal.frames.last == "a· 100x30")
    }

    @Test func aPasteIsDrawnWhenTheInputHasCaughtUp() {
        // Five keys arrive at once (more input pending after each of the first four); the clock stands still.
        let terminal = LoopTerminal("hello".map { .key(.char($0)) }, pending: [true, true, true, true, false])
        _ = run(terminal)
        #expect(terminal.frames == ["80x24", "hello 80x24"])
    }

    @Test func aLongPasteIsStillDrawnEveryFrameInterval() {
        // Twelve keys 20 ms apart, input pending all along: a frame whenever 50 ms have passed since the last.
        let terminal = LoopTerminal(Array("abcdefghijkl").map { .key(.char($0)) }, pending: Array(repeating: true, count: 11) + [false])
        terminal.step = 0.02
        _ = run(terminal)
        #expect(terminal.frames == ["80x24", "abc 80x24", "abcdef 80x24", "abcdefghi 80x24", "abcdefghijkl 80x24"])
    }

    @Test func theProgramSaysHowLongToWaitForInput() {
        let terminal = LoopTerminal([.tick, .tick])
        _ = run(terminal, program: Typist(tickInterval: 755))
        #expect(terminal.timeouts == [755, 755, 755])
    }

    @Test func inputHeldBackByAnEffectComesBeforeTheTerminals() {
        let terminal = LoopTerminal([.key(.char("H")), .key(.char("z"))])
        let end = run(terminal)
        #expect(end.program.text == "xyz")
        #expect(terminal.frames == ["80x24", "80x24", "x 80x24", "xy 80x24", "xyz 80x24"])
    }

    @Test func workAfterEachFrameIsDrawnWhenItChangesSomething() {
        // Polls after each frame while wanted: the first answer changes nothing (no new frame), the
        // second does (drawn at once, asked again), the third changes the last wanted.
        let handler = Handler()
        handler.answers = [false, true, true]
        let terminal = LoopTerminal([.key(.char("a")), .key(.char("b"))])
        let end = run(terminal, program: Typist(pollsWanted: 2), handler: handler)
        #expect(handler.performed == [.poll, .poll, .poll, .leave])
        #expect(end.program.pollsWanted == 0)
        #expect(terminal.frames == ["80x24", "a 80x24", "a 80x24", "a 80x24", "ab 80x24"])
        #expect(terminal.timeouts.count == 3, "no input is waited for between a change and its frame")
    }
}


extension ProgramLoopTests {
    func logged(_ terminal: LoopTerminal, _ handler: Handler) {
        terminal.log = { [unowned handler] in handler.log.append($0) }
    }

    @Test func aFrameIsPreparedWhileTheWorkFinishesAndShownOnlyAfterIt() {
        let handler = Handler()
        let terminal = LoopTerminal([.key(.char("a")), .key(.char("F")), .key(.char("b"))])
        logged(terminal, handler)
        let end = run(terminal, handler: handler)
        #expect(handler.log == ["prepare a[f] 80x24", "outcome of f", "show"], "the frame of the likely result is prepared, then the work is waited for, then shown")
        #expect(terminal.frames == ["80x24", "a 80x24", "a[f] 80x24", "a[f]b 80x24"], "one frame per key, the prepared one not drawn twice")
        #expect(end.program.text == "a[f]b")
    }

    @Test func aFailedWorkDropsThePreparedFrameAndShowsTheFailure() {
        let handler = Handler()
        handler.flushFails = true
        let terminal = LoopTerminal([.key(.char("F")), .key(.char("b"))])
        logged(terminal, handler)
        let end = run(terminal, handler: handler)
        #expect(handler.log == ["prepare [f] 80x24", "outcome of f", "discard"])
        #expect(terminal.frames == ["80x24", "<lost f> 80x24", "<lost f>b 80x24"], "the frame of the likely result never reaches the screen")
        #expect(end.program.text == "<lost f>b", "the failure is applied to the program as it was, not to the likely result")
    }

    @Test func workFollowedByMoreWorkIsWaitedForInOrder() {
        // Not the last effect: waited for where it stands, nothing prepared.
        let handler = Handler()
        let terminal = LoopTerminal([.key(.char("G"))])
        logged(terminal, handler)
        let end = run(terminal, handler: handler)
        #expect(handler.log == ["outcome of g"])
        #expect(handler.performed == [.flush("g"), .echo("after"), .leave])
        #expect(end.program.text == "[g]")
        #expect(terminal.frames == ["80x24", "[g] 80x24"])
    }

    @Test func nothingIsPreparedWhileMoreInputWaits() {
        let handler = Handler()
        let terminal = LoopTerminal([.key(.char("F")), .key(.char("b"))], pending: [true, false])
        logged(terminal, handler)
        _ = run(terminal, handler: handler)
        #expect(handler.log == ["outcome of f"])
        #expect(terminal.frames == ["80x24", "[f]b 80x24"])
    }

    @Test func plainSendingWaitsForTheWorkWhereItStands() {
        let handler = Handler()
        var program = Typist()
        _ = ProgramLoop.send(.input(.key(.char("F"))), to: &program, clock: Date.init, perform: handler.perform)
        #expect(handler.log == ["outcome of f"])
        #expect(program.text == "[f]")
    }
}

extension ProgramLoopTests.LoopTerminal: ResizableTerminal {}
