import Foundation
import JourneyKit

/// One walk opened from the queue: the review screen of the walk, its QA checks on top, and the
/// reviewer's keys. Each key that changes the walk's standing asks for what it needs on the status
/// line, then becomes one review event; the screen says it only once the server has it.
public struct QueueWalkState: Sendable {
    /// The walk, its row and trail as the server last answered, and the review screen underneath
    /// (`walk.review`), which keeps moving, reading and the debrief.
    public private(set) var walk: QueueWalk
    /// The review screen underneath.
    public var review: ReviewWalkState { walk.review }
    /// What the reviewer is typing, and for what.
    public private(set) var prompt: Prompt?
    /// An overlay of lines: the changes since the revision before, or every check and event.
    public private(set) var overlay: (title: String, lines: [(String, Role)], scroll: HelpOverlay)?
    public private(set) var help: HelpOverlay?
    public private(set) var message: WalkState.Message?
    /// The text kept when the server did not take it: offered again by the next prompt.
    public private(set) var draft: String?

    /// What a prompt on the status line is for.
    public enum Purpose: Equatable, Sendable {
        case comment(touchpoint: String?, item: Int?)
        case itemNumber(touchpoint: String, items: Int)
        case returnDue
        case returnMessage(due: Date)
        case grade
        case coaching(grade: Int)
        case exclude
        case release
    }

    public struct Prompt: Equatable, Sendable {
        public var purpose: Purpose
        public var label: String
        public var editor: LineEditor
    }

    public init(_ walk: QueueWalk, draft: String? = nil) {
        self.walk = walk
        self.draft = draft
        if walk.row.state == .resubmitted, !walk.changes.isEmpty { showChanges() }
        if draft != nil { message = .init(text: "A comment you typed was not saved: c, i or w offers it again", kind: .warning) }
    }

    /// What the queue's keys on a walk ask for (the review screen's own keys work too).
    public enum Command: Equatable, Sendable { case claim, comment, commentItem, commentWalk, returnIt, approve, release, exclude, changes, checks, help }

    public static let keys = KeyMap<Command>(title: "Reviewing a submitted walk", [
        KeyBinding([.char("t")], .claim, name: "take", help: "claim the walk, so other reviewers see it is yours", group: "Review", footerPriority: 2),
        KeyBinding([.char("c")], .comment, name: "comment", help: "comment on the selected touchpoint", group: "Review", footerPriority: 0),
        KeyBinding([.char("i")], .commentItem, name: "item", help: "comment on a checklist item of the selected touchpoint", group: "Review", footerPriority: 1),
        KeyBinding([.char("w")], .commentWalk, name: "on walk", help: "comment on the whole walk", group: "Review", inFooter: false),
        KeyBinding([.char("R")], .returnIt, name: "return", help: "return the walk to its shopper with a due time for the corrections", group: "Review", footerPriority: 0),
        KeyBinding([.char("A")], .approve, name: "approve", help: "approve with a grade from 1 to 10 and a coaching line", group: "Review", footerPriority: 0),
        KeyBinding([.char("L")], .release, name: "release", help: "release an approved walk to the client (names replaced)", group: "Review", footerPriority: 1),
        KeyBinding([.char("-")], .exclude, name: "exclude", help: "exclude the walk from the client's results, with a reason", group: "Review", footerPriority: 3),
        KeyBinding([.char("d")], .changes, name: "changes", help: "what changed since the revision before (a resubmitted walk opens with it)", group: "Review", footerPriority: 3),
        KeyBinding([.char("v")], .checks, name: "checks", help: "every QA check and every review event", group: "Review", footerPriority: 2),
        KeyBinding([.char("?")], .help, name: "help", help: "show all keys", group: "Review", footerPriority: 0),
    ])

    /// What the runner does after a key.
    public enum Effect: Equatable, Sendable {
        case record(QueueEvent)
        case keepDraft(String?)
        case back
        case quit
    }

    static let helpLineCount = ScreenParts.helpLines(map: keys, extra: ReviewWalkState.keys.helpLines).count

    public mutating func apply(_ key: Key, now: Date) -> [Effect] {
        message = nil
        if help.take(key, lineCount: Self.helpLineCount) { return [] }
        if var shown = overlay {
            overlay = shown.scroll.handle(key, lineCount: shown.lines.count) ? shown : nil
            return []
        }
        if var typing = prompt { return type(key, into: &typing, now: now) }
        guard review.debrief == nil, !review.showingNote, let command = Self.keys.command(for: key) else {
            switch walk.review.apply(key) {
            case .back?: return [.back]
            case .quit?: return [.quit]
            case .export?:
                message = .init(text: "Export from here is not offered: journeywalk report --format FORMAT \(walk.row.reference.split(separator: "/").last ?? "")", kind: .info)
                return []
            case nil: return []
            }
        }
        let touchpoint = review.selected
        switch command {
        case .claim: return [.record(.claim)]
        case .comment:
            guard let touchpoint else { return [] }
            ask(.comment(touchpoint: touchpoint.touchpoint.id, item: nil), "Comment on \(touchpoint.touchpoint.title):", text: draft ?? "")
        case .commentItem:
            guard let touchpoint else { return [] }
            let count = touchpoint.touchpoint.lookFor.count
            guard count > 0 else {
                message = .init(text: "\(touchpoint.touchpoint.title) has no checklist: c comments on the touchpoint", kind: .info)
                return []
            }
            ask(.itemNumber(touchpoint: touchpoint.touchpoint.id, items: count), "Which item of \(touchpoint.touchpoint.title) (1–\(count))?")
        case .commentWalk: ask(.comment(touchpoint: nil, item: nil), "Comment on the whole walk:", text: draft ?? "")
        case .returnIt: ask(.returnDue, "Corrections due (+48h, +2d, 2026-12-08 18:00):", text: "+48h")
        case .approve: ask(.grade, "Grade for the shopper (1–10):")
        case .release:
            guard walk.row.state == .approved else {
                message = .init(text: "Only an approved walk is released: A approves it", kind: .warning)
                return []
            }
            ask(.release, "Release to the client? y: yes · e: with the evidence files · Esc: no")
        case .exclude: ask(.exclude, "Why is it excluded from the client's results?")
        case .changes: showChanges()
        case .checks: showChecks()
        case .help: help = HelpOverlay()
        }
        return []
    }

