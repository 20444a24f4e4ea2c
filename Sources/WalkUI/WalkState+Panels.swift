import Foundation
import JourneyKit

/// The leader's panels on the walk screen (tags, recovery, praise, actions) and the debrief at the
/// end: opening them, handing them the keys, and what comes back from the disk.
extension WalkState {
    /// The day it is for the operator (due dates count from it).
    public var today: CalendarDay { CalendarDay(now, secondsFromGMT: secondsFromGMT) }

    /// Opens a panel on the current touchpoint (recovery only on a misery moment).
    mutating func open(_ command: WalkCommand, judged: String? = nil) -> [WalkEffect] {
        guard let step = currentStep, let walk else { return [] }
        let id = judged ?? step.touchpoint.id
        let moment = walk.moment(for: id)
        // The panel's fields as the store keeps them (drafts on disk, text a write refused).
        let drafts = texts.fields(of: id)
        switch command {
        case .tags:
            panel = .tags(TagPicker(touchpoint: id, catalogue: TagCatalog.tags(for: journey), tags: moment.tags,
                                    verdict: moment.rating?.verdict, draft: drafts[.tags] ?? ""))
        case .recovery:
            guard moment.rating?.verdict == .misery else {
                let name = steps.first { $0.touchpoint.id == id }?.touchpoint.title ?? id
                let why = moment.rating.map { "\(name) is \($0.glyph) \($0.label)" } ?? "\(name) has no verdict yet (x or X first)"
                message = Message(text: "Recovery is checked on moments of misery; \(why)", kind: .info)
                return []
            }
            panel = .recovery(RecoveryStrip(touchpoint: id, recovery: moment.recovery))
        case .praise:
            panel = .praise(PraiseForm(touchpoint: id, praise: moment.praise, drafts: drafts))
        case .action:
            panel = .action(ActionForm(touchpoint: id, existing: moment.actions, drafts: drafts))
            message = nil
            // Reading every walk for the ids in use costs time: only when an action is about to be made.
            if !actionIDsKnown { return [.findActionIDs] }
        default:
            return []
        }
        // What the status line said before (a refusal, a saved verdict) is not about the panel.
        message = nil
        return []
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

    /// A panel's record is on disk: close the panel that asked for it, say what was saved and
    /// remember how to take it back (or, for a record written by `u`, forget it).
    mutating func panelRecorded(_ event: WalkEvent) {
        guard let touchpoint = event.touchpointID else { return }
        let title = title(of: touchpoint)
        let moment = walk?.moment(for: touchpoint) ?? Moment()
        switch event {
        case .tagged(let change):
            if change.undo {
                undone("tags on \(title)" + (change.tags.isEmpty ? " removed" : " put back"))
                return
            }
            if case .tags? = panel { panel = nil }
            let words = change.tags.map { TagCatalog.tag($0, in: journey)?.label ?? $0 }
            message = Message(text: words.isEmpty ? "Tags removed from \(title)" : "Tags saved on \(title): " + words.joined(separator: " · "), kind: .info)
        case .recovered(let change):
            if change.undo {
                undone("recovery on \(title)" + (change.recovery == nil ? " unmarked" : " put back"))
                return
            }
            let marks = RecoveryStrip.marks(moment.recovery)
            let done = marks.filter { $0 == true }.count
            message = Message(text: "Recovery saved on \(title): \(done) of 3 steps done" + (moment.recovery?.isComplete == true ? " · recovered" : ""), kind: .info)
        case .praised(let change):
            if change.undo {
                undone("praise on \(title)" + (change.praise == nil ? " removed" : " put back"))
                return
            }
            if case .praise? = panel { panel = nil }
            message = Message(text: change.praise.map { "Praise saved on \(title) for \($0.to)" } ?? "Praise removed from \(title)", kind: .info)
        case .actionChanged(let change):
            if change.removed {
                undone("action \(change.action.id) on \(title) removed")
                return
            }
            if change.undo {
                undone("action \(change.action.id) on \(title) is \(change.action.status.rawValue) again")
                return
            }
            if case .action? = panel { panel = nil }
            // The weekday too, so `fri` or `+7d` can be checked at a glance.
            let due = change.action.due.map { due in ", due " + (CalendarDay(iso: due).map { "\($0.weekdayName) " } ?? "") + due } ?? ""
            message = Message(text: "Action \(change.action.id) saved on \(title) for \(change.action.owner)\(due)", kind: .info)
        default:
            break
        }
    }

    /// A record written by `u` is on disk: the entry it took back is gone, and the walk is where it changed.
    private mutating func undone(_ what: String) {
        message = Message(text: "Undone: " + what, kind: .info)
        if let position = walk?.position { arrive(at: position) }
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
