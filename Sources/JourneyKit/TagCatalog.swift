/// The built-in tags (SPEC 7.3): the causes of misery and of magic the customer-experience
/// literature names again and again, plus a journey's own.
public enum TagCatalog {
    public static let builtIn: [TagDefinition] = [
        TagDefinition(id: "kept-waiting", label: "Kept waiting", kind: .misery),
        TagDefinition(id: "repeated-information", label: "Had to repeat information", kind: .misery),
        TagDefinition(id: "trapped-in-self-service", label: "Trapped in self-service", kind: .misery),
        TagDefinition(id: "history-unknown", label: "Staff did not know the history", kind: .misery),
        TagDefinition(id: "wrong-channel", label: "Pushed to the wrong channel", kind: .misery),
        TagDefinition(id: "no-apology", label: "No apology", kind: .misery),
        TagDefinition(id: "insincere-apology", label: "Insincere apology", kind: .misery),
        TagDefinition(id: "late", label: "Late", kind: .misery),
        TagDefinition(id: "inconsistent", label: "Inconsistent with another channel or visit", kind: .misery),
        TagDefinition(id: "poor-follow-through", label: "Poor follow-through", kind: .misery),
        TagDefinition(id: "pushy-selling", label: "Pushy selling", kind: .misery),
        TagDefinition(id: "broken-promise", label: "Broken promise", kind: .misery),
        TagDefinition(id: "dirty-or-broken", label: "Dirty or broken", kind: .misery),
        TagDefinition(id: "unexpected-delight", label: "Unexpected delight", kind: .magic),
        TagDefinition(id: "personal-touch", label: "Personal touch", kind: .magic),
        TagDefinition(id: "proactive-update", label: "Proactive update", kind: .magic),
        TagDefinition(id: "empowered-staff", label: "Empowered staff", kind: .magic),
        TagDefinition(id: "knew-my-history", label: "Knew my history", kind: .magic),
        TagDefinition(id: "small-gift", label: "Small gift", kind: .magic),
        TagDefinition(id: "fast", label: "Fast", kind: .magic),
        TagDefinition(id: "kept-promise", label: "Kept the promise", kind: .magic),
    ]

    /// The built-in tags followed by the journey's own (a journey tag with a built-in id replaces it).
    public static func tags(for journey: Journey) -> [TagDefinition] {
        let own = Set(journey.tags.map(\.id))
        return builtIn.filter { !own.contains($0.id) } + journey.tags
    }

    /// A tag by id; unknown ids (from a newer catalogue, or a journey changed since) are kept as is.
    public static func tag(_ id: String, in journey: Journey) -> TagDefinition? {
        journey.tags.first { $0.id == id } ?? builtIn.first { $0.id == id }
    }
}
