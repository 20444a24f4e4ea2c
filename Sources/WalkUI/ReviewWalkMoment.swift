import JourneyKit

/// What the review shows of the selected moment beyond its timeline row: the reviewer's comments
/// (of a walk whose team review was pulled), checklist answers and comments, the stage score, the
/// timer against its target, the stated time, the ad-hoc mark, evidence with its status, tags, the
/// recovery strip, praise, actions and votes. As full lines (the side panel of a wide screen and the
/// Enter overlay) and as short chips flowed into a few rows (the strip under the timeline of a
/// narrow screen).
public struct ReviewWalkMoment {
    public let entry: WalkAnalysis.Entry
    let analysis: WalkAnalysis
    let evidence: [Evidence: EvidenceStatus]
    /// The reviewer's comments on the walk (SPEC 8.3), when its review was pulled.
    let review: ReviewComments?

    public init(_ entry: WalkAnalysis.Entry, analysis: WalkAnalysis, evidence: [Evidence: EvidenceStatus], review: ReviewComments? = nil) {
        self.entry = entry
        self.analysis = analysis
        self.evidence = evidence
        self.review = review
    }

    /// The reviewer's comments on the touchpoint as a whole.
    private var reviewerComments: [ReviewComments.Comment] { review?.on(entry.touchpoint.id) ?? [] }

    private var moment: Moment { entry.moment }

    /// `10:21:43 stated (+6:40)`, `10:16:38 (+1:35)` or `entered 10:15:50` (after the visit), in the
    /// visit's local time (the zone is named on the review's second line).
    var when: String? {
        guard let time = analysis.when(entry) else { return nil }
        let clock = LocalTime.clock(time.date, LocalTime.zone(of: analysis.walk.header))
        let offset = time.offsetText.map { " (\($0))" } ?? ""
        if time.stated { return clock + " stated" + offset }
        return analysis.walk.header.statedStart == nil ? clock + offset : "entered " + clock
    }

    /// The moment's stage score, when its stage has checklist items.
    var stageScore: Double?? {
        VisitScore(analysis.walk).stages.first { $0.stage == entry.stage }.map(\.percent)
    }

    private func status(of file: Evidence) -> String { evidence[file]?.label ?? "not checked" }

    private func fileName(_ file: Evidence) -> String {
        file.path.split(separator: "/").last.map(String.init) ?? file.path
    }

    private func mark(_ step: Bool?) -> String { step == true ? "✓" : step == false ? "✗" : "?" }

    /// Every field as lines of at most `width` columns, each with its role.
    public func lines(width: Int) -> [(String, Role)] {
        var lines: [(String, Role)] = []
        func add(_ text: String, _ role: Role = .normal, indent: Int = 0) {
            let pad = String(repeating: " ", count: indent)
            for (index, part) in TerminalText.wrap(text, to: max(8, width - indent)).enumerated() {
                lines.append(((index == 0 ? pad : pad + "  ") + part, role))
            }
        }
        var facts = [entry.stage]
        if let channel = entry.touchpoint.channel { facts.append(channel) }
        if entry.touchpoint.momentOfTruth { facts.append("◆ moment of truth") }
        if entry.touchpoint.adhoc { facts.append("ad hoc: added during the walk") }
        add(facts.joined(separator: " · "), .dim)
        var verdict = "\(entry.glyph) \(entry.label)"
        if let when { verdict += " · " + when }
        add(verdict, Role.of(moment.rating?.verdict))
        if moment.statedAt != nil, let at = moment.ratedAt {
            let zone = LocalTime.zone(of: analysis.walk.header)
            add("entered " + LocalTime.clock(at, zone) + " " + LocalTime.label(zone, at: at), .dim)
        }
        for comment in reviewerComments { add(comment.line, .warning) }
        let timer = analysis.timer(entry)
        if let text = timer.text {
            add("Timer " + text, timer.met == false ? .misery : .normal)
        } else if let onScreen = timer.onScreenText {
            add(onScreen.prefix(1).uppercased() + onScreen.dropFirst() + " (not timed)", .dim)
        }
        let checklist = entry.touchpoint.checklist
        if !checklist.isEmpty {
            let answers = checklist.indices.map { moment.answers[$0] }
            let yes = answers.filter { $0 == .yes }.count, no = answers.filter { $0 == .no }.count
            let na = answers.filter { $0 == .na }.count
            add("Checklist \(yes) yes · \(no) no · \(na) n/a · \(answers.count - yes - no - na) unanswered", .heading)
            if let score = stageScore, let percent = score { add("Score of the stage \(entry.stage): " + VisitScore.text(percent), .dim, indent: 1) }
            for (index, item) in checklist.enumerated() {
                let answer = moment.answers[index]
                let sign = answer == .yes ? "✓" : answer == .no ? "✗" : answer == .na ? "–" : "?"
                var text = "\(sign) \(item.item)"
                if item.weight != 1 { text += " ×\(item.weight)" }
                if item.critical { text += " ‼critical" }
                let comment = moment.comments[index]
                if answer == .no, comment == nil { text += " (no comment)" }
                let role: Role = answer == .no ? (item.critical ? .error : .misery) : answer == nil ? .dim : .normal
                add(text, role, indent: 1)
                if let comment { add("“" + comment + "”", .normal, indent: 3) }
                for remark in review?.on(entry.touchpoint.id, item: index) ?? [] { add(remark.line, .warning, indent: 3) }
            }
        }
        if !moment.tags.isEmpty {
            let labels = moment.tags.map { TagCatalog.tag($0, in: analysis.walk.journey)?.label ?? $0 }
            add("Tags: " + labels.joined(separator: " · "))
        }
        for file in moment.evidence {
            let problem = evidence[file]?.isProblem ?? false
            add("Evidence: \(fileName(file)) · \(status(of: file))", problem ? .error : .normal)
        }
        if moment.rating?.verdict == .misery {
            let recovery = moment.recovery
            add("Recovery: apology \(mark(recovery?.apology)) · reassurance \(mark(recovery?.reassurance)) · restitution \(mark(recovery?.restitution))",
                recovery?.isComplete == true ? .magic : recovery?.isEmpty ?? true ? .dim : .warning)
        }
        if let praise = moment.praise { add("Praise → \(praise.to): \(praise.text)", .magic) }
        for action in moment.actions {
            var text = "Action: \(action.text)"
            if !action.owner.isEmpty { text += " — \(action.owner)" }
            text += action.due.map { ", due \($0)" } ?? ""
            text += " [\(action.status.rawValue)]"
            add(text, action.status == .open ? .normal : .dim)
        }
        if let votes = moment.votes { add("Votes: ★ \(votes.magic) · ● \(votes.neutral) · ✖ \(votes.misery)") }
        return lines
    }

