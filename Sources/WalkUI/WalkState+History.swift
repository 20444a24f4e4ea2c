import Foundation
import JourneyKit

/// What `u` can take back after a resume: the file holds every change, so the undo stack is the one
/// the walk screen would have built writing them, rebuilt by replaying the records in order.
extension WalkState {
    /// A walk continued from its journal with what `u` can take back rebuilt from its records.
    public init(resuming walk: Walk, events: [WalkEvent], warnings: [String], now: Date) {
        self.init(resuming: walk, warnings: warnings, now: now)
        undoStack = UndoEntry.stack(replaying: events, header: walk.header)
    }
}
