import JourneyKit
import JourneyReports

extension CompareScreen {
    /// One line of the agreement view: a touchpoint, one of its checklist items, or a walker.
    struct AgreementLine: Equatable {
        enum Kind: Equatable { case touchpoint, item, heading, walker, blank }
        var kind: Kind
        var label: String
        var values: String
        var share: String
        /// The share's unit agreement (nil under two values), for its role.
        var agreement: Double?
        /// The touchpoint (index in the agreement) a touchpoint or item line belongs to.
        var touchpoint: Int?
    }

    /// The lines of the agreement view: each touchpoint with its verdicts, its items under it, then
    /// the walkers.
    static func agreementLines(_ agreement: Agreement) -> [AgreementLine] {
        var lines: [AgreementLine] = []
        for (index, touchpoint) in agreement.touchpoints.enumerated() {
            lines.append(AgreementLine(
                kind: .touchpoint, label: (touchpoint.adhoc ? "+ " : "") + touchpoint.title, values: AgreementReport.verdictsText(touchpoint),
                share: AgreementReport.shareText(touchpoint.agreement), agreement: touchpoint.agreement, touchpoint: index))
            for item in touchpoint.items {
                lines.append(AgreementLine(
                    kind: .item, label: "  " + item.item, values: AgreementReport.answersText(item), share: AgreementReport.shareText(item.agreement),
                    agreement: item.agreement, touchpoint: index))
            }
        }
        lines.append(AgreementLine(kind: .blank, label: "", values: "", share: ""))
        lines.append(AgreementLine(kind: .heading, label: "WALKER", values: "ANSWERS THAT DIFFER FROM THE MAJORITY", share: ""))
        for walker in agreement.walkers {
            lines.append(AgreementLine(kind: .walker, label: walker.name, values: AgreementReport.differsText(walker), share: ""))
        }
        return lines
    }

    /// The touchpoint of the agreement under the cursor: the matrix's row, found by its id.
    static func agreementTouchpoint(_ state: CompareState, _ agreement: Agreement) -> Int? {
        guard !agreement.touchpoints.isEmpty else { return nil }
        let rows = state.comparison.rows
        if rows.indices.contains(state.row) {
            let row = rows[state.row]
            if let found = agreement.touchpoints.firstIndex(where: { $0.touchpoint == row.touchpoint && $0.adhoc == row.adhoc }) { return found }
        }
        return min(state.row, agreement.touchpoints.count - 1)
    }

