import Foundation
import JourneyKit

/// What a line of the plain walk asks for.
public enum PlainCommand: Equatable, Sendable {
    /// Commands of the full-screen walk, sent in order as the keys their key table binds to them.
    case keys([WalkCommand])
    /// Replace the note with the line's text; without text, read the note out.
    case note
    /// Remove the note of this touchpoint.
    case deleteNote
    /// Set a briefing field to the line's text.
    case field(WalkState.BriefingField)
    /// Say the current touchpoint (or the briefing, or the question) again.
    case show
    /// Every touchpoint with its verdict.
    case timeline
    /// The commands of this moment of the walk.
    case help
    /// The leader's records: with text, set them (through the same panels); without, say them.
    case tags, recovery, praise, action
    /// Answer checklist item ITEM (from 1); a No may carry its comment after the number.
    case answer(Answer)
    /// Write the comment on checklist item ITEM.
    case comment
    /// The checklist with its answers and the score.
    case checklist
    /// State when the touchpoint happened.
    case statedTime
    /// Insert an ad-hoc touchpoint: `TITLE` or `TITLE / CHANNEL`.
    case insert
    /// Attach a file as evidence.
    case attach
    /// Go to item N of the final check.
    case goTo
}

/// One command of the plain walk: the words that say it, what it does and its help sentence.
public struct PlainWord: Sendable {
    /// The words, first the one help shows first: `strong magic`, `magic!`.
    public var words: [String]
    public var command: PlainCommand
    /// What follows the words on the line (`TEXT`), or nil when nothing may follow.
    public var argument: String?
    public var help: String
    /// The full-screen command whose letter keys are accepted too (`m` for magic); nil for none.
    public var sameKeysAs: WalkCommand?

    public init(_ words: [String], _ command: PlainCommand, argument: String? = nil, help: String, sameKeysAs: WalkCommand? = nil) {
        self.words = words
        self.command = command
        self.argument = argument
        self.help = help
        self.sameKeysAs = sameKeysAs
    }
}

/// The commands of one moment of the plain walk, with the key table their letters come from.
public struct PlainWordTable: Sendable {
    public var title: String
    public var entries: [PlainWord]
    /// The full-screen key table of the same moment: its letter keys are the short forms of the words.
    public var keys: KeyMap<WalkCommand>

    public init(title: String, keys: KeyMap<WalkCommand>, _ entries: [PlainWord]) {
        self.title = title
        self.keys = keys
        self.entries = entries
    }

    /// The letters a word may also be typed as: the character keys bound to the same command, and
    /// the empty line where the full-screen walk binds Enter.
    public func letters(of entry: PlainWord) -> [String] {
        guard let command = entry.sameKeysAs else { return [] }
        return keys.bindings.filter { $0.command == command }.flatMap(\.keys).compactMap { key in
            switch key {
            case .char(let character): return String(character)
            case .enter: return ""
            default: return nil
            }
        }
    }

    /// Everything that calls an entry: its words, then its letters.
    public func spellings(of entry: PlainWord) -> [String] { entry.words + letters(of: entry) }

    /// How an entry is written for people: `strong magic` `magic!` `M`, with `TEXT` after the first word.
    public func label(of entry: PlainWord) -> String {
        let argument = entry.argument.map { " " + $0 } ?? ""
        let spellings = spellings(of: entry).map { $0.isEmpty ? "an empty line" : $0 }
        guard let first = spellings.first else { return "" }
        return ([first + argument] + spellings.dropFirst()).joined(separator: ", ")
    }

    /// The entry a line calls and the text after its words; nil when no entry matches.
    /// Whole words match in any case, letters exactly (`m` is magic, `M` strong magic).
    public func match(_ line: String) -> (entry: PlainWord, text: String)? {
        let trimmed = line.trimmingSpaces
        let tokens = trimmed.split(whereSeparator: \.isWhitespace).map(String.init)
        var best: (entry: PlainWord, text: String, length: Int)?
        for entry in entries {
            let letters = Set(letters(of: entry))
            for spelling in spellings(of: entry) {
                let wanted = spelling.split(separator: " ").map(String.init)
                guard wanted.count <= tokens.count else { continue }
                let exact = letters.contains(spelling)
                let same = zip(wanted, tokens).allSatisfy { exact ? $0 == $1 : $0.lowercased() == $1.lowercased() }
                guard same else { continue }
                if wanted.count < tokens.count, entry.argument == nil { continue }
                if let best, best.length >= wanted.count { continue }
                best = (entry, Self.text(of: trimmed, after: wanted.count), wanted.count)
            }
        }
        return best.map { ($0.entry, $0.text) }
    }

