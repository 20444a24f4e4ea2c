import JourneyKit

/// The plain-text report: header, the debrief, the score, the timeline (in the order things
/// happened) with everything each moment records, the emotion curve, the end and the misery
/// moments. Every string from a file is sanitized for terminals.
enum TextReport {
    static func render(_ inputs: [ReportInput]) -> String {
        inputs.map(walk).joined(separator: "\n" + String(repeating: "═", count: 72) + "\n\n")
    }

    private static func walk(_ input: ReportInput) -> String {
        let analysis = WalkAnalysis(input.walk)
        let walk = input.walk
        let journey = walk.journey
        let debrief = DebriefSection(analysis)
        let score = debrief.debrief.score
        var out: [String] = []
        let version = journey.version.map { " v\($0)" } ?? ""
        out.append("\(journey.title)\(version) — walk \(walk.header.walkID) (\(walk.status.rawValue.uppercased()))")
        if let author = input.author { out.append("Team copy pulled from \(author) (read-only)") }
        out.append(ReportText.details(walk.header.details))
        out.append(ReportText.started(walk) + " · " + ReportText.status(walk).capitalizedFirst)
        if let promise = journey.promise { out.append("Promise: " + promise) }
        for problem in input.problems { out.append("! Not read: " + problem) }
        out.append("")
        out.append("Debrief")
        for line in debrief.lines {
            if line.items.count <= 1 {
                out.append("  \(line.label): " + (line.items.first ?? line.none))
            } else {
                out.append("  \(line.label):")
                for item in line.items { out.append("    - " + item) }
            }
        }
        if debrief.sections.checklist, let stages = ReportText.stageScores(score) { out.append("  Score by stage: " + stages) }
        out.append("")
        // In walking order, the stages head their touchpoints; in the order it happened (stated
        // times), a stage can come back, so each line names its stage and the two parts are headed.
        let parts = analysis.timelineParts
        out.append("Timeline" + (parts != nil ? " (\(WalkAnalysis.timelineOrderText))" : ""))
        var sections: [(heading: String?, entries: [WalkAnalysis.Entry])] = [(nil, analysis.entries)]
        if let parts {
            sections = [("In the order it happened", parts.timed), ("Without a time, in walking order", parts.untimed)].filter { !$0.entries.isEmpty }
        }
        var stage = -1
        for section in sections {
            if let heading = section.heading { out.append("  " + heading) }
            for entry in section.entries {
                if section.heading == nil, entry.stageIndex != stage {
                    stage = entry.stageIndex
                    out.append("  " + entry.stage)
                }
                let glyph = entry.glyph.padding(to: 3)
                var line = "    \(glyph)\(entry.index + 1). \(entry.touchpoint.title)"
                if entry.touchpoint.momentOfTruth { line += " ◆" }
                if entry.touchpoint.adhoc { line += " [ad hoc]" }
                if section.heading != nil { line += " · " + entry.stage }
                line += "  [\(entry.label)"
                if let when = ReportText.when(entry, analysis) { line += ", " + when }
                if let timer = analysis.timer(entry).label { line += ", " + timer }
                out.append(line + "]")
                let indent = "         "
                if !entry.moment.note.isEmpty { out.append(indent + "Note: " + entry.moment.note) }
                for detail in MomentDetails(entry, input, sections: debrief.sections).lines {
                    let mark = detail.flagged ? "! " : ""
                    if !detail.isList, let only = detail.items.first {
                        out.append(indent + mark + detail.label + ": " + only)
                    } else {
                        out.append(indent + mark + detail.heading + ":")
                        for item in detail.items { out.append(indent + "  " + item) }
                    }
                }
            }
        }
        out.append("")
        out.append("Emotion curve (★ magic, ● neutral, ✖ misery, " + (analysis.summary.split > 0 ? "◐ split, " : "") + "○ skipped, · not recorded)")
        out += ReportText.curve(analysis.timeline)
        out.append("")
        out.append("End")
        if analysis.end.isEmpty { out.append("  nothing recorded") }
        for entry in analysis.end { out.append("  " + ReportText.named(entry)) }
        out.append("Misery moments")
        if analysis.misery.isEmpty { out.append("  none") }
        for entry in analysis.timeline where entry.moment.rating?.verdict == .misery {
            out.append("  " + ReportText.named(entry))
            if !entry.moment.note.isEmpty { out.append("    Note: " + entry.moment.note) }
            if debrief.sections.recovery { out.append("    Recovery: " + ReportText.recoveryStrip(ReportText.recovery(entry))) }
            for action in entry.moment.actions { out.append("    Action: " + ReportText.action(action)) }
        }
        return out.map { TerminalText.sanitize($0) }.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The string padded with spaces to a display width.
    func padding(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - TerminalText.width(of: self)))
    }

    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
