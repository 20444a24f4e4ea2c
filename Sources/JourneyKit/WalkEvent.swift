import Foundation

/// One line of a walk's journal: every change a walk goes through, in order.
public enum WalkEvent: Equatable, Sendable {
    /// The walk began; the header carries the journey and the briefing.
    case started(WalkHeader)
    /// A verdict was recorded (or cleared, when `rating` is nil) for a touchpoint.
    case rated(RatingChange)
    /// The note of a touchpoint was written, changed or emptied.
    case noted(NoteChange)
    /// A note was left unsaved (Esc in the editor); kept so typed text is never lost.
    case drafted(NoteChange)
    /// The operator moved to another touchpoint without recording anything.
    case moved(touchpoint: String, at: Date)
    /// The walk was finished; touchpoints without a verdict stay unrecorded.
    case finished(at: Date)

    /// When the change happened.
    public var at: Date {
        switch self {
        case .started(let header): return header.started
        case .rated(let change): return change.at
        case .noted(let change), .drafted(let change): return change.at
        case .moved(_, let at), .finished(let at): return at
        }
    }
}

/// A verdict recorded for a touchpoint, with the stopwatch reading at that moment.
public struct RatingChange: Equatable, Sendable {
    public var touchpoint: String
    public var rating: Rating?
    public var at: Date
    /// Seconds spent on this touchpoint so far, as the timer showed.
    public var timerSeconds: Int?
    /// True when this change undoes an earlier one.
    public var undo: Bool

    public init(touchpoint: String, rating: Rating?, at: Date, timerSeconds: Int? = nil, undo: Bool = false) {
        self.touchpoint = touchpoint
        self.rating = rating
        self.at = at
        self.timerSeconds = timerSeconds
        self.undo = undo
    }
}

/// A note written for a touchpoint.
public struct NoteChange: Equatable, Sendable {
    public var touchpoint: String
    public var text: String
    public var at: Date
    public var undo: Bool

    public init(touchpoint: String, text: String, at: Date, undo: Bool = false) {
        self.touchpoint = touchpoint
        self.text = text
        self.at = at
        self.undo = undo
    }
}