    /// The line after its first `count` words, with its own spacing kept.
    private static func text(of line: String, after count: Int) -> String {
        var rest = Substring(line)
        for _ in 0..<count {
            rest = rest.drop { $0.isWhitespace }
            rest = rest.drop { !$0.isWhitespace }
        }
        return String(rest.drop { $0.isWhitespace })
    }

    /// One line naming every command, for a line that matched none.
    public var summary: String {
        entries.map { entry in
            let shown = spellings(of: entry).map { $0.isEmpty ? "an empty line" : $0 }
            let head = (shown.first ?? "") + (entry.argument.map { " " + $0 } ?? "")
            return shown.count > 1 ? "\(head) (\(shown.dropFirst().joined(separator: ", ")))" : head
        }.joined(separator: ", ")
    }

    /// The lines `help` prints: each command with its spellings and what it does.
    public var helpLines: [String] {
        let labels = entries.map { label(of: $0) }
        let width = min(30, labels.map { TerminalText.width(of: $0) }.max() ?? 0)
        return ["Commands · \(title) (one a line; words in any case, letters exactly):"] + zip(labels, entries).map { label, entry in
            "  " + label + String(repeating: " ", count: max(2, width - TerminalText.width(of: label) + 2)) + entry.help
        }
    }
}

/// The plain walk's commands, one table per moment of the walk (SPEC section 4's keys, as words).
public enum PlainWords {
    public static let briefing = PlainWordTable(title: "Briefing", keys: WalkKeys.briefing, [
        PlainWord(["start"], .keys([.start]), help: "start the walk", sameKeysAs: .start),
        PlainWord(["operator"], .field(.operator), argument: "NAME", help: "who walks (an empty NAME clears it)"),
        PlainWord(["role"], .field(.role), argument: "shopper|leader|trainer", help: "the role of the walker (none clears it)"),
        PlainWord(["location"], .field(.location), argument: "TEXT", help: "where: a store, a branch, a phone number, a website"),
        PlainWord(["channel"], .field(.channel), argument: "TEXT", help: "the channel walked: store, phone, web, app…"),
        PlainWord(["show"], .show, help: "say the briefing again"),
        PlainWord(["help"], .help, help: "list these commands", sameKeysAs: .help),
        PlainWord(["quit", "leave"], .keys([.leave]), help: "quit without starting (nothing is saved)", sameKeysAs: .leave),
    ])

