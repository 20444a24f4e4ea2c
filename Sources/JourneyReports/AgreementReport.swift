import JourneyKit

/// The formats of `journeywalk compare --agreement`.
public enum AgreementFormat: String, CaseIterable, Sendable {
    case text, md, csv, json
}

/// Calibration (SPEC 8.4) as text, Markdown, CSV or JSON: agreement per checklist item and per
/// touchpoint verdict, Krippendorff's alpha over each, and how often each walker differs from the
/// majority. Pure functions of an `Agreement`; figures are rounded here, to 3 decimals.
public enum AgreementReport {
    public static func render(_ agreement: Agreement, as format: AgreementFormat) -> String {
        var out = ""
        write(agreement, as: format) { out += $0 }
        return out
    }

    /// Writes the report in pieces.
    public static func write(_ agreement: Agreement, as format: AgreementFormat, to output: (String) -> Void) {
        switch format {
        case .text: text(agreement, output)
        case .md: markdown(agreement, output)
        case .csv: csv(agreement, output)
        case .json: json(agreement, output)
        }
    }

    /// A unit's agreement as a percentage (`67%`), `—` under two values.
    public static func shareText(_ value: Double?) -> String { Comparison.consistencyText(value) }

    /// An alpha with three decimals (`0.571`, `1.000`, `-0.200`), `—` when there is none.
    public static func alphaText(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        let thousandths = Int((value * 1000).rounded())
        let digits = String(abs(thousandths) % 1000)
        return (thousandths < 0 ? "-" : "") + "\(abs(thousandths) / 1000)." + String(repeating: "0", count: 3 - digits.count) + digits
    }

    /// A verdict unit's values: `★2 ●0 ✖1`.
    public static func verdictsText(_ touchpoint: Agreement.Touchpoint) -> String {
        "★\(touchpoint.magic) ●\(touchpoint.neutral) ✖\(touchpoint.misery)"
    }

    /// An item unit's values: `Yes 2 No 1`.
    public static func answersText(_ item: Agreement.Item) -> String {
        "Yes \(item.yes) No \(item.no)"
    }

    /// A walker's figures: `1 of 4 items differ · 0 of 3 verdicts`.
    public static func differsText(_ walker: Agreement.Walker) -> String {
        "\(walker.differs) of \(Counted.text(walker.of, "item")) · \(walker.verdictDiffers) of \(Counted.text(walker.verdictOf, "verdict"))"
    }

    /// The line of alphas: each with the answers it counts (those of units with two or more).
    public static func alphaLine(_ agreement: Agreement) -> String {
        let items = pairable(agreement.items.map(\.values)), verdicts = pairable(agreement.touchpoints.map(\.values))
        return "Krippendorff's alpha (nominal): checklist items " + alphaText(agreement.itemAlpha) + " (\(Counted.text(items, "answer")))"
            + " · verdicts " + alphaText(agreement.verdictAlpha) + " (\(Counted.text(verdicts, "verdict")))"
    }

    /// The values alpha counts: those of units with two or more.
    static func pairable(_ values: [Int]) -> Int { values.filter { $0 >= 2 }.reduce(0, +) }

    static let legend = [
        "Agreement: the share of pairs of answers to a unit that agree (— under two answers). Alpha: 1 when every pair agrees, 0 when they agree no more than chance would, below 0 less.",
        "Left out: N/A, unanswered, skipped and unrecorded; strong magic and misery count as magic and misery.",
        "Differs: a walker's answers against the strict majority of an item (or verdict), of their answers to those that have one.",
    ]

    private static func heading(_ agreement: Agreement) -> String {
        "Agreement · \(agreement.journeyTitle) (\(agreement.journeyID)) · \(Counted.text(agreement.walks, "walk")) · \(Counted.text(agreement.walkers.count, "walker"))"
    }

    // MARK: text

