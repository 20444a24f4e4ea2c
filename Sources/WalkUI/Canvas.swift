import JourneyKit

/// One terminal cell: a character (empty for the right half of a wide character) and its role.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var role: Role

    public static let blank = Cell(text: " ", role: .normal)
}

/// An in-memory grid of cells that screens draw into; the terminal layer copies it to the screen.
public struct Canvas: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        cells[row * width + column]
    }

    /// Writes sanitized text at a position, clipped to the canvas (and to `limit` columns);
    /// returns the column after the last one written.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, role: Role = .normal, limit: Int? = nil, ellipsis: Bool = false) -> Int {
        guard row >= 0, row < height, column < width else { return column }
        let end = min(width, column + (limit ?? width))
        var x = column
        // Cut to what the room can show before cleaning: cleaning and measuring cost the text's length.
        let head = TerminalText.head(text, columns: end - column)
        var clean = TerminalText.cells(TerminalText.sanitize(String(head)))
        if head.endIndex != text.endIndex { clean += "…" }
        for character in ellipsis ? TerminalText.clip(clean, to: end - column) : clean {
            let w = TerminalText.width(of: character)
            if w == 0 {
                if x > 0, x - 1 >= column { cells[row * width + x - 1].text.append(character) }
                continue
            }
            if x + w > end { break }
            if x >= 0 {
                if cells[row * width + x].text.isEmpty, x > 0 { cells[row * width + x - 1] = Cell(text: " ", role: role) }
                cells[row * width + x] = Cell(text: String(character), role: role)
                if w == 2 { cells[row * width + x + 1] = Cell(text: "", role: role) }
            }
            x += w
        }
        return x
    }

    /// Gives a span of a row one role (for bars and highlighted lines), keeping the characters.
    public mutating func paint(row: Int, from column: Int = 0, to endColumn: Int? = nil, role: Role) {
        guard row >= 0, row < height else { return }
        for x in max(0, column)..<min(width, endColumn ?? width) { cells[row * width + x].role = role }
    }

    /// Writes a string right-aligned so that it ends at `endColumn` (exclusive).
    @discardableResult
    public mutating func putRight(_ text: String, row: Int, endColumn: Int, role: Role = .normal) -> Int {
        let head = TerminalText.head(text, columns: endColumn)
        var clean = TerminalText.cells(TerminalText.sanitize(String(head)))
        if head.endIndex != text.endIndex { clean += "…" }
        let start = endColumn - TerminalText.width(of: clean)
        put(clean, row: row, column: max(0, start), role: role)
        return start
    }

    /// The characters of one row.
    public func text(row: Int) -> String {
        (0..<width).reduce(into: "") { $0 += cells[row * width + $1].text }
    }

    /// The whole canvas as text, one line per row.
    public var text: String { (0..<height).map { text(row: $0) }.joined(separator: "\n") }

    /// Rows quoted (trailing spaces visible) followed by the runs of every role but `.normal`,
    /// the form snapshot files store.
    public var snapshot: String {
        var lines: [String] = []
        for row in 0..<height { lines.append("\"" + text(row: row) + "\"") }
        lines.append("-- roles --")
        for row in 0..<height {
            var runs: [String] = []
            var x = 0
            while x < width {
                let role = cells[row * width + x].role
                var end = x + 1
                while end < width, cells[row * width + end].role == role { end += 1 }
                if role != .normal { runs.append("\(x)-\(end - 1) \(role.rawValue)") }
                x = end
            }
            if !runs.isEmpty { lines.append("\(row): " + runs.joined(separator: ", ")) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
