import JourneyKit

/// The Markdown report: the same content as the text report, as headings, a table and a code block.
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
        var out: [String] = []
        out.append("# \(cell(journey.title))")
        out.append("")
        out.append("Walk `\(walk.header.walkID)` · **\(walk.isFinished ? "finished" : "unfinished")**  ")
        out.append(cell(ReportText.details(walk.header.details)) + "  ")
        out.append("Started \(ReportText.minute(walk.header.started)) · \(ReportText.status(walk).capitalizedFirst)" + (journey.version.map { " · journey version \($0)" } ?? ""))
        if let promise = journey.promise { out += ["", "> Promise: \(cell(promise))"] }
        if !input.problems.isEmpty {
            out.append("")
            for problem in input.problems { out.append("- ⚠ Not read: \(cell(problem))") }
        }
        out += ["", "**Summary:** \(analysis.summary.line)", "", "## Timeline", ""]
        out.append("| # | Stage | Touchpoint | Verdict | At | Timer | Note |")
        out.append("|---:|---|---|---|---|---|---|")
        for entry in analysis.entries {
            let when = entry.moment.ratedAt.map { ReportText.timeOfDay($0) + " (" + (analysis.offset(of: entry).map(ReportText.offset) ?? "") + ")" } ?? ""
            var timer = entry.moment.timerSeconds.map { TimeStandard.clock(seconds: $0) } ?? ""
            if let seconds = entry.moment.timerSeconds, let target = entry.touchpoint.target {
                timer += seconds > target ? " ▲ over \(TimeStandard.clock(seconds: target))" : " / \(TimeStandard.clock(seconds: target))"
            }
            let title = cell(entry.touchpoint.title) + (entry.touchpoint.momentOfTruth ? " ◆" : "")
            out.append("| \(entry.index + 1) | \(cell(entry.stage)) | \(title) | \(entry.glyph) \(entry.label) | \(when) | \(timer) | \(cell(entry.moment.note)) |")
        }
        out += ["", "## Emotion curve", "", "```text"]
        out += ReportText.curve(analysis.entries)
        out += ["```", "", "★ magic · ● neutral · ✖ misery · ○ skipped · · not recorded; ◆ moment of truth" + (analysis.summary.split > 0 ? "; ◐ split (the room tied)" : "") + "", ""]
        out += ["## Peak and end", ""]
        out.append("- **Best:** " + (analysis.best.map { cell(ReportText.named($0)) } ?? "no magic moment"))
        out.append("- **Worst:** " + (analysis.worst.map { cell(ReportText.named($0)) } ?? "no moment of misery"))
        out.append("- **End:** " + (analysis.end.isEmpty ? "nothing recorded" : analysis.end.map { cell(ReportText.named($0)) }.joined(separator: "; ")))
        if !analysis.momentsOfTruth.isEmpty {
            out += ["", "## Moments of truth", ""]
            for entry in analysis.momentsOfTruth { out.append("- " + cell(ReportText.named(entry))) }
        }
        out += ["", "## Misery moments", ""]
        if analysis.misery.isEmpty { out.append("None.") }
        for entry in analysis.misery {
            out.append("- " + cell(ReportText.named(entry)) + (entry.moment.note.isEmpty ? "" : ": " + cell(entry.moment.note)))
        }
        let notes = analysis.entries.filter { !$0.moment.note.isEmpty }
        if !notes.isEmpty {
            out += ["", "## Notes", ""]
            for entry in notes { out.append("- **\(cell(entry.touchpoint.title))**: \(cell(entry.moment.note))") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
