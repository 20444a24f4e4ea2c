import Foundation

/// What a walk records once, when it starts: who walked which journey, where and how.
public struct WalkHeader: Equatable, Sendable {
    public var walkID: String
    /// The journey as it was when the walk started, so the walk stays readable if the file changes.
    public var journey: Journey
    public var journeyPath: String?
    public var journeyFingerprint: String
    public var details: WalkDetails
    public var started: Date
    /// The name of the shared copy of a large journey (stored once beside the walks), or nil when
    /// the walk file carries the copy itself.
    public var journeyCopy: String?
    /// The start of the visit as the operator states it (`walk --at`, entry after the visit).
    public var statedStart: Date?
    /// The zone the walk started in (`TZ`): its identifier (`Europe/Paris`) and its offset from UTC
    /// then, in seconds, so reports made elsewhere show the visit's local time. Nil in older walks.
    public var timeZoneID: String?
    public var utcOffset: Int?
    /// A workshop's `--timebox` in seconds (the countdown where the journey sets none), kept so
    /// that resuming the workshop keeps the room's timebox. Nil for walks and older workshops.
    public var workshopTimebox: Int?
    /// The team's assignment the walk was started from (SPEC 8.4), nil for a walk of one's own.
    public var assignment: WalkAssignment?

    public init(
        walkID: String, journey: Journey, journeyPath: String?, journeyFingerprint: String,
        details: WalkDetails, started: Date, journeyCopy: String? = nil, statedStart: Date? = nil
    ) {
        self.walkID = walkID
        self.journey = journey
        self.journeyPath = journeyPath
        self.journeyFingerprint = journeyFingerprint
        self.details = details
        self.started = started
        self.journeyCopy = journeyCopy
        self.statedStart = statedStart
    }
}

/// The briefing fields: operator, role, location and channel of a walk.
public struct WalkDetails: Equatable, Sendable {
    public var `operator`: String
    public var role: WalkRole?
    public var location: String
    public var channel: String

    public init(operator: String = "", role: WalkRole? = nil, location: String = "", channel: String = "") {
        self.operator = `operator`
        self.role = role
        self.location = location
        self.channel = channel
    }
}

/// Who is walking: a mystery shopper, a leader on a journey walk, or a trainer in a workshop.
public enum WalkRole: String, Sendable, CaseIterable, Equatable {
    case shopper
    case leader
    case trainer
}

/// The assignment a walk was started from (SPEC 8.4): its id on the team's server, the window of
/// hours it was to be walked in, and the date it was due; the reviewer's checks test the window.
public struct WalkAssignment: Equatable, Sendable {
    public var id: Int64
    /// `18:00-21:00`, as assigned; nil without a window.
    public var window: String?
    /// `2026-12-10`.
    public var due: String?
    /// The wave of visits the assignment belongs to (`compare --agreement --wave NAME` calibrates them).
    public var wave: String?

    public init(id: Int64, window: String? = nil, due: String? = nil, wave: String? = nil) {
        self.id = id
        self.window = window
        self.due = due
        self.wave = wave
    }

    /// The window's start and end as minutes after midnight; nil without one (or when unreadable).
    public var windowMinutes: (start: Int, end: Int)? {
        guard let window else { return nil }
        let parts = window.split(separator: "-")
        func minute(_ text: Substring) -> Int? {
            let clock = text.split(separator: ":")
            guard clock.count == 2, let hour = Int(clock[0]), let minute = Int(clock[1]), (0...23).contains(hour), (0...59).contains(minute) else { return nil }
            return hour * 60 + minute
        }
        guard parts.count == 2, let start = minute(parts[0]), let end = minute(parts[1]) else { return nil }
        return (start, end)
    }
}
