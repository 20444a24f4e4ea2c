import JourneyKit

/// The debrief on screen: JourneyKit's `Debrief` of the walk (the one the reports write) and how
/// far it is scrolled.
public struct DebriefState: Equatable, Sendable {
    public let debrief: Debrief
    public let title: String
    /// The verdict counts for the title bar: `★4 ●2 ✖2 ○1 ·0`.
    public let counts: String
    public private(set) var offset = 0

    public init(_ walk: Walk) {
        debrief = Debrief(walk)
        title = walk.journey.title
        counts = walk.summary.glyphs
    }

    public static func == (a: DebriefState, b: DebriefState) -> Bool {
        a.offset == b.offset && a.title == b.title && a.counts == b.counts && a.debrief.analysis.walk == b.debrief.analysis.walk
    }

    /// What the debrief's keys do.
    public enum Command: Equatable, Sendable { case down, up, pageDown, pageUp, close }

    public static let keys = KeyMap<Command>(title: "Debrief", [
        KeyBinding([.down, .char("j")], .down, name: "scroll", help: "scroll down", group: "Debrief", footerKey: "↑↓", footerPriority: 1),
        KeyBinding([.up, .char("k")], .up, name: "up", help: "scroll up", group: "Debrief", inFooter: false),
        KeyBinding([.pageDown, .char(" ")], .pageDown, name: "page", help: "a page down", group: "Debrief", inFooter: false),
        KeyBinding([.pageUp], .pageUp, name: "page up", help: "a page up", group: "Debrief", inFooter: false),
        KeyBinding([.enter, .escape, .char("q"), .control("c")], .close, name: "close", help: "close the debrief (after a walk: leave it, saved)", group: "Debrief", footerKey: "Enter", footerPriority: 0),
    ])

    /// Handles a key; false when it closes the debrief.
    public mutating func handle(_ key: Key) -> Bool {
        switch Self.keys.command(for: key) {
        case .down?: offset += 1
        case .up?: offset = max(0, offset - 1)
        case .pageDown?: offset += 10
        case .pageUp?: offset = max(0, offset - 10)
        case .close?: return false
        case nil: break
        }
        return true
    }
}
