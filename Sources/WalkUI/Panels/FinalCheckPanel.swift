import JourneyKit

/// The final check when a walk is finished with things missing: a list to go through, one item
/// selected; Enter goes to it, `f` completes the walk anyway.
public struct FinalCheckPanel: Equatable, Sendable {
    public enum Command: Equatable, Sendable {
        case next
        case previous
        case go
        case completeAnyway
    }

    public enum Effect: Equatable, Sendable {
        case go(FinalCheck.Problem)
        case complete
    }

    public let problems: [FinalCheck.Problem]
    public private(set) var selected = 0

    public init(problems: [FinalCheck.Problem]) {
        self.problems = problems
    }

    public mutating func apply(_ command: Command) -> [Effect] {
        switch command {
        case .next:
            selected = min(max(0, problems.count - 1), selected + 1)
        case .previous:
            selected = max(0, selected - 1)
        case .go:
            guard problems.indices.contains(selected) else { return [] }
            return [.go(problems[selected])]
        case .completeAnyway:
            return [.complete]
        }
        return []
    }

    /// Selects an item by its position (plain mode's `go N`).
    public mutating func select(_ index: Int) {
        selected = min(max(0, index), max(0, problems.count - 1))
    }
}
