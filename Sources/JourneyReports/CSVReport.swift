import Foundation
import JourneyKit

/// The CSV report: one row per moment, RFC 4180 quoting, CRLF line ends, ISO-8601 times, and
/// cells a spreadsheet would run as a formula neutralised with a leading apostrophe. Scalars have a
/// column each; lists (tags, checklist answers, evidence, actions) are joined into one cell with ` | `
/// between items, with counts in columns of their own so a spreadsheet can sum and filter them.
enum CSVReport {
    static let columns = [
        "walk_id", "journey_id", "journey_title", "journey_version", "operator", "role", "location", "channel",
        "walk_started", "walk_finished", "stage", "touchpoint", "title", "moment_of_truth", "verdict", "intensity",
        "at", "timer_seconds", "target_seconds", "note",
        // Second wave (SPEC 7): the walk…
        "walk_status", "walk_stated_start", "walk_submitted", "walk_score", "walk_pass_mark", "walk_passed", "walk_critical_failed",
        // …and the moment.
        "stage_score", "adhoc", "stated_at", "timer_reading_seconds", "timer_met",
        "checklist_yes", "checklist_no", "checklist_na", "checklist_unanswered", "checklist_critical_no", "checklist",
        "tags", "evidence_count", "evidence_problems", "evidence",
        "recovery_apology", "recovery_reassurance", "recovery_restitution", "recovery_complete",
        "praise_to", "praise_text", "actions_open", "actions", "votes_magic", "votes_neutral", "votes_misery",
        // How long the touchpoint was on screen before its verdict: never a timing (docs/report-json.md).
        "on_screen_seconds",
    ]

    static func render(_ inputs: [ReportInput]) -> String {
        var rows = [columns.joined(separator: ",")]
        for input in inputs {
            let walk = input.walk
            let header = walk.header
            let zone = LocalTime.zone(of: header)
            // Times in the walk's local time, ISO-8601 with the offset: `2026-11-22T11:15:03+01:00`.
            func time(_ date: Date?) -> String { date.map { LocalTime.iso($0, zone) } ?? "" }
            let analysis = WalkAnalysis(walk)
            let score = VisitScore(walk)
            let walkCells: [String] = [
                walk.status.rawValue, time(header.statedStart), time(walk.submitted),
                score.percent.map(number) ?? "", String(score.passMark), flag(score.passed),
                score.criticalFailed.joined(separator: " | "),
            ]
            for entry in analysis.entries {
                let moment = entry.moment
                let timer = analysis.timer(entry)
                let checklist = ReportText.checklist(entry)
                let recovery = ReportText.recovery(entry)
                let stageScore = score.stages.first { $0.stage == entry.stage }?.percent
                let cells: [String] = [
                    header.walkID, walk.journey.id, walk.journey.title, walk.journey.version.map(String.init) ?? "",
                    header.details.operator, header.details.role?.rawValue ?? "", header.details.location, header.details.channel,
                    time(header.started), time(walk.finished),
                    entry.stage, entry.touchpoint.id, entry.touchpoint.title, entry.touchpoint.momentOfTruth ? "true" : "false",
                    entry.verdictName, String(moment.rating?.intensity ?? 0),
                    time(moment.ratedAt),
                    timer.seconds.map(number) ?? "", entry.touchpoint.target.map(String.init) ?? "",
                    moment.note,
                ] + walkCells + [
                    stageScore.map(number) ?? "", entry.touchpoint.adhoc ? "true" : "false", time(moment.statedAt),
                    timer.seconds.map(number) ?? "", flag(timer.met),
                    count(checklist, .yes), count(checklist, .no), count(checklist, .na),
                    String(checklist.filter { $0.answer == nil }.count),
                    String(checklist.filter { $0.answer == .no && $0.item.critical }.count),
                    checklist.map(Self.checklist).joined(separator: " | "),
                    moment.tags.joined(separator: " | "),
                    String(moment.evidence.count),
                    String(moment.evidence.filter { input.status(of: $0)?.isProblem ?? false }.count),
                    moment.evidence.map { "\(input.name(of: $0)) (\(input.status(of: $0)?.rawValue ?? "not checked"))" }.joined(separator: " | "),
                    flag(recovery?.apology), flag(recovery?.reassurance), flag(recovery?.restitution),
                    moment.rating?.verdict == .misery ? (moment.recovery?.isComplete == true ? "true" : "false") : "",
                    moment.praise?.to ?? "", moment.praise?.text ?? "",
                    String(moment.actions.filter { $0.status == .open }.count),
                    moment.actions.map(ReportText.action).joined(separator: " | "),
                    moment.votes.map { String($0.magic) } ?? "", moment.votes.map { String($0.neutral) } ?? "",
                    moment.votes.map { String($0.misery) } ?? "",
                    timer.onScreen.map(String.init) ?? "",
                ]
                rows.append(cells.map(field).joined(separator: ","))
            }
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    /// One checklist item in a cell: `Yes: Clean entrance`, `No: Hours on the door (weight 2) — comment`, `Unanswered: Receipt offered`.
    private static func checklist(_ line: ReportText.ChecklistLine) -> String {
        "\(line.answerLabel): \(line.itemText)" + (line.comment.map { " — " + $0 } ?? "")
    }

    private static func count(_ lines: [ReportText.ChecklistLine], _ answer: Answer) -> String {
        String(lines.filter { $0.answer == answer }.count)
    }


    private static func flag(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "" }

    /// `36.4`, `100.0`: one decimal, as the score is defined.
    private static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    /// One field: control characters made visible, formulas defused, quoted when needed.
    static func field(_ raw: String) -> String {
        var text = TerminalText.sanitize(raw)
        if let first = text.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) || first == "\u{FF1D}" {
            text = "'" + text
        }
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first == " " || text.last == " "
        return needsQuotes ? "\"" + text.replacingQuotes + "\"" : text
    }
}

extension String {
    fileprivate var replacingQuotes: String {
        var out = ""
        for character in self {
            if character == "\"" { out += "\"\"" } else { out.append(character) }
        }
        return out
    }
}