    /// Short pieces for the strip, most telling first; nothing to say gives one dim chip.
    public var chips: [(String, Role)] {
        var chips: [(String, Role)] = []
        var verdict = "\(entry.glyph) \(entry.label)"
        if let when { verdict += " " + when }
        chips.append((verdict, Role.of(moment.rating?.verdict)))
        // The reviewer's comments come right after the verdict: what the shopper is to correct.
        let remarks = review?.count(on: entry.touchpoint.id) ?? 0
        if remarks == 1, let only = review?.all(on: entry.touchpoint.id).first {
            chips.append((only.line, .warning))
        } else if remarks > 1 {
            chips.append(("\(remarks) reviewer comments · Enter", .warning))
        }
        if entry.touchpoint.adhoc { chips.append(("ad hoc", .dim)) }
        let timer = analysis.timer(entry)
        if let clock = timer.clock {
            var text = "⏱" + clock
            if let target = timer.target {
                text += "/" + TimeStandard.clock(seconds: target)
                if let met = timer.met { text += met ? " met" : " missed" }
            }
            chips.append((text, timer.met == false ? .misery : .normal))
        } else if let onScreen = timer.onScreenText {
            chips.append((onScreen, .dim))
        }
        let checklist = entry.touchpoint.checklist
        if !checklist.isEmpty {
            let answers = checklist.indices.map { moment.answers[$0] }
            let open = answers.filter { $0 == nil }.count
            var text = "checklist \(open) unanswered"
            if open < answers.count {
                text = "checklist \(answers.filter { $0 == .yes }.count)✓ \(answers.filter { $0 == .no }.count)✗ \(answers.filter { $0 == .na }.count)–"
                if open > 0 { text += " \(open)?" }
            }
            if let score = stageScore, let percent = score { text += " stage " + VisitScore.text(percent) }
            let critical = checklist.indices.contains { checklist[$0].critical && moment.answers[$0] == .no }
            let uncommented = checklist.indices.contains { moment.answers[$0] == .no && moment.comments[$0] == nil }
            chips.append((text, critical ? .error : uncommented ? .warning : .normal))
            if critical { chips.append(("‼ critical No", .error)) }
        }
        for file in moment.evidence {
            let status = evidence[file]
            chips.append(("evidence " + fileName(file) + " " + (status?.label ?? "not checked"), status?.isProblem ?? false ? .error : .normal))
        }
        if !moment.tags.isEmpty { chips.append(("#" + moment.tags.joined(separator: " #"), .normal)) }
        if moment.rating?.verdict == .misery {
            let recovery = moment.recovery
            chips.append(("recovery A\(mark(recovery?.apology)) R\(mark(recovery?.reassurance)) S\(mark(recovery?.restitution))",
                          recovery?.isComplete == true ? .magic : recovery?.isEmpty ?? true ? .dim : .warning))
        }
        if let praise = moment.praise { chips.append(("praise → " + praise.to, .magic)) }
        if !moment.actions.isEmpty {
            let open = moment.actions.filter { $0.status == .open }.count
            chips.append((Counted.text(moment.actions.count, "action") + (open > 0 ? " (\(open) open)" : ""), .normal))
        }
        if let votes = moment.votes { chips.append(("votes ★\(votes.magic) ●\(votes.neutral) ✖\(votes.misery)", .normal)) }
        return chips
    }

    /// Flows the chips into `rows` rows of `width` columns from `column`; what does not fit is
    /// counted at the end (`+3 more · Enter`).
    public func drawStrip(_ canvas: inout Canvas, top: Int, rows: Int, column: Int, width: Int) {
        let chips = self.chips
        var row = top, x = column
        let end = column + width
        for (index, chip) in chips.enumerated() {
            let chipWidth = TerminalText.width(of: chip.0)
            let separator = x == column ? 0 : 3
            let left = chips.count - index
            let reserve = row == top + rows - 1 && left > 1 ? 18 : 0
            if x + separator + chipWidth > end - reserve {
                if row == top + rows - 1 {
                    canvas.put("+\(left) more · Enter", row: row, column: x + (x == column ? 0 : 3), role: .dim, limit: end - x)
                    return
                }
                row += 1
                x = column
            }
            if x > column { x = canvas.put(" · ", row: row, column: x, role: .dim) }
            x = canvas.put(chip.0, row: row, column: x, role: chip.1, limit: end - x, ellipsis: true)
        }
    }
}
