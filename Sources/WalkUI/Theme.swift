/// The background a screen is shown on: a projector's dark or light theme. The terminal layer picks
/// colours readable on it; every state also has a glyph, since projectors wash colours out.
public enum Theme: String, Equatable, Sendable, CaseIterable {
    /// Light text on the terminal's own dark background (the default).
    case dark
    /// Dark text on a white background painted by journeywalk, with no faint (dim) text.
    case light
}
