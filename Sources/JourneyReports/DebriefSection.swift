import JourneyKit

/// The debrief (SPEC 7.3) as labelled lines of plain text, in the order the reports open with it;
/// each format escapes and lays them out its own way. The content is `Debrief`'s, shared with the
/// debrief screen.
struct DebriefSection {
    /// One line of the debrief: a label and its items (empty shows `none`).
    struct Line {
        var label: String
        var items: [String]
        var none: String
    }

    let debrief: Debrief
    let lines: [Line]
    /// The walk-only records shown: a workshop's handout leaves out those it has none of.
    let sections: WalkOnlySections

    init(_ analysis: WalkAnalysis) {
        let debrief = Debrief(analysis)
        self.debrief = debrief
        let walk = analysis.walk
        let sections = WalkOnlySections(walk)
        self.sections = sections
        func moment(_ entry: WalkAnalysis.Entry) -> String { entry.touchpoint.title + " (\(entry.stage))" }
        var lines = [
            Line(label: "Verdicts", items: [debrief.summary.line], none: ""),
        ]
        if debrief.score.percent != nil || debrief.score.passed != nil {
            lines.append(Line(label: "Score", items: [ReportText.score(debrief.score, walk)], none: ""))
        }
        lines += [
            Line(label: "First moment", items: debrief.first.map { [ReportText.named($0, none: "")] } ?? [], none: "nothing recorded"),
            Line(label: "Last moment", items: debrief.last.map { [ReportText.named($0, none: "")] } ?? [], none: "nothing recorded"),
            Line(label: "Best", items: debrief.best.map { [ReportText.named($0, none: "")] } ?? [], none: "no magic moment"),
            Line(label: "Worst", items: debrief.worst.map { [ReportText.named($0, none: "")] } ?? [], none: "no moment of misery"),
        ]
        if !debrief.momentsOfTruth.isEmpty {
            lines.append(Line(label: "Moments of truth", items: debrief.momentsOfTruth.map { ReportText.named($0, none: "") }, none: ""))
        }
        if sections.tags {
            let tags = debrief.topTags.map(ReportText.tagCount).joined(separator: " · ")
            lines.append(Line(label: "Top tags", items: tags.isEmpty ? [] : [tags], none: "no tags"))
        }
        if sections.recovery {
            lines.append(Line(label: "Recoveries", items: [ReportText.recoveries(debrief)], none: ""))
            lines.append(Line(
                label: "Recoveries missing",
                items: debrief.missingRecoveries.map { moment($0.entry) + ": " + ReportText.recoveryStrip($0.recovery) },
                none: debrief.completeRecoveries > 0 ? "none: every misery moment was recovered" : "none"))
        }
        if sections.praise {
            lines.append(Line(
                label: "Praise to pass on",
                items: debrief.praise.map { "\($0.praise.to): \($0.praise.text) — \(moment($0.entry))" }, none: "none"))
        }
        if sections.actions {
            lines.append(Line(
                label: "Actions (\(debrief.openActions.count) open)",
                items: debrief.actions.map { ReportText.action($0.action) + " — " + moment($0.entry) }, none: "none"))
        }
        self.lines = lines
    }
}

/// What a moment records beyond its verdict, time and note, as labelled lines of plain text:
/// checklist answers, tags, evidence, recovery, praise, actions, votes. Empty fields are left out,
/// and so are the sections a workshop's handout leaves out (`WalkOnlySections`).
struct MomentDetails {
    struct Line {
        var label: String
        /// A summary shown beside the label: the checklist's counts.
        var note: String? = nil
        var items: [String]
        /// True when the line needs attention: a No without its comment, a critical No, evidence missing or changed.
        var flagged: Bool = false

        /// The label with its summary: `Checklist (1 yes · 1 no · 0 n/a · 0 unanswered)`.
        var heading: String { label + (note.map { " (\($0))" } ?? "") }
        /// Whether the items read best as a list under the label rather than on its line.
        var isList: Bool { items.count > 1 || note != nil }
    }

    let lines: [Line]

    init(_ entry: WalkAnalysis.Entry, _ input: ReportInput, sections: WalkOnlySections) {
        var lines: [Line] = []
        let moment = entry.moment
        let checklist = ReportText.checklist(entry)
        if !checklist.isEmpty, sections.checklist {
            let items = checklist.map { line -> String in
                var text = line.answerLabel + " — " + line.itemText
                if let comment = line.comment { text += ": " + comment }
                if line.answer == .no, line.comment == nil { text += " (no comment)" }
                return text
            }
            lines.append(Line(label: "Checklist", note: ReportText.checklistCounts(checklist), items: items,
                              flagged: checklist.contains(where: \.isProblem)))
        }
        if !moment.tags.isEmpty {
            lines.append(Line(label: "Tags", items: [ReportText.tags(entry, input.walk.journey).joined(separator: " · ")]))
        }
        if !moment.evidence.isEmpty {
            lines.append(Line(label: "Evidence", items: moment.evidence.map { ReportText.evidence($0, input) },
                              flagged: moment.evidence.contains { input.status(of: $0)?.isProblem ?? false }))
        }
        if moment.rating?.verdict == .misery, sections.recovery {
            lines.append(Line(label: "Recovery", items: [ReportText.recoveryStrip(ReportText.recovery(entry))],
                              flagged: moment.recovery?.isComplete != true))
        }
        if let praise = moment.praise { lines.append(Line(label: "Praise", items: [ReportText.praise(praise)])) }
        if !moment.actions.isEmpty { lines.append(Line(label: "Actions", items: moment.actions.map(ReportText.action))) }
        if let votes = moment.votes { lines.append(Line(label: "Votes", items: [ReportText.votes(votes)])) }
        self.lines = lines
    }
}
