import JourneyKit

/// What a leader takes from a walk, in the order a debrief goes through it: the first and last
/// moments (what customers remember), the best and the worst, the moments of truth, the top tags,
/// the recoveries not complete, praise to pass on and the actions. Derived from the walk only.
///
/// The walk screen's own value for now; the reports' `Debrief` is written alongside in JourneyKit
/// and the two are to be made one.
public struct DebriefSummary: Equatable, Sendable {
    public typealias Entry = WalkAnalysis.Entry

    /// A tag and how many moments carry it.
    public struct TagCount: Equatable, Sendable {
        public var id: String
        /// The catalogue's label, or the id as it is for a tag the catalogue does not know.
        public var label: String
        public var kind: TagDefinition.Kind?
        public var count: Int
    }

    public var first: Entry?
    public var last: Entry?
    public var best: Entry?
    public var worst: Entry?
    public var momentsOfTruth: [Entry]
    public var topTags: [TagCount]
    /// Misery moments whose recovery is not complete (nothing marked counts as not complete).
    public var incompleteRecoveries: [Entry]
    public var completeRecoveries: Int
    public var praise: [(entry: Entry, praise: Praise)]
    public var actions: [(entry: Entry, action: Action)]

    /// How many tags the debrief names at most.
    public static let tagLimit = 5

    public init(_ walk: Walk) {
        let analysis = WalkAnalysis(walk)
        // The first and the last moment as the reports' debrief names them (in the timeline): with
        // one moment recorded, it is both.
        let debrief = Debrief(analysis)
        first = debrief.first
        last = debrief.last
        best = analysis.best
        worst = analysis.worst
        momentsOfTruth = analysis.momentsOfTruth
        var counts: [String: Int] = [:]
        var order: [String] = []
        for entry in analysis.entries {
            for tag in entry.moment.tags {
                if counts[tag] == nil { order.append(tag) }
                counts[tag, default: 0] += 1
            }
        }
        let ranked = order.enumerated().sorted { (counts[$0.element] ?? 0, -$0.offset) > (counts[$1.element] ?? 0, -$1.offset) }.map(\.element)
        topTags = ranked.prefix(Self.tagLimit).map { id in
            let tag = TagCatalog.tag(id, in: walk.journey)
            return TagCount(id: id, label: tag?.label ?? id, kind: tag?.kind, count: counts[id] ?? 0)
        }
        let misery = analysis.misery
        incompleteRecoveries = misery.filter { $0.moment.recovery?.isComplete != true }
        completeRecoveries = misery.count - incompleteRecoveries.count
        praise = analysis.entries.compactMap { entry in entry.moment.praise.map { (entry, $0) } }
        actions = analysis.entries.flatMap { entry in entry.moment.actions.map { (entry, $0) } }
    }

    public static func == (a: DebriefSummary, b: DebriefSummary) -> Bool {
        a.first == b.first && a.last == b.last && a.best == b.best && a.worst == b.worst && a.momentsOfTruth == b.momentsOfTruth
            && a.topTags == b.topTags && a.incompleteRecoveries == b.incompleteRecoveries && a.completeRecoveries == b.completeRecoveries
            && a.praise.map(\.entry) == b.praise.map(\.entry) && a.praise.map(\.praise) == b.praise.map(\.praise)
            && a.actions.map(\.entry) == b.actions.map(\.entry) && a.actions.map(\.action) == b.actions.map(\.action)
    }

