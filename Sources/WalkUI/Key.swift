/// A key press as the screens understand it, independent of the terminal library.
public enum Key: Hashable, Sendable {
    case char(Character)
    case enter
    case escape
    case backspace
    case delete
    case tab
    case left
    case right
    case up
    case down
    case home
    case end
    case pageUp
    case pageDown
    /// Control plus a letter, such as Ctrl-U (`.control("u")`).
    case control(Character)

    /// How the key is written in the footer, the help overlay and the README.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let character): return String(character)
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .tab: return "Tab"
        case .left: return "←"
        case .right: return "→"
        case .up: return "↑"
        case .down: return "↓"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .control(let character): return "^" + String(character).uppercased()
        }
    }
}
