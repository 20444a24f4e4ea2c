/// Text made safe and measurable for a terminal: control characters neutralised, widths in columns.
public enum TerminalText {
    /// Replaces control characters (C0, DEL, C1) and bidirectional overrides with visible stand-ins,
    /// so text from files can never move the cursor or send escape sequences.
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsReplacement) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x09 {
                out.append(" ")
            } else if value < 0x20 {
                out.append("^")
                out.append(Unicode.Scalar(UInt8(value + 0x40)))
            } else if value == 0x7F {
                out.append(contentsOf: "^?".unicodeScalars)
            } else if needsReplacement(scalar) {
                out.append("\u{FFFD}")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Lines for standard error: each line of the text sanitized (an escape sequence or a bell
    /// echoed from input is shown, not sent) and, with `columns`, cut to that many columns with `…`.
    public static func messageLines(_ text: String, columns: Int?) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let safe = sanitize(String(line))
            return columns.map { clip(safe, to: $0) } ?? safe
        }.joined(separator: "\n")
    }

    /// Text as the screen's cells hold it. Terminals disagree on joined emoji (a family joined with
    /// U+200D, a hand with a skin tone): one draws one glyph, another each part, and the columns
    /// after it move. Without the joiners and the skin-tone modifiers every terminal draws the same
    /// parts in the same columns. Only what is drawn changes; files keep the text as typed.
    public static func cells(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0xE2 }), text.unicodeScalars.contains(where: isDroppedFromCells) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isDroppedFromCells(scalar) { out.append(scalar) }
        return String(out)
    }

    private static func isDroppedFromCells(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x200D || (0x1F3FB...0x1F3FF).contains(scalar.value)
    }

    /// Text in capitals for a heading, made safe for the terminal. Text with control characters is shown
    /// escaped but not in capitals: capitals would change what the escape shows (`^[[31m` read as `^[[31M`).
    public static func capitals(_ text: String) -> String {
        let safe = sanitize(text)
        return safe == text ? text.uppercased() : safe
    }

    private static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F
    }

    /// Columns a character takes on a terminal: 0 for combining marks, 2 for wide East Asian and emoji.
    public static func width(of character: Character) -> Int {
        // Most of what a screen draws is ASCII: a control character takes no column, any other one.
        if let ascii = character.asciiValue { return ascii < 0x20 ? 0 : 1 }
        // A flag is two regional indicators: terminals (and curses) give each a column.
        if character.unicodeScalars.allSatisfy({ (0x1F1E6...0x1F1FF).contains($0.value) }) {
            return character.unicodeScalars.count
        }
        // Drawn as `cells` leaves it: the parts of a joined emoji side by side, no skin tone.
        if character.unicodeScalars.contains(where: isDroppedFromCells) {
            return cells(String(character)).reduce(0) { $0 + width(of: $1) }
        }
        var widest = 0
        for scalar in character.unicodeScalars {
            widest = max(widest, width(of: scalar))
        }
        if character.unicodeScalars.count > 1, character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) {
            widest = 2
        }
        return widest
    }

    /// Columns a single scalar takes.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value < 0x20 ? 0 : 1 }
        // Latin-1 and Latin Extended letters, box drawing, block elements and most geometric shapes
        // (the big letters and bars of the workshop screen) are one column: no table look-up.
        if (0xA0...0x2FF).contains(value) && value != 0xAD { return 1 }
        if (0x2500...0x25FC).contains(value) { return 1 }
        if value == 0x200B || value == 0x200D || value == 0xFE0F || (0xFE00...0xFE0E).contains(value) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        for range in wideRanges where range.contains(value) { return 2 }
        return 1
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E,
        0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
        0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x3FFFD,
    ]

    /// Columns a whole string takes.
    public static func width(of text: String) -> Int {
        // ASCII text by its bytes (each is a character of its own, but "\r\n", which takes none).
        var columns = 0
        for byte in text.utf8 {
            guard byte < 0x80 else { return text.reduce(0) { $0 + width(of: $1) } }
            if byte >= 0x20 { columns += 1 }
        }
        return columns
    }

    /// Columns a part of a string takes.
    static func width(of text: Substring) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// The most bytes of text a cell can take: a character with all its marks, a joined emoji.
    static let bytesPerColumn = 32

    /// The start of the text that can show in `columns`, cut before any cleaning or measuring so a
    /// screen's work does not grow with the text (a 50 MB field costs what its first columns cost).
    /// Only text that is at least `bytesPerColumn` bytes per column long is cut, at a scalar boundary.
    public static func head(_ text: String, columns: Int) -> Substring {
        let budget = (max(0, columns) + 2) * bytesPerColumn
        let utf8 = text.utf8
        guard utf8.count > budget else { return text[...] }
        var end = utf8.index(utf8.startIndex, offsetBy: budget)
        // Back to the start of a scalar.
        while end > utf8.startIndex, UTF8Text.isContinuation(utf8[end]) { end = utf8.index(before: end) }
        return text[..<end]
    }

    /// The longest prefix of the text that fits in `columns`, with `…` when something was cut.
    public static func clip(_ text: String, to columns: Int, ellipsis: Bool = true) -> String {
        guard columns > 0 else { return "" }
        let head = head(text, columns: columns)
        if head.endIndex == text.endIndex, width(of: text) <= columns { return text }
        let budget = ellipsis ? columns - 1 : columns
        var out = ""
        var used = 0
        for character in head {
            let w = width(of: character)
            if used + w > budget { break }
            out.append(character)
            used += w
        }
        return ellipsis ? out + "…" : out
    }

    /// Like `clip`, but a cut falls between words when one ends in the last third of the room:
    /// `Retail store visit in the …` rather than `Retail store visit in the ci…`.
    public static func clipAtWord(_ text: String, to columns: Int) -> String {
        let clipped = clip(text, to: columns)
        guard clipped != text, clipped.hasSuffix("…") else { return clipped }
        let body = clipped.dropLast()
        guard let space = body.lastIndex(of: " ") else { return clipped }
        var kept = String(body[..<space])
        while kept.hasSuffix(" ") { kept.removeLast() }
        guard width(of: kept) * 3 >= (columns - 1) * 2 else { return clipped }
        return kept + " …"
    }

    /// Wraps prose from a journey file: single line breaks become spaces, blank lines stay paragraph breaks.
    public static func reflow(_ text: String, to columns: Int) -> [String] {
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false)
            .split(whereSeparator: { $0.allSatisfy(\.isWhitespace) })
            .map { $0.map { $0.trimmingCharacters(in: " ") }.joined(separator: " ") }
        return paragraphs.enumerated().flatMap { index, paragraph in
            (index > 0 ? [""] : []) + wrap(paragraph, to: columns)
        }
    }

    /// The first `lines` lines `wrap` gives, and one more when the text goes on, for a place that shows
    /// at most that many: the text is cut first to what they can hold (`head`), so a 50 MB note costs
    /// what its first lines cost. When the cut leaves too few lines to show that more follows, the
    /// extra line is `…` (only text of more than `bytesPerColumn` bytes per column, such as long runs
    /// of spaces, can do that).
    public static func wrap(_ text: String, to columns: Int, lines limit: Int) -> [String] {
        guard columns > 0, limit > 0 else { return [] }
        // The lines shown, the line after them and the word after that (which decides where a line
        // ends): each at most a row of columns and a space.
        let most = Int.max / bytesPerColumn / 4
        let room = columns < most && limit < most / (columns + 1) - 2 ? (limit + 2) * (columns + 1) : most
        let head = head(text, columns: room)
        let cut = head.endIndex != text.endIndex
        let keep = min(limit, Int.max - 1) + 1
        var lines = wrap(cut ? String(head) : text, to: columns, keeping: keep)
        if lines.count > keep { lines.removeLast(lines.count - keep) }
        if cut, lines.count < keep { lines.append("…") }
        return lines
    }

    /// Word-wraps sanitized text into lines of at most `columns`, keeping the text's own line breaks.
    public static func wrap(_ text: String, to columns: Int) -> [String] {
        wrap(text, to: columns, keeping: .max)
    }

    /// The first `keep` lines of the wrap, or all of them: it stops once a line after them is known,
    /// so what it reads of the text is what those lines hold.
    private static func wrap(_ text: String, to columns: Int, keeping keep: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        // Lines already added stay as they are once a line with text follows them (only empty lines
        // at the very end are dropped).
        func done() -> Bool { lines.count > keep && lines.last?.isEmpty == false }
        var paragraphStart = text.startIndex
        while true {
            let paragraphEnd = text[paragraphStart...].firstIndex(of: "\n") ?? text.endIndex
            let clean = sanitize(String(text[paragraphStart..<paragraphEnd]).replacingCarriageReturns)
            var line = ""
            var lineWidth = 0
            var index = clean.startIndex
            while index < clean.endIndex {
                if clean[index] == " " {
                    index = clean.index(after: index)
                    continue
                }
                let wordEnd = clean[index...].firstIndex(of: " ") ?? clean.endIndex
                var rest = clean[index..<wordEnd]
                index = wordEnd
                var wordWidth = width(of: rest)
                // A word wider than the line is cut into lines of its own, each measured once.
                while wordWidth > columns {
                    if !line.isEmpty { lines.append(line); line = ""; lineWidth = 0 }
                    var end = rest.startIndex
                    var used = 0
                    while end < rest.endIndex {
                        let w = width(of: rest[end])
                        if used + w > columns { break }
                        used += w
                        end = rest.index(after: end)
                    }
                    // A character wider than the whole line still takes a line: the wrap always moves on.
                    if end == rest.startIndex {
                        used = width(of: rest[end])
                        end = rest.index(after: end)
                    }
                    lines.append(String(rest[..<end]))
                    if done() { return Array(lines.prefix(keep)) }
                    rest = rest[end...]
                    wordWidth -= used
                }
                if rest.isEmpty { continue }
                let word = String(rest)
                let needed = line.isEmpty ? wordWidth : lineWidth + 1 + wordWidth
                if needed > columns {
                    lines.append(line)
                    if done() { return Array(lines.prefix(keep)) }
                    line = word
                    lineWidth = wordWidth
                } else {
                    line = line.isEmpty ? word : line + " " + word
                    lineWidth = needed
                }
            }
            lines.append(line)
            if done() { return Array(lines.prefix(keep)) }
            guard paragraphEnd < text.endIndex else { break }
            paragraphStart = text.index(after: paragraphEnd)
        }
        while let last = lines.last, last.isEmpty, lines.count > 1 { lines.removeLast() }
        return lines
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in space: Character) -> Substring {
        var result = self
        while result.first == space { result.removeFirst() }
        while result.last == space { result.removeLast() }
        return result
    }
}

extension String {
    fileprivate var replacingCarriageReturns: String {
        guard contains("\r") else { return self }
        return String(unicodeScalars.filter { $0 != "\r" }.map(Character.init))
    }
}
