/// How a touchpoint felt: the four verdicts an operator can record, and `split` for a workshop room
/// whose votes tied (SPEC 7.5).
public enum Verdict: String, Sendable, CaseIterable, Codable {
    case magic
    case neutral
    case misery
    case skipped
    /// A room's votes tied between the most voted verdicts: there is no majority.
    case split

    /// Whether the moment was judged: every verdict but skipped (not observed). Only a judged
    /// moment's timing is held against its target.
    public var isJudgement: Bool { self != .skipped }
}

/// A verdict with its strength: 1 for a magic or misery moment, 2 for a strong one, 0 otherwise.
public struct Rating: Equatable, Sendable {
    public var verdict: Verdict
    public var intensity: Int

    public init(_ verdict: Verdict, intensity: Int = 1) {
        self.verdict = verdict
        switch verdict {
        case .magic, .misery: self.intensity = min(max(intensity, 1), 2)
        case .neutral, .skipped, .split: self.intensity = 0
        }
    }

    /// The glyph shown in timelines; never colour alone.
    public var glyph: String {
        switch (verdict, intensity) {
        case (.magic, 2): return "★★"
        case (.magic, _): return "★"
        case (.neutral, _): return "●"
        case (.misery, 2): return "✖✖"
        case (.misery, _): return "✖"
        case (.skipped, _): return "○"
        case (.split, _): return "◐"
        }
    }

    /// Words for the verdict, as screens and summaries say it.
    public var label: String {
        switch (verdict, intensity) {
        case (.magic, 2): return "strong magic"
        case (.magic, _): return "magic"
        case (.neutral, _): return "neutral"
        case (.misery, 2): return "strong misery"
        case (.misery, _): return "misery"
        case (.skipped, _): return "skipped"
        case (.split, _): return "split"
        }
    }

    /// Position on the emotion curve, from -2 (strong misery) to +2 (strong magic); nil when skipped.
    /// A split room sits on the middle line, like neutral, with its own glyph.
    public var score: Int? {
        switch verdict {
        case .magic: return intensity
        case .misery: return -intensity
        case .neutral, .split: return 0
        case .skipped: return nil
        }
    }

    /// The glyph of a touchpoint with no verdict yet.
    public static let unrecordedGlyph = "·"
}