    /// The debrief as lines of text with roles, for the screen (`width` columns) and plain mode
    /// (`plain`: what adds tags, praise and actions is said with the plain walk's words).
    public func lines(width: Int, today: CalendarDay? = nil, plain: Bool = false) -> [(text: String, role: Role)] {
        var lines: [(text: String, role: Role)] = []
        func moment(_ entry: Entry) -> String { "\(entry.glyph) \(entry.touchpoint.title)" }
        func heading(_ text: String) {
            if !lines.isEmpty { lines.append(("", .normal)) }
            lines.append((text, .heading))
        }
        /// One item: wrapped to the width, continuation lines indented under the text (after `label`).
        func item(_ text: String, _ role: Role = .normal, label: String = "") {
            let indent = String(repeating: " ", count: 2 + label.count)
            for (index, part) in TerminalText.wrap(text, to: max(10, width - indent.count)).enumerated() {
                lines.append(((index == 0 ? "  " + label : indent) + part, role))
            }
        }
        heading("What customers remember")
        item(first.map(moment) ?? "nothing recorded", first.map { Role.of($0.moment.rating?.verdict) } ?? .dim, label: "First  ")
        item(last.map(moment) ?? "—", last.map { Role.of($0.moment.rating?.verdict) } ?? .dim, label: "Last   ")
        item(best.map(moment) ?? "no magic moment", best == nil ? .dim : .magic, label: "Best   ")
        item(worst.map(moment) ?? "no moment of misery", worst == nil ? .dim : .misery, label: "Worst  ")
        heading("Moments of truth")
        if momentsOfTruth.isEmpty { item("none in this journey", .dim) }
        for entry in momentsOfTruth { item("◆ " + moment(entry) + " — " + entry.label, Role.of(entry.moment.rating?.verdict)) }
        heading("Top tags")
        if topTags.isEmpty { item(plain ? "no tags (tags ID… while walking)" : "no tags (T on the walk screen)", .dim) }
        for tag in topTags {
            let glyph = tag.kind == .misery ? "✖" : tag.kind == .magic ? "★" : "?"
            item("\(glyph) \(tag.label) ×\(tag.count)", tag.kind == .misery ? .misery : tag.kind == .magic ? .magic : .normal)
        }
        heading("Recoveries not complete (\(completeRecoveries) of \(completeRecoveries + incompleteRecoveries.count) complete)")
        if incompleteRecoveries.isEmpty { item(completeRecoveries == 0 ? "no moment of misery" : "every misery was recovered", .dim) }
        for entry in incompleteRecoveries {
            let marks = RecoveryStrip.marks(entry.moment.recovery)
            let steps = zip(RecoveryStrip.Step.allCases, marks).map { step, mark in
                (mark == true ? "✔ " : mark == false ? "✘ " : "· ") + step.label.lowercased()
            }.joined(separator: "  ")
            item(moment(entry) + ": " + steps, .misery)
        }
        heading("Praise to pass on")
        if praise.isEmpty { item(plain ? "none (praise TO: TEXT while walking)" : "none (p on the walk screen)", .dim) }
        for (entry, praise) in praise { item("♥ \(praise.to): \(praise.text) (\(entry.touchpoint.title))") }
        heading("Actions")
        if actions.isEmpty { item(plain ? "none (action TEXT | OWNER | DUE while walking)" : "none (A on the walk screen)", .dim) }
        for (entry, action) in actions {
            var overdue = false
            if action.status == .open, let today, let due = action.due.flatMap({ CalendarDay(iso: $0) }) { overdue = due < today }
            let due = action.due.map { " · due \($0)" + (overdue ? " OVERDUE" : "") } ?? " · no due date"
            item("[\(action.id)] \(action.text) — \(PersonName.shown(action.owner))\(due) · \(action.status.rawValue) (\(entry.touchpoint.title))",
                 overdue ? .warning : action.status == .open ? .normal : .dim)
        }
        return lines
    }
}

/// The debrief on screen: the summary and how far it is scrolled.
public struct DebriefState: Equatable, Sendable {
    public let summary: DebriefSummary
    public let title: String
    /// The verdict counts for the title bar: `★4 ●2 ✖2 ○1 ·0`.
    public let counts: String
    public private(set) var offset = 0

    public init(_ walk: Walk) {
        summary = DebriefSummary(walk)
        title = walk.journey.title
        counts = walk.summary.glyphs
    }

    /// What the debrief's keys do.
    public enum Command: Equatable, Sendable { case down, up, pageDown, pageUp, close }

    public static let keys = KeyMap<Command>(title: "Debrief", [
        KeyBinding([.down, .char("j")], .down, name: "scroll", help: "scroll down", group: "Debrief", footerKey: "↑↓", footerPriority: 1),
        KeyBinding([.up, .char("k")], .up, name: "up", help: "scroll up", group: "Debrief", inFooter: false),
        KeyBinding([.pageDown, .char(" ")], .pageDown, name: "page", help: "a page down", group: "Debrief", inFooter: false),
        KeyBinding([.pageUp], .pageUp, name: "page up", help: "a page up", group: "Debrief", inFooter: false),
        KeyBinding([.enter, .escape, .char("q"), .control("c")], .close, name: "close", help: "close the debrief (after a walk: leave it, saved)", group: "Debrief", footerKey: "Enter", footerPriority: 0),
    ])

    /// Handles a key; false when it closes the debrief.
    public mutating func handle(_ key: Key) -> Bool {
        switch Self.keys.command(for: key) {
        case .down?: offset += 1
        case .up?: offset = max(0, offset - 1)
        case .pageDown?: offset += 10
        case .pageUp?: offset = max(0, offset - 10)
        case .close?: return false
        case nil: break
        }
        return true
    }
}
