import Foundation
import JourneyKit

/// The leader's panels on the walk screen (tags, recovery, praise, actions) and the debrief at the
/// end: opening them, handing them the keys, and what comes back from the disk.
extension WalkState {
    /// The day it is for the operator (due dates count from it).
    public var today: CalendarDay { CalendarDay(now, secondsFromGMT: secondsFromGMT) }

    /// What the leader's panels read of the walk, about a moment.
    private func leaderContext(_ id: String) -> LeaderPanels.Context? {
        guard let walk else { return nil }
        return LeaderPanels.Context(walk: walk, journey: journey, touchpoint: id, title: title(of: id), drafts: texts.fields(of: id))
    }

    /// Carries out what the leader's panels asked for.
    private mutating func leaderEffects(_ effects: [LeaderPanels.Effect]) -> [WalkEffect] {
        var out: [WalkEffect] = []
        for effect in effects {
            switch effect {
            case .open(let opened):
                panel = opened
                // What the status line said before (a refusal, a saved verdict) is not about the panel.
                message = nil
            case .close(let command):
                if panel?.isOpened(by: command) == true { panel = nil }
            case .say(let said):
                message = said
            case .findActionIDs:
                out.append(.findActionIDs)
            case .undone(let what):
                message = Message(text: "Undone: " + what, kind: .info)
                if let position = walk?.position { arrive(at: position) }
            }
        }
        return out
    }

    /// Opens a panel on the moment the recording keys act on (recovery only on a misery moment).
    mutating func open(_ command: WalkCommand, judged: String? = nil) -> [WalkEffect] {
        guard let step = currentStep, let context = leaderContext(judged ?? step.touchpoint.id) else { return [] }
        return leaderEffects(leader.open(command, context))
    }

    /// A key while a panel is open.
    mutating func panelKey(_ key: Key) -> [WalkEffect] {
        guard let open = panel, let walk else { return [] }
        let effects: [PanelEffect]
        switch open {
        case .tags(var picker):
            effects = picker.apply(key, now: now)
            panel = .tags(picker)
        case .recovery(var strip):
            effects = strip.apply(key, current: walk.moment(for: strip.touchpoint).recovery, now: now)
            panel = .recovery(strip)
        case .praise(var form):
            effects = form.apply(key, now: now)
            panel = .praise(form)
        case .action(var form):
            var ids = actionIDs
            effects = form.apply(key, today: today, ids: &ids, now: now)
            actionIDs = ids
            panel = .action(form)
        case .checklist:
            // Its keys are commands of the walk's table for it (`handle`), never read here.
            return []
        }
        return panelEffects(effects)
    }

    /// Carries out what a panel asked for: its records go to the runner, the rest happens here.
    mutating func panelEffects(_ effects: [PanelEffect]) -> [WalkEffect] {
        var out: [WalkEffect] = []
        for effect in effects {
            switch effect {
            case .record(let event): out.append(.record(event))
            case .close: panel = nil
            case .say(let text, let kind): message = Message(text: text, kind: kind)
            case .help: help = HelpOverlay()
            }
        }
        return out
    }

    /// A panel's record is on disk: the panel that asked for it closes and says what was saved.
    mutating func panelRecorded(_ event: WalkEvent) {
        guard let touchpoint = event.touchpointID, let context = leaderContext(touchpoint) else { return }
        _ = leaderEffects(leader.recorded(event, context))
    }

    /// A panel's record failed: the panel takes keys again; typed text of a failed draft is kept.
    mutating func panelRecordFailed(_ event: WalkEvent) {
        switch (event, panel) {
        case (.tagged, .tags(var picker)?):
            picker.saveFailed()
            panel = .tags(picker)
        case (.praised, .praise(var form)?):
            form.saveFailed()
            panel = .praise(form)
        case (.actionChanged, .action(var form)?):
            form.saveFailed()
            panel = .action(form)
        default:
            break
        }
    }

    /// Every text not on disk, typed in an editor (notes, comments…) or in a panel (tags, praise,
    /// actions), for the dialog and for the caller to print.
    public var unsavedTexts: [Walk.DraftKey: String] { texts.unsaved }

    /// A key while the debrief is up: scrolling, or closing it (which leaves a finished walk).
    mutating func debriefKey(_ key: Key) -> [WalkEffect] {
        guard var shown = debrief else { return [] }
        if shown.handle(key) {
            debrief = shown
            return []
        }
        debrief = nil
        return leave(finished: true, forced: false)
    }
}

extension TextField {
    /// Fields typed in the leader's panels (tags, praise, actions), whose drafts the panels keep.
    var isPanelField: Bool {
        self == .tags || self == .praise || self == .action || rawValue.hasPrefix("praise:") || rawValue.hasPrefix("action:")
    }
}
