/// What a key asks of a workshop.
public enum WorkshopCommand: Equatable, Sendable {
    case vote(Vote)
    case takeBackVote
    case pause
    case addMinute
    case editNote
    case next
    case previous
    case first
    case last
    case summary
    case help
    case leaveNow
    case finish
    case backToTouchpoints
}

/// The workshop's key tables: one key per vote, the countdown's keys, moving and the summary slide.
public enum WorkshopKeys {
    public static let room = KeyMap<WorkshopCommand>(title: "Workshop", [
        KeyBinding([.char("m")], .vote(.magic), name: "magic", help: "a vote for magic from the room", group: "Room votes", footerPriority: 1),
        KeyBinding([.char("n")], .vote(.neutral), name: "neutral", help: "a vote for neutral", group: "Room votes", footerPriority: 1),
        KeyBinding([.char("x")], .vote(.misery), name: "misery", help: "a vote for misery", group: "Room votes", footerPriority: 1),
        KeyBinding([.char("u"), .backspace], .takeBackVote, name: "undo", help: "take back the last vote on this touchpoint", group: "Room votes", footerPriority: 2),
        KeyBinding([.char("p"), .char(" ")], .pause, name: "pause", help: "pause or restart the countdown", group: "Countdown", footerPriority: 3),
        KeyBinding([.char("+"), .char("=")], .addMinute, name: "minute", help: "add a minute to the countdown", group: "Countdown", footerPriority: 3),
        KeyBinding([.char("e")], .editNote, name: "note", help: "write or edit the discussion note of this touchpoint", group: "Notes", footerPriority: 2),
        KeyBinding([.right, .char("l"), .enter], .next, name: "move", help: "next touchpoint (after the last one, the summary)", group: "Moving", footerKey: "←→", footerPriority: 2),
        KeyBinding([.left, .char("h")], .previous, name: "back", help: "previous touchpoint", group: "Moving", inFooter: false),
        KeyBinding([.home, .char("g")], .first, name: "first", help: "first touchpoint", group: "Moving", inFooter: false),
        KeyBinding([.end, .char("G")], .last, name: "last", help: "last touchpoint", group: "Moving", inFooter: false),
        KeyBinding([.char("?")], .help, name: "help", help: "show all keys", group: "Workshop", footerPriority: 0),
        KeyBinding([.char("q")], .summary, name: "end", help: "end: the summary slide, from where the workshop is finished", group: "Workshop", footerPriority: 1),
        KeyBinding([.control("c")], .leaveNow, name: "leave", help: "leave at once, unfinished; a note being typed is kept as a draft", group: "Workshop", inFooter: false),
    ])

    public static let summary = KeyMap<WorkshopCommand>(title: "Workshop summary", [
        KeyBinding([.char("q"), .char("f"), .enter], .finish, name: "finish", help: "finish the workshop and leave; `journeywalk report WALK --format html` is the handout", group: "Summary"),
        KeyBinding([.escape, .left, .char("h"), .char("b")], .backToTouchpoints, name: "back", help: "back to the touchpoints", group: "Summary"),
        KeyBinding([.char("?")], .help, name: "help", help: "show all keys", group: "Summary"),
        KeyBinding([.control("c")], .leaveNow, name: "leave", help: "leave at once, unfinished", group: "Summary", inFooter: false),
    ])
}
