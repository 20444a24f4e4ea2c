import Foundation
import JourneyKit

/// A workshop on a projector: the walk it is saved as (role trainer, the room as its location),
/// the room's votes, a countdown per touchpoint and the summary slide. Changed only by `apply`.
///
/// The walk's own state machine is held whole, for what a workshop shares with a walk: the note
/// editor, drafts kept on every way out, text that could not be written, leaving. Votes, the
/// countdown and moving are the workshop's.
public struct WorkshopState: Equatable, Sendable {
    /// Which slide is up.
    public enum Screen: Equatable, Sendable {
        case touchpoint
        case summary
    }

    /// The timebox when neither the touchpoint, the journey nor `--timebox` gives one (SPEC 7.5).
    public static let defaultTimebox = 180

    /// The walk being recorded, with its note editor, drafts and leaving.
    public internal(set) var walk: WalkState
    public internal(set) var screen: Screen = .touchpoint
    public internal(set) var votes = RoomVotes()
    /// The discussion clock of each touchpoint shown so far, by touchpoint id.
    public internal(set) var countdowns: [String: Countdown] = [:]
    /// `--timebox`, used where the journey sets none.
    public let timebox: Int?
    public internal(set) var help: HelpOverlay?
    /// The touchpoint whose countdown is running (the one on screen).
    var shown: String?
    public internal(set) var now: Date

    /// The channel a workshop's walk records: the journey was walked in a workshop.
    public static let channel = Walk.workshopChannel

    /// A workshop of a journey for a room, not yet started (the runner creates its walk file first).
    public init(journey: Journey, room: String, trainer: String = "", timebox: Int? = nil, now: Date) {
        self.walk = WalkState(journey: journey, details: WalkDetails(operator: trainer, role: .trainer, location: room, channel: Self.channel), now: now)
        self.walk.debriefWhenFinished = false
        self.timebox = timebox
        self.now = now
    }

    /// A workshop continued from its walk file, on the touchpoint where it stopped. The votes of
    /// earlier sessions stay counted; `u` takes back only votes of this session. Countdowns start
    /// afresh (they are not recorded), from the session's `--timebox` kept in the walk's header.
    public init(resuming walk: Walk, warnings: [String], timebox: Int? = nil, now: Date) {
        self.walk = WalkState(resuming: walk, warnings: warnings, now: now)
        self.walk.debriefWhenFinished = false
        self.timebox = timebox ?? walk.header.workshopTimebox
        self.now = now
        self.shown = nil
    }

    /// Whether a walk file is a workshop's (`Walk.isWorkshop`).
    public static func isWorkshop(_ walk: Walk) -> Bool { walk.isWorkshop }

    // MARK: - Derived

    public var journey: Journey { walk.journey }
    public var room: String { walk.details.location }
    public var current: Int { walk.current }
    public var currentStep: Step? { walk.currentStep }
    public var currentMoment: Moment { walk.currentMoment }
    /// The room's tally on the touchpoint on screen, as on disk.
    public var tally: Votes { currentMoment.votes ?? Votes() }

    /// The timebox of a touchpoint: its own, the journey's, `--timebox`, else three minutes.
    public func timebox(of touchpoint: Touchpoint) -> Int {
        touchpoint.timebox ?? journey.timebox ?? timebox ?? Self.defaultTimebox
    }

    /// The countdown of the touchpoint on screen.
    public var countdown: Countdown {
        guard let step = currentStep else { return Countdown(timebox: Self.defaultTimebox) }
        return countdowns[step.touchpoint.id] ?? Countdown(timebox: timebox(of: step.touchpoint))
    }

    /// The key table in force.
    public var keyMap: KeyMap<WorkshopCommand> { screen == .summary ? WorkshopKeys.summary : WorkshopKeys.room }

    /// Milliseconds the runner may wait for a key before the countdown needs a new frame.
    public var tickInterval: Int {
        min(1000, max(20, countdown.millisecondsToNextChange(at: now) ?? 1000))
    }
}

/// What happens to a workshop: keys, the clock, and the results of the runner's work.
public enum WorkshopAction: Equatable, Sendable {
    case key(Key)
    case tick
    case resized(width: Int, height: Int)
    /// The runner created the walk file and wrote its header.
    case started(WalkHeader)
    /// The runner wrote these events to disk, together.
    case recorded([WalkEvent])
    /// The runner could not write them; nothing of them is shown as made.
    case recordFailed([WalkEvent], reason: String)
    /// A signal arrived or the terminal closed: save what is typed and leave, whatever happens.
    case interrupted
}

/// Work for the runner; its results come back as actions.
public enum WorkshopEffect: Equatable, Sendable {
    /// Create the walk file with these details.
    case start(WalkDetails)
    /// Append these events to the walk file in one write, flushed to disk.
    case record([WalkEvent])
    /// The workshop is over for this session.
    case leave
}
