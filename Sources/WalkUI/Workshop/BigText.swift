/// Large letters made of the terminal's own block characters, for a title read from the back of a
/// room. Text the font cannot draw is refused as a whole (the caller writes it as normal text), so a
/// character without a glyph never turns into garbage on the screen.
public enum BigText {
    /// How big a pixel of the font is drawn.
    public enum Size: Equatable, Sendable, CaseIterable {
        /// Two columns and one row per pixel (`██`): nine rows for a line with descenders.
        case large
        /// One column per pixel, two pixel rows per terminal row (`▀`, `▄`, `█`): half the height.
        case small

        /// Columns one pixel takes.
        var columns: Int { self == .large ? 2 : 1 }
    }

    /// A glyph as pixels on rows from `top` (0 is the top of a capital; accents on capitals are at
    /// -2 and -1; descenders at 7 and 8).
    struct Glyph: Equatable {
        var width: Int
        var top: Int
        var rows: [[Bool]]

        var bottom: Int { top + rows.count - 1 }

        func pixel(row: Int, column: Int) -> Bool {
            let index = row - top
            return rows.indices.contains(index) && rows[index][column]
        }
    }

    /// Pixels between letters and the width of a space.
    static let letterGap = 1
    static let spaceWidth = 3

    private static let parsed: [Character: Glyph] = {
        var glyphs: [Character: Glyph] = [:]
        for (character, text) in glyphRows {
            let rows = text.split(separator: " ").map { $0.map { $0 == "#" } }
            glyphs[character] = Glyph(width: rows.first?.count ?? 0, top: 0, rows: rows)
        }
        return glyphs
    }()

    /// The glyph of a character: one of the font's, or a letter with an accent composed from the
    /// font (a precomposed Latin-1 letter, or a letter followed by its combining accent); nil
    /// when the font cannot draw it.
    static func glyph(_ character: Character) -> Glyph? {
        if character == " " { return Glyph(width: spaceWidth, top: 0, rows: []) }
        if let glyph = parsed[character] { return glyph }
        if let (base, accent) = accented[character] { return compose(base, accent) }
        let scalars = Array(character.unicodeScalars)
        if scalars.count == 2, let accent = Accent.allCases.first(where: { $0.combining == scalars[1] }) {
            let base = Character(scalars[0])
            return compose(base == "i" && accent != .cedilla ? "ı" : base, accent)
        }
        return nil
    }

    private static func compose(_ base: Character, _ accent: Accent) -> Glyph? {
        guard let letter = parsed[base] else { return nil }
        let pattern = letter.width >= 5 ? accent.rows.wide : accent.rows.narrow
        let accentWidth = pattern.first?.count ?? 0
        let offset = max(0, (letter.width - accentWidth) / 2)
        let mark = pattern.map { row in
            (0..<letter.width).map { column in
                let x = column - offset
                return x >= 0 && x < accentWidth && Array(row)[x] == "#"
            }
        }
        if accent == .cedilla {
            // Below the letter, on the two descender rows.
            let body = letter.rows.prefix(7)
            return Glyph(width: letter.width, top: 0, rows: Array(body) + mark)
        }
        // A capital (or a letter with an ascender) takes the accent above its top; a small letter
        // takes it on the two rows above its x-height, which it leaves empty.
        let hasAscender = letter.rows.prefix(2).contains { $0.contains(true) }
        if hasAscender {
            return Glyph(width: letter.width, top: -2, rows: mark + letter.rows)
        }
        return Glyph(width: letter.width, top: 0, rows: mark + letter.rows.dropFirst(2))
    }

    /// Whether every character of the text has a glyph.
    public static func covers(_ text: String) -> Bool {
        text.allSatisfy { glyph($0) != nil }
    }

