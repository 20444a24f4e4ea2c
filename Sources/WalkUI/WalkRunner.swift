import Foundation
import JourneyKit


/// How a walk session ended.
public struct WalkOutcome: Equatable, Sendable {
    public var walk: Walk?
    public var finished: Bool
    /// Text typed that could not be written (by touchpoint and field): the caller prints it, to copy.
    public var unsaved: [Walk.DraftKey: String] = [:]
    /// The signal (SIGINT, SIGTERM, SIGHUP) that ended the session, if one did.
    public var signal: Int32?

    public init(walk: Walk?, finished: Bool, unsaved: [Walk.DraftKey: String] = [:], signal: Int32? = nil) {
        self.walk = walk
        self.finished = finished
        self.unsaved = unsaved
        self.signal = signal
    }
}

/// Reads a file to attach as evidence (its path as typed): its absolute path, size and SHA-256, or
/// an error saying why it cannot be attached. It calls the progress with the bytes read and the
/// size as it goes, and stops (throwing) when that returns false.
public typealias EvidenceReader = (String, _ progress: EvidenceProgress) throws -> Evidence

/// Told the bytes read so far and the file's size while evidence is read; false cancels the reading.
public typealias EvidenceProgress = (_ read: Int64, _ size: Int64) -> Bool

/// Why evidence could not be read when no reader was given.
public struct NoEvidenceReader: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "files cannot be attached here" }
}

/// Runs the walk state machine against a terminal and a recorder until the walk is left.
public struct WalkRunner {
    public var clock: () -> Date
    /// Reads evidence files for `a` (the store's reader; tests give their own).
    public var readEvidence: EvidenceReader
    /// Milliseconds between timer ticks while no key is pressed.
    public var tick: Int
    /// While more input is waiting (a paste), frames are skipped, but never for longer than this.
    public var frameInterval: TimeInterval = 0.05

    public init(clock: @escaping () -> Date = Date.init, tick: Int = 1000, readEvidence: @escaping EvidenceReader = { _, _ in throw NoEvidenceReader() }) {
        self.clock = clock
        self.tick = tick
        self.readEvidence = readEvidence
    }

    /// Why a write failed, the cause before the path, so the status line keeps the cause when it is cut.
    static func reason(_ error: Error) -> String {
        (error as? FileFailure)?.causeFirst ?? String(describing: error)
    }

    /// Reads a file for evidence and says how it went, as an action for the walk.
    static func inspect(_ path: String, touchpoint: String, with reader: EvidenceReader, progress: @escaping EvidenceProgress = { _, _ in true }) -> WalkAction {
        do {
            return .evidenceRead(touchpoint: touchpoint, try reader(path, progress))
        } catch {
            return .evidenceRefused(touchpoint: touchpoint, reason: String(describing: error))
        }
    }

    public func run(_ initial: WalkState, terminal: Terminal, recorder: WalkRecorder) -> WalkOutcome {
        var state = initial
        let watch = ReadingWatch(terminal: terminal, clock: clock)
        var work = WalkWork(recorder: recorder, readEvidence: readEvidence, clock: clock)
        work.progress = watch.check
        let size = terminal.size
        _ = state.apply(.resized(width: size.width, height: size.height), now: clock())
        terminal.present { WalkScreen.render(state, into: &$0) }
        var lastFrame = clock()
        var signal: Int32?
        while true {
            let action: WalkAction
            // Input that came while a file was read goes first, in order.
            let input = watch.pending.isEmpty ? terminal.nextInput(timeout: tick, signal: &signal) : watch.pending.removeFirst()
            if signal == nil { signal = watch.signal }
            switch input {
            case .key(let key): action = .key(key)
            case .tick: action = .tick
            case .resized(let width, let height): action = .resized(width: width, height: height)
            case .interrupted: action = .interrupted
            }
            let leaving = work.perform(action, on: &state)
            if leaving {
                return WalkOutcome(walk: state.walk, finished: state.mode == .done(finished: true), unsaved: state.unsavedTexts, signal: signal)
            }
            // A paste arrives as many keys at once: draw when the input has caught up (or every
            // frame interval), so accepting text costs a key's work, not a frame's, per character.
            let now = clock()
            if !terminal.inputPending || now.timeIntervalSince(lastFrame) >= frameInterval {
                terminal.present { WalkScreen.render(state, into: &$0) }
                lastFrame = now
            }
        }
    }
}

