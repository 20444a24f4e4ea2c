import Foundation

/// Calibration (SPEC 8.4): how far the people who walked one journey agree. Each checklist item
/// (Yes or No) and each touchpoint's verdict (magic, neutral or misery; strong counts as its kind)
/// is a unit whose values are the walks' answers (N/A, unanswered, skipped, split and unrecorded
/// are left out). Per unit the share of pairs of values that agree; over all items and over all
/// verdicts Krippendorff's alpha (nominal); per walker how often they differ from an item's strict
/// majority. Figures are kept unrounded: reports round them.
public struct Agreement: Equatable, Sendable {
    public var journeyID: String
    public var journeyTitle: String
    /// The walks whose answers are counted.
    public var walks: Int
    /// The touchpoints in compare's row order (`TouchpointRows`), each with its checklist items.
    public var touchpoints: [Touchpoint]
    /// The walkers: operators by name (any case order), then walks without an operator by walk id.
    public var walkers: [Walker]
    /// Walk files left out (`FILE:LINE: message`), as compare names them.
    public var problems: [String]

    /// One touchpoint: its verdict unit and its checklist item units.
    public struct Touchpoint: Equatable, Sendable {
        public var touchpoint: String
        /// The newest version's title (an inserted touchpoint's own).
        public var title: String
        public var stage: String
        public var adhoc: Bool
        /// Walks that gave each verdict (strong magic and strong misery counted with their kind).
        public var magic: Int
        public var neutral: Int
        public var misery: Int
        /// The checklist items, in the newest version's order (items of older versions after them).
        public var items: [Item]

        public init(touchpoint: String, title: String, stage: String = "", adhoc: Bool = false, magic: Int = 0, neutral: Int = 0, misery: Int = 0, items: [Item] = []) {
            self.touchpoint = touchpoint
            self.title = title
            self.stage = stage
            self.adhoc = adhoc
            self.magic = magic
            self.neutral = neutral
            self.misery = misery
            self.items = items
        }

        /// The verdicts counted, in category order: magic, neutral, misery.
        public var counts: [Int] { [magic, neutral, misery] }
        /// Values of the verdict unit.
        public var values: Int { magic + neutral + misery }
        /// The share of pairs of verdicts that agree; nil under two verdicts.
        public var agreement: Double? { Agreement.pairShare(counts) }
    }

    /// One checklist item of a touchpoint, matched across walks by its text (the second item of a
    /// touchpoint with the same text as an earlier one is a unit of its own).
    public struct Item: Equatable, Sendable {
        public var touchpoint: String
        /// The item's text.
        public var item: String
        public var yes: Int
        public var no: Int

        public init(touchpoint: String, item: String, yes: Int = 0, no: Int = 0) {
            self.touchpoint = touchpoint
            self.item = item
            self.yes = yes
            self.no = no
        }

        /// The answers counted, in category order: Yes, No.
        public var counts: [Int] { [yes, no] }
        public var values: Int { yes + no }
        /// The share of pairs of answers that agree; nil under two answers.
        public var agreement: Double? { Agreement.pairShare(counts) }
    }

    /// One walker: how many of their answers differ from the unit's strict majority.
    public struct Walker: Equatable, Sendable {
        /// The operator named in the walk; empty for a walk without one.
        public var `operator`: String
        /// For a walk without an operator, its walk id: such a walk is a walker of its own.
        public var walkID: String?
        public var walks: Int
        /// Checklist answers that differ from the item's strict majority, of the answers to items
        /// that have one (an item with under two answers has none to differ from).
        public var differs: Int
        public var of: Int
        /// The same for verdicts.
        public var verdictDiffers: Int
        public var verdictOf: Int

        public init(operator name: String, walkID: String? = nil, walks: Int = 1, differs: Int = 0, of: Int = 0, verdictDiffers: Int = 0, verdictOf: Int = 0) {
            self.operator = name
            self.walkID = walkID
            self.walks = walks
            self.differs = differs
            self.of = of
            self.verdictDiffers = verdictDiffers
            self.verdictOf = verdictOf
        }

