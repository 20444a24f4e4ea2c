import JourneyKit

/// A Mermaid `journey` diagram: sections are stages, tasks are touchpoints, scores 1–5 from the verdicts
/// (strong misery 1, misery 2, neutral 3, magic 4, strong magic 5). Skipped and unrecorded touchpoints
/// are left out (Mermaid needs a score) and listed in a comment.
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
        let actor = safe(walk.header.details.operator.isEmpty ? "Customer" : walk.header.details.operator).replacingCommas
        var out = ["journey", "    title \(safe(walk.journey.title)) (\(ReportText.minute(walk.header.started)))"]
        var left: [String] = []
        var stage = -1
        var pending: [String] = []
        func flush(_ name: String) {
            if !pending.isEmpty { out.append("    section \(safe(name))"); out += pending }
            pending = []
        }
        let entries = WalkAnalysis(walk).entries
        for entry in entries {
            if entry.stageIndex != stage {
                if stage >= 0 { flush(walk.journey.stages[stage].name) }
                stage = entry.stageIndex
            }
            if let rating = entry.moment.rating, let value = score(rating) {
                pending.append("      \(safe(entry.touchpoint.title)): \(value): \(actor)")
            } else {
                left.append("\(safe(entry.touchpoint.title)) (\(entry.label))")
            }
        }
        if stage >= 0 { flush(walk.journey.stages[stage].name) }
        if !left.isEmpty { out.append("%% not in the diagram: " + left.joined(separator: ", ")) }
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate var replacingCommas: String { replacingOccurrences(of: ",", with: " ") }
}

import Foundation
