import Foundation

/// How compare puts walks into columns: one column per walk, or one per value of a field.
public enum CompareGrouping: String, CaseIterable, Sendable {
    case location, channel, `operator`, role, month

    /// The column a walk belongs to; `month` is the month of the visit's start in the reader's time
    /// zone, `2026-11`.
    public func key(of walk: WalkDigest) -> String {
        switch self {
        case .location: return walk.location
        case .channel: return walk.channel
        case .operator: return walk.operator
        case .role: return walk.role
        case .month: return ReaderTime.month(walk.visitStart)
        }
    }
}

/// The same journey walked many times, side by side (SPEC 7.4): touchpoints down, walks or groups
/// across, each cell the verdicts of its walks with timer and checklist score; per touchpoint the
/// consistency (the share of walks that agree with the most common of magic, neutral and misery)
/// and whether it flips (magic in some walks, misery in others).
public struct Comparison: Equatable, Sendable {
    public var journeyID: String
    public var journeyTitle: String
    public var grouping: CompareGrouping?
    public var columns: [Column]
    public var rows: [Row]
    /// Walk files left out because they could not be read (`FILE:LINE: message`), and walks read
    /// only in part (their lines that were not loaded).
    public var problems: [String]

    /// One column: a walk, or the walks sharing a value.
    public struct Column: Equatable, Sendable {
        /// The walk id, or the group's value (empty when the walks have none).
        public var key: String
        public var walks: Int
        /// For a walk column: who walked it, where and when, to head the column.
        public var walk: WalkDigest.Heading?

        public init(key: String, walks: Int, walk: WalkDigest.Heading? = nil) {
            self.key = key
            self.walks = walks
            self.walk = walk
        }
    }

    /// What the walks of one column recorded for one touchpoint.
    public struct Cell: Equatable, Sendable {
        public var magic = 0
        public var strongMagic = 0
        public var neutral = 0
        public var misery = 0
        public var strongMisery = 0
        public var skipped = 0
        public var unrecorded = 0
        /// Walks of the column whose journey version has no such touchpoint.
        public var absent = 0
        /// Timer readings: how many, their sum, and how many of those with a target met it.
        public var timed = 0
        public var timerTotal = 0.0
        public var targeted = 0
        public var met = 0
        /// The time standard (the last one seen; versions can differ).
        public var target: Int?
        /// Checklist weights answered Yes, and Yes or No.
        public var yes = 0
        public var asked = 0

        public init() {}

        /// Walks of the column that have the touchpoint.
        public var present: Int { magic + neutral + misery + skipped + unrecorded }
        /// The mean timer reading in seconds, nil with no reading.
        public var meanTimer: Double? { timed > 0 ? timerTotal / Double(timed) : nil }
        /// The checklist score, `100 × yes / asked`, one decimal; nil with no Yes or No.
        public var score: Double? { asked > 0 ? (1000 * Double(yes) / Double(asked)).rounded() / 10 : nil }

        /// The glyph of a single walk's verdict (`★★`, `✖`, `·` unrecorded, `—` not in its version).
        public var glyph: String {
            if present == 0 { return "—" }
            if strongMagic > 0 { return "★★" }
            if magic > 0 { return "★" }
            if neutral > 0 { return "●" }
            if strongMisery > 0 { return "✖✖" }
            if misery > 0 { return "✖" }
            if skipped > 0 { return "○" }
            return Rating.unrecordedGlyph
        }

        /// The verdict a single walk gave, nil when unrecorded or absent.
        public var verdict: Verdict? {
            magic > 0 ? .magic : neutral > 0 ? .neutral : misery > 0 ? .misery : skipped > 0 ? .skipped : nil
        }

        /// Percent of the walks with the touchpoint, rounded.
        public func share(_ count: Int) -> Int { present > 0 ? Int((100 * Double(count) / Double(present)).rounded()) : 0 }

        /// The timer against the target: `1:35✓` (met), `2:40✗` (missed), `1:35` (no target); for
        /// several walks the mean, and how many met it (`1:35 3/4✓`). Empty with no reading.
        public func timerText(single: Bool) -> String {
            guard let mean = meanTimer else { return "" }
            let clock = TimeStandard.clock(seconds: Int(mean.rounded()))
            if targeted == 0 { return clock }
            if single { return clock + (met > 0 ? "✓" : "✗") }
            return clock + " \(met)/\(targeted)✓"
        }

