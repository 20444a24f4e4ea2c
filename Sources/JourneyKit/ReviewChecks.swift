import Foundation

/// The reviewer's QA checks of one walk (SPEC 8.3): stated times inside the visit's day and the
/// assignment window, a comment on every No and a note on every missed target, answers that agree
/// with the verdict, evidence present and unchanged, and evidence found in no other walk of the team.
/// A pure function of the walk and a `Context` (what the walk alone cannot know); nothing is read here.
public struct ReviewChecks: Equatable, Sendable {
    /// Failed checks first, then passed ones; each part in walking order (the visit's start first).
    public var checks: [ReviewCheck]
    /// The zone the messages' times are in, as screens name it (`UTC+01:00`).
    public var zoneLabel: String

    /// The checks that failed, in walking order.
    public var failed: [ReviewCheck] { checks.filter { !$0.passed } }
    /// How many checks passed.
    public var passedCount: Int { checks.count(where: \.passed) }
    /// How many checks failed.
    public var failedCount: Int { checks.count(where: { !$0.passed }) }

    /// Checks in any order, put failed first (each part keeps its order).
    public init(checks: [ReviewCheck], zoneLabel: String) {
        self.checks = checks.filter { !$0.passed } + checks.filter(\.passed)
        self.zoneLabel = zoneLabel
    }

    /// What the checks need beyond the walk: the zone, the assignment window, the evidence files'
    /// statuses (`EvidenceCheck.statuses`) and the team's other walks holding the same files.
    public struct Context: Sendable {
        /// The zone the visit is judged in: the walk's own (`LocalTime.zone(of: walk.header)`) where known.
        public var zone: TimeZone
        /// The assignment's hours, when the visit was assigned some.
        public var window: Window?
        /// The status of each evidence file; a file missing here is reported as not checked.
        public var evidence: [Evidence: EvidenceStatus]
        /// By lower-case SHA-256: the walks of the team holding that file (the walk itself is ignored).
        public var sharedEvidence: [String: [OtherWalk]]
        /// Who walked the walk, when known: another walker's walk with the same id (two shoppers who
        /// started in the same second) is another walk.
        public var author: String?

        /// SHA-256 keys are taken in either case.
        public init(
            zone: TimeZone, window: Window? = nil, evidence: [Evidence: EvidenceStatus] = [:],
            sharedEvidence: [String: [OtherWalk]] = [:], author: String? = nil
        ) {
            self.author = author
            self.zone = zone
            self.window = window
            self.evidence = evidence
            self.sharedEvidence = Dictionary(sharedEvidence.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: +)
        }
    }

    /// An assignment's hours on the visit's day, in minutes after midnight, both ends included;
    /// an end before the start runs past midnight into the next day (`22:00–01:00`).
    public struct Window: Equatable, Sendable {
        /// The first and last minute of the window, after midnight.
        public var start: Int
        public var end: Int

        /// Nil unless both are minutes of a day (0 to 1439).
        public init?(start: Int, end: Int) {
            guard (0..<1440).contains(start), (0..<1440).contains(end) else { return nil }
            self.start = start
            self.end = end
        }

        /// From `HH:MM` times (`18:00`, `21:00`); nil when either is not one.
        public init?(start: String, end: String) {
            guard let from = Self.minute(start), let to = Self.minute(end) else { return nil }
            self.init(start: from, end: to)
        }

        /// Whether the window runs past midnight.
        public var wraps: Bool { end < start }

        /// `18:00–21:00`.
        public var text: String { Self.clock(start) + "–" + Self.clock(end) }

        static func clock(_ minute: Int) -> String {
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return two(minute / 60) + ":" + two(minute % 60)
        }

        private static func minute(_ text: String) -> Int? {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  let hours = Int(parts[0]), let minutes = Int(parts[1]), hours < 24, minutes < 60 else { return nil }
            return hours * 60 + minutes
        }
    }

    /// Another walk of the team, named as a reviewer names it: who walked it, its id, its journey.
    public struct OtherWalk: Equatable, Hashable, Sendable {
        /// Who walked it, its walk id and its journey's title.
        public var author: String
        public var walkID: String
        public var journeyTitle: String

        /// A walk as the team store names it.
        public init(author: String, walkID: String, journeyTitle: String) {
            self.author = author
            self.walkID = walkID
            self.journeyTitle = journeyTitle
        }

        /// `Ana Lima's walk W-17 (Store visit)`.
        public var name: String {
            (author.isEmpty ? "walk \(walkID)" : "\(author)'s walk \(walkID)") + (journeyTitle.isEmpty ? "" : " (\(journeyTitle))")
        }
    }

