import Foundation

/// One action as `journeywalk actions` lists it: the action and where it came from.
public struct ActionListing: Equatable, Sendable {
    public var action: Action
    public var walkID: String
    /// The walk file, for closing the action (never printed unless asked).
    public var walkPath: String
    public var journeyID: String
    public var journeyTitle: String
    public var walkStarted: Date
    public var stage: String
    public var touchpoint: String
    public var touchpointTitle: String
    /// The member who pushed the walk, for an action of a read-only team copy; nil for this machine's walks.
    public var author: String?

    public init(action: Action, walkID: String, walkPath: String, journeyID: String, journeyTitle: String, walkStarted: Date,
                stage: String, touchpoint: String, touchpointTitle: String) {
        self.action = action
        self.walkID = walkID
        self.walkPath = walkPath
        self.journeyID = journeyID
        self.journeyTitle = journeyTitle
        self.walkStarted = walkStarted
        self.stage = stage
        self.touchpoint = touchpoint
        self.touchpointTitle = touchpointTitle
    }

    /// Whether the action's owner is this person: any case, any spacing (`actions --owner`).
    public func isOwned(by name: String) -> Bool { PersonName.same(action.owner, name) }

    /// Every action of a walk, in walking order.
    public static func all(in walk: Walk, path: String) -> [ActionListing] {
        let stages = walk.journey.stages
        return walk.steps.flatMap { step in
            walk.moment(for: step.touchpoint.id).actions.map { action in
                ActionListing(action: action, walkID: walk.header.walkID, walkPath: path, journeyID: walk.journey.id,
                              journeyTitle: walk.journey.title, walkStarted: walk.header.started,
                              stage: stages.indices.contains(step.stageIndex) ? stages[step.stageIndex].name : "",
                              touchpoint: step.touchpoint.id, touchpointTitle: step.touchpoint.title)
            }
        }
    }

    /// Whether the action is open and its due date is before `today`.
    public func isOverdue(today: CalendarDay) -> Bool {
        guard action.status == .open, let due = action.due.flatMap({ CalendarDay(iso: $0) }) else { return false }
        return due < today
    }

    /// The order `actions` lists in: overdue first, then by due date (none last), then by walk.
    public static func ordered(_ listings: [ActionListing], today: CalendarDay) -> [ActionListing] {
        listings.enumerated().sorted { a, b in
            func key(_ item: (offset: Int, element: ActionListing)) -> (Int, String, Date, Int) {
                (item.element.isOverdue(today: today) ? 0 : 1, item.element.action.due ?? "9999-99-99", item.element.walkStarted, item.offset)
            }
            return key(a) < key(b)
        }.map(\.element)
    }
}