    public static let walking = PlainWordTable(title: "Walking a journey", keys: WalkKeys.walking, [
        PlainWord(["magic"], .keys([.rate(.magic, intensity: 1)]), help: "magic moment", sameKeysAs: .rate(.magic, intensity: 1)),
        PlainWord(["strong magic", "magic!"], .keys([.rate(.magic, intensity: 2)]), help: "strong magic moment", sameKeysAs: .rate(.magic, intensity: 2)),
        PlainWord(["neutral"], .keys([.rate(.neutral, intensity: 0)]), help: "neutral: as expected, not delighted", sameKeysAs: .rate(.neutral, intensity: 0)),
        PlainWord(["misery"], .keys([.rate(.misery, intensity: 1)]), help: "moment of misery", sameKeysAs: .rate(.misery, intensity: 1)),
        PlainWord(["strong misery", "misery!"], .keys([.rate(.misery, intensity: 2)]), help: "strong moment of misery", sameKeysAs: .rate(.misery, intensity: 2)),
        PlainWord(["skip"], .keys([.rate(.skipped, intensity: 0)]), help: "skip: not observed", sameKeysAs: .rate(.skipped, intensity: 0)),
        PlainWord(["note"], .note, argument: "TEXT", help: "write the note of this touchpoint (replaces it; right after a verdict, of the one just judged; without TEXT, reads it out)", sameKeysAs: .editNote),
        PlainWord(["here"], .keys([.onScreen]), help: "right after a verdict: note, tags, answer, timer, at, attach and insert are about this touchpoint again, not the one just judged", sameKeysAs: .onScreen),
        PlainWord(["delete note"], .deleteNote, help: "remove the note of this touchpoint"),
        PlainWord(["tags"], .tags, argument: "[ID…|none]", help: "set the tags of this moment (ids, the whole set); without ids, list them and the catalogue", sameKeysAs: .tags),
        PlainWord(["recovery"], .recovery, argument: "[y|n|- y|n|- y|n|-]", help: "on a misery moment: apology, reassurance, restitution done (y), not done (n) or not marked (-)", sameKeysAs: .recovery),
        PlainWord(["praise"], .praise, argument: "[TO: TEXT|none]", help: "praise to pass on: to whom, a colon, what for; without text, read it out", sameKeysAs: .praise),
        PlainWord(["action"], .action, argument: "[TEXT | OWNER | DUE]", help: "add an action: what, who owns it, when it is due (2026-12-01, +7d, fri; may be left out); without text, list them", sameKeysAs: .action),
        PlainWord(["next"], .keys([.next]), help: "next touchpoint", sameKeysAs: .next),
        PlainWord(["back"], .keys([.previous]), help: "previous touchpoint (walk back to change a verdict)", sameKeysAs: .previous),
        PlainWord(["first"], .keys([.first]), help: "first touchpoint", sameKeysAs: .first),
        PlainWord(["last"], .keys([.last]), help: "last touchpoint", sameKeysAs: .last),
        PlainWord(["undo"], .keys([.undo]), help: "undo the last change: all that the last command changed (recovery y y y, answer no 1 TEXT); what was recorded before a resume goes back one record at a time", sameKeysAs: .undo),
        PlainWord(["show"], .show, help: "say this touchpoint again"),
        PlainWord(["timeline"], .timeline, help: "every touchpoint with its verdict"),
        PlainWord(["answer yes"], .answer(.yes), argument: "ITEM", help: "answer checklist item ITEM (1, 2…) Yes"),
        PlainWord(["answer no"], .answer(.no), argument: "ITEM [COMMENT]", help: "answer item ITEM No; a No needs a comment, given after the number or with comment"),
        PlainWord(["answer na"], .answer(.na), argument: "ITEM", help: "answer item ITEM N/A (left out of the score)"),
        PlainWord(["comment"], .comment, argument: "ITEM TEXT", help: "write the comment on checklist item ITEM (an empty TEXT removes it)"),
        PlainWord(["checklist", "score"], .checklist, help: "the checklist with its answers, and the score so far", sameKeysAs: .openChecklist),
        PlainWord(["timer"], .keys([.toggleTimer]), help: "start or stop the split timer", sameKeysAs: .toggleTimer),
        PlainWord(["timer reset"], .keys([.resetTimer]), help: "reset the split timer to 0:00", sameKeysAs: .resetTimer),
        PlainWord(["at"], .statedTime, argument: "TIME", help: "state when this touchpoint happened: 10:42, 10:42:30, 2026-11-22 10:42 or +3m after the previous stated time (at none takes it back)", sameKeysAs: .stateTime),
        PlainWord(["insert"], .insert, argument: "TITLE [/ CHANNEL]", help: "insert a touchpoint the journey does not list, after this one, and go to it", sameKeysAs: .insertTouchpoint),
        PlainWord(["attach"], .attach, argument: "PATH", help: "attach a file as evidence (its size and SHA-256 are kept)", sameKeysAs: .attachEvidence),
        PlainWord(["help"], .help, help: "list these commands", sameKeysAs: .help),
        PlainWord(["quit"], .keys([.leave]), help: "asks whether to finish or leave", sameKeysAs: .leave),
        PlainWord(["finish"], .keys([.leave, .finish]), help: "finish the walk now (touchpoints not recorded stay unrecorded)"),
        PlainWord(["leave"], .keys([.leave, .leaveForLater]), help: "leave now and resume later with `journeywalk resume`"),
    ])

