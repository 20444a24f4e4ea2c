import Foundation
import JourneyKit

/// Where a walk's changes go: the runner calls it for each effect and shows nothing as saved until it returns.
public protocol WalkRecorder: AnyObject {
    /// Creates the walk file for these briefing details and writes its header.
    func start(_ details: WalkDetails, at: Date) throws -> WalkHeader
    /// Appends an event and flushes it to disk.
    func record(_ event: WalkEvent) throws
    /// The action ids already used in the walks beside this one, so a new one is unique.
    func actionIDsInUse() -> Set<String>
}

extension WalkRecorder {
    public func actionIDsInUse() -> Set<String> { [] }
}

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
/// an error saying why it cannot be attached.
public typealias EvidenceReader = (String) throws -> Evidence

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

    public init(clock: @escaping () -> Date = Date.init, tick: Int = 1000, readEvidence: @escaping EvidenceReader = { _ in throw NoEvidenceReader() }) {
        self.clock = clock
        self.tick = tick
        self.readEvidence = readEvidence
    }

    /// Why a write failed, the cause before the path, so the status line keeps the cause when it is cut.
    static func reason(_ error: Error) -> String {
        (error as? FileFailure)?.causeFirst ?? String(describing: error)
    }

    /// Reads a file for evidence and says how it went, as an action for the walk.
    static func inspect(_ path: String, touchpoint: String, with reader: EvidenceReader) -> WalkAction {
        do {
            return .evidenceRead(touchpoint: touchpoint, try reader(path))
        } catch {
            return .evidenceRefused(touchpoint: touchpoint, reason: String(describing: error))
        }
    }

    public func run(_ initial: WalkState, terminal: Terminal, recorder: WalkRecorder) -> WalkOutcome {
        var state = initial
        let work = WalkWork(recorder: recorder, readEvidence: readEvidence, clock: clock)
        let size = terminal.size
        _ = state.apply(.resized(width: size.width, height: size.height), now: clock())
        terminal.present { WalkScreen.render(state, into: &$0) }
        var lastFrame = clock()
        var signal: Int32?
        while true {
            let action: WalkAction
            switch terminal.nextInput(timeout: tick, signal: &signal) {
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
                queue += state.apply(WalkRunner.inspect(path, touchpoint: touchpoint, with: readEvidence), now: clock())
            }
        }
        return leaving
    }
}
