import Foundation
import JourneyKit

/// The JSON report (docs/report-json.md): one object per walk, an array for several.
enum JSONReport {
    static func render(_ inputs: [ReportInput]) -> String {
        let values = inputs.map(value)
        var writer = JSONWriter()
        if values.count == 1, let only = values.first {
            writer.write(only)
        } else {
            writer.write(.array(values))
        }
        return writer.text + "\n"
    }

    static func value(_ input: ReportInput) -> JSONWriter.Value {
        let walk = input.walk
        let header = walk.header
        let analysis = WalkAnalysis(walk)
        let summary = analysis.summary
        let debrief = Debrief(analysis)
        let score = debrief.score
        let moments: [JSONWriter.Value] = analysis.entries.map { moment($0, analysis, input) }
        func reference(_ entry: WalkAnalysis.Entry?) -> JSONWriter.Value {
            entry.map { .string($0.touchpoint.id) } ?? .null
        }
        func time(_ date: Date?) -> JSONWriter.Value { .optional(date.map { Timestamp.format($0) }) }
        let walkValue: JSONWriter.Value = .object([
            ("id", .string(header.walkID)),
            ("journey", .object([
                ("id", .string(walk.journey.id)), ("title", .string(walk.journey.title)),
                ("version", walk.journey.version.map { .int($0) } ?? .null),
                ("fingerprint", .string(header.journeyFingerprint)),
            ])),
            ("operator", .string(header.details.operator)),
            ("role", .optional(header.details.role?.rawValue)),
            ("location", .string(header.details.location)),
            ("channel", .string(header.details.channel)),
            ("started", .string(Timestamp.format(header.started))),
            ("stated_start", time(header.statedStart)),
            ("finished", time(walk.finished)),
            ("submitted", time(walk.submitted)),
            ("status", .string(walk.status.rawValue)),
            ("file", .optional(input.file)),
            ("author", .optional(input.author)),
            ("review", input.review?.json ?? .null),
            ("problems", .array(input.problems.map { .string($0) })),
        ])
        let stages: [JSONWriter.Value] = score.stages.map { stage in
            .object([("stage", .string(stage.stage)), ("percent", stage.percent.map { .double($0) } ?? .null)])
        }
        let scoreValue: JSONWriter.Value = .object([
            ("percent", score.percent.map { .double($0) } ?? .null),
            ("pass_mark", .int(score.passMark)),
            ("passed", score.passed.map { .bool($0) } ?? .null),
            ("critical_failed", .array(score.criticalFailed.map { .string($0) })),
            ("stages", .array(stages)),
        ])
        let summaryValue: JSONWriter.Value = .object([
            ("magic", .int(summary.magic)), ("neutral", .int(summary.neutral)), ("misery", .int(summary.misery)),
            ("skipped", .int(summary.skipped)), ("unrecorded", .int(summary.unrecorded)),
        ] + (summary.split > 0 ? [("split", .int(summary.split))] : []) + [
            ("score", scoreValue),
            ("recoveries", .object([
                ("complete", .int(debrief.completeRecoveries)), ("incomplete", .int(debrief.missingRecoveries.count)),
            ])),
        ])
        return .object([
            ("walk", walkValue),
            ("moments", .array(moments)),
            ("summary", summaryValue),
            ("peak", .object([("best", reference(analysis.best)), ("worst", reference(analysis.worst))])),
            ("end", .array(analysis.end.map { .string($0.touchpoint.id) })),
        ])
    }

    private static func moment(_ entry: WalkAnalysis.Entry, _ analysis: WalkAnalysis, _ input: ReportInput) -> JSONWriter.Value {
        let moment = entry.moment
        let timer = analysis.timer(entry)
        let checklist: [JSONWriter.Value] = ReportText.checklist(entry).map { line in
            .object([
                ("item", .string(line.item.item)), ("weight", .int(line.item.weight)), ("critical", .bool(line.item.critical)),
                ("answer", .optional(line.answer?.rawValue)), ("comment", .optional(line.comment)),
            ])
        }
        let evidence: [JSONWriter.Value] = moment.evidence.map { file in
            .object([
                ("path", .string(input.name(of: file))), ("bytes", .int(Int(file.bytes))), ("sha256", .string(file.sha256)),
                ("status", .optional(input.status(of: file)?.rawValue)),
            ])
        }
        func flag(_ value: Bool?) -> JSONWriter.Value { value.map { .bool($0) } ?? .null }
        let recovery: JSONWriter.Value = ReportText.recovery(entry).map { steps in
            .object([("apology", flag(steps.apology)), ("reassurance", flag(steps.reassurance)), ("restitution", flag(steps.restitution))])
        } ?? .null
        let actions: [JSONWriter.Value] = moment.actions.map { action in
            .object([
                ("id", .string(action.id)), ("text", .string(action.text)), ("owner", .string(action.owner)),
                ("due", .optional(action.due)), ("status", .string(action.status.rawValue)),
            ])
        }
        let timing: [(String, JSONWriter.Value)] = [
            // The split timer's reading (SPEC 7.2); the time on screen is no timing (docs/report-json.md).
            ("timer_seconds", timer.seconds.map { .double($0) } ?? .null),
            ("on_screen_seconds", timer.onScreen.map { .int($0) } ?? .null),
            ("target_seconds", entry.touchpoint.target.map { .int($0) } ?? .null),
            ("timer", .object([
                ("seconds", timer.seconds.map { .double($0) } ?? .null),
                ("target_seconds", entry.touchpoint.target.map { .int($0) } ?? .null),
                ("met", flag(timer.met)),
            ])),
        ]
        let head: [(String, JSONWriter.Value)] = [
            ("stage", .string(entry.stage)),
            ("touchpoint", .string(entry.touchpoint.id)),
            ("title", .string(entry.touchpoint.title)),
            ("moment_of_truth", .bool(entry.touchpoint.momentOfTruth)),
            ("adhoc", .bool(entry.touchpoint.adhoc)),
            ("verdict", .string(entry.verdictName)),
            ("intensity", .int(moment.rating?.intensity ?? 0)),
            ("score", entry.score.map { .int($0) } ?? .null),
            ("at", .optional(moment.ratedAt.map { Timestamp.format($0) })),
            ("stated_at", .optional(moment.statedAt.map { Timestamp.format($0) })),
            ("note", .string(moment.note)),
            ("tags", .array(moment.tags.map { .string($0) })),
        ]
        let rest: [(String, JSONWriter.Value)] = [
            ("checklist", .array(checklist)),
            ("evidence", .array(evidence)),
            ("recovery", recovery),
            ("praise", moment.praise.map { .object([("to", .string($0.to)), ("text", .string($0.text))]) } ?? .null),
            ("actions", .array(actions)),
            ("votes", moment.votes.map { .object([("magic", .int($0.magic)), ("neutral", .int($0.neutral)), ("misery", .int($0.misery))]) } ?? .null),
        ]
        return .object(head + timing + rest)
    }
}
