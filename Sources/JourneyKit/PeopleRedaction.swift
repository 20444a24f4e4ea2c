import Foundation

/// `report --redact`: the names a walk records of people (the operator, whom praise goes to,
/// action owners) become `Person 1`, `Person 2`… in order of first appearance across the whole
/// report, so the same person keeps one placeholder in every walk and section. Names are matched
/// ignoring case and spacing. Free text (notes, comments, praise and action text) is left as written.
public struct PeopleRedaction: Sendable {
    private var placeholders: [String: String] = [:]

    /// Placeholders for every name in the walks, numbered in report order: each walk's operator,
    /// then its praise and action owners along the timeline.
    public init(walks: [Walk]) {
        for walk in walks {
            add(walk.header.details.operator)
            for entry in WalkAnalysis(walk).timeline {
                if let praise = entry.moment.praise { add(praise.to) }
                for action in entry.moment.actions { add(action.owner) }
            }
        }
    }

    /// The placeholder of a name; an empty name stays empty.
    public func placeholder(for name: String) -> String {
        let key = PersonName.key(name)
        return placeholders[key] ?? (key.isEmpty ? name : "Person ?")
    }

    private mutating func add(_ name: String) {
        let key = PersonName.key(name)
        guard !key.isEmpty, placeholders[key] == nil else { return }
        placeholders[key] = "Person \(placeholders.count + 1)"
    }
}
