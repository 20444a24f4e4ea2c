import Foundation

/// The team's statistics of SPEC 8.4 (`team stats`): per group of submitted walks, how many, the share
/// returned for corrections, the share submitted on time, the mean grade and the mean score.
public struct TeamStats: Equatable, Sendable {
    /// How walks are grouped.
    public enum Grouping: String, CaseIterable, Sendable { case team, shopper, location, month }

    /// One submitted walk as the statistics see it.
    public struct Walk: Equatable, Sendable {
        public var shopper: String
        public var location: String
        /// `2026-12`, in the reader's zone.
        public var month: String
        public var returned: Bool
        /// Whether the first submission came before the walk was due; nil when unknown.
        public var onTime: Bool?
        public var grade: Int?
        /// The checklist score in percent; nil for a walk without a checklist.
        public var score: Double?

        public init(shopper: String, location: String, month: String, returned: Bool, onTime: Bool?, grade: Int?, score: Double?) {
            self.shopper = shopper
            self.location = location
            self.month = month
            self.returned = returned
            self.onTime = onTime
            self.grade = grade
            self.score = score
        }
    }

    /// One group's figures; shares and means are nil where no walk tells.
    public struct Group: Equatable, Sendable {
        public var name: String
        public var walks: Int
        public var returnedShare: Double?
        public var onTimeShare: Double?
        public var meanGrade: Double?
        public var meanScore: Double?

        public init(name: String, walks: Int, returnedShare: Double?, onTimeShare: Double?, meanGrade: Double?, meanScore: Double?) {
            self.name = name
            self.walks = walks
            self.returnedShare = returnedShare
            self.onTimeShare = onTimeShare
            self.meanGrade = meanGrade
            self.meanScore = meanScore
        }
    }

    public var grouping: Grouping
    public var groups: [Group]

    public init(_ walks: [Walk], by grouping: Grouping) {
        self.grouping = grouping
        var byName: [String: [Walk]] = [:]
        for walk in walks {
            let name: String
            switch grouping {
            case .team: name = "team"
            case .shopper: name = walk.shopper
            case .location: name = walk.location.isEmpty ? "(no location)" : walk.location
            case .month: name = walk.month
            }
            byName[name, default: []].append(walk)
        }
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        groups = byName.keys.sorted().map { name in
            let members = byName[name] ?? []
            let timed = members.compactMap(\.onTime)
            return Group(name: name, walks: members.count, returnedShare: mean(members.map { $0.returned ? 1 : 0 }),
                         onTimeShare: mean(timed.map { $0 ? 1 : 0 }), meanGrade: mean(members.compactMap { $0.grade.map(Double.init) }),
                         meanScore: mean(members.compactMap(\.score)))
        }
    }

    /// Rounded to 3 decimals (shares) or 1 decimal (grades and scores) for output.
    static func rounded(_ value: Double?, _ places: Double) -> JSONWriter.Value {
        value.map { .double(($0 * places).rounded() / places) } ?? .null
    }

    public var json: JSONWriter.Value {
        .object([
            ("by", .string(grouping.rawValue)),
            ("groups", .array(groups.map { group in
                .object([
                    ("name", .string(group.name)), ("walks", .int(group.walks)), ("returned_share", Self.rounded(group.returnedShare, 1000)),
                    ("on_time_share", Self.rounded(group.onTimeShare, 1000)), ("mean_grade", Self.rounded(group.meanGrade, 10)),
                    ("mean_score", Self.rounded(group.meanScore, 10)),
                ])
            })),
        ])
    }

    /// A table for the terminal (names sanitized).
    public var text: String {
        func percent(_ share: Double?) -> String { share.map { String(Int(($0 * 100).rounded())) + " %" } ?? "—" }
        func one(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "—" }
        let header = [grouping == .team ? "TEAM" : grouping.rawValue.uppercased(), "WALKS", "RETURNED", "ON TIME", "GRADE", "SCORE"]
        let rows = groups.map { [TerminalText.sanitize($0.name), String($0.walks), percent($0.returnedShare), percent($0.onTimeShare), one($0.meanGrade),
                                 $0.meanScore.map { one($0) + " %" } ?? "—"] }
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = min(40, max(widths[index], cell.count)) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let cut = cell.count > widths[index] ? String(cell.prefix(widths[index] - 1)) + "…" : cell
                return index == 0 ? cut.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - cut.count) + cut
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}
