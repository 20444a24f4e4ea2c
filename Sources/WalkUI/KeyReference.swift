/// The keys section of the README, generated from the same tables as the footer and the `?` overlay.
public enum KeyReference {
    public static func markdown() -> String {
        var text = ""
        func table<C>(_ map: KeyMap<C>) {
            text += "**\(map.title)**\n\n| keys | action |\n|---|---|\n"
            for binding in map.bindings {
                let keys = binding.keys.map { "`\($0.label == "`" ? "``" : $0.label)`" }.joined(separator: " ")
                text += "| \(keys) | \(binding.help) |\n"
            }
            text += "\n"
        }
        table(WalkKeys.briefing)
        table(WalkKeys.walking)
        table(FieldKitKeys.checklist)
        table(FieldKitKeys.confirmStatedTime)
        table(WalkKeys.confirmLeave)
        table(FieldKitKeys.finalCheck)
        table(WalkKeys.unsavedText)
        table(TagPicker.keys)
        table(RecoveryStrip.keys)
        table(FormKeys.praise)
        table(FormKeys.action)
        table(DebriefState.keys)
        table(LineEditor.keys)
        table(HomeState.keys)
        table(ReviewListState.keys)
        table(ReviewListState.deleteKeys)
        table(ReviewWalkState.keys)
        table(ReviewWalkState.exportKeys)
        table(CompareState.keys)
        table(QueueListState.keys)
        table(QueueWalkState.keys)
        table(WorkshopKeys.room)
        table(WorkshopKeys.summary)
        return text
    }
}
