extension Walk {
    /// The channel a workshop is saved with: the room walks the journey on a projected terminal.
    public static let workshopChannel = "workshop"

    /// Whether this is a workshop's walk: a trainer's walk on the workshop channel, or with votes.
    public var isWorkshop: Bool {
        let details = header.details
        guard details.role == .trainer else { return false }
        return details.channel == Self.workshopChannel || moments.values.contains { $0.votes != nil }
    }
}
