import JourneyKit

/// Pieces every screen draws the same way: the title bar, the status line, the footer of keys,
/// overlays and the too-small notice.
public enum ScreenParts {
    /// The top bar: title on the left, context on the right, in the title role. The context is written
    /// whole (`Touchpoint 10000/10000`, never `…/1000`): when it does not fit, its first fields (parts
    /// separated by ` · `) give way; the title is cut at a word, with `…`.
    public static func titleBar(_ canvas: inout Canvas, left: String, right: String) {
        canvas.paint(row: 0, role: .title)
        var fields = right.components(separatedBy: " · ")
        // Keep room for at least " journeywalk…" on the left.
        while fields.count > 1, TerminalText.width(of: fields.joined(separator: " · ")) + 2 > canvas.width - 13 {
            fields.removeFirst()
        }
        let shown = fields.joined(separator: " · ")
        let rightStart = TerminalText.width(of: shown) + 1 <= canvas.width
            ? canvas.putRight(shown + " ", row: 0, endColumn: canvas.width, role: .title) : canvas.width
        canvas.put(TerminalText.clipAtWord(" " + left, to: max(0, rightStart - 1)), row: 0, column: 0, role: .title, limit: max(0, rightStart - 1))
    }

    /// The footer: as many key and name pairs as fit, the most important first, in table order.
    public static func footer(_ canvas: inout Canvas, items: [FooterItem]) {
        let row = canvas.height - 1
        guard row >= 0 else { return }
        func width(_ item: FooterItem) -> Int { TerminalText.width(of: item.key) + 1 + TerminalText.width(of: item.name) }
        func choose(margin: Int, gap: Int) -> Set<Int> {
            var chosen = Set<Int>()
            var used = margin
            for index in items.indices.sorted(by: { (items[$0].priority, $0) < (items[$1].priority, $1) }) {
                let needed = width(items[index]) + (chosen.isEmpty ? 0 : gap)
                if used + needed <= canvas.width - 1 {
                    chosen.insert(index)
                    used += needed
                }
            }
            return chosen
        }
        // One column in and two spaces between items, like the status line; tighter only when that
        // keeps a key the roomier layout would drop (at 80 columns the walk keeps `s skip`).
        var layout = (margin: 1, gap: 2, chosen: choose(margin: 1, gap: 2))
        for (margin, gap) in [(0, 2), (1, 1), (0, 1)] where layout.chosen.count < items.count {
            let chosen = choose(margin: margin, gap: gap)
            if chosen.count > layout.chosen.count { layout = (margin, gap, chosen) }
        }
        let chosen = layout.chosen
        var x = layout.margin
        for index in items.indices where chosen.contains(index) {
            x = canvas.put(items[index].key, row: row, column: x, role: .key)
            x = canvas.put(" " + items[index].name, row: row, column: x, role: .dim) + layout.gap
        }
    }

    /// The status line above the footer; with `rows` 2, a message too long for one row goes on
    /// in the row above it (the caller keeps that row free: see `statusRows`).
    public static func status(_ canvas: inout Canvas, _ message: WalkState.Message?, rows: Int = 1) {
        guard let message, canvas.height >= 2 else { return }
        let role: Role
        let prefix: String
        switch message.kind {
        case .info: role = .dim; prefix = ""
        case .warning: role = .warning; prefix = "! "
        case .error: role = .error; prefix = "✖ "
        }
        let wrapped = TerminalText.wrap(message.text, to: max(1, canvas.width - 2 - prefix.count))
        var lines = Array(wrapped.prefix(max(1, rows)))
        guard lines.count > 1, canvas.height >= 3 else {
            canvas.put(" " + prefix + message.text, row: canvas.height - 2, column: 0, role: role, limit: canvas.width - 1, ellipsis: true)
            return
        }
        // What does not fit in the rows ends the last one with "…".
        if wrapped.count > lines.count { lines[lines.count - 1] += " " + wrapped[lines.count...].joined(separator: " ") }
        let indent = String(repeating: " ", count: prefix.count)
        for (index, line) in lines.enumerated() {
            canvas.put(" " + (index == 0 ? prefix : indent) + line, row: canvas.height - 1 - lines.count + index, column: 0, role: role, limit: canvas.width - 1, ellipsis: true)
        }
    }

