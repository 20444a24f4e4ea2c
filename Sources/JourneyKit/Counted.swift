/// A count with its noun agreeing: `1 stage`, `2 stages`, `0 touchpoints`.
public enum Counted {
    /// `count` and the noun, singular for exactly one; `plural` defaults to the singular plus `s`.
    public static func text(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
    }
}
