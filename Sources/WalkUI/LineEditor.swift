import JourneyKit

/// A one-line text editor: insert at the cursor, move, delete. Works in characters, so
/// "Café ★ naïve" edits as a person sees it.
public struct LineEditor: Equatable, Sendable {
    /// The longest text a line takes, in characters (about four printed pages): a paste beyond it
    /// keeps what fits and says so, instead of growing a walk file line without bound.
    public static let maximumLength = 10_000
    /// `maximumLength` as people write it: "10,000".
    public static var maximumLengthText: String { Counted.grouped(maximumLength) }

    public private(set) var characters: [Character]
    /// The cursor position, 0...count.
    public private(set) var cursor: Int

    /// Text as typing it in would leave it: control characters are not typed, a tab is typed as
    /// a space, and no more than `maximumLength` characters are taken (plain mode, filled forms).
    public static func typed(_ text: String) -> String {
        var kept = ""
        var count = 0
        for character in text where count < maximumLength {
            if character == "\t" {
                kept.append(" ")
            } else if character.asciiValue.map({ $0 < 0x20 || $0 == 0x7F }) ?? false {
                continue
            } else {
                kept.append(character)
            }
            count += 1
        }
        return kept
    }

    public init(_ text: String = "") {
        characters = Array(text.prefix(Self.maximumLength))
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// What the editor's keys do.
    public enum Command: Equatable, Sendable {
        case save, cancel, left, right, home, end, backspace, delete, clearToStart, clearToEnd, deleteWord
    }

    /// The editor's key table (typed characters are inserted).
    public static let keys = KeyMap<Command>(title: "Editing text", [
        KeyBinding([.enter], .save, name: "save", help: "save the text", group: "Editing text"),
        KeyBinding([.escape], .cancel, name: "cancel", help: "cancel (a note's draft is kept for the next e)", group: "Editing text"),
        KeyBinding([.left, .control("b")], .left, name: "move", help: "move the cursor left", group: "Editing text"),
        KeyBinding([.right, .control("f")], .right, name: "move", help: "move the cursor right", group: "Editing text", inFooter: false),
        KeyBinding([.home, .control("a")], .home, name: "start", help: "go to the start of the line", group: "Editing text", inFooter: false),
        KeyBinding([.end, .control("e")], .end, name: "end", help: "go to the end of the line", group: "Editing text", inFooter: false),
        KeyBinding([.backspace], .backspace, name: "erase", help: "delete the character before the cursor", group: "Editing text", inFooter: false),
        KeyBinding([.delete, .control("d")], .delete, name: "delete", help: "delete the character under the cursor", group: "Editing text", inFooter: false),
        KeyBinding([.control("u")], .clearToStart, name: "clear", help: "delete everything before the cursor", group: "Editing text"),
        KeyBinding([.control("k")], .clearToEnd, name: "cut end", help: "delete everything from the cursor on", group: "Editing text", inFooter: false),
        KeyBinding([.control("w")], .deleteWord, name: "word", help: "delete the word before the cursor", group: "Editing text", inFooter: false),
    ])

    /// What a key did to the line.
    public enum Outcome: Equatable, Sendable {
        case edited
        case submit
        case cancel
        case ignored
        /// A character was refused because the text is at `maximumLength`.
        case full
    }

    /// Applies one key.
    public mutating func handle(_ key: Key) -> Outcome {
        if case .char(let character) = key {
            guard !character.isNewline, !(character.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) else { return .ignored }
            guard characters.count < Self.maximumLength else { return .full }
            characters.insert(character, at: cursor)
            cursor += 1
            return .edited
        }
        guard let command = Self.keys.command(for: key) else { return .ignored }
        switch command {
        case .save: return .submit
        case .cancel: return .cancel
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = characters.count
        case .backspace:
            guard cursor > 0 else { return .ignored }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            guard cursor < characters.count else { return .ignored }
            characters.remove(at: cursor)
        case .clearToStart:
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .clearToEnd:
            characters.removeSubrange(cursor..<characters.count)
        case .deleteWord:
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        }
        return .edited
    }
}
