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
        while !leaving {
            let now = clock()
            if !terminal.inputPending || now.timeIntervalSince(lastFrame) >= frameInterval {
                terminal.present { program.render(into: &$0) }
                lastFrame = now
                let work = program.afterFrame
                if !work.isEmpty {
                    let settled = Self.settle(work, in: &program, clock: clock, perform: perform)
                    leaving = settled.leaving
                    // What the work changed is drawn before waiting for input.
                    if leaving || settled.applied { continue }
                }
            }
            let action = P.action(for: input.next(timeout: program.tickInterval))
            leaving = Self.send(action, to: &program, clock: clock, perform: perform)
        }
        return End(program: program, signal: input.signal)
    }

    /// Applies an action and performs the work it leads to, until none is left; true when the
    /// program is to be left. Plain mode and the test fixtures drive the walk through this too.
    static func send<P: Program>(_ action: P.ProgramAction, to program: inout P, clock: () -> Date, perform: EffectHandler<P>) -> Bool {
        settle(program.apply(action, now: clock()), in: &program, clock: clock, perform: perform).leaving
    }

    /// Performs effects in order, applying the actions each one leads to as it comes back (their
    /// effects join the end of the queue); says whether any effect left and any action was applied.
    static func settle<P: Program>(_ effects: [P.ProgramEffect], in program: inout P, clock: () -> Date, perform: EffectHandler<P>) -> (leaving: Bool, applied: Bool) {
        var queue = effects
        var leaving = false
        var applied = false
        while !queue.isEmpty {
            switch perform(queue.removeFirst(), program) {
            case .leave:
                leaving = true
            case .then(let actions):
                for action in actions {
                    applied = true
                    queue += program.apply(action, now: clock())
                }
            }
        }
        return (leaving, applied)
    }
}
