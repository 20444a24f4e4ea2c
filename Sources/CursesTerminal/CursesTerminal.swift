import CNcurses
import Glibc
import WalkUI

/// Why the full-screen interface cannot start.
public struct TerminalUnavailable: Error, CustomStringConvertible {
    public var description: String
}

/// The real terminal: the only code that talks to ncurses. It turns canvases into curses calls,
/// curses key codes into `Key` values, and roles into colours through one table.
public final class CursesTerminal: Terminal {
    private var isOpen = false
    private let useColor: Bool
    private let styles: [Style]
    /// The frame on the screen, so the next draw sends only the rows that changed; nil after a
    /// resize or a suspend, when everything is drawn again.
    private var onScreen: Canvas?
    /// The first SIGINT, SIGTERM or SIGHUP received while open; the command exits with 128 + it.
    public private(set) var receivedSignal: Int32?

    /// Opens curses on standard input and output, refusing when they are not a terminal.
    public static func open(environment: [String: String], theme: Theme = .dark) throws(TerminalUnavailable) -> CursesTerminal {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalUnavailable(description: "this command is interactive and needs a terminal (standard input and output are not one); for scripts use `journeywalk journeys list` or `journeywalk journeys validate`")
        }
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else {
            throw TerminalUnavailable(description: "cannot open the terminal: TERM is \(environment["TERM"].map { "'\($0)'" } ?? "not set"); set it, for example TERM=xterm-256color")
        }
        return try CursesTerminal(inFD: STDIN_FILENO, outFD: STDOUT_FILENO, term: term, useColor: environment["NO_COLOR"].map(\.isEmpty) ?? true, theme: theme)
    }

    /// Opens curses on explicit descriptors (tests use a pseudo-terminal).
    public init(inFD: Int32, outFD: Int32, term: String, useColor: Bool, theme: Theme = .dark) throws(TerminalUnavailable) {
        _ = jw_setup_locale()
        jw_unblock_signals()
        jw_install_crash_handlers()
        jw_install_interrupt_handlers()
        guard jw_open(inFD, outFD, term, useColor ? 1 : 0) == 0 else {
            throw TerminalUnavailable(description: "cannot open the terminal (TERM=\(term)): unknown terminal type or no terminfo entry")
        }
        self.useColor = useColor
        self.styles = Self.styles(for: theme)
        isOpen = true
        if useColor {
            for (index, style) in styles.enumerated() where style.color != nil {
                jw_define_pair(Int32(index + 1), style.color ?? -1, style.background ?? -1)
            }
            // A light theme paints the whole screen: cleared cells take the normal role's colours.
            if theme == .light { jw_set_background(Int32((Self.roleIndex[.normal] ?? 0) + 1)) }
        }
    }

    deinit { close() }

    /// Leaves curses mode; the shell gets its screen back.
    public func close() {
        guard isOpen else { return }
        jw_close()
        isOpen = false
    }

    public var size: (width: Int, height: Int) { (Int(jw_cols()), Int(jw_rows())) }

    public var inputPending: Bool { isOpen && jw_input_pending() != 0 }

    public func nextEvent(timeout: Int) -> TerminalEvent {
        var code: UInt32 = 0
        switch Int(jw_read_key(Int32(timeout), &code)) {
        case Int(JW_KEY_TIMEOUT): return .tick
        case Int(JW_KEY_CLOSED): return .closed
        case Int(JW_KEY_RESIZE):
            onScreen = nil
            return .resized
        case Int(JW_KEY_SIGNAL):
            let number = Int32(bitPattern: code)
            if receivedSignal == nil { receivedSignal = number }
            return .interrupted(signal: number)
        case Int(JW_KEY_CHAR) where code == 26:
            // Raw mode turns Ctrl-Z into a key; suspend like any curses program and redraw on `fg`.
            jw_suspend()
            onScreen = nil
            return .resized
        case Int(JW_KEY_FUNCTION): return Self.functionKey(Int(code)).map { .key($0) } ?? .tick
        default: return Self.characterKey(code).map { .key($0) } ?? .tick
        }
    }

    static func functionKey(_ code: Int) -> Key? {
        switch code {
        case Int(JW_FK_UP): return .up
        case Int(JW_FK_DOWN): return .down
        case Int(JW_FK_LEFT): return .left
        case Int(JW_FK_RIGHT): return .right
        case Int(JW_FK_HOME): return .home
        case Int(JW_FK_END): return .end
        case Int(JW_FK_BACKSPACE): return .backspace
        case Int(JW_FK_DELETE): return .delete
        case Int(JW_FK_PAGE_UP): return .pageUp
        case Int(JW_FK_PAGE_DOWN): return .pageDown
        case Int(JW_FK_ENTER): return .enter
        case Int(JW_FK_BACK_TAB): return .up
        default: return nil
        }
    }

    /// Maps a character code from curses to a key: Enter, Esc, Backspace, Tab and Ctrl-letters.
    static func characterKey(_ code: UInt32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 9: return .tab
        case 1...26: return .control(Character(Unicode.Scalar(code + 96) ?? "?"))
        case 0, 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// Shows a frame. Only rows that differ from the frame on the screen are sent to curses (a vote
    /// on a 200x60 projector changes a few of its 60 rows); curses then sends the terminal only
    /// the cells that changed. After a resize or a suspend the whole frame is drawn.
    public func draw(_ canvas: Canvas) {
        guard isOpen else { return }
        prepare(canvas)
        showPrepared(canvas)
    }

    /// Sends curses the rows that differ from the frame on the screen, without updating the terminal.
    public func prepare(_ canvas: Canvas) {
        guard isOpen else { return }
        let rows = min(canvas.height, size.height)
        let columns = min(canvas.width, size.width)
        let changed = canvas.rowsChanged(since: onScreen)
        if changed == nil { jw_erase() }
        var toDraw = changed.map(Set.init) ?? Set(0..<rows)
        var row = 0
        while row < rows {
            defer { row += 1 }
            guard toDraw.contains(row) else { continue }
            if changed != nil { jw_clear_row(Int32(row)) }
            drawRow(canvas, row: row, columns: columns, last: row == rows - 1)
            // Text curses measured wider than the canvas wrapped onto the next row: draw that one too.
            if jw_row_overflowed(Int32(row)) != 0 { toDraw.insert(row + 1) }
        }
        jw_set_style(0, 0)
    }

    /// Updates the terminal with the frame prepared.
    public func showPrepared(_ canvas: Canvas) {
        guard isOpen else { return }
        jw_refresh()
        onScreen = canvas
    }

    /// Curses holds a frame that was never shown: the next one is drawn whole.
    public func discardPrepared() {
        onScreen = nil
    }

    private func drawRow(_ canvas: Canvas, row: Int, columns: Int, last isLastRow: Bool) {
        // The bottom-right cell is never written: curses would scroll or report an error.
        let last = isLastRow ? columns - 1 : columns
        var x = 0
        while x < last {
            let role = canvas[row, x].role
            var text = ""
            let start = x
            while x < last, canvas[row, x].role == role {
                let cell = canvas[row, x].text
                text += cell
                x += 1
                // After a character that is not plain ASCII the next run starts at its own column, so a
                // character curses measures differently from the canvas (a flag, an emoji with a
                // skin tone) cannot push the rest of the row sideways or off the screen.
                if cell.utf8.count > 1 {
                    while x < last, canvas[row, x].text.isEmpty { x += 1 }
                    break
                }
            }
            let index = Self.roleIndex[role] ?? 0
            let style = styles[index]
            let pair = useColor && style.color != nil ? Int32(index + 1) : 0
            jw_set_style(pair, style.attributes)
            jw_put(Int32(row), Int32(start), text)
        }
    }

    // MARK: - The one table from roles to looks

    private struct Style {
        var color: Int32?
        var attributes: Int32
        /// The background colour; nil for the terminal's own.
        var background: Int32? = nil
    }

    private static let black: Int32 = 0, red: Int32 = 1, green: Int32 = 2, yellow: Int32 = 3, blue: Int32 = 4, magenta: Int32 = 5, cyan: Int32 = 6, white: Int32 = 7

    private static let table: [(Role, Style)] = [
        (.normal, Style(color: nil, attributes: 0)),
        (.title, Style(color: nil, attributes: Int32(JW_REVERSE | JW_BOLD))),
        (.heading, Style(color: nil, attributes: Int32(JW_BOLD))),
        (.dim, Style(color: nil, attributes: Int32(JW_DIM))),
        (.key, Style(color: cyan, attributes: Int32(JW_BOLD))),
        (.selected, Style(color: nil, attributes: Int32(JW_REVERSE))),
        (.cursor, Style(color: nil, attributes: Int32(JW_REVERSE | JW_UNDERLINE))),
        (.magic, Style(color: green, attributes: Int32(JW_BOLD))),
        (.neutral, Style(color: blue, attributes: 0)),
        (.misery, Style(color: red, attributes: Int32(JW_BOLD))),
        (.skipped, Style(color: nil, attributes: Int32(JW_DIM))),
        (.warning, Style(color: yellow, attributes: Int32(JW_BOLD))),
        (.error, Style(color: red, attributes: Int32(JW_BOLD | JW_REVERSE))),
        (.border, Style(color: nil, attributes: Int32(JW_DIM))),
    ]
    /// The light theme: dark text on a white background for a light projector. No faint text (a
    /// projector washes it out), no yellow or cyan (unreadable on white); the same attributes mark
    /// the same roles, so without colour it reads as the dark theme does, minus the faint text.
    private static let lightTable: [(Role, Style)] = [
        (.normal, Style(color: black, attributes: 0)),
        (.title, Style(color: black, attributes: Int32(JW_REVERSE | JW_BOLD))),
        (.heading, Style(color: black, attributes: Int32(JW_BOLD))),
        (.dim, Style(color: black, attributes: 0)),
        (.key, Style(color: blue, attributes: Int32(JW_BOLD))),
        (.selected, Style(color: black, attributes: Int32(JW_REVERSE))),
        (.cursor, Style(color: black, attributes: Int32(JW_REVERSE | JW_UNDERLINE))),
        (.magic, Style(color: green, attributes: Int32(JW_BOLD))),
        (.neutral, Style(color: blue, attributes: 0)),
        (.misery, Style(color: red, attributes: Int32(JW_BOLD))),
        (.skipped, Style(color: black, attributes: 0)),
        (.warning, Style(color: magenta, attributes: Int32(JW_BOLD))),
        (.error, Style(color: red, attributes: Int32(JW_BOLD | JW_REVERSE))),
        (.border, Style(color: black, attributes: 0)),
    ]

    private static func styles(for theme: Theme) -> [Style] {
        switch theme {
        case .dark: return table.map(\.1)
        case .light:
            let byRole = Dictionary(uniqueKeysWithValues: lightTable.map { ($0.0, $0.1) })
            return table.map { role, _ in
                var style = byRole[role] ?? Style(color: black, attributes: 0)
                style.background = white
                return style
            }
        }
    }

    private static let roleIndex: [Role: Int] = Dictionary(uniqueKeysWithValues: table.enumerated().map { ($0.element.0, $0.offset) })
}
