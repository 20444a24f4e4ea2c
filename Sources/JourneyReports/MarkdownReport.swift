import JourneyKit

/// The Markdown report: it opens with the debrief (SPEC 7.3), then the score by stage, the timeline
/// as a table in the order things happened, what each moment records, the emotion curve, the end,
/// the misery moments and the notes.
enum MarkdownReport {
    static func render(_ inputs: [ReportInput]) -> String {
        inputs.map(walk).joined(separator: "\n---\n\n")
    }

    /// Text safe inside a Markdown table cell or line: no pipes, no HTML, no line breaks.
    static func cell(_ text: String) -> String {
        var out = ""
        for character in TerminalText.sanitize(text) {
            switch character {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "*", "_", "`", "[", "]", "#": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    private static func walk(_ input: ReportInput) -> String {
        let analysis = WalkAnalysis(input.walk)
        let walk = input.walk
        let journey = walk.journey
        let debrief = DebriefSection(analysis)
        let score = debrief.debrief.score
        var out: [String] = []
        out.append("# \(cell(journey.title))")
        out.append("")
        out.append("Walk `\(walk.header.walkID)` · **\(walk.status.rawValue)**  ")
        out.append(cell(ReportText.details(walk.header.details)) + "  ")
        out.append(cell(ReportText.started(walk) + " · " + ReportText.status(walk).capitalizedFirst) + (journey.version.map { " · journey version \($0)" } ?? ""))
        if let promise = journey.promise { out += ["", "> Promise: \(cell(promise))"] }
        if !input.problems.isEmpty {
            out.append("")
            for problem in input.problems { out.append("- ⚠ Not read: \(cell(problem))") }
        }
        out += ["", "## Debrief", ""]
        for line in debrief.lines {
            if line.items.count <= 1 {
                out.append("- **\(cell(line.label)):** " + cell(line.items.first ?? line.none))
            } else {
                out.append("- **\(cell(line.label)):**")
                for item in line.items { out.append("  - " + cell(item)) }
            }
        }
        if !score.stages.isEmpty, debrief.sections.checklist {
            out += ["", "## Score", "", cell(ReportText.score(score, walk)), "", "| Stage | Score |", "|---|---:|"]
            for stage in score.stages { out.append("| \(cell(stage.stage)) | \(VisitScore.text(stage.percent)) |") }
        }
        out += ["", "## Timeline", ""]
        if analysis.timelineParts != nil { out += [ReportText.sentence(WalkAnalysis.timelineOrderText), ""] }
        out.append("| # | Stage | Touchpoint | Verdict | When | Timer | Note |")
        out.append("|---:|---|---|---|---|---|---|")
        for entry in analysis.timeline {
            let when = ReportText.when(entry, analysis) ?? ""
            let reading = analysis.timer(entry)
            let timer = reading.text ?? reading.onScreenText ?? ""
            var title = cell(entry.touchpoint.title) + (entry.touchpoint.momentOfTruth ? " ◆" : "")
            if entry.touchpoint.adhoc { title += " *(ad hoc)*" }
            out.append("| \(entry.index + 1) | \(cell(entry.stage)) | \(title) | \(entry.glyph) \(entry.label) | \(cell(when)) | \(cell(timer)) | \(cell(entry.moment.note)) |")
        }
        let detailed = analysis.timeline.map { ($0, MomentDetails($0, input, sections: debrief.sections).lines) }.filter { !$0.1.isEmpty }
        if !detailed.isEmpty {
            out += ["", "## Moments in detail"]
            for (entry, lines) in detailed {
                out += ["", "### \(entry.index + 1). \(cell(entry.touchpoint.title))" + (entry.touchpoint.adhoc ? " (ad hoc)" : ""), ""]
                for line in lines {
                    let label = (line.flagged ? "⚠ " : "") + cell(line.heading)
                    if !line.isList, let only = line.items.first {
                        out.append("- **\(label):** " + cell(only))
                    } else {
                        out.append("- **\(label):**")
                        for item in line.items { out.append("  - " + cell(item)) }
                    }
                }
            }
        }
        out += ["", "## Emotion curve", "", "```text"]
        out += ReportText.curve(analysis.timeline)
        out += ["```", "", "★ magic · ● neutral · ✖ misery · ○ skipped · · not recorded; ◆ moment of truth" + (analysis.summary.split > 0 ? "; ◐ split (the room tied)" : ""), ""]
        if let divided = ReportText.mostDivided(walk) {
            // A workshop's handout lists what its summary slide lists.
            out += ["## Most divided touchpoints", ""]
            out += divided.isEmpty ? [ReportText.noneDivided] : divided.map { "- " + cell($0) }
            out.append("")
        }
        out += ["## End", ""]
        out.append(analysis.end.isEmpty ? "Nothing recorded." : analysis.end.map { "- " + cell(ReportText.named($0)) }.joined(separator: "\n"))
        out += ["", "## Misery moments", ""]
        let misery = analysis.timeline.filter { $0.moment.rating?.verdict == .misery }
        if misery.isEmpty { out.append("None.") }
        for entry in misery {
            out.append("- " + cell(ReportText.named(entry)) + (entry.moment.note.isEmpty ? "" : ": " + cell(entry.moment.note)))
            if debrief.sections.recovery { out.append("  - Recovery: " + cell(ReportText.recoveryStrip(ReportText.recovery(entry)))) }
            for action in entry.moment.actions { out.append("  - Action: " + cell(ReportText.action(action))) }
        }
        let notes = analysis.timeline.filter { !$0.moment.note.isEmpty }
        if !notes.isEmpty {
            out += ["", "## Notes", ""]
            for entry in notes { out.append("- **\(cell(entry.touchpoint.title))**: \(cell(entry.moment.note))") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
