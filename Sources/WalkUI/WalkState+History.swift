import Foundation
import JourneyKit

/// What `u` can take back after a resume: the file holds every change, so the undo stack is the one
/// the walk screen would have built writing them, rebuilt by replaying the records in order.
extension WalkState {
    /// The undo stack of a walk whose records after the header are `events`.
    public static func undoStack(replaying events: [WalkEvent], header: WalkHeader) -> [UndoEntry] {
        var walk = Walk(header: header)
        var stack: [UndoEntry] = []
        for event in events {
            let before = walk.moment(for: event.touchpointID ?? "")
            // An action changed in place may sit on another moment than the record names.
            var previousAction: Action?
            if case .actionChanged(let change) = event { previousAction = walk.action(id: change.action.id) }
            walk.apply(event)
            if event.isUndo {
                if !stack.isEmpty { stack.removeLast() }
                continue
            }
            switch event {
            case .rated(let change):
                stack.append(.rating(touchpoint: change.touchpoint, previous: before.rating))
            case .noted(let change):
                stack.append(.note(touchpoint: change.touchpoint, previous: before.note))
            case .answered(let change):
                stack.append(.answer(touchpoint: change.touchpoint, item: change.item, previous: before.answers[change.item]))
            case .commented(let change):
                stack.append(.comment(touchpoint: change.touchpoint, item: change.item, previous: before.comments[change.item] ?? ""))
            case .timed(let change):
                stack.append(.timer(touchpoint: change.touchpoint, previous: before.splitTimer))
            case .stated(let change):
                stack.append(.stated(touchpoint: change.touchpoint, previous: before.statedAt))
            case .insertedTouchpoint(let adhoc):
                stack.append(.inserted(adhoc))
            case .attached(let change):
                stack.append(.evidence(touchpoint: change.touchpoint, change.evidence))
            case .tagged(let change):
                stack.append(.tags(touchpoint: change.touchpoint, previous: before.tags))
            case .recovered(let change):
                stack.append(.recovery(touchpoint: change.touchpoint, previous: before.recovery))
            case .praised(let change):
                stack.append(.praise(touchpoint: change.touchpoint, previous: before.praise))
            case .actionChanged(let change):
                stack.append(.action(touchpoint: change.touchpoint, change.action, previous: previousAction))
            default:
                break
            }
        }
        return stack
    }

    /// A walk continued from its journal with what `u` can take back rebuilt from its records.
    public init(resuming walk: Walk, events: [WalkEvent], warnings: [String], now: Date) {
        self.init(resuming: walk, warnings: warnings, now: now)
        undoStack = Self.undoStack(replaying: events, header: walk.header)
    }
}
