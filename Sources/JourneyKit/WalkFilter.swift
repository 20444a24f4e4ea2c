import Foundation

/// Which walks to show or compare: the filters `compare` and `review` share (`--since`, `--until`,
/// `--operator`, `--location`, `--status`, `--journey`) and the review list's filter line
/// (`operator:ann since:2026-11-01 free words`).
public struct WalkFilter: Equatable, Sendable {
    /// Walks whose visit began at or after this time.
    public var since: Date?
    /// Walks whose visit began before this time (a date given as `YYYY-MM-DD` includes that day).
    public var until: Date?
    /// Case-insensitive parts of the operator's name and of the location.
    public var `operator`: String?
    public var location: String?
    public var status: Walk.Status?
    public var journey: String?
    /// Words to find anywhere in the journey, operator, role, location or walk id (all of them).
    public var text: String = ""

    public init(since: Date? = nil, until: Date? = nil, operator: String? = nil, location: String? = nil, status: Walk.Status? = nil, journey: String? = nil, text: String = "") {
        self.since = since
        self.until = until
        self.operator = `operator`
        self.location = location
        self.status = status
        self.journey = journey
        self.text = text
    }

    /// True when nothing is filtered.
    public var isEmpty: Bool { self == WalkFilter() }

    /// Whether a walk passes; `searchText` is the walk's lower-cased text for the free words.
    public func matches(journeyID: String, operator name: String, location place: String, status walkStatus: Walk.Status, visitStart: Date, searchText: @autoclosure () -> String) -> Bool {
        if let since, visitStart < since { return false }
        if let until, visitStart >= until { return false }
        if let journey, journeyID != journey { return false }
        if let status, walkStatus != status { return false }
        if let wanted = `operator`?.lowercased(), !wanted.isEmpty, !name.lowercased().contains(wanted) { return false }
        if let wanted = location?.lowercased(), !wanted.isEmpty, !place.lowercased().contains(wanted) { return false }
        let words = text.lowercased().split(separator: " ")
        if !words.isEmpty {
            let haystack = searchText()
            for word in words where !haystack.contains(word) { return false }
        }
        return true
    }

    /// Whether a digest passes.
    public func matches(_ walk: WalkDigest) -> Bool {
        matches(journeyID: walk.journeyID, operator: walk.operator, location: walk.location, status: walk.status, visitStart: walk.visitStart,
                searchText: Self.searchText(journeyTitle: walk.journeyTitle, journeyID: walk.journeyID, operator: walk.operator, role: walk.role, location: walk.location, walkID: walk.walkID))
    }

    /// The text the free words search, lower-cased.
    public static func searchText(journeyTitle: String, journeyID: String, operator: String, role: String, location: String, walkID: String) -> String {
        [journeyTitle, journeyID, `operator`, role, location, walkID].joined(separator: "\u{1F}").lowercased()
    }

    /// A problem with a filter as typed: which field and why.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }

    /// The fields the filter line knows, as typed before the colon.
    public static let fieldNames = ["since", "until", "operator", "location", "status", "journey"]

    /// Parses a filter line: `field:value` pairs (a value with spaces in double quotes) and free words.
    /// A word that looks like a field (`loaction:main`) but names none is refused, naming the fields,
    /// rather than searched for as a word; a quoted word (`"note:late"`) is always a word.
    public static func parse(line: String) throws(Problem) -> WalkFilter {
        var filter = WalkFilter()
        var words: [String] = []
        for (token, quoted) in tokens(of: line) {
            guard !quoted, let colon = token.firstIndex(of: ":"), colon > token.startIndex,
                  token[..<colon].allSatisfy({ $0.isASCII && $0.isLetter }) else {
                words.append(token)
                continue
            }
            let field = token[..<colon].lowercased()
            guard fieldNames.contains(field) else {
                throw Problem("unknown filter field '\(token[..<colon])' (fields: \(fieldNames.joined(separator: ", ")))")
            }
            let value = String(token[token.index(after: colon)...])
            try filter.set(field, to: value)
        }
        filter.text = words.joined(separator: " ")
        return filter
    }

