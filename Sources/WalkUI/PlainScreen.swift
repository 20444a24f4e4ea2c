import Foundation
import JourneyKit

/// The walk as plain lines, for the line-by-line walk: no cursor movement, no boxes, no colour.
/// Text from files is made safe by the runner, which sanitizes every line it writes.
public enum PlainScreen {
    /// Prose from a journey file: its paragraphs, each on one line.
    static func prose(_ text: String) -> [String] {
        TerminalText.reflow(text, to: Int.max)
    }

    /// The briefing: the journey, its stages and the walk details, then how to start.
    public static func briefing(_ state: WalkState) -> [String] {
        let journey = state.journey
        var lines = ["Briefing · " + journey.title]
        if let description = journey.description { lines += prose(description) }
        if let promise = journey.promise { lines += prose("Promise: " + promise) }
        if let persona = journey.persona { lines += prose("Persona: " + persona) }
        let stages = journey.stages.map { "\($0.name) (\($0.touchpoints.count))" }.joined(separator: ", ")
        lines.append("\(count(journey.stages.count, "stage")), \(count(journey.touchpointCount, "touchpoint")): " + stages)
        for field in WalkState.BriefingField.allCases {
            let value = state.fieldValue(field)
            lines.append("\(field.label): " + (value.isEmpty ? "not given" : value))
        }
        if let start = state.statedStart {
            lines.append("Visit: \(StatedTime.dateAndClock(start, timeZone: state.timeZone)) (\(StatedTime.zone(state.timeZone, at: start))), entered afterwards (walk --at); at TIME states each touchpoint's time.")
        }
        lines.append("Type start or an empty line to start the walk (the first verdict starts it too), help for the commands, quit to leave without saving.")
        return lines
    }

    /// The current touchpoint: where it is in the journey, what to do and look for, what is recorded.
    public static func touchpoint(_ state: WalkState) -> [String] {
        guard let step = state.currentStep else { return [] }
        let journey = state.journey
        let tp = step.touchpoint
        var lines = [
            "Stage \(step.stageIndex + 1)/\(journey.stages.count) · Touchpoint \(state.current + 1)/\(state.steps.count) · "
                + journey.stages[step.stageIndex].name,
            tp.title + (tp.momentOfTruth ? " · moment of truth" : ""),
        ]
        let moment = state.currentMoment
        var facts: [String] = []
        if tp.adhoc { facts.append("inserted during the walk") }
        if let channel = tp.channel { facts.append("channel: " + channel) }
        if let target = tp.target { facts.append("target: " + TimeStandard.text(seconds: target)) }
        if let stated = moment.statedAt { facts.append("at \(StatedTime.dateAndClock(stated, timeZone: state.timeZone)) (stated)") }
        if !facts.isEmpty { lines.append(facts.joined(separator: " · ")) }
        if let prompt = tp.prompt { lines += prose(prompt) }
        if !tp.checklist.isEmpty {
            lines.append("Look for (answer yes, no or na ITEM):")
            lines += checklistLines(tp, moment: moment, state: state)
        }
        if let timer = moment.usedSplitTimer { lines.append(timerLine(timer, target: tp.target, now: state.now)) }
        for evidence in moment.evidence { lines.append("Evidence: \(evidence.path) (\(WalkState.size(evidence.bytes)))") }
        lines.append("Verdict: " + (moment.rating.map { "\($0.glyph) \($0.label)" } ?? "not recorded yet"))
        lines.append(note(state))
        // The reviewer's comments on the touchpoint (a returned walk), one line each.
        lines += (state.review?.on(tp.id) ?? []).map(\.line)
        return lines
    }

    /// The checklist items numbered from 1, with their answers and comments; the reviewer's
    /// comments on an item (a returned walk) follow it, one line each.
    static func checklistLines(_ tp: Touchpoint, moment: Moment, state: WalkState) -> [String] {
        tp.checklist.enumerated().flatMap { index, item in
            var line = "\(index + 1). \(item.item)"
            if item.weight > 1 { line += " (weight \(item.weight))" }
            if item.critical { line += " (critical)" }
            if let answer = moment.answers[index] { line += ": " + answer.label } else { line += ": not answered" }
            if let comment = moment.comments[index] {
                line += " · comment: " + comment
            } else if moment.answers[index] == .no {
                line += " · a No needs a comment: comment \(index + 1) TEXT"
            }
            return [line] + (state.review?.on(tp.id, item: index) ?? []).map { "   Item \(index + 1): " + $0.line }
        }
    }

    /// A returned walk as it opens, after the status message that says who returned it and by when:
    /// the return's message, the comments on the whole walk, and the touchpoints with comments (each
    /// says its own when the walk comes to it).
    public static func review(_ state: WalkState) -> [String] {
        guard let review = state.review else { return [] }
        var lines: [String] = []
        // Who returned it and by when is the status message said before.
        if let open = review.openReturn, let text = open.text { lines.append("Reviewer (\(open.by)), returning the walk: " + text) }
        lines += review.onWalk.map(\.line)
        let commented = state.steps.enumerated().compactMap { index, step -> String? in
            let count = review.count(on: step.touchpoint.id)
            return count > 0 ? "\(index + 1). \(step.touchpoint.title) (\(count))" : nil
        }
        if !commented.isEmpty { lines.append("Reviewer's comments on: " + commented.joined(separator: ", ")) }
        return lines
    }