    private mutating func ask(_ purpose: Purpose, _ label: String, text: String = "") {
        prompt = Prompt(purpose: purpose, label: label, editor: LineEditor(text))
    }

    private mutating func type(_ key: Key, into typing: inout Prompt, now: Date) -> [Effect] {
        if typing.purpose == .release {
            prompt = nil
            switch key {
            case .char("y"), .char("Y"): return [.record(.release(withEvidence: false))]
            case .char("e"), .char("E"): return [.record(.release(withEvidence: true))]
            default:
                message = .init(text: "Not released", kind: .info)
                return []
            }
        }
        switch typing.editor.handle(key) {
        case .submit: break
        case .cancel:
            prompt = nil
            if case .comment = typing.purpose, !typing.editor.text.isEmpty {
                draft = typing.editor.text
                return [.keepDraft(draft)]
            }
            return []
        default:
            prompt = typing
            return []
        }
        let text = typing.editor.text.trimmingCharacters(in: .whitespaces)
        prompt = nil
        switch typing.purpose {
        case .comment(let touchpoint, let item):
            guard !text.isEmpty else { return [] }
            draft = text
            return [.keepDraft(text), .record(.comment(touchpoint: touchpoint, item: item, text: text))]
        case .itemNumber(let touchpoint, let items):
            guard let number = Int(text), (1...items).contains(number) else {
                message = .init(text: "`\(TerminalText.sanitize(text))` is not an item: 1 to \(items)", kind: .warning)
                return []
            }
            let title = review.selected?.touchpoint.title ?? touchpoint
            ask(.comment(touchpoint: touchpoint, item: number), "Comment on \(title), item \(number):", text: draft ?? "")
        case .returnDue:
            do {
                let due = try ReviewDue.parse(text, now: now)
                ask(.returnMessage(due: due), "A message to the shopper (Enter: none):")
            } catch {
                message = .init(text: error.description, kind: .warning)
                ask(.returnDue, typing.label, text: text)
            }
        case .returnMessage(let due):
            return [.record(.return(due: due, message: text.isEmpty ? nil : text))]
        case .grade:
            guard let grade = Int(text), (1...10).contains(grade) else {
                message = .init(text: "A grade is 1 to 10", kind: .warning)
                ask(.grade, typing.label, text: text)
                return []
            }
            ask(.coaching(grade: grade), "A coaching line for the shopper (Enter: none):")
        case .coaching(let grade):
            return [.record(.approve(grade: grade, coaching: text.isEmpty ? nil : text))]
        case .exclude:
            guard !text.isEmpty else {
                message = .init(text: "An exclusion needs a reason", kind: .warning)
                return []
            }
            return [.record(.exclude(reason: text))]
        case .release:
            break
        }
        return []
    }

    /// The server has the event: the walk's row and events as it says they are now.
    public mutating func recorded(_ event: QueueEvent, row: QueueRow, trail: ReviewTrail) -> [Effect] {
        walk.row = row
        walk.trail = trail
        message = .init(text: event.done, kind: .info)
        if case .comment = event {
            draft = nil
            return [.keepDraft(nil)]
        }
        return []
    }

    /// The server did not take the event: said, and a comment's text kept for the next prompt.
    public mutating func failed(_ event: QueueEvent, _ failure: ReviewFailure) {
        // What happens to the text first: a narrow screen cuts the end of the line.
        let kept = if case .comment = event { " (kept as a draft: c, i or w offers it again)" } else { "" }
        message = .init(text: "NOT SAVED" + kept + ": " + failure.message, kind: .error)
    }

    private mutating func showChanges() {
        guard !walk.changes.isEmpty else {
            message = .init(text: walk.row.revision > 1 ? "Nothing changed since the revision before" : "The first submission: there is no revision before", kind: .info)
            return
        }
        overlay = ("Changes from revision \(walk.row.revision - 1) to \(walk.row.revision)", walk.changes.map { ($0, .normal) }, HelpOverlay())
    }

    private mutating func showChecks() {
        var lines: [(String, Role)] = walk.checks.textLines.map { ($0, $0.hasPrefix("✗") ? .misery : .normal) }
        lines.append(("", .normal))
        lines.append(("Review events", .heading))
        for event in walk.trail.events {
            var line = "\(ReaderTime.minute(event.at))  \(event.by)  \(event.kind.label)"
            if let touchpoint = event.touchpoint { line += " on \(touchpoint)" + (event.item.map { " item \($0)" } ?? "") }
            if let grade = event.grade { line += ", grade \(grade)" }
            if let due = event.due { line += ", due \(ReaderTime.minute(due))" }
            if let text = event.text, event.kind != .release { line += ": " + text }
            lines.append((line, .normal))
        }
        overlay = ("QA checks and review events", lines, HelpOverlay())
    }
}
