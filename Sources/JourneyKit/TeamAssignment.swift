import Foundation

/// A visit the team assigned (SPEC 8.4): who walks which journey where, by which day, in which hours.
public struct TeamAssignment: Equatable, Sendable {
    public var id: Int64
    public var journeyID: String
    public var journeyTitle: String
    /// The name of the journey's shared copy (`fnv1a64-…`), which travels with the assignment.
    public var journeyCopy: String
    public var shopper: String
    public var location: String
    /// `2026-12-10`.
    public var due: String
    /// `18:00-21:00`, or nil for any time of the day.
    public var window: String?
    /// The wave (a group of assignments walked together, for calibration), if any.
    public var wave: String?
    /// Why rotation was overridden (`--force`), with the earlier visit it broke; nil when it was kept.
    public var forced: String?
    public var assignedBy: String
    public var cancelled: Bool

    public init(id: Int64, journeyID: String, journeyTitle: String, journeyCopy: String, shopper: String, location: String, due: String,
                window: String? = nil, wave: String? = nil, forced: String? = nil, assignedBy: String, cancelled: Bool = false) {
        self.id = id
        self.journeyID = journeyID
        self.journeyTitle = journeyTitle
        self.journeyCopy = journeyCopy
        self.shopper = shopper
        self.location = location
        self.due = due
        self.window = window
        self.wave = wave
        self.forced = forced
        self.assignedBy = assignedBy
        self.cancelled = cancelled
    }

    /// Whether the due day is before `today`.
    public func isOverdue(today: CalendarDay) -> Bool { CalendarDay(iso: due).map { $0 < today } ?? false }

    /// What a walk started from it carries in its header.
    public var walkAssignment: WalkAssignment { WalkAssignment(id: id, window: window, due: due, wave: wave) }

    public var json: JSONWriter.Value {
        .object([
            ("id", .int(Int(id))), ("journey", .string(journeyID)), ("journey_title", .string(journeyTitle)), ("journey_copy", .string(journeyCopy)),
            ("shopper", .string(shopper)), ("location", .string(location)), ("due", .string(due)), ("window", .optional(window)),
            ("wave", .optional(wave)), ("forced", .optional(forced)), ("assigned_by", .string(assignedBy)), ("cancelled", .bool(cancelled)),
        ])
    }

    /// Overdue first, then by due day, then by id.
    public static func homeOrder(_ assignments: [TeamAssignment], today: CalendarDay) -> [TeamAssignment] {
        assignments.sorted { a, b in
            let (lateA, lateB) = (a.isOverdue(today: today), b.isOverdue(today: today))
            if lateA != lateB { return lateA }
            return (a.due, a.id) < (b.due, b.id)
        }
    }
}
