import JourneyKit
import JourneyReports

/// One saved walk under review: its timeline (in the order things happened), emotion curve, peak
/// and end, and what the selected moment records; move, jump to misery, read a moment in full, export.
public struct ReviewWalkState: Sendable {
    public let analysis: WalkAnalysis
    public let file: String
    public let problems: [String]
    /// What each attached file is now (checked when the walk was opened).
    public let evidence: [Evidence: EvidenceStatus]
    /// The moments in the order they happened (`WalkAnalysis.timeline`), as the screen lists them.
    public let timeline: [WalkAnalysis.Entry]
    /// When the timeline is not in walking order: the position in it of the first touchpoint
    /// without a time (`timeline.count` when every one has a time); nil in walking order.
    public let untimedFrom: Int?
    /// Index (in walking order) of the selected touchpoint.
    public private(set) var selection: Int
    /// The overlay with everything the selected moment records, and how far it is scrolled.
    public private(set) var details: HelpOverlay?
    public private(set) var exporting = false
    public private(set) var help: HelpOverlay?
    public private(set) var message: WalkState.Message?
    /// The debrief, when it is up (D).
    public private(set) var debrief: DebriefState?
    /// The team's review of the walk as `pull` fetched it (SPEC 8.3): the reviewer's comments of
    /// every revision, placed on the walk, its touchpoints and checklist items; nil when none was pulled.
    public let review: ReviewComments?
    /// The pulled review trail itself, for an export (`walk.review` of the JSON report).
    public let reviewTrail: ReviewTrail?

    /// `review`: the walk's pulled review trail, read by the caller once, when the walk is opened.
    public init(analysis: WalkAnalysis, file: String, problems: [String] = [], evidence: [Evidence: EvidenceStatus] = [:], review: ReviewTrail? = nil) {
        self.analysis = analysis
        self.file = file
        self.problems = problems
        self.evidence = evidence
        self.reviewTrail = review
        self.review = review.map { ReviewComments($0, touchpoints: analysis.walk.steps.map(\.touchpoint)) }
        let parts = analysis.timelineParts
        timeline = parts.map { $0.timed + $0.untimed } ?? analysis.entries
        untimedFrom = parts?.timed.count
        selection = timeline.first?.index ?? 0
        if let problem = problems.first {
            message = .init(text: problems.count > 1 ? "\(problem) (+\(problems.count - 1) more)" : problem, kind: .warning)
        }
    }

    public var selected: WalkAnalysis.Entry? { analysis.entries.indices.contains(selection) ? analysis.entries[selection] : nil }

    /// Whether the overlay of the selected moment is open.
    public var showingNote: Bool { details != nil }

    /// The selected moment's place in the timeline.
    public var position: Int { timeline.firstIndex { $0.index == selection } ?? 0 }

    /// The selected moment's records, for the screen.
    public var selectedMoment: ReviewWalkMoment? { selected.map { ReviewWalkMoment($0, analysis: analysis, evidence: evidence, review: review) } }

    /// What the review's keys ask for.
    public enum Command: Equatable, Sendable { case up, down, first, last, nextMisery, previousMisery, openNote, export, debrief, help, back, quit }

    public static let keys = KeyMap<Command>(title: "Reviewing a walk", [
        KeyBinding([.down, .char("j"), .right, .char("l")], .down, name: "move", help: "next touchpoint", group: "Moving", footerKey: "↑↓", footerPriority: 2),
        KeyBinding([.up, .char("k"), .left, .char("h")], .up, name: "previous", help: "previous touchpoint", group: "Moving", inFooter: false),
        KeyBinding([.home, .char("g")], .first, name: "first", help: "first touchpoint", group: "Moving", inFooter: false),
        KeyBinding([.end, .char("G")], .last, name: "last", help: "last touchpoint", group: "Moving", inFooter: false),
        KeyBinding([.char("x"), .char("]")], .nextMisery, name: "next misery", help: "jump to the next moment of misery", group: "Moving", footerPriority: 1),
        KeyBinding([.char("X"), .char("[")], .previousMisery, name: "previous misery", help: "jump to the previous moment of misery", group: "Moving", inFooter: false),
        KeyBinding([.enter, .char("n")], .openNote, name: "more", help: "show everything recorded for the touchpoint, note in full", group: "Reading", footerPriority: 1),
        KeyBinding([.char("D")], .debrief, name: "debrief", help: "the debrief: first and last, best and worst, tags, recoveries, praise, actions", group: "Reading", footerPriority: 3),
        KeyBinding([.char("E")], .export, name: "export", help: "export as text, Markdown, CSV, JSON, HTML or Mermaid", group: "Reading", footerPriority: 1),
        KeyBinding([.char("?")], .help, name: "help", help: "show all keys", group: "Reading", footerPriority: 0),
        KeyBinding([.escape, .char("q"), .backspace], .back, name: "back", help: "back to the list of walks (quit when opened directly)", group: "Reading", footerPriority: 1),
        KeyBinding([.control("c")], .quit, name: "quit", help: "quit", group: "Reading", inFooter: false),
    ])

