import Foundation
import JourneyKit

/// A walk the team's reviewer returned for corrections (SPEC 8.3): its comments are given to the
/// walk once, when it opens, and drawn from then on without reading anything.
extension WalkState {
    /// Gives the walk its pulled review: the comments of the latest revision go on the touchpoints
    /// and items they concern; while the walk stands returned, the return's notice opens over the
    /// walk and the status line says who returned it and by when.
    public mutating func showReview(_ trail: ReviewTrail) {
        let comments = ReviewComments(trail, touchpoints: steps.map(\.touchpoint), latestOnly: true)
        guard comments.openReturn != nil || !comments.isEmpty else { return }
        review = comments
        guard let open = comments.openReturn else { return }
        // In the walk's zone, as its stated times; the notice names the zone.
        returnDue = open.due.map { LocalTime.day($0, timeZone) + " " + LocalTime.clock($0, timeZone).prefix(5) }
        returnNotice = HelpOverlay()
        let returned = "Returned by \(open.by)" + (returnDue.map { ", due \($0)" + (returnIsLate ? " (late)" : "") } ?? "")
        // A warning about the walk file (a damaged line) stays the one said.
        if message?.kind == .warning { return }
        message = Message(
            text: returned + ": correct it; q f finishes it", kind: returnIsLate ? .warning : .info,
            plain: returned + ": correct it; finish completes it again, then journeywalk submit sends it back")
    }

    /// Whether the open return's due time has passed.
    public var returnIsLate: Bool {
        guard let due = review?.openReturn?.due else { return false }
        return now > due
    }

    /// The line under the title bar while the walk stands returned: `Returned by rita, due 2026-12-08 18:00`.
    var returnLine: String? {
        guard let open = review?.openReturn else { return nil }
        guard let returnDue else { return "Returned by " + open.by }
        return "Returned by \(open.by), " + (returnIsLate ? "LATE: due " : "due ") + returnDue
    }

    /// What the return's notice says, wrapped to `width`: who returned the walk and by when, its
    /// message, the comments on the whole walk, then every comment by touchpoint in walking order.
    func returnNoticeLines(width: Int) -> [(String, Role)] {
        guard let review else { return [] }
        var lines: [(String, Role)] = []
        func add(_ text: String, _ role: Role, indent: Int = 0) {
            let pad = String(repeating: " ", count: indent)
            for (index, part) in TerminalText.wrap(text, to: max(8, width - indent), lines: 40).enumerated() {
                lines.append(((index == 0 ? pad : pad + "  ") + part, role))
            }
        }
        if let open = review.openReturn {
            var said = "\(open.by) returned the walk (revision \(review.revision)) for corrections"
            if let due = open.due {
                said += ", due " + LocalTime.minute(due, timeZone) + (returnIsLate ? ": LATE" : "")
            }
            add(said + ".", returnIsLate ? .warning : .heading)
            if let text = open.text { add("“" + text + "”", .normal) }
        }
        if !review.onWalk.isEmpty {
            lines.append(("", .normal))
            for comment in review.onWalk { add(comment.line, .warning) }
        }
        let commented = steps.enumerated().filter { review.count(on: $0.element.touchpoint.id) > 0 }
        if !commented.isEmpty {
            lines.append(("", .normal))
            add("Comments on \(Counted.text(commented.count, "touchpoint")) (shown on each):", .heading)
            for (index, step) in commented {
                let touchpoint = step.touchpoint
                add("\(index + 1). " + touchpoint.title, .normal, indent: 1)
                for comment in review.on(touchpoint.id) { add(comment.line, .warning, indent: 3) }
                for (item, entry) in touchpoint.checklist.enumerated() {
                    for comment in review.on(touchpoint.id, item: item) {
                        add("Item \(item + 1) (\(entry.item)): " + comment.line, .warning, indent: 3)
                    }
                }
            }
        }
        lines.append(("", .normal))
        add("Each change is saved; q f finishes the walk again, then journeywalk submit sends it back.", .dim)
        return lines
    }
}