    public static let confirmLeave = PlainWordTable(title: "Finish or leave", keys: WalkKeys.confirmLeave, [
        PlainWord(["finish"], .keys([.finish]), help: "finish the walk (touchpoints not recorded stay unrecorded)", sameKeysAs: .finish),
        PlainWord(["leave"], .keys([.leaveForLater]), help: "leave now and resume later with `journeywalk resume`", sameKeysAs: .leaveForLater),
        PlainWord(["back", "cancel"], .keys([.keepWalking]), help: "go back to the walk", sameKeysAs: .keepWalking),
        PlainWord(["show"], .show, help: "ask again"),
        PlainWord(["help", "?"], .help, help: "list these commands"),
    ])

    public static let confirmStatedTime = PlainWordTable(title: "Stated time earlier than the one before", keys: FieldKitKeys.confirmStatedTime, [
        PlainWord(["yes"], .keys([.stateTimeAnyway]), help: "state the earlier time anyway: the touchpoint moves in the timeline", sameKeysAs: .stateTimeAnyway),
        PlainWord(["no", "cancel"], .keys([.correctStatedTime]), help: "do not state it: the time stays as it was (at TIME states another)", sameKeysAs: .correctStatedTime),
        PlainWord(["show"], .show, help: "ask again"),
        PlainWord(["help", "?"], .help, help: "list these commands"),
    ])

    public static let finalCheck = PlainWordTable(title: "Final check", keys: FieldKitKeys.finalCheck, [
        PlainWord(["finish anyway", "complete"], .keys([.finalCheck(.completeAnyway)]), help: "complete the walk with these items missing", sameKeysAs: .finalCheck(.completeAnyway)),
        PlainWord(["go"], .goTo, argument: "N", help: "go to the touchpoint of item N to put it right"),
        PlainWord(["back", "cancel"], .keys([.keepWalking]), help: "go back to the walk", sameKeysAs: .keepWalking),
        PlainWord(["show"], .show, help: "list the items again"),
        PlainWord(["help", "?"], .help, help: "list these commands"),
    ])

    public static let unsavedText = PlainWordTable(title: "Text not saved", keys: WalkKeys.unsavedText, [
        PlainWord(["retry", "try again"], .keys([.retrySaving]), help: "try again to save the text (after freeing disk space)", sameKeysAs: .retrySaving),
        PlainWord(["back", "edit"], .keys([.backToText]), help: "go back to the walk; the text stays unsaved until a note command saves it", sameKeysAs: .backToText),
        PlainWord(["leave"], .keys([.leaveUnsaved]), help: "leave anyway: the text is printed at the end, to copy", sameKeysAs: .leaveUnsaved),
        PlainWord(["show"], .show, help: "ask again"),
        PlainWord(["help", "?"], .help, help: "list these commands"),
    ])

    /// The table for a state of the walk.
    public static func table(for mode: WalkState.Mode) -> PlainWordTable {
        switch mode {
        case .briefing: return briefing
        case .confirmLeave: return confirmLeave
        case .finalCheck: return finalCheck
        case .confirmStatedTime: return confirmStatedTime
        case .unsavedText: return unsavedText
        case .walking, .done: return walking
        }
    }

    /// The plain-mode section of the README, generated from the same tables `help` prints.
    public static func markdown() -> String {
        var text = ""
        for table in [briefing, walking, confirmLeave, confirmStatedTime, finalCheck, unsavedText] {
            text += "**\(table.title)**\n\n| command | does |\n|---|---|\n"
            for entry in table.entries {
                let spellings = table.spellings(of: entry).map { $0.isEmpty ? "an empty line" : "`\($0)`" }
                var cells = spellings
                if let argument = entry.argument, let first = spellings.first {
                    cells[0] = String(first.dropLast()) + " " + argument + "`"
                }
                let command = cells.joined(separator: " ").replacingOccurrences(of: "|", with: "\\|")
                text += "| \(command) | \(entry.help) |\n"
            }
            text += "\n"
        }
        return text
    }
}

extension String {
    /// The text without spaces, tabs and line ends at either end.
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