    private static func text(_ agreement: Agreement, _ output: (String) -> Void) {
        var labels: [String] = []
        for touchpoint in agreement.touchpoints {
            labels.append(TerminalText.sanitize(touchpoint.title))
            for item in touchpoint.items { labels.append("  " + TerminalText.sanitize(item.item)) }
        }
        let labelWidth = min(44, max(12, labels.map { TerminalText.width(of: $0) }.max() ?? 12))
        var valuesWidth = 10
        for touchpoint in agreement.touchpoints {
            valuesWidth = max(valuesWidth, TerminalText.width(of: verdictsText(touchpoint)))
            for item in touchpoint.items { valuesWidth = max(valuesWidth, TerminalText.width(of: answersText(item))) }
        }
        func pad(_ text: String, _ width: Int) -> String {
            let clean = TerminalText.clip(text, to: width)
            return clean + String(repeating: " ", count: max(0, width - TerminalText.width(of: clean)))
        }
        func line(_ label: String, _ values: String, _ share: String) -> String {
            let room = String(repeating: " ", count: max(0, 5 - TerminalText.width(of: share)))
            var text = pad(label, labelWidth) + "  " + pad(values, valuesWidth) + "  " + room + share
            while text.hasSuffix(" ") { text.removeLast() }
            return text + "\n"
        }
        output(TerminalText.sanitize(heading(agreement)) + "\n\n")
        output(alphaLine(agreement) + "\n\n")
        output(line("TOUCHPOINT / ITEM", "ANSWERS", "AGREE"))
        for touchpoint in agreement.touchpoints {
            output(line(TerminalText.sanitize(touchpoint.title), verdictsText(touchpoint), shareText(touchpoint.agreement)))
            for item in touchpoint.items {
                output(line("  " + TerminalText.sanitize(item.item), answersText(item), shareText(item.agreement)))
            }
        }
        output("\nWalkers: answers that differ from the majority\n")
        let names = agreement.walkers.map { TerminalText.sanitize($0.name) }
        let nameWidth = min(44, max(6, names.map { TerminalText.width(of: $0) }.max() ?? 6))
        for (walker, name) in zip(agreement.walkers, names) {
            output(pad(name, nameWidth) + "  " + differsText(walker) + "\n")
        }
        if agreement.walkers.isEmpty { output("none\n") }
        output("\n" + legend.joined(separator: "\n") + "\n")
    }

    // MARK: Markdown

    private static func markdown(_ agreement: Agreement, _ output: (String) -> Void) {
        output("# " + MarkdownReport.cell(heading(agreement)) + "\n\n")
        output(MarkdownReport.cell(alphaLine(agreement)) + "\n\n")
        output("| touchpoint | item | answers | agreement |\n|---|---|---|---|\n")
        for touchpoint in agreement.touchpoints {
            let title = MarkdownReport.cell(touchpoint.title)
            output("| \(title) | verdict | \(verdictsText(touchpoint)) | \(shareText(touchpoint.agreement)) |\n")
            for item in touchpoint.items {
                output("| \(title) | \(MarkdownReport.cell(item.item)) | \(answersText(item)) | \(shareText(item.agreement)) |\n")
            }
        }
        output("\n## Walkers\n\n| walker | walks | checklist answers that differ | verdicts that differ |\n|---|---|---|---|\n")
        for walker in agreement.walkers {
            output("| \(MarkdownReport.cell(walker.name)) | \(walker.walks) | \(walker.differs) of \(walker.of) | \(walker.verdictDiffers) of \(walker.verdictOf) |\n")
        }
        output("\n" + legend.map(MarkdownReport.cell).joined(separator: "\n\n") + "\n")
    }

    // MARK: CSV

    static let csvColumns = [
        "journey_id", "kind", "touchpoint", "title", "item", "walker", "walks", "yes", "no", "magic", "neutral", "misery",
        "values", "agreement", "alpha", "differs", "of", "verdict_differs", "verdict_of",
    ]

    /// A figure to 3 decimals, empty when there is none.
    static func figure(_ value: Double?) -> String {
        value.map { CompareReport.number($0, places: 3) } ?? ""
    }

