import JourneyKit

/// The plain-text report: header, summary, timeline with glyphs, emotion curve, peak and end,
/// moments of truth and misery moments. Every string from a file is sanitized for terminals.
enum TextReport {
    static func render(_ inputs: [ReportInput]) -> String {
        inputs.map(walk).joined(separator: "\n" + String(repeating: "═", count: 72) + "\n\n")
    }

    private static func walk(_ input: ReportInput) -> String {
        let analysis = WalkAnalysis(input.walk)
        let walk = input.walk
        let journey = walk.journey
        var out: [String] = []
        let version = journey.version.map { " v\($0)" } ?? ""
        out.append("\(journey.title)\(version) — walk \(walk.header.walkID) (\(walk.isFinished ? "finished" : "UNFINISHED"))")
        out.append(ReportText.details(walk.header.details))
        out.append("Started \(ReportText.minute(walk.header.started)) · \(ReportText.status(walk).capitalizedFirst)")
        if let promise = journey.promise { out.append("Promise: " + promise) }
        for problem in input.problems { out.append("! Not read: " + problem) }
        out.append("")
        out.append("Summary: " + analysis.summary.line)
        out.append("")
        out.append("Timeline")
        var stage = -1
        for entry in analysis.entries {
            if entry.stageIndex != stage {
                stage = entry.stageIndex
                out.append("  " + entry.stage)
            }
            let glyph = entry.glyph.padding(to: 3)
            let when = entry.moment.ratedAt.map { ReportText.timeOfDay($0) + " " + (analysis.offset(of: entry).map(ReportText.offset) ?? "") } ?? ""
            var line = "    \(glyph)\(entry.touchpoint.title)"
            if entry.touchpoint.momentOfTruth { line += " ◆" }
            line += "  [\(entry.label)" + (when.isEmpty ? "" : ", \(when)")
            if let seconds = entry.moment.timerSeconds {
                line += ", timer " + TimeStandard.clock(seconds: seconds)
                if let target = entry.touchpoint.target { line += seconds > target ? " over \(TimeStandard.clock(seconds: target))" : " within \(TimeStandard.clock(seconds: target))" }
            }
            out.append(line + "]")
            if !entry.moment.note.isEmpty { out.append("         Note: " + entry.moment.note) }
        }
        out.append("")
        out.append("Emotion curve (★ magic, ● neutral, ✖ misery, " + (analysis.summary.split > 0 ? "◐ split, " : "") + "○ skipped, · not recorded)")
        out += ReportText.curve(analysis.entries)
        out.append("")
        out.append("Peak")
        out.append("  Best:  " + (analysis.best.map(ReportText.named) ?? "no magic moment"))
        out.append("  Worst: " + (analysis.worst.map(ReportText.named) ?? "no moment of misery"))
        out.append("End")
        if analysis.end.isEmpty { out.append("  nothing recorded") }
        for entry in analysis.end { out.append("  " + ReportText.named(entry)) }
        if !analysis.momentsOfTruth.isEmpty {
            out.append("Moments of truth")
            for entry in analysis.momentsOfTruth { out.append("  " + ReportText.named(entry)) }
        }
        out.append("Misery moments")
        if analysis.misery.isEmpty { out.append("  none") }
        for entry in analysis.misery {
            out.append("  " + ReportText.named(entry))
            if !entry.moment.note.isEmpty { out.append("    Note: " + entry.moment.note) }
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
