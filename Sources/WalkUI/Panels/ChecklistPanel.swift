import Foundation
import JourneyKit

/// The checklist of one touchpoint while it has the keys: an item is selected, one key answers it
/// Yes, No or N/A and moves on, and a No asks for its comment at once.
public struct ChecklistPanel: Equatable, Sendable {
    /// What a key asks of the checklist.
    public enum Command: Equatable, Sendable {
        case answer(Answer)
        case clear
        case next
        case previous
        case first
        case last
        case comment
        case close
    }

    /// Work for the walk: a record to write, the comment editor to open, or the panel to close.
    public enum Effect: Equatable, Sendable {
        case record(WalkEvent)
        case editComment(item: Int)
        case close
    }

    public let touchpoint: String
    /// The number of items (at least one).
    public let count: Int
    public private(set) var selected: Int

    public init(touchpoint: String, count: Int, selected: Int = 0) {
        self.touchpoint = touchpoint
        self.count = max(1, count)
        self.selected = min(max(0, selected), max(1, count) - 1)
    }

    /// Applies a command, given what the moment already records.
    public mutating func apply(_ command: Command, moment: Moment, now: Date) -> [Effect] {
        switch command {
        case .answer(let answer):
            if moment.answers[selected] == answer {
                // The same answer again: nothing to write; a No goes to its comment, others move on.
                if answer == .no { return [.editComment(item: selected)] }
                advance()
                return []
            }
            return [.record(.answered(AnswerChange(touchpoint: touchpoint, item: selected, answer: answer, at: now)))]
        case .clear:
            guard moment.answers[selected] != nil else { return [] }
            return [.record(.answered(AnswerChange(touchpoint: touchpoint, item: selected, answer: nil, at: now)))]
        case .next:
            selected = min(count - 1, selected + 1)
        case .previous:
            selected = max(0, selected - 1)
        case .first:
            selected = 0
        case .last:
            selected = count - 1
        case .comment:
            return [.editComment(item: selected)]
        case .close:
            return [.close]
        }
        return []
    }

    /// An answer reached the disk: a No without a comment asks for one; any other answer moves on.
    public mutating func answered(_ change: AnswerChange, moment: Moment) -> [Effect] {
        guard change.touchpoint == touchpoint, (0..<count).contains(change.item) else { return [] }
        selected = change.item
        if change.undo || change.answer == nil { return [] }
        if change.answer == .no, moment.comments[change.item] == nil { return [.editComment(item: change.item)] }
        advance()
        return []
    }

    /// A comment reached the disk: the next item is up.
    public mutating func commented(_ change: CommentChange) {
        guard change.touchpoint == touchpoint, (0..<count).contains(change.item), !change.undo else { return }
        selected = change.item
        advance()
    }

    /// Selects an item (the final check goes to one).
    public mutating func select(_ item: Int) {
        selected = min(max(0, item), count - 1)
    }

    private mutating func advance() {
        selected = min(count - 1, selected + 1)
    }
}