    private static func csv(_ agreement: Agreement, _ output: (String) -> Void) {
        output(csvColumns.joined(separator: ",") + "\r\n")
        func row(_ fields: [String: String]) {
            output(csvColumns.map { CSVReport.field(fields[$0] ?? "") }.joined(separator: ",") + "\r\n")
        }
        let journey = agreement.journeyID
        for touchpoint in agreement.touchpoints {
            row([
                "journey_id": journey, "kind": "verdict", "touchpoint": touchpoint.touchpoint, "title": touchpoint.title,
                "magic": String(touchpoint.magic), "neutral": String(touchpoint.neutral), "misery": String(touchpoint.misery),
                "values": String(touchpoint.values), "agreement": figure(touchpoint.agreement),
            ])
            for item in touchpoint.items {
                row([
                    "journey_id": journey, "kind": "item", "touchpoint": touchpoint.touchpoint, "title": touchpoint.title, "item": item.item,
                    "yes": String(item.yes), "no": String(item.no), "values": String(item.values), "agreement": figure(item.agreement),
                ])
            }
        }
        row(["journey_id": journey, "kind": "alpha_items", "values": String(pairable(agreement.items.map(\.values))), "alpha": figure(agreement.itemAlpha)])
        row(["journey_id": journey, "kind": "alpha_verdicts", "values": String(pairable(agreement.touchpoints.map(\.values))), "alpha": figure(agreement.verdictAlpha)])
        for walker in agreement.walkers {
            row([
                "journey_id": journey, "kind": "walker", "walker": walker.name, "walks": String(walker.walks),
                "differs": String(walker.differs), "of": String(walker.of),
                "verdict_differs": String(walker.verdictDiffers), "verdict_of": String(walker.verdictOf),
            ])
        }
    }

    // MARK: JSON

    /// A figure to 3 decimals as JSON, `null` when there is none.
    static func jsonFigure(_ value: Double?) -> JSONWriter.Value {
        guard let value, value.isFinite else { return .null }
        return .double((value * 1000).rounded() / 1000)
    }

    /// The SPEC 8.4 object: `journey`, `walks`, `items`, `touchpoints`, `alpha`, `walkers`, with the
    /// extras of docs/compare-json.md.
    private static func json(_ agreement: Agreement, _ output: (String) -> Void) {
        let items: [JSONWriter.Value] = agreement.items.map { item in
            .object([
                ("touchpoint", .string(item.touchpoint)), ("item", .string(item.item)), ("yes", .int(item.yes)), ("no", .int(item.no)),
                ("agreement", jsonFigure(item.agreement)),
            ])
        }
        let touchpoints: [JSONWriter.Value] = agreement.touchpoints.map { touchpoint in
            .object([
                ("touchpoint", .string(touchpoint.touchpoint)), ("magic", .int(touchpoint.magic)), ("neutral", .int(touchpoint.neutral)),
                ("misery", .int(touchpoint.misery)), ("agreement", jsonFigure(touchpoint.agreement)), ("title", .string(touchpoint.title)),
            ])
        }
        let walkers: [JSONWriter.Value] = agreement.walkers.map { walker in
            var pairs: [(String, JSONWriter.Value)] = [("operator", .string(walker.operator)), ("differs", .int(walker.differs)), ("of", .int(walker.of))]
            if let walk = walker.walkID { pairs.append(("walk", .string(walk))) }
            pairs += [("walks", .int(walker.walks)), ("verdict_differs", .int(walker.verdictDiffers)), ("verdict_of", .int(walker.verdictOf))]
            return .object(pairs)
        }
        var writer = JSONWriter()
        writer.write(.object([
            ("journey", .string(agreement.journeyID)), ("walks", .int(agreement.walks)), ("items", .array(items)),
            ("touchpoints", .array(touchpoints)),
            ("alpha", .object([("items", jsonFigure(agreement.itemAlpha)), ("verdicts", jsonFigure(agreement.verdictAlpha))])),
            ("walkers", .array(walkers)),
        ]))
        output(writer.text + "\n")
    }
}
