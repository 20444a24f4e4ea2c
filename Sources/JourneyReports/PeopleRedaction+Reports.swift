import JourneyKit

extension PeopleRedaction {
    /// The inputs with every name replaced.
    public static func redact(_ inputs: [ReportInput]) -> [ReportInput] {
        let redaction = PeopleRedaction(walks: inputs.map(\.walk))
        return inputs.map { input in
            var input = input
            input.walk = input.walk.renamingPeople(redaction.placeholder(for:))
            return input
        }
    }
}
