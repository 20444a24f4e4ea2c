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

/// Runs the walk (and its debrief) in the program loop against a terminal and a recorder until the walk is left.
public struct WalkRunner {
    public var clock: () -> Date
    /// Reads evidence files for `a` (the store's reader; tests give their own).
    public var readEvidence: EvidenceReader
    /// While more input is waiting (a paste), frames are skipped, but never for longer than this.
    public var frameInterval: TimeInterval = 0.05

    public init(clock: @escaping () -> Date = Date.init, readEvidence: @escaping EvidenceReader = { _, _ in throw NoEvidenceReader() }) {
        self.clock = clock
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
        let input = InputQueue(terminal)
        let watch = ReadingWatch(input: input, clock: clock)
        var work = WalkEffectHandler(recorder: recorder, readEvidence: readEvidence, clock: clock)
        work.progress = watch.check
        let end = ProgramLoop(input: input, clock: clock, frameInterval: frameInterval).run(initial, perform: work.perform(_:for:))
        return WalkOutcome(leaving: end.program, signal: end.signal)
    }
}

extension WalkOutcome {
    /// How a walk (or a workshop's walk) was left: the walk, whether it was finished, and all the
    /// text that could not be written, from the note editor and the panels.
    init(leaving state: WalkState, signal: Int32?) {
        self.init(walk: state.walk, finished: state.mode == .done(finished: true), unsaved: state.unsavedTexts, signal: signal)
    }
}

/// The effect handler of the walk: the walk file created, records appended and flushed, action
/// ids looked up, evidence read. The program loop and the plain runner share it, so a record is
/// acknowledged the same way in both.
struct WalkEffectHandler {
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
        ProgramLoop.send(action, to: &state, clock: clock, perform: perform(_:for:))
    }

    /// Does one piece of work the walk asked for and says how it went, as actions for the walk.
    func perform(_ effect: WalkEffect, for state: WalkState) -> Performed<WalkAction> {
        switch effect {
        case .leave:
            return .leave
        case .findActionIDs:
            return .then([.actionIDsFound(recorder.actionIDsInUse())])
        case .start(let details):
            do {
                return .then([.started(try recorder.start(details, at: clock()))])
            } catch {
                return .then([.recordFailed(nil, reason: WalkRunner.reason(error))])
            }
        case .record(let event):
            do {
                let flush = try recorder.recordFlushing(event)
                return .awaiting(likely: [.recorded(event)]) {
                    flush.wait().map { [.recordFailed(event, reason: WalkRunner.reason($0))] }
                }
            } catch {
                return .then([.recordFailed(event, reason: WalkRunner.reason(error))])
            }
        case .inspectEvidence(let touchpoint, let path):
            let progress = self.progress
            return .then([WalkRunner.inspect(path, touchpoint: touchpoint, with: readEvidence) { read, size in
                progress?(state, path, read, size) ?? true
            }])
        }
    }
}

/// Keeps the walk alive while a file is read for evidence: every 30 ms it shows the progress and
/// looks at the input. Esc cancels the reading; Ctrl-C, a signal or a closed terminal cancel it and
/// then act as they always do (the walk saves and leaves); other keys wait until the reading is done
/// (held in the loop's input queue, in order). The reader asks once more at the end, so nothing is
/// recorded once any of these has come.
final class ReadingWatch {
    let input: InputQueue
    let clock: () -> Date
    private var lastLook: UInt64 = 0
    /// Nanoseconds between looks at the input: at 30 ms a signal is honoured well within 100 ms.
    static let interval: UInt64 = 30_000_000

    var terminal: Terminal { input.terminal }

    init(input: InputQueue, clock: @escaping () -> Date) {
        self.input = input
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
                input.hold(.key(key))
                if key == .control("c") { cancelled = true }
            case .resized:
                input.hold(.resized(width: terminal.size.width, height: terminal.size.height))
            case .closed:
                input.hold(.interrupted)
                cancelled = true
            case .interrupted(let number):
                input.noteSignal(number)
                input.hold(.interrupted)
                cancelled = true
            }
        }
        lastLook = 0
        return false
    }
}
