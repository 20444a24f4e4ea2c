/// What an attached file is now, compared with what it was when attached (SPEC 7.2).
public enum EvidenceStatus: String, Equatable, Sendable, CaseIterable {
    /// The file is there with the same size and SHA-256.
    case present
    /// Nothing is at the path any more.
    case missing
    /// Something is at the path, but not the same bytes (or not a file).
    case changed
    /// The file is there but cannot be read (permissions), so it cannot be checked.
    case unreadable

    /// How screens and reports say it: `present`, `MISSING`, `CHANGED since attached`, `cannot be read`.
    public var label: String {
        switch self {
        case .present: return "present"
        case .missing: return "MISSING"
        case .changed: return "CHANGED since attached"
        case .unreadable: return "cannot be read"
        }
    }

    /// True when the file is not as it was attached.
    public var isProblem: Bool { self != .present }
}

extension Evidence: Hashable {
    /// Evidence is looked up by what was recorded: path, size and digest.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(bytes)
        hasher.combine(sha256)
    }
}
