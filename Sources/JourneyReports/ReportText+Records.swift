import Foundation
import JourneyKit

/// The second wave's records in words, shared by the text, Markdown and HTML reports (each escapes
/// the result for its own format).
extension ReportText {
    /// `Started 2026-11-22 11:15 UTC+01:00 · visit stated to start 2026-11-21 11:15 UTC+01:00`, in the walk's zone.
    static func started(_ walk: Walk) -> String {
        let zone = LocalTime.zone(of: walk.header)
        var text = "Started " + minute(walk.header.started, zone)
        if let stated = walk.header.statedStart { text += " · visit stated to start " + minute(stated, zone) }
        return text
    }

    /// When a moment happened: `10:21:43 stated (+6:40)`, `10:16:38 (+1:35)`, `entered 10:15:50`.
    static func when(_ entry: WalkAnalysis.Entry, _ analysis: WalkAnalysis) -> String? {
        guard let time = analysis.when(entry) else { return nil }
        let clock = timeOfDay(time.date, LocalTime.zone(of: analysis.walk.header))
        let offset = time.offsetText.map { " (\($0))" } ?? ""
        if time.stated { return clock + " stated" + offset }
        return analysis.walk.header.statedStart == nil ? clock + offset : "entered " + clock
    }

    /// The score line: `66.7 % · pass mark 80 % · FAILED (critical item answered No: Greeting)`.
    static func score(_ score: VisitScore, _ walk: Walk) -> String {
        var text = VisitScore.text(score.percent) + " · pass mark \(score.passMark) % · " + passWord(score)
        if !score.criticalFailed.isEmpty {
            text += " (critical item answered No: " + score.criticalFailed.map { title(of: $0, in: walk) }.joined(separator: ", ") + ")"
        }
        return text
    }

    /// `PASSED`, `FAILED`, or `not scored` when nothing was answered Yes or No.
    static func passWord(_ score: VisitScore) -> String {
        switch score.passed {
        case true?: return "PASSED"
        case false?: return "FAILED"
        case nil: return "not scored"
        }
    }

    /// `Arrive 66.7 % · Buy 37.5 %`; nil when no stage has checklist items.
    static func stageScores(_ score: VisitScore) -> String? {
        score.stages.isEmpty ? nil : score.stages.map { "\($0.stage) \(VisitScore.text($0.percent))" }.joined(separator: " · ")
    }

    static func title(of touchpoint: String, in walk: Walk) -> String {
        walk.steps.first { $0.touchpoint.id == touchpoint }?.touchpoint.title ?? touchpoint
    }

    /// One checklist item with its answer: `No   Hours on the door (weight 2) — Hours say 9–18`.
    struct ChecklistLine {
        var answer: Answer?
        var item: ChecklistItem
        var comment: String?

        /// `Yes`, `No`, `N/A` or `Unanswered`.
        var answerLabel: String { answer?.label ?? "Unanswered" }

        /// The item with its weight and criticality: `Asked for ID (weight 5, critical)`.
        var itemText: String {
            var extras: [String] = []
            if item.weight != 1 { extras.append("weight \(item.weight)") }
            if item.critical { extras.append("critical") }
            return item.item + (extras.isEmpty ? "" : " (" + extras.joined(separator: ", ") + ")")
        }

        /// A critical item answered No, or a No without its comment.
        var isProblem: Bool { answer == .no && (item.critical || comment == nil) }
    }

    static func checklist(_ entry: WalkAnalysis.Entry) -> [ChecklistLine] {
        entry.touchpoint.checklist.enumerated().map { index, item in
            ChecklistLine(answer: entry.moment.answers[index], item: item, comment: entry.moment.comments[index])
        }
    }

    /// `2 yes · 1 no · 1 n/a · 0 unanswered`.
    static func checklistCounts(_ lines: [ChecklistLine]) -> String {
        let yes = lines.filter { $0.answer == .yes }.count
        let no = lines.filter { $0.answer == .no }.count
        let na = lines.filter { $0.answer == .na }.count
        return "\(yes) yes · \(no) no · \(na) n/a · \(lines.count - yes - no - na) unanswered"
    }

    /// The tags of a moment by their labels (unknown ids as they are).
    static func tags(_ entry: WalkAnalysis.Entry, _ journey: Journey) -> [String] {
        entry.moment.tags.map { TagCatalog.tag($0, in: journey)?.label ?? $0 }
    }

