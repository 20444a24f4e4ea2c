import JourneyKit

extension Debrief {
    /// The debrief as lines of text with roles, for the debrief screen (`width` columns) and plain
    /// mode (`plain`: what adds tags, praise and actions is said with the plain walk's words), in
    /// the order the Markdown and HTML reports write it (`DebriefSection`): what customers remember,
    /// the moments of truth, the top tags, the recoveries not complete, praise, the actions (open
    /// first, earliest due first).
    public func lines(width: Int, today: CalendarDay? = nil, plain: Bool = false) -> [(text: String, role: Role)] {
        var lines: [(text: String, role: Role)] = []
        func moment(_ entry: WalkAnalysis.Entry) -> String { "\(entry.glyph) \(entry.touchpoint.title)" }
        func heading(_ text: String) {
            if !lines.isEmpty { lines.append(("", .normal)) }
            lines.append((text, .heading))
        }
        /// One item: wrapped to the width, continuation lines indented under the text (after `label`).
        func item(_ text: String, _ role: Role = .normal, label: String = "") {
            let indent = String(repeating: " ", count: 2 + label.count)
            for (index, part) in TerminalText.wrap(text, to: max(10, width - indent.count)).enumerated() {
                lines.append(((index == 0 ? "  " + label : indent) + part, role))
            }
        }
        heading("What customers remember")
        item(first.map(moment) ?? "nothing recorded", first.map { Role.of($0.moment.rating?.verdict) } ?? .dim, label: "First  ")
        item(last.map(moment) ?? "—", last.map { Role.of($0.moment.rating?.verdict) } ?? .dim, label: "Last   ")
        item(best.map(moment) ?? "no magic moment", best == nil ? .dim : .magic, label: "Best   ")
        item(worst.map(moment) ?? "no moment of misery", worst == nil ? .dim : .misery, label: "Worst  ")
        heading("Moments of truth")
        if momentsOfTruth.isEmpty { item("none in this journey", .dim) }
        for entry in momentsOfTruth { item("◆ " + moment(entry) + " — " + entry.label, Role.of(entry.moment.rating?.verdict)) }
        heading("Top tags")
        if topTags.isEmpty { item(plain ? "no tags (tags ID… while walking)" : "no tags (T on the walk screen)", .dim) }
        for tag in topTags {
            let glyph = tag.kind == .misery ? "✖" : tag.kind == .magic ? "★" : "?"
            item("\(glyph) \(tag.label) ×\(tag.count)", tag.kind == .misery ? .misery : tag.kind == .magic ? .magic : .normal)
        }
        heading("Recoveries not complete (\(completeRecoveries) of \(completeRecoveries + missingRecoveries.count) complete)")
        if missingRecoveries.isEmpty { item(completeRecoveries == 0 ? "no moment of misery" : "every misery was recovered", .dim) }
        for gap in missingRecoveries {
            let marks = RecoveryStrip.marks(gap.entry.moment.recovery)
            let steps = zip(RecoveryStrip.Step.allCases, marks).map { step, mark in
                (mark == true ? "✔ " : mark == false ? "✘ " : "· ") + step.label.lowercased()
            }.joined(separator: "  ")
            item(moment(gap.entry) + ": " + steps, .misery)
        }
        heading("Praise to pass on")
        if praise.isEmpty { item(plain ? "none (praise TO: TEXT while walking)" : "none (p on the walk screen)", .dim) }
        for item_ in praise { item("♥ \(item_.praise.to): \(item_.praise.text) (\(item_.entry.touchpoint.title))") }
        heading("Actions")
        if actions.isEmpty { item(plain ? "none (action TEXT | OWNER | DUE while walking)" : "none (A on the walk screen)", .dim) }
        for listed in actions {
            let action = listed.action
            var overdue = false
            if action.status == .open, let today, let due = action.due.flatMap({ CalendarDay(iso: $0) }) { overdue = due < today }
            let due = action.due.map { " · due \($0)" + (overdue ? " OVERDUE" : "") } ?? " · no due date"
            item("[\(action.id)] \(action.text) — \(PersonName.shown(action.owner))\(due) · \(action.status.rawValue) (\(listed.entry.touchpoint.title))",
                 overdue ? .warning : action.status == .open ? .normal : .dim)
        }
        return lines
    }
}
