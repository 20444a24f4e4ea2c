import JourneyKit

/// `journeywalk diff` as text, Markdown or JSON: what changed between two walks.
public enum DiffReport {
    public static func render(_ diff: WalkDiff, as format: CompareFormat) -> String {
        switch format {
        case .json: return json(diff)
        case .md: return lines(diff, markdown: true)
        case .text, .csv, .html: return lines(diff, markdown: false)
        }
    }

    static func verdict(_ rating: Rating?, present: Bool) -> String {
        guard present else { return "— (not in this version)" }
        guard let rating else { return "· not recorded" }
        return rating.glyph + " " + rating.label
    }

    static func timer(_ seconds: Double?, target: Int?) -> String {
        guard let seconds else { return "no timer" }
        let clock = TimeStandard.clock(seconds: Int(seconds.rounded()))
        guard let target else { return clock }
        return clock + (seconds <= Double(target) ? " ✓" : " ✗") + " (target " + TimeStandard.clock(seconds: target) + ")"
    }

    static func side(_ side: WalkDiff.Side) -> String {
        let version = side.version.map { " · journey v\($0)" } ?? ""
        let who = [side.operator, side.location].filter { !$0.isEmpty }.joined(separator: " · ")
        return "\(side.walkID)\(version) · \(LocalTime.minute(side.started, side.zone))"
            + (who.isEmpty ? "" : " · " + who) + " · \(side.status.rawValue)"
    }

    private static func lines(_ diff: WalkDiff, markdown: Bool) -> String {
        func clean(_ text: String) -> String { markdown ? MarkdownReport.cell(text) : TerminalText.sanitize(text) }
        /// A text in quotes on one line, cut at 120 characters; `none` when empty.
        func quoted(_ text: String) -> String {
            guard !text.isEmpty else { return "none" }
            let line = clean(text.replacingOccurrences(of: "\n", with: " "))
            return "\"" + (line.count > 120 ? String(line.prefix(119)) + "…" : line) + "\""
        }
        var out: [String] = []
        let title = diff.before.journeyTitle == diff.after.journeyTitle ? diff.after.journeyTitle : "\(diff.before.journeyTitle) → \(diff.after.journeyTitle)"
        out.append((markdown ? "# " : "") + "Diff · " + clean(title))
        out.append("")
        out.append((markdown ? "- " : "") + "A: " + clean(side(diff.before)))
        out.append((markdown ? "- " : "") + "B: " + clean(side(diff.after)))
        out.append("")
        let scoreA = VisitScore.text(diff.before.score), scoreB = VisitScore.text(diff.after.score)
        out.append((markdown ? "- " : "") + "Score: " + (scoreA == scoreB ? "\(scoreA) (unchanged)" : "\(scoreA) → \(scoreB)"))
        out.append((markdown ? "- " : "") + "Verdicts: " + diff.before.summary.line + " → " + diff.after.summary.line)
        out.append("")
        out.append(markdown ? "## Journey changes" : "Journey changes")
        if diff.journeyChanges.isEmpty {
            out.append(diff.before.version == diff.after.version ? "  none (same version)" : "  none")
        }
        for change in diff.journeyChanges {
            let line: String
            switch change {
            case .added(let id, let title): line = "+ added: \(clean(title)) (\(clean(id)))"
            case .removed(let id, let title): line = "- removed: \(clean(title)) (\(clean(id)))"
            case .renamed(let id, let from, let to): line = "~ renamed: \(clean(from)) → \(clean(to)) (\(clean(id)))"
            }
            out.append(markdown ? "- " + line : "  " + line)
        }
        out.append("")
        out.append(markdown ? "## Touchpoints" : "Touchpoints")
        if diff.touchpoints.isEmpty { out.append("  no changes") }
        for change in diff.touchpoints {
            out.append((markdown ? "### " : "  ") + clean(change.title) + " (" + clean(change.touchpoint) + ")")
            let indent = markdown ? "- " : "    "
            if change.verdictChanged || !change.inBefore || !change.inAfter {
                out.append(indent + "verdict: " + verdict(change.verdictBefore, present: change.inBefore) + " → " + verdict(change.verdictAfter, present: change.inAfter))
            }
            for answer in change.answers {
                out.append(indent + "answer: " + clean(answer.item) + ": " + (answer.before?.label ?? "none") + " → " + (answer.after?.label ?? "none"))
            }
            for text in change.texts {
                let what = text.item.map { "comment on " + clean($0) } ?? "note"
                out.append(indent + what + ": " + quoted(text.before) + " → " + quoted(text.after))
            }
            if change.scoreChanged {
                out.append(indent + "score: " + VisitScore.text(change.scoreBefore) + " → " + VisitScore.text(change.scoreAfter))
            }
            if change.timerChanged {
                out.append(indent + "timer: " + timer(change.timerBefore, target: change.target) + " → " + timer(change.timerAfter, target: change.target))
            }
        }
        out.append("")
        out.append("\(Counted.text(diff.unchanged, "touchpoint")) the same in both walks.")
        return out.joined(separator: "\n") + "\n"
    }

