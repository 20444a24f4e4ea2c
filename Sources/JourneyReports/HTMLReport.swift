import JourneyKit

/// One self-contained HTML file: inline styles, an SVG emotion curve, the timeline with verdict
/// colours and glyphs, peak and end, notes; no scripts, no network, print-friendly. All text is escaped.
enum HTMLReport {
    /// The start of a self-contained page up to its opened `<body>`: the title escaped, the style inline.
    static func documentStart(title: String, style: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="journeywalk">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>

        """
    }

    static func render(_ inputs: [ReportInput]) -> String {
        let title = inputs.count == 1 ? inputs[0].walk.journey.title + " — journey walk" : "\(inputs.count) journey walks"
        var out = documentStart(title: title, style: style)
        for input in inputs { out += walk(input) }
        out += "</body>\n</html>\n"
        return out
    }

    /// Escapes text for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in TerminalText.sanitize(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func walk(_ input: ReportInput) -> String {
        let analysis = WalkAnalysis(input.walk)
        let walk = input.walk
        let journey = walk.journey
        let summary = analysis.summary
        let debrief = DebriefSection(analysis)
        let score = debrief.debrief.score
        var html = "<section class=\"walk\">\n"
        let status = walk.status == .draft ? "<strong>draft</strong> (not finished)" : walk.status == .submitted ? "<strong>submitted</strong>" : "complete"
        html += "<header>\n<p class=\"kicker\">Journey walk · \(status)</p>\n"
        html += "<h1>\(escape(journey.title))</h1>\n"
        html += "<p class=\"meta\">\(escape(ReportText.details(walk.header.details)))<br>"
        html += "\(escape(ReportText.started(walk))) · \(escape(ReportText.status(walk)))"
        html += journey.version.map { " · journey version \($0)" } ?? ""
        html += "<br><span class=\"id\">\(escape(walk.header.walkID))</span></p>\n"
        if let promise = journey.promise { html += "<p class=\"promise\">Promise: \(escape(promise))</p>\n" }
        html += "</header>\n"
        for problem in input.problems { html += "<p class=\"problem\">⚠ Not read: \(escape(problem))</p>\n" }

        html += "<section class=\"debrief\">\n<h2>Debrief</h2>\n<ul class=\"counts\">"
        html += "<li class=\"magic\">★ \(summary.magic) magic</li><li class=\"neutral\">● \(summary.neutral) neutral</li>"
        html += "<li class=\"misery\">✖ \(summary.misery) misery</li><li class=\"skipped\">○ \(summary.skipped) skipped</li>"
        if summary.split > 0 { html += "<li class=\"split\">◐ \(summary.split) split</li>" }
        html += "<li class=\"unrecorded\">· \(summary.unrecorded) not recorded</li></ul>\n<dl class=\"debrief\">\n"
        for line in debrief.lines where line.label != "Verdicts" {
            html += "<dt>\(escape(line.label))</dt>"
            if line.items.isEmpty {
                html += "<dd class=\"none\">\(escape(line.none))</dd>\n"
            } else if line.items.count == 1 {
                html += "<dd>\(escape(line.items[0]))</dd>\n"
            } else {
                html += "<dd><ul>" + line.items.map { "<li>\(escape($0))</li>" }.joined() + "</ul></dd>\n"
            }
        }
        html += "</dl>\n</section>\n"

        if !score.stages.isEmpty, debrief.sections.checklist {
            let verdict = score.passed == true ? "passed" : score.passed == false ? "failed" : "unscored"
            html += "<h2>Score</h2>\n<p class=\"score \(verdict)\">\(escape(ReportText.score(score, walk)))</p>\n"
            html += "<table class=\"stages\"><thead><tr><th>Stage</th><th>Score</th></tr></thead><tbody>\n"
            for stage in score.stages { html += "<tr><td>\(escape(stage.stage))</td><td>\(escape(VisitScore.text(stage.percent)))</td></tr>\n" }
            html += "</tbody></table>\n"
        }

        html += "<h2>Emotion curve</h2>\n" + curve(analysis.timeline)
        if let divided = ReportText.mostDivided(walk) {
            // A workshop's handout lists what its summary slide lists.
            html += "<h2>Most divided touchpoints</h2>\n"
            html += divided.isEmpty ? "<p>\(escape(ReportText.noneDivided))</p>\n"
                : "<ul class=\"divided\">" + divided.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
        }
        html += "<h2>Timeline</h2>\n"
        let parts = analysis.timelineParts
        if parts != nil { html += "<p class=\"order\">\(escape(ReportText.sentence(WalkAnalysis.timelineOrderText)))</p>\n" }
        // The number column as wide as the widest number: numbers never wrap (`td.n`).
        let digits = max(2, String(analysis.timeline.count).count)
        html += "<table class=\"timeline\">\n<colgroup><col class=\"n\" style=\"width: calc(\(digits)ch + 1.2rem)\"><col class=\"tp\"><col class=\"v\"><col class=\"at\"><col class=\"tm\"><col class=\"note\"></colgroup>\n"
        html += "<thead><tr><th>#</th><th>Touchpoint</th><th>Verdict</th><th>When</th><th>Timer</th><th>Note</th></tr></thead>\n"
        // In walking order, the stages head their touchpoints; in the order it happened, a stage can
        // come back, so the two parts are headed and each touchpoint names its stage.
        var stage = -1
        let firstUntimed = parts?.untimed.first?.index
        for entry in analysis.timeline {
            html += "<tbody>"
            if parts != nil {
                if entry.index == analysis.timeline.first?.index || entry.index == firstUntimed {
                    let heading = entry.index == firstUntimed ? "Without a time, in walking order" : "In the order it happened"
                    html += "<tr class=\"stage\"><th colspan=\"6\">\(heading)</th></tr>\n"
                }
            } else if entry.stageIndex != stage {
                stage = entry.stageIndex
                html += "<tr class=\"stage\"><th colspan=\"6\">\(escape(entry.stage))</th></tr>\n"
            }
            let verdict = entry.verdictName
            let when = ReportText.when(entry, analysis).map(escape) ?? ""
            let reading = analysis.timer(entry)
            var timer = reading.clock.map(escape) ?? ""
            if reading.running { timer += " <small>running</small>" }
            if let target = reading.target, reading.seconds != nil {
                let goal = TimeStandard.clock(seconds: target)
                switch reading.met {
                case false?: timer += " <span class=\"over\">▲ missed \(goal) by \(TimeStandard.clock(seconds: reading.over ?? 0))</span>"
                case true?: timer += " <small>✓ met \(goal)</small>"
                case nil: timer += " <small>target \(goal)</small>"
                }
            }
            if let onScreen = reading.onScreenText { timer = "<small>\(escape(onScreen))</small>" }
            var channel = entry.touchpoint.channel.map { " <small>\(escape($0))</small>" } ?? ""
            if parts != nil { channel += " <small>· \(escape(entry.stage))</small>" }
            let truth = entry.touchpoint.momentOfTruth ? " <span class=\"mot\" title=\"moment of truth\">◆</span>" : ""
            let adhoc = entry.touchpoint.adhoc ? " <span class=\"adhoc\">ad hoc</span>" : ""
            html += "<tr class=\"\(verdict)\"><td class=\"n\">\(entry.index + 1)</td><td>\(escape(entry.touchpoint.title))\(truth)\(adhoc)\(channel)</td>"
            html += "<td class=\"verdict\"><span class=\"glyph\">\(escape(entry.glyph))</span> \(escape(entry.label))</td>"
            html += "<td>\(when)</td><td>\(timer)</td><td>\(escape(entry.moment.note))</td></tr>\n"
            let details = MomentDetails(entry, input, sections: debrief.sections).lines
            if !details.isEmpty {
                html += "<tr class=\"details\"><td></td><td colspan=\"5\"><dl>"
                for line in details {
                    html += "<dt\(line.flagged ? " class=\"flag\"" : "")>\(line.flagged ? "⚠ " : "")\(escape(line.label))</dt>"
                    if line.label == "Recovery", let first = line.items.first {
                        html += "<dd>\(strip(first))</dd>"
                    } else if !line.isList, let only = line.items.first {
                        html += "<dd>\(escape(only))</dd>"
                    } else {
                        let note = line.note.map { "<small>\(escape($0))</small>" } ?? ""
                        html += "<dd>\(note)<ul>" + line.items.map { "<li>\(escape($0))</li>" }.joined() + "</ul></dd>"
                    }
                }
                html += "</dl></td></tr>\n"
            }
            html += "</tbody>\n"
        }
        html += "</table>\n"
        html += "<h2>End</h2>\n<p>\(analysis.end.isEmpty ? "Nothing recorded." : analysis.end.map(named).joined(separator: " → "))</p>\n"
        html += "<h2>Misery moments</h2>\n"
        let misery = analysis.timeline.filter { $0.moment.rating?.verdict == .misery }
        if misery.isEmpty {
            html += "<p>None.</p>\n"
        } else {
            html += "<ul class=\"misery-list\">\n"
            for entry in misery {
                html += "<li>\(named(entry))" + (entry.moment.note.isEmpty ? "" : "<br><q>\(escape(entry.moment.note))</q>")
                if debrief.sections.recovery { html += "<br>Recovery: " + strip(ReportText.recoveryStrip(ReportText.recovery(entry))) }
                for action in entry.moment.actions { html += "<br>Action: \(escape(ReportText.action(action)))" }
                html += "</li>\n"
            }
            html += "</ul>\n"
        }
        html += "<footer>Made with journeywalk" + (input.file.map { " from <code>\(escape($0))</code>" } ?? "") + "</footer>\n</section>\n"
        return html
    }

    /// The recovery strip with each step marked for colour as well as by its sign.
    private static func strip(_ text: String) -> String {
        text.components(separatedBy: " · ").map { step in
            let kind = step.hasSuffix("✓") ? "done" : step.hasSuffix("✗") ? "not-done" : "unmarked"
            return "<span class=\"step \(kind)\">\(escape(step))</span>"
        }.joined(separator: " ")
    }

    private static func named(_ entry: WalkAnalysis.Entry) -> String {
        "<span class=\"\(entry.verdictName)\">\(escape(entry.glyph))</span> \(escape(entry.label)) — \(escape(entry.touchpoint.title)) <small>(\(escape(entry.stage)))</small>"
    }

    /// The emotion curve as inline SVG: one column per touchpoint, from strong misery to strong magic.
    static func curve(_ entries: [WalkAnalysis.Entry]) -> String {
        let step = 36
        let left = 110
        let width = left + max(1, entries.count) * step + 20
        func y(_ score: Int) -> Int { 120 - score * 40 }
        var svg = "<svg class=\"curve\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) 230\" width=\"\(width)\" height=\"230\" role=\"img\" aria-label=\"Emotion curve across \(Counted.text(entries.count, "touchpoint"))\">\n"
        let levels = [(2, "strong magic"), (1, "magic"), (0, "neutral"), (-1, "misery"), (-2, "strong misery")]
        for (score, name) in levels {
            svg += "<line x1=\"\(left - 8)\" x2=\"\(width - 10)\" y1=\"\(y(score))\" y2=\"\(y(score))\" class=\"\(score == 0 ? "axis" : "grid")\"/>"
            svg += "<text x=\"\(left - 14)\" y=\"\(y(score) + 4)\" text-anchor=\"end\" class=\"level\">\(name)</text>\n"
        }
        var points: [String] = []
        for entry in entries {
            let x = left + entry.index * step + step / 2
            if let score = entry.score { points.append("\(x),\(y(score))") }
        }
        if points.count > 1 { svg += "<polyline points=\"\(points.joined(separator: " "))\" class=\"line\"/>\n" }
        for entry in entries {
            let x = left + entry.index * step + step / 2
            let label = escape("\(entry.index + 1). \(entry.touchpoint.title): \(entry.label)")
            if let score = entry.score {
                svg += "<g class=\"\(entry.verdictName)\"><title>\(label)</title><circle cx=\"\(x)\" cy=\"\(y(score))\" r=\"\(entry.moment.rating?.intensity == 2 ? 9 : 7)\"/>"
                svg += "<text x=\"\(x)\" y=\"\(y(score) + 4)\" text-anchor=\"middle\" class=\"glyph\">\(escape(curveGlyph(entry.moment.rating?.verdict)))</text></g>\n"
            } else {
                svg += "<g class=\"\(entry.verdictName)\"><title>\(label)</title><circle cx=\"\(x)\" cy=\"\(y(0))\" r=\"4\" class=\"open\"/></g>\n"
            }
            svg += "<text x=\"\(x)\" y=\"222\" text-anchor=\"middle\" class=\"index\">\(entry.index + 1)</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// The single glyph drawn on a curve point (strong verdicts are shown by a larger circle).
    private static func curveGlyph(_ verdict: Verdict?) -> String {
        switch verdict {
        case .magic?: return "★"
        case .misery?: return "✖"
        case .split?: return "◐"
        case .neutral?, .skipped?, nil: return "●"
        }
    }

    static let style = """
        :root { --magic: #1a7f37; --misery: #c21f2a; --neutral: #4b5563; --skipped: #8c959f; --ink: #1f2328; --rule: #d0d7de; }
        body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 2rem auto; max-width: 60rem; padding: 0 1rem; overflow-wrap: anywhere; }
        h1 { margin: 0.2rem 0; font-size: 1.8rem; } h2 { margin-top: 2rem; border-bottom: 1px solid var(--rule); font-size: 1.2rem; }
        .kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.8rem; color: var(--neutral); margin: 0; }
        .meta { color: var(--neutral); } .id { font-family: ui-monospace, monospace; font-size: 0.85rem; }
        .promise { font-style: italic; } .problem { background: #fff8c5; padding: 0.5rem; border-left: 4px solid #d4a72c; }
        .counts { display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; list-style: none; }
        .counts li { border: 1px solid var(--rule); border-radius: 1rem; padding: 0.1rem 0.8rem; }
        li.magic, span.magic { color: var(--magic); } li.misery, span.misery { color: var(--misery); }
        li.neutral, span.neutral { color: var(--neutral); } li.skipped, li.unrecorded, span.skipped, span.unrecorded { color: var(--skipped); }
        tr.skipped td.verdict, tr.unrecorded td.verdict { color: var(--skipped); }
        li.split, span.split, tr.split td.verdict { color: #8250df; } svg .split circle { fill: #8250df; }
        svg.curve { max-width: 100%; height: auto; font-size: 12px; }
        svg .grid { stroke: var(--rule); stroke-dasharray: 3 3; } svg .axis { stroke: var(--neutral); }
        svg .level { fill: var(--neutral); } svg .index { fill: var(--neutral); font-size: 11px; }
        svg .line { fill: none; stroke: var(--ink); stroke-width: 1.5; stroke-opacity: 0.5; }
        svg .magic circle { fill: var(--magic); } svg .misery circle { fill: var(--misery); } svg .neutral circle { fill: var(--neutral); }
        svg circle.open { fill: #fff; stroke: var(--skipped); stroke-dasharray: 2 2; }
        svg .glyph { fill: #fff; font-size: 10px; }
        dl.debrief { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0.5rem 0; }
        dl.debrief dt { font-weight: 600; } dl.debrief dd { margin: 0; min-width: 0; } dl.debrief dd ul { margin: 0; padding-left: 1.1rem; }
        dl.debrief dd.none { color: var(--skipped); }
        p.score { font-weight: 600; } p.score.failed { color: var(--misery); } p.score.passed { color: var(--magic); }
        table.stages { border-collapse: collapse; } table.stages td, table.stages th { padding: 0.15rem 1rem 0.15rem 0; text-align: left; }
        p.order { color: var(--neutral); font-style: italic; }
        table.timeline { border-collapse: collapse; width: 100%; font-size: 0.95rem; table-layout: fixed; }
        table.timeline col.tp { width: 26%; } table.timeline col.v { width: 15%; }
        table.timeline col.at { width: 14%; } table.timeline col.tm { width: 13%; }
        table.timeline th, table.timeline td { border-bottom: 1px solid var(--rule); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        table.timeline td.n { white-space: nowrap; overflow-wrap: normal; }
        table.timeline tr.stage th { background: #f6f8fa; font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.05em; }
        table.timeline tr.magic td.verdict { color: var(--magic); font-weight: 600; }
        table.timeline tr.misery td.verdict { color: var(--misery); font-weight: 600; }
        table.timeline tr.misery { background: #fff5f5; } table.timeline tr.magic { background: #f4fbf6; }
        table.timeline tr.details td { border-top: none; padding-top: 0; font-size: 0.9rem; }
        table.timeline tr.details dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.8rem; margin: 0 0 0.3rem; }
        table.timeline tr.details dt { font-weight: 600; color: var(--neutral); } table.timeline tr.details dt.flag { color: var(--misery); }
        table.timeline tr.details dd { margin: 0; min-width: 0; } table.timeline tr.details ul { margin: 0; padding-left: 1rem; }
        .step { white-space: nowrap; } .step.done { color: var(--magic); } .step.not-done { color: var(--misery); } .step.unmarked { color: var(--skipped); }
        .adhoc { font-size: 0.75rem; border: 1px solid var(--rule); border-radius: 0.6rem; padding: 0 0.4rem; color: var(--neutral); }
        .over { color: var(--misery); } .mot { color: #9a6700; }
        footer { margin-top: 2rem; color: var(--neutral); font-size: 0.85rem; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print { body { margin: 0; max-width: none; font-size: 10pt; padding: 0; } section.walk { page-break-after: always; }
          h2 { break-after: avoid; } table.timeline tbody, table.stages tr, dl.debrief dd { break-inside: avoid; }
          table.timeline { font-size: 9pt; } a { color: inherit; } }
        """
}