    /// The agreement view: the alphas in the title bar and under it, per touchpoint its verdicts'
    /// agreement and under it its checklist items', then the walkers; the cursor's touchpoint marked.
    static func renderAgreement(_ state: CompareState, _ agreement: Agreement, into canvas: inout Canvas) {
        let width = canvas.width
        ScreenParts.titleBar(&canvas, left: "journeywalk · Agreement · " + agreement.journeyTitle,
                             right: "\(Counted.text(agreement.walks, "walk")) · α items \(AgreementReport.alphaText(agreement.itemAlpha)) · verdicts \(AgreementReport.alphaText(agreement.verdictAlpha))")
        canvas.put(" " + alphaLine(agreement), row: 1, column: 0, role: .dim, limit: width - 1, ellipsis: true)
        let lines = agreementLines(agreement)
        // The labels as wide as the longest needs (as far as the screen allows), the figures beside them.
        let units = lines.filter { $0.kind == .touchpoint || $0.kind == .item }
        let valuesWidth = max(14, units.map { TerminalText.width(of: $0.values) }.max() ?? 14)
        let longest = units.map { TerminalText.width(of: $0.label) }.max() ?? 10
        let labelWidth = max(17, min(longest, width - 1 - (2 + valuesWidth + 2 + 5) - 1))
        let valuesColumn = 1 + labelWidth + 2
        let shareEnd = valuesColumn + valuesWidth + 2 + 5
        canvas.put("TOUCHPOINT / ITEM", row: 2, column: 1, role: .dim)
        canvas.put("ANSWERS", row: 2, column: valuesColumn, role: .dim)
        canvas.putRight("AGREE", row: 2, endColumn: shareEnd, role: .dim)

        let selected = agreementTouchpoint(state, agreement)
        let page = pageSize(height: canvas.height)
        let selectedLine = selected.flatMap { index in lines.firstIndex { $0.kind == .touchpoint && $0.touchpoint == index } } ?? 0
        var first = max(0, min(selectedLine - page / 3, lines.count - page))
        // On the last touchpoint the walkers below it come into view.
        if let selected, selected == agreement.touchpoints.count - 1 { first = max(0, lines.count - page) }
        if agreement.touchpoints.isEmpty {
            canvas.put("No walk of this journey matches the filters.", row: 3, column: 2, role: .dim)
        }
        for offset in 0..<min(page, max(0, lines.count - first)) {
            let line = lines[first + offset]
            let y = 3 + offset
            let isSelected = line.kind == .touchpoint && line.touchpoint == selected
            if isSelected { canvas.put("▸", row: y, column: 0, role: .key) }
            switch line.kind {
            case .blank: continue
            case .heading:
                canvas.put(line.label, row: y, column: 1, role: .dim)
                canvas.put(line.values, row: y, column: 1 + min(24, labelWidth) + 2, role: .dim, limit: width - 28, ellipsis: true)
            case .walker:
                canvas.put(line.label, row: y, column: 1, role: .normal, limit: min(24, labelWidth), ellipsis: true)
                canvas.put(line.values, row: y, column: 1 + min(24, labelWidth) + 2, role: .normal, limit: width - 28, ellipsis: true)
            case .touchpoint, .item:
                let role: Role = isSelected ? .selected : (line.kind == .item ? .normal : .heading)
                canvas.put(line.label, row: y, column: 1, role: role, limit: labelWidth, ellipsis: true)
                canvas.put(line.values, row: y, column: valuesColumn, role: line.kind == .item ? .dim : .normal, limit: valuesWidth, ellipsis: true)
                canvas.putRight(line.share, row: y, endColumn: shareEnd, role: shareRole(line.agreement))
            }
        }
        if let selected {
            canvas.put(" " + agreementDetail(agreement.touchpoints[selected]), row: canvas.height - 3, column: 0, role: .normal, limit: width - 1, ellipsis: true)
        }
        statusLine(state, problems: agreement.problems, otherwise: "AGREE: pairs of answers that agree · α: 1 all agree, 0 chance · a: matrix", &canvas)
        ScreenParts.footer(&canvas, items: CompareState.keys.footerItems)
        if let help = state.help { ScreenParts.help(&canvas, map: CompareState.keys, overlay: help) }
    }

    /// The alphas under the title bar, with the answers each counts.
    static func alphaLine(_ agreement: Agreement) -> String {
        let items = agreement.items.map(\.values).filter { $0 >= 2 }.reduce(0, +)
        let verdicts = agreement.touchpoints.map(\.values).filter { $0 >= 2 }.reduce(0, +)
        return "Krippendorff's α: checklist \(AgreementReport.alphaText(agreement.itemAlpha)) (\(Counted.text(items, "answer")))"
            + " · verdicts \(AgreementReport.alphaText(agreement.verdictAlpha)) (\(Counted.text(verdicts, "verdict")))"
    }

    /// A unit's agreement: dim with none, a warning below one half.
    static func shareRole(_ agreement: Double?) -> Role {
        guard let agreement else { return .dim }
        return agreement < 0.5 ? .warning : .normal
    }

    /// The touchpoint under the cursor in one line: its verdicts' agreement and how its items stand.
    static func agreementDetail(_ touchpoint: Agreement.Touchpoint) -> String {
        var parts = [touchpoint.title, "verdicts agree " + AgreementReport.shareText(touchpoint.agreement)]
        if !touchpoint.items.isEmpty {
            let full = touchpoint.items.filter { $0.agreement == 1 }.count
            let split = touchpoint.items.filter { ($0.agreement ?? 1) < 1 }.count
            let thin = touchpoint.items.filter { $0.agreement == nil }.count
            var counts = ["\(full) unanimous"]
            if split > 0 { counts.append("\(split) split") }
            if thin > 0 { counts.append("\(thin) too few answers") }
            parts.append("items: " + counts.joined(separator: ", "))
        }
        return parts.joined(separator: " · ")
    }
}