    /// How many rows (1 or 2) `status(_:_:rows: 2)` takes for a message on a canvas this wide.
    public static func statusRows(_ message: WalkState.Message, width: Int) -> Int {
        let prefix = message.kind == .info ? 0 : 2
        return TerminalText.wrap(message.text, to: max(1, width - 2 - prefix)).count > 1 ? 2 : 1
    }

    /// A bordered box centred on the canvas with a title and lines; returns the inner area.
    @discardableResult
    public static func box(_ canvas: inout Canvas, title: String, lines: [(String, Role)], width wanted: Int) -> (row: Int, column: Int, width: Int, height: Int) {
        let width = min(wanted, canvas.width - 2)
        let height = min(lines.count + 2, canvas.height - 2)
        let top = max(0, (canvas.height - height) / 2)
        let left = max(0, (canvas.width - width) / 2)
        let inner = width - 4
        let horizontal = String(repeating: "─", count: max(0, width - 2))
        canvas.put("┌" + horizontal + "┐", row: top, column: left, role: .border)
        canvas.put(" " + title + " ", row: top, column: left + 2, role: .heading, limit: width - 4)
        for index in 0..<(height - 2) {
            let row = top + 1 + index
            canvas.put("│" + String(repeating: " ", count: max(0, width - 2)) + "│", row: row, column: left, role: .border)
            let (text, role) = lines[index]
            canvas.put(TerminalText.clip(text, to: inner), row: row, column: left + 2, role: role)
        }
        canvas.put("└" + horizontal + "┘", row: top + height - 1, column: left, role: .border)
        return (top + 1, left + 2, inner, height - 2)
    }

    /// The lines of the help overlay for a key table (and the editor's keys when they apply).
    /// The help overlay's lines: `leading` (the keys of a panel that is open), the table's, then `extra`.
    public static func helpLines<C>(map: KeyMap<C>, leading: [HelpLine] = [], extra: [HelpLine] = []) -> [(String, Role)] {
        var lines: [(String, Role)] = []
        let all = leading + map.helpLines + extra
        let keyWidth = min(16, all.compactMap { line -> Int? in
            if case .binding(let keys, _) = line { return TerminalText.width(of: keys) }
            return nil
        }.max() ?? 8)
        for line in all {
            switch line {
            case .heading(let name):
                if !lines.isEmpty { lines.append(("", .normal)) }
                lines.append((name, .heading))
            case .binding(let keys, let help):
                let pad = String(repeating: " ", count: max(1, keyWidth - TerminalText.width(of: keys) + 2))
                lines.append(("  " + keys + pad + help, .normal))
            }
        }
        return lines
    }

    /// The help overlay, scrolled by the overlay's offset when it is taller than the screen.
    public static func help<C>(_ canvas: inout Canvas, map: KeyMap<C>, leading: [HelpLine] = [], extra: [HelpLine] = [], title: String? = nil, overlay: HelpOverlay) {
        let lines = helpLines(map: map, leading: leading, extra: extra)
        let room = max(1, canvas.height - 5)
        let offset = min(overlay.offset, max(0, lines.count - room))
        var shown = Array(lines[offset..<min(lines.count, offset + room)])
        let more = offset + room < lines.count
        let hint = more ? "↓ j/k scroll · any other key closes" : (offset > 0 ? "↑ k scrolls back · any other key closes" : "Any key closes this help.")
        shown.append((hint, .dim))
        box(&canvas, title: "Keys · " + (title ?? map.title), lines: shown, width: 76)
    }

    /// Drawn instead of a screen when the terminal is smaller than the screen needs.
    public static func tooSmall(_ canvas: inout Canvas, needs: (width: Int, height: Int), note: String) {
        let lines = [
            "Terminal too small: \(canvas.width)x\(canvas.height).",
            "journeywalk needs at least \(needs.width)x\(needs.height).",
            "Enlarge the window, or press q to leave.",
            note,
        ]
        let top = max(0, (canvas.height - lines.count) / 2)
        var row = top
        for line in lines {
            for part in TerminalText.wrap(line, to: max(1, canvas.width - 2)) {
                canvas.put(part, row: row, column: 1, role: row == top ? .warning : .normal)
                row += 1
            }
        }
    }
}
