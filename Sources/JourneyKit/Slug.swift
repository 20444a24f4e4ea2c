/// Identifiers made from titles: lower-case ASCII letters, digits and single hyphens.
public enum Slug {
    /// `Find opening hours online` becomes `find-opening-hours-online`; accents are folded.
    public static func make(_ text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.lowercased().decomposedStringWithCanonicalMappingLite.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen, !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                pendingHyphen = true
            }
        }
        return result
    }

    /// Whether the text is a valid id: `[a-z0-9-]+`.
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

extension String {
    /// Canonical decomposition of Latin letters with accents, without needing Foundation.
    fileprivate var decomposedStringWithCanonicalMappingLite: String {
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if let base = Self.latinBase[scalar] {
                out.append(base)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static let latinBase: [Unicode.Scalar: Unicode.Scalar] = {
        let table: [(String, Unicode.Scalar)] = [
            ("àáâãäåā", "a"), ("çćč", "c"), ("ďđ", "d"), ("èéêëēėę", "e"), ("ìíîïī", "i"),
            ("ñń", "n"), ("òóôõöøō", "o"), ("ùúûüū", "u"), ("ýÿ", "y"), ("žźż", "z"),
            ("śšş", "s"), ("ł", "l"), ("ř", "r"), ("ť", "t"), ("ğ", "g"),
        ]
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (letters, base) in table {
            for scalar in letters.unicodeScalars { map[scalar] = base }
        }
        return map
    }()
}
