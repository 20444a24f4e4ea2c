extension ReviewChecks {
    /// The checks as lines for a terminal: a count, each failed check (`✗ …`), then one line per
    /// kind with how many passed (`✓ …`) or `· … nothing to check`. Text from the walk is sanitized.
    public var textLines: [String] {
        var lines = ["QA checks: \(failedCount) failed, \(passedCount) passed (times in \(zoneLabel))"]
        lines += failed.map { "✗ " + TerminalText.sanitize($0.message) }
        for kind in ReviewCheck.Kind.allCases {
            let ofKind = checks.filter { $0.kind == kind }
            let passed = ofKind.count(where: \.passed)
            if passed > 0 {
                lines.append("✓ \(kind.label): \(passed) passed")
            } else if ofKind.isEmpty {
                lines.append("· \(kind.label): nothing to check")
            }
        }
        return lines
    }

    /// The text form, one line each, ending with a newline.
    public var text: String { textLines.joined(separator: "\n") + "\n" }

    /// `{"passed": N, "failed": N, "checks": [{"kind", "passed", "touchpoint", "touchpoint_title",
    /// "item", "item_text", "message"}]}`, failed first; null where a field does not apply.
    public var json: String { JSONWriter.encode(jsonValue) }

    /// The JSON form as a value, to put inside another document.
    public var jsonValue: JSONWriter.Value {
        .object([
            ("passed", .int(passedCount)),
            ("failed", .int(failedCount)),
            ("checks", .array(checks.map { check -> JSONWriter.Value in
                .object([
                    ("kind", .string(check.kind.rawValue)),
                    ("passed", .bool(check.passed)),
                    ("touchpoint", .optional(check.touchpoint)),
                    ("touchpoint_title", .optional(check.touchpointTitle)),
                    ("item", check.item.map { .int($0) } ?? .null),
                    ("item_text", .optional(check.itemText)),
                    ("message", .string(check.message)),
                ])
            })),
        ])
    }
}