    /// The recovery of a misery moment with something marked; nil otherwise (SPEC 7.3).
    static func recovery(_ entry: WalkAnalysis.Entry) -> Recovery? {
        guard entry.moment.rating?.verdict == .misery, let recovery = entry.moment.recovery, !recovery.isEmpty else { return nil }
        return recovery
    }

    /// The three-step strip: `apology ✓ · reassurance ✗ · restitution ?` (✓ done, ✗ not done, ? not marked).
    static func recoveryStrip(_ recovery: Recovery?) -> String {
        func mark(_ step: Bool?) -> String { step == true ? "✓" : step == false ? "✗" : "?" }
        return "apology \(mark(recovery?.apology)) · reassurance \(mark(recovery?.reassurance)) · restitution \(mark(recovery?.restitution))"
    }

    /// `Second till at peak — owner Store manager, due 2026-12-01, done [a1b2c3]`.
    static func action(_ action: Action) -> String {
        var parts: [String] = []
        let owner = PersonName.shown(action.owner)
        if !owner.isEmpty { parts.append("owner " + owner) }
        parts.append(action.due.map { "due " + $0 } ?? "no due date")
        parts.append(action.status.rawValue)
        return action.text + " — " + parts.joined(separator: ", ") + " [\(action.id)]"
    }

    /// `★ 7 magic · ● 2 neutral · ✖ 11 misery`.
    /// A workshop's most divided touchpoints, in the summary slide's order, as lines such as
    /// `◐ 1. Door: ★2 ●0 ✖2, a dead heat`; nil for a walk without votes.
    static func mostDivided(_ walk: Walk) -> [String]? {
        let summary = WorkshopSummary(walk)
        guard summary.totalVotes > 0 else { return nil }
        return summary.mostDivided.map { point in
            "\(point.rating?.glyph ?? Rating.unrecordedGlyph) \(point.index + 1). \(point.title): \(point.votes.glyphs), \(WorkshopSummary.split(point.votes))"
        }
    }

    /// What a workshop's handout says when the room agreed on every touchpoint it voted on.
    static let noneDivided = "None: the room agreed on every touchpoint it voted on."

    static func votes(_ votes: Votes) -> String {
        "★ \(votes.magic) magic · ● \(votes.neutral) neutral · ✖ \(votes.misery) misery"
    }

    /// `IMG_2041.jpg · 2.4 MB · sha256 abababababab… · MISSING`.
    static func evidence(_ evidence: Evidence, _ input: ReportInput) -> String {
        let status = input.status(of: evidence)?.label ?? "not checked"
        return "\(input.name(of: evidence)) · \(size(evidence.bytes)) · sha256 \(evidence.sha256.prefix(12))… · \(status)"
    }

    /// `812 bytes`, `2.4 MB` (10^6 bytes), `14 KB`.
    static func size(_ bytes: Int64) -> String {
        if bytes < 1000 { return Counted.text(Int(bytes), "byte") }
        if bytes < 1_000_000 { return "\((bytes + 500) / 1000) KB" }
        let tenths = (bytes + 50_000) / 100_000
        return tenths % 10 == 0 || tenths >= 1000 ? "\((bytes + 500_000) / 1_000_000) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }

    /// `to Amira (till 2): Calm and kind`.
    static func praise(_ praise: Praise) -> String { "to \(praise.to): \(praise.text)" }

    /// `2 complete · 1 incomplete`.
    static func recoveries(_ debrief: Debrief) -> String {
        "\(debrief.completeRecoveries) complete · \(debrief.missingRecoveries.count) incomplete"
    }

    /// A moment in a debrief line: `✖ misery — Door (Arrive)`, `ad hoc` marked.
    static func named(_ entry: WalkAnalysis.Entry?, none: String) -> String {
        guard let entry else { return none }
        return "\(entry.glyph) \(entry.label) — \(entry.touchpoint.title)" + (entry.touchpoint.adhoc ? " [ad hoc]" : "") + " (\(entry.stage))"
    }

    /// A tag with its count: `Kept waiting ×2`.
    static func tagCount(_ tag: Debrief.TagCount) -> String { tag.label + (tag.count > 1 ? " ×\(tag.count)" : "") }
}