        /// `80%`, or empty with no score.
        public var scoreText: String {
            guard let score else { return "" }
            return "\(Int(score.rounded()))%"
        }

        mutating func add(_ step: WalkDigest.Step) {
            switch step.rating?.verdict {
            case .magic?:
                magic += 1
                if step.rating?.intensity == 2 { strongMagic += 1 }
            // A workshop room that tied sits in the middle of the curve: it counts with neutral here.
            case .neutral?, .split?: neutral += 1
            case .misery?:
                misery += 1
                if step.rating?.intensity == 2 { strongMisery += 1 }
            case .skipped?: skipped += 1
            case nil: unrecorded += 1
            }
            if let timer = step.timer {
                timed += 1
                timerTotal += timer
                // Only a judged moment's timing is held against the target: a skipped or
                // unrecorded one is in the mean, never in the share within target.
                if let limit = step.target, step.isJudged {
                    targeted += 1
                    if Int(timer.rounded(.down)) <= limit { met += 1 }
                }
            }
            if let limit = step.target { target = limit }
            yes += step.yes
            asked += step.asked
        }
    }

    /// One touchpoint across the columns.
    public struct Row: Equatable, Sendable {
        public var touchpoint: String
        public var title: String
        public var stage: String
        public var adhoc: Bool
        /// The journey versions that have this touchpoint, when not every walk's version has it
        /// (nil: every walk compared has it). A version-less journey is listed as nil.
        public var onlyIn: [Int?]?
        public var cells: [Cell]

        /// The counts over every column.
        public var total: Cell {
            var sum = Cell()
            for cell in cells {
                sum.magic += cell.magic
                sum.strongMagic += cell.strongMagic
                sum.neutral += cell.neutral
                sum.misery += cell.misery
                sum.strongMisery += cell.strongMisery
                sum.skipped += cell.skipped
                sum.unrecorded += cell.unrecorded
                sum.absent += cell.absent
                sum.timed += cell.timed
                sum.timerTotal += cell.timerTotal
                sum.targeted += cell.targeted
                sum.met += cell.met
                sum.yes += cell.yes
                sum.asked += cell.asked
                if let target = cell.target { sum.target = target }
            }
            return sum
        }

        /// The share of walks agreeing with the most common verdict, counting magic, neutral and
        /// misery only; nil when no walk has one of the three.
        public var consistency: Double? {
            let sum = total
            let counted = sum.magic + sum.neutral + sum.misery
            guard counted > 0 else { return nil }
            return Double(max(sum.magic, sum.neutral, sum.misery)) / Double(counted)
        }

        /// Magic in some walks and misery in others.
        public var flip: Bool {
            let sum = total
            return sum.magic > 0 && sum.misery > 0
        }
    }

    public init(journeyID: String, journeyTitle: String, grouping: CompareGrouping?, columns: [Column], rows: [Row], problems: [String] = []) {
        self.journeyID = journeyID
        self.journeyTitle = journeyTitle
        self.grouping = grouping
        self.columns = columns
        self.rows = rows
        self.problems = problems
    }

    /// The number of walks compared.
    public var walks: Int { columns.reduce(0) { $0 + $1.walks } }

    /// The touchpoints that flip, in row order.
    public var flips: [Row] { rows.filter(\.flip) }

    /// `87 %` style text of a consistency, `—` when there is none.
    public static func consistencyText(_ value: Double?) -> String {
        guard let value else { return "—" }
        return "\(Int((value * 100).rounded()))%"
    }
}

extension WalkDigest {
    /// What heads a walk's column: who, where, when, which version.
    public struct Heading: Equatable, Sendable {
        public var walkID: String
        public var `operator`: String
        public var location: String
        public var visitStart: Date
        public var version: Int?
        public var status: Walk.Status
        /// The member a team copy was pulled from; nil for a walk of this machine.
        public var author: String? = nil
    }

    public var heading: Heading {
        Heading(walkID: walkID, operator: `operator`, location: location, visitStart: visitStart, version: journeyVersion, status: status, author: author)
    }
}
