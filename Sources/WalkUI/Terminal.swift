/// What a screen runner needs from a terminal; `CursesTerminal` is the real one, tests script their own.
public protocol Terminal: AnyObject {
    /// Columns and rows available now.
    var size: (width: Int, height: Int) { get }
    /// Waits up to `timeout` milliseconds for input.
    func nextEvent(timeout: Int) -> TerminalEvent
    /// Shows a frame.
    func draw(_ canvas: Canvas)
    /// Does the work of drawing a frame without showing it yet: `showPrepared` shows it, and
    /// `discardPrepared` drops it. The walk prepares a frame while its record is being flushed to disk.
    func prepare(_ canvas: Canvas)
    /// Shows the frame `prepare` was given.
    func showPrepared(_ canvas: Canvas)
    /// Drops the frame `prepare` was given; the next frame is drawn whole.
    func discardPrepared()
    /// Whether more input is already waiting (a paste), so a runner may skip a frame.
    var inputPending: Bool { get }
}

/// Input from a terminal.
public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case resized
    /// Nothing happened before the timeout.
    case tick
    /// The input ended (closed terminal, end of file): leave without losing anything.
    case closed
    /// SIGINT, SIGTERM or SIGHUP arrived: save what is being typed, then leave at once.
    case interrupted(signal: Int32)
}

extension Terminal {
    public var inputPending: Bool { false }
    public func prepare(_ canvas: Canvas) {}
    public func showPrepared(_ canvas: Canvas) { draw(canvas) }
    public func discardPrepared() {}

    /// Draws a frame of the current size with a render function.
    func present(_ render: (inout Canvas) -> Void) {
        draw(frame(render))
    }

    /// A frame of the current size drawn by a render function.
    func frame(_ render: (inout Canvas) -> Void) -> Canvas {
        let (width, height) = size
        var canvas = Canvas(width: width, height: height)
        render(&canvas)
        return canvas
    }

    /// The next input as a screen that records reacts to it: a key, a tick, the new size, or the
    /// end (a closed input or a signal, which is kept in `signal` unless one came before).
    func nextInput(timeout: Int, signal: inout Int32?) -> ScreenInput {
        switch nextEvent(timeout: timeout) {
        case .key(let key): return .key(key)
        case .tick: return .tick
        case .resized: return .resized(width: size.width, height: size.height)
        case .closed: return .interrupted
        case .interrupted(let number):
            signal = signal ?? number
            return .interrupted
        }
    }
}

/// Terminal input as the walk and the workshop take it.
enum ScreenInput: Equatable {
    case key(Key)
    case tick
    case resized(width: Int, height: Int)
    /// Save what is typed and leave, whatever happens.
    case interrupted
}
