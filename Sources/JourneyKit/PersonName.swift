/// Names of people as walks record them (operators, whom praise goes to, action owners): one
/// person however the name was typed, in any case and with any spacing ("Web  team", "web team").
public enum PersonName {
    /// The name as it is compared: lower case, runs of white space as one space, none at the ends.
    public static func key(_ name: String) -> String { shown(name).lowercased() }

    /// The name as screens and reports show it: runs of white space as one space, none at the
    /// ends, the case as typed (`"store   Manager "` shows as `store Manager`).
    public static func shown(_ name: String) -> String {
        name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether two names are the same person's.
    public static func same(_ a: String, _ b: String) -> Bool { key(a) == key(b) }
}