    /// Columns a line of text takes at a size; nil when a character has no glyph.
    public static func width(of text: String, size: Size) -> Int? {
        var pixels = 0
        for (index, character) in text.enumerated() {
            guard let glyph = glyph(character) else { return nil }
            pixels += glyph.width + (index > 0 ? letterGap : 0)
        }
        return pixels * size.columns
    }

    /// The pixel rows a line of text spans: from the top of a capital (or the accent over one) to the
    /// baseline (or the bottom of a descender); nil when a character has no glyph.
    static func pixelRows(of glyphs: [Glyph]) -> ClosedRange<Int> {
        let top = min(0, glyphs.map(\.top).min() ?? 0)
        let bottom = max(6, glyphs.map { $0.rows.isEmpty ? 0 : $0.bottom }.max() ?? 6)
        return top...bottom
    }

    /// Terminal rows a line of text takes at a size; nil when a character has no glyph.
    public static func height(of text: String, size: Size) -> Int? {
        var glyphs: [Glyph] = []
        for character in text {
            guard let glyph = glyph(character) else { return nil }
            glyphs.append(glyph)
        }
        let count = pixelRows(of: glyphs).count
        return size == .large ? count : (count + 1) / 2
    }

    /// One line of text as terminal rows of block characters (every row the same width); nil when a
    /// character has no glyph. The rows run from the top of a capital to the baseline, plus the
    /// accent rows and descender rows only when a letter of this line uses them.
    public static func render(_ text: String, size: Size) -> [String]? {
        var glyphs: [Glyph] = []
        for character in text {
            guard let glyph = glyph(character) else { return nil }
            glyphs.append(glyph)
        }
        var pixelRows: [[Bool]] = []
        for row in Self.pixelRows(of: glyphs) {
            var line: [Bool] = []
            for (index, glyph) in glyphs.enumerated() {
                if index > 0 { line.append(contentsOf: repeatElement(false, count: letterGap)) }
                for column in 0..<glyph.width { line.append(glyph.pixel(row: row, column: column)) }
            }
            pixelRows.append(line)
        }
        switch size {
        case .large:
            return pixelRows.map { row in
                var characters: [Character] = []
                characters.reserveCapacity(row.count * 2)
                for pixel in row {
                    characters.append(pixel ? "█" : " ")
                    characters.append(pixel ? "█" : " ")
                }
                return String(characters)
            }
        case .small:
            if pixelRows.count % 2 == 1 { pixelRows.append(Array(repeating: false, count: pixelRows.first?.count ?? 0)) }
            return stride(from: 0, to: pixelRows.count, by: 2).map { index in
                String(zip(pixelRows[index], pixelRows[index + 1]).map { upper, lower -> Character in
                    switch (upper, lower) {
                    case (true, true): return "█"
                    case (true, false): return "▀"
                    case (false, true): return "▄"
                    case (false, false): return " "
                    }
                })
            }
        }
    }

    /// A title broken between words into lines that each fit `width` columns at a size, at most
    /// `maxLines` of them. Nil when the font cannot draw a character, a word is wider than the
    /// width, or the title needs more lines. Measures only; `render` draws the lines chosen.
    public static func lines(_ title: String, width: Int, size: Size, maxLines: Int) -> [String]? {
        guard covers(title) else { return nil }
        var lines: [String] = []
        var line = ""
        for word in title.split(separator: " ").map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if let w = self.width(of: candidate, size: size), w <= width {
                line = candidate
                continue
            }
            guard let w = self.width(of: word, size: size), w <= width else { return nil }
            lines.append(line)
            line = word
        }
        if !line.isEmpty { lines.append(line) }
        lines.removeAll { $0.isEmpty }
        guard !lines.isEmpty, lines.count <= maxLines else { return nil }
        return lines
    }

    /// `lines`, each drawn as its rows.
    public static func layout(_ title: String, width: Int, size: Size, maxLines: Int) -> [[String]]? {
        lines(title, width: width, size: size, maxLines: maxLines)?.compactMap { render($0, size: size) }
    }
}
