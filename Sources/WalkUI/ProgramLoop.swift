import Foundation

/// The one loop of every full-screen mode: draw the program, wait for input, apply it, hand each
/// effect to the mode's effect handler and apply what comes back, until the handler says to leave.
///
/// A paste arrives as many keys at once: while more input is waiting a frame is skipped, but never
/// for longer than `frameInterval`, so accepting text costs a key's work, not a frame's, per character.
struct ProgramLoop {
    let input: InputQueue
    let clock: () -> Date
    /// While more input is waiting (a paste), frames are skipped, but never for longer than this.
    var frameInterval: TimeInterval

    var terminal: Terminal { input.terminal }

    init(input: InputQueue, clock: @escaping () -> Date = Date.init, frameInterval: TimeInterval = 0.05) {
        self.input = input
        self.clock = clock
        self.frameInterval = frameInterval
    }

    init(terminal: Terminal, clock: @escaping () -> Date = Date.init, frameInterval: TimeInterval = 0.05) {
        self.init(input: InputQueue(terminal), clock: clock, frameInterval: frameInterval)
    }

    /// How a run ended: the program as it was left, and the signal that ended it, if one did.
    struct End<P: Program> {
        var program: P
        var signal: Int32?
    }

    /// Runs a program from its first size to the effect that leaves it. Nothing is drawn after that.
    func run<P: Program>(_ initial: P, perform: EffectHandler<P>) -> End<P> {
        var program = initial
        let size = terminal.size
        let first = program.apply(P.action(for: .resized(width: size.width, height: size.height)), now: clock())
        var leaving = Self.settle(first + program.begin(), in: &program, clock: clock, perform: perform).leaving
        var lastFrame = Date.distantPast
        // A frame already shown by `send` (prepared while a record was being flushed).
        var shown = false
        while !leaving {
            let now = clock()
            if shown || !terminal.inputPending || now.timeIntervalSince(lastFrame) >= frameInterval {
                if !shown {
                    terminal.present { program.render(into: &$0) }
                    lastFrame = now
                }
                shown = false
                let work = program.afterFrame
                if !work.isEmpty {
                    let settled = Self.settle(work, in: &program, clock: clock, perform: perform)
                    leaving = settled.leaving
                    // What the work changed is drawn before waiting for input.
                    if leaving || settled.applied { continue }
                }
            }
            let action = P.action(for: input.next(timeout: program.tickInterval))
            (leaving, shown) = send(action, to: &program, perform: perform)
            if shown { lastFrame = clock() }
        }
        return End(program: program, signal: input.signal)
    }

    /// Applies input's action like `send(_:to:clock:perform:)`, except that when the last effect is
    /// work still finishing (a record's flush), the frame it will most likely lead to is prepared
    /// meanwhile and shown once the work succeeded: true in `shown`. A failure is applied instead and
    /// the prepared frame dropped. Nothing is prepared when more input waits (a paste skips frames).
    private func send<P: Program>(_ action: P.ProgramAction, to program: inout P, perform: EffectHandler<P>) -> (leaving: Bool, shown: Bool) {
        let settled = Self.settle(program.apply(action, now: clock()), in: &program, clock: clock, perform: perform, speculating: true)
        guard let pending = settled.pending else { return (settled.leaving, false) }
        var ahead = program
        var effects: [P.ProgramEffect] = []
        for action in pending.likely { effects += ahead.apply(action, now: clock()) }
        let preparing = effects.isEmpty && !settled.leaving && !terminal.inputPending
        var canvas: Canvas?
        if preparing {
            let frame = terminal.frame { ahead.render(into: &$0) }
            terminal.prepare(frame)
            canvas = frame
        }
        if let failed = pending.outcome() {
            if canvas != nil { terminal.discardPrepared() }
            let after = Self.settle([], then: failed, in: &program, clock: clock, perform: perform)
            return (settled.leaving || after.leaving, false)
        }
        program = ahead
        if let canvas {
            terminal.showPrepared(canvas)
            return (settled.leaving, true)
        }
        let after = Self.settle(effects, in: &program, clock: clock, perform: perform)
        return (settled.leaving || after.leaving, false)
    }

    /// Applies an action and performs the work it leads to, until none is left; true when the
    /// program is to be left. Plain mode and the test fixtures drive the walk through this too.
    static func send<P: Program>(_ action: P.ProgramAction, to program: inout P, clock: () -> Date, perform: EffectHandler<P>) -> Bool {
        settle(program.apply(action, now: clock()), in: &program, clock: clock, perform: perform).leaving
    }

    /// Work still finishing when the effects ran out (see `Performed.awaiting`).
    struct Pending<Action> {
        var likely: [Action]
        var outcome: () -> [Action]?
    }

    /// Performs effects in order, applying the actions each one leads to as it comes back (their
    /// effects join the end of the queue); says whether any effect left and any action was applied.
    /// Work still finishing is waited for, unless `speculating` and it is the last effect: then it
    /// is handed back in `pending`, not yet applied. `actions` are applied first.
    static func settle<P: Program>(_ effects: [P.ProgramEffect], then actions: [P.ProgramAction] = [], in program: inout P, clock: () -> Date,
                                   perform: EffectHandler<P>, speculating: Bool = false) -> (leaving: Bool, applied: Bool, pending: Pending<P.ProgramAction>?) {
        var queue = effects
        var leaving = false
        var applied = false
        func apply(_ actions: [P.ProgramAction]) {
            for action in actions {
                applied = true
                queue += program.apply(action, now: clock())
            }
        }
        apply(actions)
        while !queue.isEmpty {
            switch perform(queue.removeFirst(), program) {
            case .leave:
                leaving = true
            case .then(let actions):
                apply(actions)
            case .awaiting(let likely, let outcome):
                if speculating, queue.isEmpty { return (leaving, applied, Pending(likely: likely, outcome: outcome)) }
                apply(outcome() ?? likely)
            }
        }
        return (leaving, applied, nil)
    }
}