    /// Every check of a walk; a walk with no stated times, checklist, timers or evidence has none of those kinds.
    public static func of(_ walk: Walk, context: Context) -> ReviewChecks {
        let zone = context.zone
        let start = walk.header.statedStart ?? walk.header.started
        let visit = VisitDay(start: start, zone: zone, window: context.window)
        var checks: [ReviewCheck] = []
        if let stated = walk.header.statedStart, context.window != nil {
            let (passed, text) = visit.judge(stated)
            checks.append(ReviewCheck(kind: .statedTime, passed: passed, message: "Visit start · stated \(text)"))
        }
        let readAt = walk.finished ?? walk.lastChange
        for step in walk.steps {
            let touchpoint = step.touchpoint
            let moment = walk.moment(for: touchpoint.id)
            func check(_ kind: ReviewCheck.Kind, _ passed: Bool, item: Int? = nil, _ text: String) {
                let itemText = item.map { touchpoint.checklist[$0].item }
                let place = touchpoint.title + (item.map { " · item \($0 + 1) \"\(itemText ?? "")\"" } ?? "")
                checks.append(ReviewCheck(
                    kind: kind, passed: passed, touchpoint: touchpoint.id, touchpointTitle: touchpoint.title,
                    item: item, itemText: itemText, message: place + text))
            }
            if let stated = moment.statedAt {
                let (passed, text) = visit.judge(stated)
                check(.statedTime, passed, " · stated " + text)
            }
            let answered = touchpoint.checklist.indices.compactMap { index in moment.answers[index].map { (index, $0) } }
            for (index, answer) in answered where answer == .no {
                let commented = !isBlank(moment.comments[index])
                check(.commentOnNo, commented, item: index, commented ? ": answered No, with a comment" : ": answered No without a comment")
            }
            let timer = TimerReading(moment: moment, target: touchpoint.target, readAt: readAt)
            if timer.met == false, let target = timer.target, let clock = timer.clock {
                let noted = !isBlank(moment.note)
                let missed = "target \(TimeStandard.clock(seconds: target)) missed by \(TimeStandard.clock(seconds: timer.over ?? 0)) (timer \(clock))"
                check(.noteOnMissedTarget, noted, ": " + missed + (noted ? ", with a note" : " without a note"))
            }
            if let rating = moment.rating, !answered.isEmpty {
                let noes = answered.filter { $0.1 == .no }.map(\.0)
                if rating.verdict == .magic {
                    if noes.isEmpty { check(.answersMatchVerdict, true, ": \(rating.label), no item answered No") }
                    for index in noes { check(.answersMatchVerdict, false, item: index, ": answered No on a \(rating.label) moment") }
                } else if rating.verdict == .misery, rating.intensity == 2 {
                    let yes = answered.count { $0.1 == .yes }
                    if noes.isEmpty, yes > 0 {
                        check(.answersMatchVerdict, false, ": strong misery, yet no item answered No (\(yes) Yes)")
                    } else if !noes.isEmpty {
                        check(.answersMatchVerdict, true, ": strong misery, \(Counted.text(noes.count, "item")) answered No")
                    }
                }
            }
            for file in moment.evidence {
                let name = fileName(file.path)
                let status = context.evidence[file]
                let intact = status == .present ? "present, size and SHA-256 as attached" : status?.label ?? "not checked"
                check(.evidenceIntact, status == .present, " · \(name): \(intact)")
                var seen = Set<OtherWalk>()
                let others = (context.sharedEvidence[file.sha256.lowercased()] ?? [])
                    .filter { !($0.walkID == walk.header.walkID && (context.author == nil || context.author == $0.author)) && seen.insert($0).inserted }
                    .sorted { ($0.walkID, $0.author) < ($1.walkID, $1.author) }
                check(.evidenceUnique, others.isEmpty, " · \(name): " + (others.isEmpty
                    ? "in no other walk of the team"
                    : "the same file (SHA-256) is in " + others.map(\.name).joined(separator: "; ")))
            }
        }
        return ReviewChecks(checks: checks, zoneLabel: LocalTime.label(zone, at: start))
    }

    private static func isBlank(_ text: String?) -> Bool {
        text?.allSatisfy(\.isWhitespace) ?? true
    }

    /// The file's name without its folders (`receipt.jpg`), as reports show evidence.
    private static func fileName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        let name = path[path.index(after: slash)...]
        return name.isEmpty ? path : String(name)
    }
}

/// The visit's day in its zone, and the assignment window on it: what a stated time is judged against.
private struct VisitDay {
    let zone: TimeZone
    let window: ReviewChecks.Window?
    /// The day the visit (and its window) belongs to: the start's local day, or the day before
    /// when the start falls in the after-midnight part of a window that runs past midnight.
    let day: CalendarDay

    init(start: Date, zone: TimeZone, window: ReviewChecks.Window?) {
        self.zone = zone
        self.window = window
        let (day, minute) = Self.local(start, zone)
        if let window, window.wraps, minute <= window.end {
            self.day = day.adding(days: -1)
        } else {
            self.day = day
        }
    }

    /// Whether a stated time passes, and `17:59 on 2026-11-22: before the assignment window 18:00–21:00`.
    func judge(_ date: Date) -> (passed: Bool, text: String) {
        let (when, minute) = Self.local(date, zone)
        let clock = LocalTime.clock(date, zone)
        let stated = "\(clock.hasSuffix(":00") ? String(clock.dropLast(3)) : clock) on \(when.iso): "
        let dayText = "not the visit's day (\(day.iso))"
        guard let window else {
            return when == day ? (true, stated + "on the visit's day") : (false, stated + dayText)
        }
        let inside = "inside the assignment window \(window.text)"
        if window.wraps {
            if (when == day && minute >= window.start) || (when == day.adding(days: 1) && minute <= window.end) { return (true, stated + inside) }
            let near = when == day || when == day.adding(days: 1)
            return (false, stated + (near ? "outside the assignment window \(window.text)" : dayText))
        }
        guard when == day else { return (false, stated + dayText) }
        if minute < window.start { return (false, stated + "before the assignment window \(window.text)") }
        if minute > window.end { return (false, stated + "after the assignment window \(window.text)") }
        return (true, stated + inside)
    }

    /// The local day and minute of the day of an instant.
    static func local(_ date: Date, _ zone: TimeZone) -> (day: CalendarDay, minute: Int) {
        let offset = zone.secondsFromGMT(for: date)
        let day = CalendarDay(date, secondsFromGMT: offset)
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offset - day.dayNumber * 86_400
        return (day, seconds / 60)
    }
}