    /// Sets one field from its text (`since`, `2026-11-01`), as the command line and the filter line give it.
    public mutating func set(_ field: String, to value: String) throws(Problem) {
        switch field {
        case "since":
            guard let date = Self.date(value, endOfDay: false) else { throw Problem("since: '\(value)' is not a date (YYYY-MM-DD, a day in your time zone, or 2026-11-22T10:15:03Z)") }
            since = date
        case "until":
            guard let date = Self.date(value, endOfDay: true) else { throw Problem("until: '\(value)' is not a date (YYYY-MM-DD, a day in your time zone, or 2026-11-22T10:15:03Z)") }
            until = date
        case "operator": `operator` = value.isEmpty ? nil : value
        case "location": location = value.isEmpty ? nil : value
        case "journey": journey = value.isEmpty ? nil : value
        case "status":
            guard let parsed = Self.status(value) else { throw Problem("status: '\(value)' is not draft, complete or submitted") }
            status = parsed
        default:
            throw Problem("unknown filter '\(field)'")
        }
    }

    /// `draft`, `complete`, `submitted`, and the first wave's `unfinished` and `finished`.
    public static func status(_ text: String) -> Walk.Status? {
        switch text.lowercased() {
        case "draft", "unfinished": return .draft
        case "complete", "finished": return .complete
        case "submitted": return .submitted
        default: return nil
        }
    }

    /// `YYYY-MM-DD`, a day in the reader's time zone (with `endOfDay` the start of the next day, so
    /// the day is included), or an ISO-8601 time.
    public static func date(_ text: String, endOfDay: Bool) -> Date? {
        if let time = Timestamp.parse(text) { return time }
        return ReaderTime.midnight(of: text, next: endOfDay)
    }

    /// The filter as the line would write it (fields first, then the free words).
    public var line: String {
        var parts: [String] = []
        func quoted(_ value: String) -> String { value.contains(" ") ? "\"\(value)\"" : value }
        if let journey { parts.append("journey:" + quoted(journey)) }
        if let name = `operator` { parts.append("operator:" + quoted(name)) }
        if let location { parts.append("location:" + quoted(location)) }
        if let status { parts.append("status:" + status.rawValue) }
        if let since { parts.append("since:" + Self.text(since, endOfDay: false)) }
        if let until { parts.append("until:" + Self.text(until, endOfDay: true)) }
        // A word with a colon is quoted, so that it reads back as a word, not a field.
        if !text.isEmpty { parts.append(text.split(separator: " ").map { $0.contains(":") ? "\"\($0)\"" : String($0) }.joined(separator: " ")) }
        return parts.joined(separator: " ")
    }

    /// A bound as the filter line writes it: the day when it is one of the reader's midnights (for
    /// `until`, the day that ends there), else the time; `date` reads it back the same.
    static func text(_ date: Date, endOfDay: Bool) -> String {
        let day = ReaderTime.day(endOfDay ? date.addingTimeInterval(-1) : date)
        return ReaderTime.midnight(of: day, next: endOfDay) == date ? day : Timestamp.format(date)
    }

    /// Splits at spaces, keeping `"quoted words"` (also after `field:`) together; `quoted` when the
    /// token opens with a quote (a word, never a field).
    static func tokens(of line: String) -> [(text: String, quoted: Bool)] {
        var tokens: [(text: String, quoted: Bool)] = []
        var current = ""
        var quoted = false
        var started = false
        var opensQuoted = false
        for character in line {
            if character == "\"" {
                if !started { opensQuoted = true }
                quoted.toggle()
                started = true
            } else if character == " ", !quoted {
                if started { tokens.append((current, opensQuoted)) }
                current = ""
                started = false
                opensQuoted = false
            } else {
                current.append(character)
                started = true
            }
        }
        if started { tokens.append((current, opensQuoted)) }
        return tokens
    }
}