    /// The export overlay's keys: one per report format.
    public static let exportKeys = KeyMap<ReportFormat?>(title: "Export", [
        KeyBinding([.char("t")], .text, name: "text", help: "plain text (.txt)", group: "Export to the current folder"),
        KeyBinding([.char("m")], .md, name: "Markdown", help: "Markdown (.md)", group: "Export to the current folder"),
        KeyBinding([.char("c")], .csv, name: "CSV", help: "CSV, one row per moment (.csv)", group: "Export to the current folder"),
        KeyBinding([.char("j")], .json, name: "JSON", help: "JSON (.json)", group: "Export to the current folder"),
        KeyBinding([.char("h")], .html, name: "HTML", help: "HTML with the emotion curve, to print or share (.html)", group: "Export to the current folder"),
        KeyBinding([.char("d")], .mermaid, name: "Mermaid", help: "Mermaid journey diagram (.mmd)", group: "Export to the current folder"),
        KeyBinding([.escape, .char("q")], nil, name: "cancel", help: "cancel", group: "Export to the current folder"),
    ])

    /// What the runner should do after a key.
    public enum Effect: Equatable, Sendable {
        case export(ReportFormat)
        case back
        case quit
    }

    public mutating func apply(_ key: Key) -> Effect? {
        message = nil
        if help.take(key, lineCount: ScreenParts.helpLines(map: Self.keys).count) { return nil }
        if var shown = debrief {
            debrief = shown.handle(key) ? shown : nil
            return nil
        }
        if var overlay = details {
            // Counted at the narrowest overlay, so every line can be scrolled to at any width; down to
            // a page (10 lines) past the offset, as far as a key can scroll.
            let count = ReviewWalkScreen.detailLines(self, width: minimumTerminalSize.width - 6, shown: overlay.offset + 11).count
            details = overlay.handle(key, lineCount: count) ? overlay : nil
            return nil
        }
        if exporting {
            exporting = false
            guard let choice = Self.exportKeys.command(for: key), let format = choice else { return nil }
            return .export(format)
        }
        guard let command = Self.keys.command(for: key) else { return nil }
        let count = timeline.count
        func select(_ position: Int) {
            if timeline.indices.contains(position) { selection = timeline[position].index }
        }
        switch command {
        case .up: select(max(0, position - 1))
        case .down: select(min(max(0, count - 1), position + 1))
        case .first: select(0)
        case .last: select(max(0, count - 1))
        case .nextMisery, .previousMisery:
            let misery = timeline.indices.filter { timeline[$0].moment.rating?.verdict == .misery }
            let here = position
            let next = command == .previousMisery ? (misery.last { $0 < here } ?? misery.last) : (misery.first { $0 > here } ?? misery.first)
            if let next {
                select(next)
            } else {
                message = .init(text: "No moment of misery in this walk", kind: .info)
            }
        case .openNote: details = HelpOverlay()
        case .export: exporting = true
        case .debrief: debrief = DebriefState(analysis.walk)
        case .help: help = HelpOverlay()
        case .back: return .back
        case .quit: return .quit
        }
        return nil
    }

    /// Tells the user where an export went, or why it failed.
    public mutating func exported(to path: String?, error: String?) {
        if let path { message = .init(text: "Exported to \(path)", kind: .info) }
        if let error { message = .init(text: "NOT EXPORTED: \(error)", kind: .error) }
    }
}
