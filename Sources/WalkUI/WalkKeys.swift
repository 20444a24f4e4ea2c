import JourneyKit

/// What a key asks of a walk.
public enum WalkCommand: Equatable, Sendable {
    case rate(Verdict, intensity: Int)
    case editNote
    case next
    case previous
    case first
    case last
    case undo
    case help
    case leave
    case start
    case fieldUp
    case fieldDown
    case editField
    case finish
    case leaveForLater
    case keepWalking
    case retrySaving
    case backToText
    case leaveUnsaved
    case tags
    case recovery
    case praise
    case action
    /// Right after a verdict: the keys that record something about a moment act on the touchpoint
    /// on screen again, instead of the one just judged.
    case onScreen
    /// Field kit (SPEC 7.2): the checklist, the split timer, stated times, ad-hoc touchpoints, evidence.
    case openChecklist
    case checklist(ChecklistPanel.Command)
    case toggleTimer
    case resetTimer
    case stateTime
    /// A stated time earlier than the one before it: state it anyway, or go back to correct it.
    case stateTimeAnyway
    case correctStatedTime
    case insertTouchpoint
    case attachEvidence
    case finalCheck(FinalCheckPanel.Command)
}

/// The walk's key tables, one per mode (SPEC section 4 gives the defaults).
public enum WalkKeys {
    public static let walking = KeyMap<WalkCommand>(title: "Walking a journey", [
        KeyBinding([.char("m")], .rate(.magic, intensity: 1), name: "magic", help: "magic moment", group: "Verdicts", footerKey: "m/M", footerPriority: 1),
        KeyBinding([.char("M")], .rate(.magic, intensity: 2), name: "strong", help: "strong magic moment", group: "Verdicts", inFooter: false),
        KeyBinding([.char("n")], .rate(.neutral, intensity: 0), name: "neutral", help: "neutral: as expected, not delighted", group: "Verdicts", footerPriority: 1),
        KeyBinding([.char("x")], .rate(.misery, intensity: 1), name: "misery", help: "moment of misery", group: "Verdicts", footerKey: "x/X", footerPriority: 1),
        KeyBinding([.char("X")], .rate(.misery, intensity: 2), name: "strong", help: "strong moment of misery", group: "Verdicts", inFooter: false),
        KeyBinding([.char("s")], .rate(.skipped, intensity: 0), name: "skip", help: "skip: not observed", group: "Verdicts", footerPriority: 4),
        KeyBinding([.char("e")], .editNote, name: "note", help: "write the note (right after a verdict: of the one judged)", group: "Notes", footerPriority: 2),
        KeyBinding([.escape], .onScreen, name: "this one", help: "after a verdict: record on this one, not the one judged", group: "Notes", inFooter: false),
        KeyBinding([.right, .char("l"), .enter], .next, name: "move", help: "next touchpoint", group: "Moving", footerKey: "←→", footerPriority: 2),
        KeyBinding([.left, .char("h")], .previous, name: "back", help: "previous touchpoint (walk back to change a verdict)", group: "Moving", inFooter: false),
        KeyBinding([.home, .char("g")], .first, name: "first", help: "first touchpoint", group: "Moving", inFooter: false),
        KeyBinding([.end, .char("G")], .last, name: "last", help: "last touchpoint", group: "Moving", inFooter: false),
        KeyBinding([.char("T")], .tags, name: "tags", help: "tag this moment: why it was misery or magic", group: "Debrief", footerPriority: 6),
        KeyBinding([.char("r")], .recovery, name: "recovery", help: "on a misery moment: apology, reassurance, restitution done?", group: "Debrief", footerPriority: 7),
        KeyBinding([.char("p")], .praise, name: "praise", help: "praise to pass on: to whom and what for", group: "Debrief", footerPriority: 7),
        KeyBinding([.char("A")], .action, name: "action", help: "add an action: what, who owns it, when it is due", group: "Debrief", footerPriority: 6),
        KeyBinding([.char("c")], .openChecklist, name: "checklist", help: "answer the checklist: y Yes, n No (asks for a comment), a N/A", group: "Field kit", footerPriority: 5),
        KeyBinding([.char("t")], .toggleTimer, name: "timer", help: "start or stop the split timer (kept against the target)", group: "Field kit", footerPriority: 5),
        KeyBinding([.char("0")], .resetTimer, name: "reset", help: "reset the split timer to 0:00", group: "Field kit", inFooter: false),
        KeyBinding([.char("@")], .stateTime, name: "time", help: "state when this touchpoint happened (10:42, +3m), for a visit entered afterwards", group: "Field kit", footerPriority: 6),
        KeyBinding([.char("i")], .insertTouchpoint, name: "insert", help: "insert a touchpoint the journey does not list, after this one", group: "Field kit", footerPriority: 6),
        KeyBinding([.char("a")], .attachEvidence, name: "attach", help: "attach a file as evidence (photo, receipt, recording)", group: "Field kit", footerPriority: 6),
        KeyBinding([.char("u")], .undo, name: "undo", help: "undo the last change", group: "Walk", footerPriority: 3),
        KeyBinding([.char("?")], .help, name: "help", help: "show all keys", group: "Walk", footerPriority: 0),
        KeyBinding([.char("q")], .leave, name: "quit", help: "finish or leave; asks first, a left walk can be resumed", group: "Walk", footerPriority: 1),
        KeyBinding([.control("c")], .leaveForLater, name: "leave", help: "leave at once; a note being typed is kept as a draft", group: "Walk", inFooter: false),
    ])

    public static let briefing = KeyMap<WalkCommand>(title: "Briefing", [
        KeyBinding([.enter], .start, name: "start", help: "start the walk", group: "Briefing"),
        KeyBinding([.up, .char("k")], .fieldUp, name: "field", help: "previous field", group: "Briefing", footerKey: "↑↓"),
        KeyBinding([.down, .char("j"), .tab], .fieldDown, name: "field", help: "next field", group: "Briefing", inFooter: false),
        KeyBinding([.char("e")], .editField, name: "edit", help: "edit the field (on Role: choose the next role)", group: "Briefing"),
        KeyBinding([.char("?")], .help, name: "help", help: "show all keys", group: "Briefing"),
        KeyBinding([.char("q"), .escape, .control("c")], .leave, name: "quit", help: "quit without starting (nothing is saved)", group: "Briefing"),
    ])

    public static let confirmLeave = KeyMap<WalkCommand>(title: "Finish or leave", [
        KeyBinding([.char("f")], .finish, name: "finish", help: "finish the walk (touchpoints not recorded stay unrecorded)", group: "Finish or leave"),
        KeyBinding([.char("l"), .control("c")], .leaveForLater, name: "leave", help: "leave now and resume later with `journeywalk resume`", group: "Finish or leave"),
        KeyBinding([.escape, .char("k"), .char("q")], .keepWalking, name: "keep walking", help: "go back to the walk", group: "Finish or leave"),
    ])

    public static let unsavedText = KeyMap<WalkCommand>(title: "Text not saved", [
        KeyBinding([.char("r"), .enter], .retrySaving, name: "try again", help: "try again to save the text (after freeing disk space)", group: "Text not saved"),
        KeyBinding([.char("e"), .escape], .backToText, name: "back", help: "go back to the text and keep walking", group: "Text not saved"),
        KeyBinding([.char("l"), .control("c")], .leaveUnsaved, name: "leave", help: "leave anyway: the text is printed when the screen closes, to copy", group: "Text not saved"),
    ])
}
