import Foundation
import JourneyKit

/// The leader's panels (SPEC 7.3: tags, recovery, praise, actions) as a feature of the walk's state:
/// which panel opens on a moment, what is said when its record is on disk, and where new action ids
/// come from. The panels themselves are values with their own keys (`WalkPanel`); the walk holds the
/// one that is open and maps this feature's effects.
public struct LeaderPanels: Equatable, Sendable {
    /// Where new action ids come from (the caller seeds it; the ids in use are found when first needed).
    public var actionIDs = ActionIDs()
    /// Whether the ids already used in the data folder are known (`findActionIDs` has come back).
    public internal(set) var actionIDsKnown = false
    /// An action asked for by intent while the ids in use were being found: made when they come.
    var waitingForActionIDs: WalkIntent?

    public init() {}

    /// What the panels read of the walk.
    struct Context {
        var walk: Walk
        var journey: Journey
        /// The moment the recording keys act on, and its title.
        var touchpoint: String
        var title: String
        /// The texts kept for the moment's fields (drafts, text a write refused).
        var drafts: [TextField: String]
    }

    enum Effect: Equatable {
        case open(WalkPanel)
        /// Close the panel that is open when it is of this kind (its record is on disk).
        case close(WalkCommand)
        case say(WalkState.Message)
        /// Find the action ids the data folder uses.
        case findActionIDs
        /// A record written by `u` is on disk: the walk goes back to what it changed.
        case undone(String)
    }

    /// Opens a panel on a moment (recovery only on a moment of misery).
    func open(_ command: WalkCommand, _ context: Context) -> [Effect] {
        let id = context.touchpoint
        let moment = context.walk.moment(for: id)
        switch command {
        case .tags:
            return [.open(.tags(TagPicker(
                touchpoint: id, catalogue: TagCatalog.tags(for: context.journey), tags: moment.tags, verdict: moment.rating?.verdict,
                draft: context.drafts[.tags] ?? "")))]
        case .recovery:
            guard moment.rating?.verdict == .misery else {
                let why = moment.rating.map { "\(context.title) is \($0.glyph) \($0.label)" } ?? "\(context.title) has no verdict yet (x or X first)"
                return [.say(.init(text: "Recovery is checked on moments of misery; \(why)", kind: .info))]
            }
            return [.open(.recovery(RecoveryStrip(touchpoint: id, recovery: moment.recovery)))]
        case .praise:
            return [.open(.praise(PraiseForm(touchpoint: id, praise: moment.praise, drafts: context.drafts)))]
        case .action:
            // Reading every walk for the ids in use costs time: only when an action is about to be made.
            return [.open(.action(ActionForm(touchpoint: id, existing: moment.actions, drafts: context.drafts)))] + (actionIDsKnown ? [] : [.findActionIDs])
        default:
            return []
        }
    }

    /// A panel's record is on disk: close the panel that asked for it and say what was saved (or,
    /// for a record written by `u`, what was taken back).
    func recorded(_ event: WalkEvent, _ context: Context) -> [Effect] {
        let title = context.title
        let moment = context.walk.moment(for: context.touchpoint)
        switch event {
        case .tagged(let change):
            if change.undo { return [.undone("tags on \(title)" + (change.tags.isEmpty ? " removed" : " put back"))] }
            let words = change.tags.map { TagCatalog.tag($0, in: context.journey)?.label ?? $0 }
            return [.close(.tags), .say(.init(text: words.isEmpty ? "Tags removed from \(title)" : "Tags saved on \(title): " + words.joined(separator: " · "), kind: .info))]
        case .recovered(let change):
            if change.undo { return [.undone("recovery on \(title)" + (change.recovery == nil ? " unmarked" : " put back"))] }
            let done = RecoveryStrip.marks(moment.recovery).filter { $0 == true }.count
            return [.say(.init(text: "Recovery saved on \(title): \(done) of 3 steps done" + (moment.recovery?.isComplete == true ? " · recovered" : ""), kind: .info))]
        case .praised(let change):
            if change.undo { return [.undone("praise on \(title)" + (change.praise == nil ? " removed" : " put back"))] }
            return [.close(.praise), .say(.init(text: change.praise.map { "Praise saved on \(title) for \($0.to)" } ?? "Praise removed from \(title)", kind: .info))]
        case .actionChanged(let change):
            if change.removed { return [.undone("action \(change.action.id) on \(title) removed")] }
            if change.undo { return [.undone("action \(change.action.id) on \(title) is \(change.action.status.rawValue) again")] }
            // The weekday too, so `fri` or `+7d` can be checked at a glance.
            let due = change.action.due.map { due in ", due " + (CalendarDay(iso: due).map { "\($0.weekdayName) " } ?? "") + due } ?? ""
            return [.close(.action), .say(.init(text: "Action \(change.action.id) saved on \(title) for \(change.action.owner)\(due)", kind: .info))]
        default:
            return []
        }
    }

    /// The ids the data folder uses are known: new ones never repeat them.
    mutating func found(_ ids: Set<String>) {
        for id in ids { actionIDs.take(id) }
        actionIDsKnown = true
    }
}

extension WalkPanel {
    /// Whether the panel is the one a leader's command opens.
    func isOpened(by command: WalkCommand) -> Bool {
        switch (self, command) {
        case (.tags, .tags), (.recovery, .recovery), (.praise, .praise), (.action, .action): return true
        default: return false
        }
    }
}
