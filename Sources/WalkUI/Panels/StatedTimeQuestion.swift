import Foundation
import JourneyKit

/// A stated time earlier than the one stated for a touchpoint before it in walking order: asked
/// before it is written, since it reorders the visit's timeline (and can change the moment the
/// debrief calls the end). A typo such as 10:04 for 10:40 is caught here instead of silently moving
/// the touchpoint. The typed text stays in the editor meanwhile, so `n` goes back to it and a leave
/// keeps it as a draft.
public struct StatedTimeQuestion: Equatable, Sendable {
    /// The touchpoint whose time was typed, and the time.
    public var touchpoint: String
    public var stated: Date
    public var title: String
    /// The touchpoint before it in walking order whose stated time is later, and that time.
    public var previousTouchpoint: String
    public var previous: Date
    public var previousTitle: String
    /// The two times as the question names them: `10:04` and `10:40`, with the date when they are
    /// on different days.
    public var time: String
    public var previousTime: String

    public init(touchpoint: Touchpoint, stated: Date, previousTouchpoint: Touchpoint, previous: Date, timeZone: TimeZone) {
        self.touchpoint = touchpoint.id
        self.stated = stated
        self.title = touchpoint.title
        self.previousTouchpoint = previousTouchpoint.id
        self.previous = previous
        self.previousTitle = previousTouchpoint.title
        self.time = StatedTime.clock(stated, besides: previous, timeZone: timeZone)
        self.previousTime = StatedTime.clock(previous, besides: stated, timeZone: timeZone)
    }

    /// The question in sentences: both times and both touchpoints, and what stating it does.
    public var sentences: [String] {
        [
            "\(time) for \(title) is earlier than \(previousTime), the time stated for \(previousTitle), which comes before it.",
            "Stated so, \(title) moves before \(previousTitle) in the timeline, and the debrief's last moment can change.",
        ]
    }

    /// The title of the box that asks.
    public var heading: String { "State \(time) for \(title)?" }
}
