/// New action ids: six lower-case hex characters (`a7f3c2`), never one already taken in the data
/// folder. The random source is a seeded generator, so tests pin the ids.
public struct ActionIDs: Equatable, Sendable {
    /// Ids of actions in every walk of the data folder (and those made since).
    public private(set) var taken: Set<String>
    private var state: UInt64

    public init(taken: Set<String> = [], seed: UInt64 = 0x9E37_79B9_7F4A_7C15) {
        self.taken = taken
        self.state = seed
    }

    /// The next free id; it is taken from then on.
    public mutating func next() -> String {
        while true {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let hex = String(z & 0xFF_FFFF, radix: 16)
            let id = String(repeating: "0", count: 6 - hex.count) + hex
            if taken.insert(id).inserted { return id }
        }
    }

    /// Marks an id as used (an action read from a walk file).
    public mutating func take(_ id: String) { taken.insert(id) }
}

/// Finding an action by its id or the start of one.
public enum ActionReference {
    /// Why an id names no single action.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case unknown(String)
        case ambiguous(String, matches: [String])

        public var description: String {
            switch self {
            case .empty:
                return "give the id of an action (`journeywalk actions` lists them)"
            case .unknown(let id):
                return "no action has the id '\(TerminalText.sanitize(id))' (`journeywalk actions --status all` lists them all)"
            case .ambiguous(let id, let matches):
                let shown = matches.prefix(5).joined(separator: ", ") + (matches.count > 5 ? ", …" : "")
                return "'\(TerminalText.sanitize(id))' is the start of \(matches.count) action ids (\(shown)); give more of it"
            }
        }
    }

    /// The one id among `ids` that `reference` names: the same id, or the only one starting with it (case ignored).
    public static func resolve(_ reference: String, among ids: [String]) throws(Problem) -> String {
        let wanted = reference.trimmingSpacesAndTabs.lowercased()
        guard !wanted.isEmpty else { throw .empty }
        if let exact = ids.first(where: { $0.lowercased() == wanted }) { return exact }
        let matches = Array(Set(ids.filter { $0.lowercased().hasPrefix(wanted) })).sorted()
        guard let only = matches.first else { throw .unknown(reference) }
        guard matches.count == 1 else { throw .ambiguous(reference, matches: matches) }
        return only
    }
}
