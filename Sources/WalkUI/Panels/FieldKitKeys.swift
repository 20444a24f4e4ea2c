/// The key tables of the field kit's panels: the checklist while it has the keys, and the final check.
public enum FieldKitKeys {
    public static let checklist = KeyMap<WalkCommand>(title: "Checklist", [
        KeyBinding([.char("y")], .checklist(.answer(.yes)), name: "yes", help: "Yes, and on to the next item", group: "Checklist", footerPriority: 1),
        KeyBinding([.char("n")], .checklist(.answer(.no)), name: "no", help: "No: asks for a comment right there", group: "Checklist", footerPriority: 1),
        KeyBinding([.char("a")], .checklist(.answer(.na)), name: "n/a", help: "N/A: not applicable (left out of the score)", group: "Checklist", footerPriority: 1),
        KeyBinding([.backspace, .delete], .checklist(.clear), name: "clear", help: "clear the answer", group: "Checklist", inFooter: false),
        KeyBinding([.down, .char("j"), .tab], .checklist(.next), name: "item", help: "next item", group: "Checklist", footerKey: "↑↓", footerPriority: 2),
        KeyBinding([.up, .char("k")], .checklist(.previous), name: "item", help: "previous item", group: "Checklist", inFooter: false),
        KeyBinding([.home, .char("g")], .checklist(.first), name: "first", help: "first item", group: "Checklist", inFooter: false),
        KeyBinding([.end, .char("G")], .checklist(.last), name: "last", help: "last item", group: "Checklist", inFooter: false),
        KeyBinding([.char("e"), .enter], .checklist(.comment), name: "comment", help: "write or edit the comment on this item", group: "Checklist", footerPriority: 2),
        KeyBinding([.char("t")], .toggleTimer, name: "timer", help: "start or stop the split timer", group: "Checklist", footerPriority: 4),
        KeyBinding([.char("u")], .undo, name: "undo", help: "undo the last change", group: "Checklist", footerPriority: 3),
        KeyBinding([.char("?")], .help, name: "help", help: "show all keys", group: "Checklist", footerPriority: 0),
        KeyBinding([.escape, .char("c"), .char("q")], .checklist(.close), name: "done", help: "close the checklist (back to the verdict keys)", group: "Checklist", footerKey: "Esc", footerPriority: 1),
    ])

    /// Asked when a stated time is earlier than the one stated for a touchpoint before it.
    public static let confirmStatedTime = KeyMap<WalkCommand>(title: "Stated time earlier than the one before", [
        KeyBinding([.char("y")], .stateTimeAnyway, name: "state it", help: "state the earlier time anyway: the touchpoint moves in the timeline", group: "Stated time earlier than the one before"),
        KeyBinding([.char("n"), .escape], .correctStatedTime, name: "correct it", help: "back to the time typed, to correct it (nothing is stated)", group: "Stated time earlier than the one before"),
    ])

    public static let finalCheck = KeyMap<WalkCommand>(title: "Final check", [
        KeyBinding([.down, .char("j")], .finalCheck(.next), name: "move", help: "next item", group: "Final check", footerKey: "↑↓"),
        KeyBinding([.up, .char("k")], .finalCheck(.previous), name: "move", help: "previous item", group: "Final check", inFooter: false),
        KeyBinding([.enter, .right, .char("l")], .finalCheck(.go), name: "go there", help: "go to the touchpoint to put it right", group: "Final check"),
        KeyBinding([.char("f")], .finalCheck(.completeAnyway), name: "complete anyway", help: "complete the walk with these items missing", group: "Final check"),
        KeyBinding([.escape, .char("q")], .keepWalking, name: "back", help: "go back to the walk", group: "Final check"),
        KeyBinding([.char("?")], .help, name: "help", help: "show all keys", group: "Final check"),
    ])
}
