extension TextField {
    /// Who praise is for (the praise text itself is `.praise`).
    public static let praiseTo = TextField(rawValue: "praise:to")
    /// The owner of an action being written (its text is `.action`).
    public static let actionOwner = TextField(rawValue: "action:owner")
    /// The due date of an action being written, as typed.
    public static let actionDue = TextField(rawValue: "action:due")
}
