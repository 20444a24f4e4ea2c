/// A count with its noun agreeing: `1 stage`, `2 stages`, `0 touchpoints`.
public enum Counted {
    /// `count` and the noun, singular for exactly one; `plural` defaults to the singular plus `s`.
    public static func text(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
    }

    /// A number with its thousands separated as people write them: `10,000`.
    public static func grouped(_ number: Int) -> String {
        let digits = Array(String(number.magnitude))
        let body = String(digits.enumerated().flatMap { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
        })
        return number < 0 ? "-" + body : body
    }
}