    private static func json(_ diff: WalkDiff) -> String {
        func side(_ side: WalkDiff.Side) -> JSONWriter.Value {
            .object([
                ("id", .string(side.walkID)), ("journey", .string(side.journeyID)), ("version", side.version.map { .int($0) } ?? .null),
                ("operator", .string(side.operator)), ("location", .string(side.location)), ("started", .string(Timestamp.format(side.started))),
                ("status", .string(side.status.rawValue)), ("score", side.score.map { .double($0) } ?? .null),
            ])
        }
        func rating(_ rating: Rating?, present: Bool) -> JSONWriter.Value {
            guard present else { return .null }
            return .object([("verdict", .string(rating?.verdict.rawValue ?? "unrecorded")), ("intensity", .int(rating?.intensity ?? 0))])
        }
        let changes: [JSONWriter.Value] = diff.journeyChanges.map { change in
            switch change {
            case .added(let id, let title): return .object([("change", .string("added")), ("touchpoint", .string(id)), ("title", .string(title))])
            case .removed(let id, let title): return .object([("change", .string("removed")), ("touchpoint", .string(id)), ("title", .string(title))])
            case .renamed(let id, let from, let to):
                return .object([("change", .string("renamed")), ("touchpoint", .string(id)), ("from", .string(from)), ("to", .string(to))])
            }
        }
        func number(_ value: Double?) -> JSONWriter.Value {
            guard let value else { return .null }
            return .double((value * 10).rounded() / 10)
        }
        func answer(_ answer: WalkDiff.AnswerChange) -> JSONWriter.Value {
            let pairs: [(String, JSONWriter.Value)] = [
                ("item", .string(answer.item)), ("before", .optional(answer.before?.rawValue)), ("after", .optional(answer.after?.rawValue)),
            ]
            return .object(pairs)
        }
        var touchpoints: [JSONWriter.Value] = []
        for change in diff.touchpoints {
            let score: [(String, JSONWriter.Value)] = [("before", number(change.scoreBefore)), ("after", number(change.scoreAfter))]
            let target: JSONWriter.Value = change.target.map { .int($0) } ?? .null
            let timer: [(String, JSONWriter.Value)] = [("before", number(change.timerBefore)), ("after", number(change.timerAfter)), ("target_seconds", target)]
            var pairs: [(String, JSONWriter.Value)] = [("touchpoint", .string(change.touchpoint)), ("title", .string(change.title))]
            pairs.append(("before", rating(change.verdictBefore, present: change.inBefore)))
            pairs.append(("after", rating(change.verdictAfter, present: change.inAfter)))
            pairs.append(("answers", .array(change.answers.map(answer))))
            pairs.append(("texts", .array(change.texts.map { text in
                .object([("field", .string(text.item == nil ? "note" : "comment")), ("item", .optional(text.item)),
                         ("before", .string(text.before)), ("after", .string(text.after))])
            })))
            pairs.append(("score", .object(score)))
            pairs.append(("timer", .object(timer)))
            touchpoints.append(.object(pairs))
        }
        return JSONWriter.encode(.object([
            ("before", side(diff.before)), ("after", side(diff.after)),
            ("journey_changes", .array(changes)), ("touchpoints", .array(touchpoints)), ("unchanged", .int(diff.unchanged)),
        ])) + "\n"
    }
}
