import Foundation
import JourneyKit

/// The mystery shopper's field kit (SPEC 7.2) as a feature of the walk's state: opening the
/// checklist, the split timer, stated times, ad-hoc touchpoints and evidence, on the moment the
/// recording keys act on. Its own state is the question it asked instead of acting; everything
/// else it needs is given in a `Context`, and what it wants done comes back as effects the walk maps.
public struct FieldKitFeature: Equatable, Sendable {
    /// The command that asked instead of acting, right after a verdict (`t` that would start the
    /// split timer of the moment just judged, `@` that would change its stated time): the same
    /// command next goes ahead; any other forgets the question.
    public internal(set) var askedFirst: WalkCommand?

    public init() {}

    /// What the field kit reads of the walk.
    struct Context {
        var walk: Walk
        /// The touchpoint the recording keys act on (`WalkState.recordingTarget`).
        var target: Step
        /// Whether that is the moment just judged rather than the one on screen.
        var justJudged: Bool
        /// The touchpoint on screen.
        var onScreen: Step?
        var current: Int
        var timeZone: TimeZone
        var now: Date
    }

    /// What the field kit asks of the walk.
    enum Effect: Equatable {
        case record(WalkEvent)
        /// Open the line editor on a field (with its kept text or saved value).
        case edit(Walk.DraftKey)
        /// Give the checklist the keys.
        case openChecklist(ChecklistPanel)
        case say(WalkState.Message)
    }

    /// Carries out a field-kit command (`openChecklist`, `toggleTimer`, `resetTimer`, `stateTime`,
    /// `insertTouchpoint`, `attachEvidence`); `asked` is the question asked by the command before.
    mutating func apply(_ command: WalkCommand, asked: WalkCommand?, _ context: Context) -> [Effect] {
        askedFirst = nil
        let step = context.target
        let id = step.touchpoint.id
        let moment = context.walk.moment(for: id)
        let name = step.touchpoint.title
        let judged = context.justJudged ? " (just judged)" : ""
        let now = context.now
        switch command {
        case .openChecklist:
            let count = step.touchpoint.checklist.count
            guard count > 0 else { return [.say(.init(text: "\(name)\(judged) has no checklist", kind: .info))] }
            let firstOpen = (0..<count).first { moment.answers[$0] == nil } ?? 0
            return [
                .openChecklist(ChecklistPanel(touchpoint: id, count: count, selected: firstOpen)),
                .say(.init(text: "Checklist of \(name)\(judged): y Yes · n No · a N/A · ↑↓ item · Esc done", kind: .info)),
            ]
        case .toggleTimer:
            let timer = moment.splitTimer
            if let timer, timer.running {
                return [.record(.timed(TimerChange(touchpoint: id, seconds: WalkState.tenths(timer.reading(at: now)), running: false, at: now)))]
            }
            // Starting the timer of a moment already judged is rarely meant (the next touchpoint's
            // wait is starting): the first `t` asks, a second starts it; Esc, then `t`, times the
            // touchpoint on screen. Stopping one still running (judged before it was stopped) does not ask.
            if context.justJudged, asked != command, let onScreen = context.onScreen?.touchpoint.title {
                askedFirst = command
                let reading = timer.map { TimeStandard.clock(seconds: $0.wholeSeconds(at: now)) }
                return [.say(.init(
                    text: "Split timer of \(name) (just judged)\(reading.map { " at " + $0 } ?? ""): t again runs it; Esc, t times \(onScreen)", kind: .warning,
                    plain: "The split timer of \(name), just judged\(reading.map { ", reads " + $0 } ?? ""), was not started: timer again starts it; here, then timer, times \(onScreen)"))]
            }
            return [.record(.timed(TimerChange(touchpoint: id, seconds: timer?.seconds ?? 0, running: true, at: now)))]
        case .resetTimer:
            guard moment.usedSplitTimer != nil else {
                return [.say(.init(
                    text: "The split timer of \(name)\(judged) is at 0:00 already; t starts it", kind: .info,
                    plain: "The split timer of \(name)\(judged) is at 0:00 already; timer starts it"))]
            }
            return [.record(.timed(TimerChange(touchpoint: id, seconds: 0, running: false, at: now)))]
        case .stateTime:
            // A visit entered afterwards goes: a time, a verdict, the next time… so a time typed
            // right after a verdict for a moment that has one already is asked about first.
            if context.justJudged, asked != command, let stated = moment.statedAt, let onScreen = context.onScreen?.touchpoint.title {
                askedFirst = command
                let clock = StatedTime.clock(stated, timeZone: context.timeZone)
                return [.say(.init(
                    text: "\(name) (just judged) is stated \(clock): @ again changes it; Esc, @ states \(onScreen)", kind: .warning,
                    plain: "\(name), just judged, is stated \(clock) already; nothing changed: at TIME again changes it; here, then at TIME, states the time of \(onScreen)"))]
            }
            // The walk's zone, which is not the reader's when a walk is resumed elsewhere.
            let walk = context.walk
            let day = walk.statedTime(before: walk.index(of: id) ?? context.current) ?? walk.header.statedStart ?? now
            return [
                .edit(Walk.DraftKey(touchpoint: id, field: .statedTime)),
                .say(.init(text: "When did \(name)\(judged) happen? Time in \(LocalTime.label(context.timeZone, at: day)), then Enter", kind: .info)),
            ]
        case .insertTouchpoint:
            return [
                .edit(Walk.DraftKey(touchpoint: id, field: .adhoc)),
                .say(.init(text: "Insert a touchpoint after \(name)\(judged): its title, then Enter", kind: .info)),
            ]
        case .attachEvidence:
            return [
                .edit(Walk.DraftKey(touchpoint: id, field: .evidence)),
                .say(.init(text: "Attach a file to \(name)\(judged): its path (photo, receipt, recording), then Enter", kind: .info)),
            ]
        default:
            return []
        }
    }
}