/// The work a walk's state asks for, done and fed back to it until none is left: the walk file
/// created, records appended and flushed, action ids looked up, evidence read. The full-screen and
/// the plain runner share it, so a record is acknowledged the same way in both.
struct WalkWork {
    let recorder: WalkRecorder
    let readEvidence: EvidenceReader
    let clock: () -> Date
    /// Told how the reading of evidence goes, with the walk as it was when it began; false cancels it.
    var progress: ((_ state: WalkState, _ path: String, _ read: Int64, _ size: Int64) -> Bool)?

    init(recorder: WalkRecorder, readEvidence: @escaping EvidenceReader, clock: @escaping () -> Date) {
        self.recorder = recorder
        self.readEvidence = readEvidence
        self.clock = clock
    }

    /// Applies an action and does the work it leads to; true when the walk asked to be left.
    func perform(_ action: WalkAction, on state: inout WalkState) -> Bool {
        var queue = state.apply(action, now: clock())
        var leaving = false
        while !queue.isEmpty {
            switch queue.removeFirst() {
            case .leave:
                leaving = true
            case .findActionIDs:
                queue += state.apply(.actionIDsFound(recorder.actionIDsInUse()), now: clock())
            case .start(let details):
                do {
                    let header = try recorder.start(details, at: clock())
                    queue += state.apply(.started(header), now: clock())
                } catch {
                    queue += state.apply(.recordFailed(nil, reason: WalkRunner.reason(error)), now: clock())
                }
            case .record(let event):
                do {
                    try recorder.record(event)
                    queue += state.apply(.recorded(event), now: clock())
                } catch {
                    queue += state.apply(.recordFailed(event, reason: WalkRunner.reason(error)), now: clock())
                }
            case .inspectEvidence(let touchpoint, let path):
                let before = state
                let progress = self.progress
                let action = WalkRunner.inspect(path, touchpoint: touchpoint, with: readEvidence) { read, size in
                    progress?(before, path, read, size) ?? true
                }
                queue += state.apply(action, now: clock())
            }
        }
        return leaving
    }
}

/// Keeps the walk alive while a file is read for evidence: every 30 ms it shows the progress and
/// looks at the input. Esc cancels the reading; Ctrl-C, a signal or a closed terminal cancel it and
/// then act as they always do (the walk saves and leaves); other keys wait until the reading is done.
/// The reader asks once more at the end, so nothing is recorded once any of these has come.
final class ReadingWatch {
    let terminal: Terminal
    let clock: () -> Date
    /// Input that came during a reading, to be handled after it, in order.
    var pending: [ScreenInput] = []
    /// The first signal that came during a reading.
    var signal: Int32?
    private var lastLook: UInt64 = 0
    /// Nanoseconds between looks at the input: at 30 ms a signal is honoured well within 100 ms.
    static let interval: UInt64 = 30_000_000

    init(terminal: Terminal, clock: @escaping () -> Date) {
        self.terminal = terminal
        self.clock = clock
    }

    func check(_ state: WalkState, path: String, read: Int64, size: Int64) -> Bool {
        let now = DispatchTime.now().uptimeNanoseconds
        let done = read >= size
        if !done {
            // A reading's first block starts the clock: a small file is never shown as being read.
            if lastLook == 0 { lastLook = now }
            if now - lastLook < Self.interval { return true }
            lastLook = now
            var shown = state
            _ = shown.apply(.evidenceProgress(path: path, read: read, size: size), now: clock())
            terminal.present { WalkScreen.render(shown, into: &$0) }
        } else {
            lastLook = 0
        }
        var cancelled = false
        while !cancelled {
            switch terminal.nextEvent(timeout: 0) {
            case .tick:
                return true
            case .key(.escape): cancelled = true
            case .key(let key):
                pending.append(.key(key))
                if key == .control("c") { cancelled = true }
            case .resized:
                pending.append(.resized(width: terminal.size.width, height: terminal.size.height))
            case .closed:
                pending.append(.interrupted)
                cancelled = true
            case .interrupted(let number):
                signal = signal ?? number
                pending.append(.interrupted)
                cancelled = true
            }
        }
        lastLook = 0
        return false
    }
}
