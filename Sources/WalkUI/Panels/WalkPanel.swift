import JourneyKit

/// A panel of the walk screen that has the keys while it is open: the checklist, the tag picker,
/// the recovery strip, the praise form or the action form. Each is a small value with its own
/// `apply`. The checklist is answered in place, with commands of the walk's key tables (so its keys
/// can be rebound); the leader's panels are drawn over the touchpoint and read keys themselves.
public enum WalkPanel: Equatable, Sendable {
    case checklist(ChecklistPanel)
    case tags(TagPicker)
    case recovery(RecoveryStrip)
    case praise(PraiseForm)
    case action(ActionForm)

    /// The touchpoint the panel is about.
    public var touchpoint: String {
        switch self {
        case .checklist(let list): return list.touchpoint
        case .tags(let picker): return picker.touchpoint
        case .recovery(let strip): return strip.touchpoint
        case .praise(let form): return form.touchpoint
        case .action(let form): return form.touchpoint
        }
    }

    /// Typed text not yet kept in the walk file as a draft (field and text), for Esc and leaving.
    public var unsavedDrafts: [(field: TextField, text: String)] {
        switch self {
        case .tags(let picker): return picker.unsavedDrafts
        case .recovery, .checklist: return []
        case .praise(let form): return form.unsavedDrafts
        case .action(let form): return form.unsavedDrafts
        }
    }

    /// Whether the panel reads keys itself (drawn over the touchpoint); the checklist's keys are the walk's table for it.
    public var readsKeys: Bool {
        if case .checklist = self { return false }
        return true
    }

    /// The panel's own key lines, for the help overlay (none for the checklist: its table is the walk's).
    public var helpLines: [HelpLine] {
        switch self {
        case .checklist: return []
        case .tags: return TagPicker.keys.helpLines
        case .recovery: return RecoveryStrip.keys.helpLines
        case .praise: return FormKeys.praise.helpLines
        case .action: return FormKeys.action.helpLines
        }
    }

    /// The panel's name in the help overlay's title.
    public var keyTitle: String {
        switch self {
        case .checklist: return "Checklist"
        case .tags: return TagPicker.keys.title
        case .recovery: return RecoveryStrip.keys.title
        case .praise: return FormKeys.praise.title
        case .action: return FormKeys.action.title
        }
    }

    public var footerItems: [FooterItem] {
        switch self {
        case .checklist: return FieldKitKeys.checklist.footerItems
        case .tags: return TagPicker.keys.footerItems
        case .recovery: return RecoveryStrip.keys.footerItems
        case .praise: return FormKeys.praise.footerItems
        case .action: return FormKeys.action.footerItems
        }
    }
}

/// What a panel asks of the walk after a key.
public enum PanelEffect: Equatable, Sendable {
    /// Append this record (the panel waits for it to come back before it shows it as done).
    case record(WalkEvent)
    /// Close the panel.
    case close
    /// Say something on the status line.
    case say(String, WalkState.Message.Kind)
    /// Show every key (the panel stays open under the help).
    case help
}

/// Drafts of typed fields that differ from what the walk file keeps.
func changedDrafts(_ fields: [(TextField, String)], kept: [TextField: String]) -> [(field: TextField, text: String)] {
    fields.filter { $0.1 != (kept[$0.0] ?? "") }.map { (field: $0.0, text: $0.1) }
}
