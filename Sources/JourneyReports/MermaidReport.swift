import JourneyKit

/// A Mermaid `journey` diagram: sections are stages (with their checklist score), tasks are
/// touchpoints in the order they happened, scores 1–5 from the verdicts (strong misery 1, misery 2,
/// neutral 3, magic 4, strong magic 5), labels carry the ad-hoc mark and the tags; the title carries
/// the visit's score and pass or fail. Skipped and unrecorded touchpoints are left out (Mermaid needs
/// a score) and listed in a comment, as are critical failures and missing recoveries.
enum MermaidReport {
    static func render(_ inputs: [ReportInput]) -> String {
        inputs.map(walk).joined(separator: "\n")
    }

    /// Text safe in a Mermaid journey line: no colons, semicolons, hashes or line breaks, and no HTML.
    /// Mermaid renders labels into a web page, so the characters that make markup (`<`, `>`, `&`,
    /// quotes, backticks) are replaced by look-alikes: `<img onerror=…>` shows as `‹img onerror=…›`
    /// and can never become an element or an attribute, whatever the renderer does with entities.
    static func safe(_ text: String) -> String {
        let cleaned = TerminalText.sanitize(text).map { character -> String in
            switch character {
            case ":", ";": return " -"
            case "#": return "no."
            case "\n", "\r": return " "
            case "<": return "‹"
            case ">": return "›"
            case "&": return "＆"
            case "\"": return "”"
            case "'": return "’"
            case "`": return "‘"
            default: return String(character)
            }
        }.joined()
        return cleaned.isEmpty ? "-" : cleaned
    }

    static func score(_ rating: Rating) -> Int? {
        rating.score.map { $0 + 3 }
    }

    private static func walk(_ input: ReportInput) -> String {
        let walk = input.walk
        let analysis = WalkAnalysis(walk)
        let debrief = Debrief(analysis)
        let score = debrief.score
        let actor = safe(walk.header.details.operator.isEmpty ? "Customer" : walk.header.details.operator).replacingCommas
        var title = "\(safe(walk.journey.title)) (\(ReportText.minute(walk.header.statedStart ?? walk.header.started, LocalTime.zone(of: walk.header))))"
        if score.percent != nil || score.passed != nil {
            title += " · score " + VisitScore.text(score.percent) + " " + ReportText.passWord(score)
        }
        if walk.status != .complete { title += " · " + walk.status.rawValue }
        var out = ["journey", "    title " + title]
        var left: [String] = []
        var stage = -1
        var pending: [String] = []
        func flush(_ index: Int) {
            let name = walk.journey.stages[index].name
            let stageScore = score.stages.first { $0.stage == name }.map { " · " + VisitScore.text($0.percent) } ?? ""
            if !pending.isEmpty { out.append("    section \(safe(name + stageScore))"); out += pending }
            pending = []
        }
        for entry in analysis.timeline {
            if entry.stageIndex != stage {
                if stage >= 0 { flush(stage) }
                stage = entry.stageIndex
            }
            var label = entry.touchpoint.title + (entry.touchpoint.adhoc ? " (ad hoc)" : "")
            if !entry.moment.tags.isEmpty { label += " [" + entry.moment.tags.joined(separator: ", ") + "]" }
            if let rating = entry.moment.rating, let value = Self.score(rating) {
                pending.append("      \(safe(label)): \(value): \(actor)")
            } else {
                left.append("\(safe(entry.touchpoint.title)) (\(entry.label))")
            }
        }
        if stage >= 0 { flush(stage) }
        if !left.isEmpty { out.append("%% not in the diagram: " + left.joined(separator: ", ")) }
        if !score.criticalFailed.isEmpty {
            out.append("%% critical item answered No: " + score.criticalFailed.map { safe(ReportText.title(of: $0, in: walk)) }.joined(separator: ", "))
        }
        if !debrief.missingRecoveries.isEmpty {
            out.append("%% recoveries missing: " + debrief.missingRecoveries.map { safe($0.entry.touchpoint.title) }.joined(separator: ", "))
        }
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate var replacingCommas: String { replacingOccurrences(of: ",", with: " ") }
}

import Foundation
