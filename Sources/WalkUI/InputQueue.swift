/// Where a program loop takes its input: first what was held back while an effect was being
/// performed (keys pressed while evidence was read), in order, then the terminal's. It keeps the
/// first signal that ended the input, wherever it came from.
final class InputQueue {
    let terminal: Terminal
    private var held: [ScreenInput] = []
    /// The first signal (SIGINT, SIGTERM, SIGHUP) that came, if one did.
    private(set) var signal: Int32?

    init(_ terminal: Terminal) {
        self.terminal = terminal
    }

    /// Keeps input to be handled before the terminal's next.
    func hold(_ input: ScreenInput) {
        held.append(input)
    }

    /// Notes a signal that came while the terminal was read elsewhere; the first one is kept.
    func noteSignal(_ number: Int32) {
        signal = signal ?? number
    }

    /// The next input: held input first, else the terminal's, waiting up to `timeout` milliseconds.
    func next(timeout: Int) -> ScreenInput {
        held.isEmpty ? terminal.nextInput(timeout: timeout, signal: &signal) : held.removeFirst()
    }
}
