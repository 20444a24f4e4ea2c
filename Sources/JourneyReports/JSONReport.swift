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
        let moments: [JSONWriter.Value] = analysis.entries.map { entry in
            .object([
                ("stage", .string(entry.stage)),
                ("touchpoint", .string(entry.touchpoint.id)),
                ("title", .string(entry.touchpoint.title)),
                ("moment_of_truth", .bool(entry.touchpoint.momentOfTruth)),
                ("verdict", .string(entry.verdictName)),
                ("intensity", .int(entry.moment.rating?.intensity ?? 0)),
                ("score", entry.score.map { .int($0) } ?? .null),
                ("at", .optional(entry.moment.ratedAt.map { Timestamp.format($0) })),
                ("note", .string(entry.moment.note)),
                ("tags", .array([])),
                ("timer_seconds", entry.moment.timerSeconds.map { .double(Double($0)) } ?? .null),
                ("target_seconds", entry.touchpoint.target.map { .int($0) } ?? .null),
            ])
        }
        func reference(_ entry: WalkAnalysis.Entry?) -> JSONWriter.Value {
            entry.map { .string($0.touchpoint.id) } ?? .null
        }
        return .object([
            ("walk", .object([
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
                ("finished", .optional(walk.finished.map { Timestamp.format($0) })),
                ("status", .string(walk.isFinished ? "finished" : "unfinished")),
                ("file", .optional(input.file)),
                ("problems", .array(input.problems.map { .string($0) })),
            ])),
            ("moments", .array(moments)),
            ("summary", .object([
                ("magic", .int(summary.magic)), ("neutral", .int(summary.neutral)), ("misery", .int(summary.misery)),
                ("skipped", .int(summary.skipped)), ("unrecorded", .int(summary.unrecorded)),
            ] + (summary.split > 0 ? [("split", .int(summary.split))] : []))),
            ("peak", .object([("best", reference(analysis.best)), ("worst", reference(analysis.worst))])),
            ("end", .array(analysis.end.map { .string($0.touchpoint.id) })),
        ])
    }
}
