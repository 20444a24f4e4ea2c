/// The `?` overlay's own state: how far it is scrolled. Scroll keys move it; any other key closes it.
public struct HelpOverlay: Equatable, Sendable {
    public private(set) var offset = 0

    public init() {}

    /// Handles a key; false when the key closes the overlay.
    public mutating func handle(_ key: Key, lineCount: Int) -> Bool {
        switch key {
        case .down, .char("j"): offset = min(offset + 1, max(0, lineCount - 1))
        case .pageDown, .char(" "): offset = min(offset + 10, max(0, lineCount - 1))
        case .up, .char("k"): offset = max(0, offset - 1)
        case .pageUp: offset = max(0, offset - 10)
        default: return false
        }
        return true
    }
}

extension Optional where Wrapped == HelpOverlay {
    /// A key while the overlay is up scrolls it, or closes it; true when the overlay took the key
    /// (false when none is up: the key is the screen's).
    mutating func take(_ key: Key, lineCount: @autoclosure () -> Int) -> Bool {
        guard var overlay = self else { return false }
        self = overlay.handle(key, lineCount: lineCount()) ? overlay : nil
        return true
    }
}
