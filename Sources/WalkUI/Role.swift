import JourneyKit

/// What a cell means; the terminal layer maps roles to colours and attributes in one table.
public enum Role: String, Sendable, CaseIterable {
    case normal
    case title
    case heading
    case dim
    case key
    case selected
    case cursor
    case magic
    case neutral
    case misery
    case skipped
    case warning
    case error
    case border

    /// The role that shows a rating's verdict.
    public static func of(_ verdict: Verdict?) -> Role {
        switch verdict {
        case .magic?: return .magic
        case .neutral?: return .neutral
        case .misery?: return .misery
        case .skipped?: return .skipped
        case .split?: return .warning
        case nil: return .dim
        }
    }
}
