import Foundation
import JourneyKit

/// The recovery check of a misery moment: apology, reassurance, restitution, each marked done or
/// not done; every change is one `recovery` record. The marks shown are the walk's (on disk).
public struct RecoveryStrip: Equatable, Sendable {
    /// The three steps, in the order a recovery takes them.
    public enum Step: Int, CaseIterable, Sendable {
        case apology, reassurance, restitution

        public var label: String {
            switch self {
            case .apology: return "Apology"
            case .reassurance: return "Reassurance"
            case .restitution: return "Restitution"
            }
        }

        /// What the step means, for the strip and the help.
        public var meaning: String {
            switch self {
            case .apology: return "said sorry, sincerely"
            case .reassurance: return "it won't happen again"
            case .restitution: return "made it right"
            }
        }
    }

    public enum Command: Equatable, Sendable { case previous, next, done, notDone, toggle, clear, help, close }

    public static let keys = KeyMap<Command>(title: "Recovery strip", [
        KeyBinding([.char("y")], .done, name: "done", help: "the highlighted step was done", group: "Recovery", footerPriority: 1),
        KeyBinding([.char("n")], .notDone, name: "not done", help: "the highlighted step was not done", group: "Recovery", footerPriority: 1),
        KeyBinding([.char(" ")], .toggle, name: "toggle", help: "cycle the step: done, not done, not marked", group: "Recovery", footerKey: "Space", footerPriority: 3),
        KeyBinding([.char("-"), .backspace], .clear, name: "unmark", help: "take the mark off the step", group: "Recovery", footerPriority: 4),
        KeyBinding([.right, .char("l"), .tab], .next, name: "step", help: "next step", group: "Recovery", footerKey: "←→", footerPriority: 2),
        KeyBinding([.left, .char("h")], .previous, name: "previous step", help: "previous step", group: "Recovery", inFooter: false),
        KeyBinding([.char("?")], .help, name: "help", help: "show all keys", group: "Recovery", footerPriority: 5),
        KeyBinding([.escape, .enter, .char("q"), .char("r")], .close, name: "close", help: "close the strip (every mark is already saved)", group: "Recovery", footerKey: "Esc", footerPriority: 0),
    ])

    public let touchpoint: String
    public private(set) var step: Step = .apology

    public init(touchpoint: String, recovery: Recovery?) {
        self.touchpoint = touchpoint
        // Start on the first step not marked yet.
        let marks = Self.marks(recovery)
        step = Step.allCases.first { marks[$0.rawValue] == nil } ?? .apology
    }

    /// The marks of the three steps in order.
    public static func marks(_ recovery: Recovery?) -> [Bool?] {
        [recovery?.apology, recovery?.reassurance, recovery?.restitution]
    }

    /// Marks the three steps at once (plain mode's `recovery y n -`): one record, or none when
    /// nothing changes.
    func mark(_ marks: [Bool?], current: Recovery?, now: Date) -> [PanelEffect] {
        guard marks.count == 3, marks != Self.marks(current) else { return [] }
        let recovery = Recovery(apology: marks[0], reassurance: marks[1], restitution: marks[2])
        return [.record(.recovered(RecoveryChange(touchpoint: touchpoint, recovery: recovery.isEmpty ? nil : recovery, at: now)))]
    }

    /// Applies one key against the recovery the walk has now.
    public mutating func apply(_ key: Key, current: Recovery?, now: Date) -> [PanelEffect] {
        guard let command = Self.keys.command(for: key) else { return [] }
        var marks = Self.marks(current)
        let mark = marks[step.rawValue]
        switch command {
        case .previous:
            step = Step(rawValue: max(0, step.rawValue - 1)) ?? .apology
            return []
        case .next:
            step = Step(rawValue: min(2, step.rawValue + 1)) ?? .restitution
            return []
        case .close:
            return [.close]
        case .help:
            return [.help]
        case .done: marks[step.rawValue] = true
        case .notDone: marks[step.rawValue] = false
        case .toggle: marks[step.rawValue] = mark == nil ? true : mark == true ? false : nil
        case .clear: marks[step.rawValue] = nil
        }
        guard marks[step.rawValue] != mark else { return [] }
        let recovery = Recovery(apology: marks[0], reassurance: marks[1], restitution: marks[2])
        // After marking, the next step is the one to look at.
        if command == .done || command == .notDone, step != .restitution { step = Step(rawValue: step.rawValue + 1) ?? step }
        return [.record(.recovered(RecoveryChange(touchpoint: touchpoint, recovery: recovery.isEmpty ? nil : recovery, at: now)))]
    }
}