    /// `Split timer: 0:42, stopped · target 0:30 missed by 0:12`.
    static func timerLine(_ timer: SplitTimer, target: Int?, now: Date) -> String {
        var line = "Split timer: \(TimeStandard.clock(seconds: timer.wholeSeconds(at: now))), " + (timer.running ? "running" : "stopped")
        if let target {
            switch timer.against(target: target, at: now) {
            case .met: line += " · target \(TimeStandard.clock(seconds: target)) met"
            case .missed(let over): line += " · target \(TimeStandard.clock(seconds: target)) missed by \(TimeStandard.clock(seconds: over))"
            }
        }
        return line
    }

    /// The current touchpoint's checklist and the walk's score (SPEC 7.2).
    public static func checklist(_ state: WalkState) -> [String] {
        guard let step = state.currentStep, let walk = state.walk else { return [] }
        var lines: [String] = []
        if step.touchpoint.checklist.isEmpty {
            lines.append("This touchpoint has no checklist.")
        } else {
            lines.append("Checklist of \(step.touchpoint.title):")
            lines += checklistLines(step.touchpoint, moment: state.currentMoment, state: state)
        }
        let score = VisitScore(walk)
        var verdict = ""
        if !score.criticalFailed.isEmpty {
            verdict = ", failed: a critical item is No"
        } else if let passed = score.passed {
            verdict = passed ? ", passes" : ", below the pass mark"
        }
        lines.append("Score: \(VisitScore.text(score.percent)) (pass mark \(score.passMark)\(verdict))")
        for stage in score.stages { lines.append("  \(stage.stage): \(VisitScore.text(stage.percent))") }
        return lines
    }

    /// The final check: what is missing, numbered, and how to go on.
    public static func finalCheck(_ state: WalkState) -> [String] {
        guard let panel = state.finalCheck, let walk = state.walk else { return [] }
        let table = PlainWords.finalCheck
        var lines = ["Final check: \(count(panel.problems.count, "item")) to look at before completing the walk:"]
        for (index, problem) in panel.problems.enumerated() { lines.append("  \(index + 1). " + FinalCheck.describe(problem, in: walk)) }
        return lines + table.entries.filter { $0.command != .show && $0.command != .help }.map { "  \(table.label(of: $0)): \($0.help)" }
    }

    /// The note of the current touchpoint, or its unsaved draft.
    public static func note(_ state: WalkState) -> String {
        let moment = state.currentMoment
        if !moment.note.isEmpty { return "Note: " + moment.note }
        if let id = state.currentStep?.touchpoint.id, let draft = state.texts.note(id) { return "Note: none (unsaved draft: \(draft))" }
        return "Note: none"
    }

    /// The question asked before a walk is finished or left.
    public static func confirm(_ state: WalkState) -> [String] {
        let summary = state.walk?.summary ?? WalkSummary()
        let open = summary.unrecorded == 0
            ? "All \(count(state.steps.count, "touchpoint")) are recorded."
            : "\(count(summary.unrecorded, "touchpoint")) \(summary.unrecorded == 1 ? "is" : "are") not recorded yet."
        let table = PlainWords.confirmLeave
        return ["Finish the walk? " + open, summary.line]
            + table.entries.filter { $0.command != .show && $0.command != .help }.map { "  \(table.label(of: $0)): \($0.help)" }
    }

    /// A stated time earlier than the one before it: both times, both touchpoints, the choices.
    public static func statedTimeQuestion(_ state: WalkState) -> [String] {
        guard let question = state.statedTimeQuestion else { return [] }
        let table = PlainWords.confirmStatedTime
        return [question.heading] + question.sentences
            + table.entries.filter { $0.command != .show && $0.command != .help }.map { "  \(table.label(of: $0)): \($0.help)" }
    }

    /// Leaving stopped because typed text could not be written: the text, the reason, the choices.
    public static func unsaved(_ state: WalkState, reason: String) -> [String] {
        let table = PlainWords.unsavedText
        var lines = ["The text below could not be written to the walk file: \(reason)"]
        for (key, text) in state.unsavedTexts.sorted(by: { $0.key.order < $1.key.order }) {
            let title = state.steps.first { $0.touchpoint.id == key.touchpoint }?.touchpoint.title ?? key.touchpoint
            lines.append("  \(title)\(key.field == .note ? "" : " (\(key.field.label))"): \(text)")
        }
        return lines + table.entries.filter { $0.command != .show && $0.command != .help }.map { "  \(table.label(of: $0)): \($0.help)" }
    }

    /// Every touchpoint by stage with its verdict; the current one is marked.
    public static func timeline(_ state: WalkState) -> [String] {
        guard let walk = state.walk else { return [] }
        let summary = walk.summary
        var lines = ["Timeline: " + summary.line]
        var stage = -1
        for (index, step) in state.steps.enumerated() {
            if step.stageIndex != stage {
                stage = step.stageIndex
                lines.append(state.journey.stages[stage].name)
            }
            let rating = walk.moment(for: step.touchpoint.id).rating
            let verdict = rating.map { "\($0.glyph) \($0.label)" } ?? "\(Rating.unrecordedGlyph) not recorded"
            lines.append("  \(index + 1). \(verdict): \(step.touchpoint.title)" + (index == state.current ? " (you are here)" : ""))
        }
        return lines
    }

    /// A status message as a line in the plain walk's words: warnings and errors say so in words.
    public static func message(_ message: WalkState.Message) -> String {
        let text = message.plain ?? message.text
        switch message.kind {
        case .info: return text
        case .warning: return "Warning: " + text
        case .error: return "Error: " + text
        }
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
