import JourneyKit
import JourneyReports

/// One saved walk under review: its timeline, emotion curve, peak and end; move, jump to misery,
/// read a note in full, export.
public struct ReviewWalkState: Sendable {
    public let analysis: WalkAnalysis
    public let file: String
    public let problems: [String]
    /// Index of the selected touchpoint.
    public private(set) var selection = 0
    public private(set) var showingNote = false
    public private(set) var exporting = false
    public private(set) var help: HelpOverlay?
    public private(set) var message: WalkState.Message?
    /// The debrief, when it is up (D).
    public private(set) var debrief: DebriefState?

    public init(analysis: WalkAnalysis, file: String, problems: [String] = []) {
        self.analysis = analysis
        self.file = file
        self.problems = problems
        if let problem = problems.first {
            message = .init(text: problems.count > 1 ? "\(problem) (+\(problems.count - 1) more)" : problem, kind: .warning)
        }
    }

    public var selected: WalkAnalysis.Entry? { analysis.entries.indices.contains(selection) ? analysis.entries[selection] : nil }

    /// What the review's keys ask for.
    public enum Command: Equatable, Sendable { case up, down, first, last, nextMisery, previousMisery, openNote, export, debrief, help, back, quit }

    public static let keys = KeyMap<Command>(title: "Reviewing a walk", [
        KeyBinding([.down, .char("j"), .right, .char("l")], .down, name: "move", help: "next touchpoint", group: "Moving", footerKey: "↑↓", footerPriority: 2),
        KeyBinding([.up, .char("k"), .left, .char("h")], .up, name: "previous", help: "previous touchpoint", group: "Moving", inFooter: false),
        KeyBinding([.home, .char("g")], .first, name: "first", help: "first touchpoint", group: "Moving", inFooter: false),
        KeyBinding([.end, .char("G")], .last, name: "last", help: "last touchpoint", group: "Moving", inFooter: false),
        KeyBinding([.char("x"), .char("]")], .nextMisery, name: "next misery", help: "jump to the next moment of misery", group: "Moving", footerPriority: 1),
        KeyBinding([.char("X"), .char("[")], .previousMisery, name: "previous misery", help: "jump to the previous moment of misery", group: "Moving", inFooter: false),
        KeyBinding([.enter, .char("n")], .openNote, name: "note", help: "show the touchpoint with its note in full", group: "Reading", footerPriority: 1),
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
        if var overlay = help {
            help = overlay.handle(key, lineCount: ScreenParts.helpLines(map: Self.keys).count) ? overlay : nil
            return nil
        }
        if var shown = debrief {
            debrief = shown.handle(key) ? shown : nil
            return nil
        }
        if showingNote {
            showingNote = false
            return nil
        }
        if exporting {
            exporting = false
            guard let choice = Self.exportKeys.command(for: key), let format = choice else { return nil }
            return .export(format)
        }
        guard let command = Self.keys.command(for: key) else { return nil }
        let count = analysis.entries.count
        switch command {
        case .up: selection = max(0, selection - 1)
        case .down: selection = min(max(0, count - 1), selection + 1)
        case .first: selection = 0
        case .last: selection = max(0, count - 1)
        case .nextMisery, .previousMisery:
            if let index = analysis.nextMisery(after: selection, backwards: command == .previousMisery) {
                selection = index
            } else {
                message = .init(text: "No moment of misery in this walk", kind: .info)
            }
        case .openNote: showingNote = true
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