        /// The name shown: the operator, or `(no operator) WALK-ID`.
        public var name: String { walkID.map { "(no operator) " + $0 } ?? `operator` }
    }

    public init(journeyID: String, journeyTitle: String, walks: Int, touchpoints: [Touchpoint], walkers: [Walker], problems: [String] = []) {
        self.journeyID = journeyID
        self.journeyTitle = journeyTitle
        self.walks = walks
        self.touchpoints = touchpoints
        self.walkers = walkers
        self.problems = problems
    }

    /// The agreement of walks of one journey, in any order (`AgreementBuilder`).
    public init(walks: [Walk], journeyID: String? = nil) {
        var builder = AgreementBuilder(journeyID: journeyID ?? walks.first?.journey.id ?? "")
        for walk in walks { builder.add(walk) }
        self = builder.build()
    }

    /// Every checklist item, touchpoint by touchpoint.
    public var items: [Item] { touchpoints.flatMap(\.items) }

    /// Krippendorff's alpha (nominal) over every checklist item; nil when no item has two answers.
    public var itemAlpha: Double? { Self.alpha(items.map(\.counts)) }

    /// Krippendorff's alpha (nominal) over every touchpoint's verdicts; nil when no touchpoint has two.
    public var verdictAlpha: Double? { Self.alpha(touchpoints.map(\.counts)) }

    /// The share of the pairs of a unit's values that agree: `Σ n_c(n_c − 1) / m(m − 1)`; nil
    /// under two values.
    public static func pairShare(_ counts: [Int]) -> Double? {
        let values = counts.reduce(0, +)
        guard values >= 2 else { return nil }
        let agreeing = counts.reduce(0) { $0 + $1 * ($1 - 1) }
        return Double(agreeing) / Double(values * (values - 1))
    }

    /// Krippendorff's alpha for nominal data from units given as counts per category (every unit
    /// with the same categories): `1 − (n − 1) · Σ o_ck / Σ n_c·n_k` over pairs of different
    /// categories, where `o_ck = Σ_u n_uc·n_uk / (m_u − 1)` is the coincidence matrix, `n_c` its row
    /// sums and `n` their total. Units with under two values are left out; 1.0 when no pair
    /// disagrees; nil when no unit has two values.
    public static func alpha(_ units: [[Int]]) -> Double? {
        guard let categories = units.first?.count, categories > 0 else { return nil }
        var disagreeing = 0.0
        var totals = [Int](repeating: 0, count: categories)
        for unit in units {
            let values = unit.reduce(0, +)
            guard values >= 2 else { continue }
            var pairs = 0
            for c in 0..<categories {
                totals[c] += unit[c]
                for k in 0..<categories where k != c { pairs += unit[c] * unit[k] }
            }
            disagreeing += Double(pairs) / Double(values - 1)
        }
        let n = totals.reduce(0, +)
        guard n >= 2 else { return nil }
        if disagreeing == 0 { return 1.0 }
        var expected = 0
        for c in 0..<categories {
            for k in 0..<categories where k != c { expected += totals[c] * totals[k] }
        }
        return 1 - Double(n - 1) * disagreeing / Double(expected)
    }

    /// The category held by more than half of a unit's values, when it has two values or more.
    public static func strictMajority(_ counts: [Int]) -> Int? {
        let values = counts.reduce(0, +)
        guard values >= 2 else { return nil }
        return counts.firstIndex { 2 * $0 > values }
    }

    /// The category of a verdict in a verdict unit (magic 0, neutral 1, misery 2); nil for one left
    /// out: skipped, a workshop room's split, or none.
    public static func category(_ rating: Rating?) -> Int? {
        switch rating?.verdict {
        case .magic?: return 0
        case .neutral?: return 1
        case .misery?: return 2
        case .skipped?, .split?, nil: return nil
        }
    }

    /// The category of a checklist answer in an item unit (Yes 0, No 1); nil for N/A or none.
    public static func category(_ answer: Answer?) -> Int? {
        switch answer {
        case .yes?: return 0
        case .no?: return 1
        case .na?, nil: return nil
        }
    }
}
