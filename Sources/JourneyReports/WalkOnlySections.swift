import JourneyKit

/// Which records of a walk that a workshop does not make (checklist answers and the score, tags,
/// recovery, praise, actions) a report shows. A walk's report shows each, saying `none` where there
/// is none; a workshop's handout leaves out each of which nothing was recorded, as the room only
/// votes and writes notes.
struct WalkOnlySections {
    var checklist = true
    var tags = true
    var recovery = true
    var praise = true
    var actions = true

    init(_ walk: Walk) {
        guard walk.isWorkshop else { return }
        let moments = walk.moments.values
        checklist = moments.contains { !$0.answers.isEmpty || !$0.comments.isEmpty }
        tags = moments.contains { !$0.tags.isEmpty }
        recovery = moments.contains { !($0.recovery?.isEmpty ?? true) }
        praise = moments.contains { $0.praise != nil }
        actions = moments.contains { !$0.actions.isEmpty }
    }
}
