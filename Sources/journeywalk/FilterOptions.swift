import ArgumentParser
import JourneyKit

/// The walk filters `compare` and `review` share; the review list's `/` line takes the same fields.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only walks whose visit began on or after this date (YYYY-MM-DD, a day in your time zone, TZ) or time (ISO-8601).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only walks whose visit began before the end of this date (YYYY-MM-DD, a day in your time zone, TZ, the day included) or before this time (ISO-8601).", valueName: "date"))
    var until: String?

    @Option(name: .customLong("operator"), help: ArgumentHelp("Only walks whose operator's name contains this (any case).", valueName: "name"))
    var walker: String?

    @Option(help: ArgumentHelp("Only walks whose location contains this (any case).", valueName: "text"))
    var location: String?

    @Option(help: ArgumentHelp("Only walks in this state: draft, complete or submitted.", valueName: "status"))
    var status: String?

    /// Checked while parsing, so a bad value is said with the usage of the command it was given to.
    func validate() throws {
        _ = try filter()
    }

    /// The filter, or a usage error naming the option that makes no sense.
    func filter() throws -> WalkFilter {
        var filter = WalkFilter()
        let given: [(String, String?)] = [("since", since), ("until", until), ("operator", walker), ("location", location), ("status", status)]
        for case let (field, value?) in given {
            do {
                try filter.set(field, to: value)
            } catch {
                throw ValidationError("--" + error.message)
            }
        }
        return filter
    }
}
