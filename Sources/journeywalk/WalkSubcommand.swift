import ArgumentParser
import Foundation
import JourneyKit
import JourneyStore

extension WalkRole: ExpressibleByArgument {}

struct WalkSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walk",
        abstract: "Walk a journey, touchpoint by touchpoint, saving every verdict as you go.",
        discussion: "JOURNEY is a journey file or a journey id: looked for in ./journeys, then $JOURNEYWALK_HOME/journeys, then among the journeys walked before, then the samples built into journeywalk. At the end the path of the saved walk is printed."
    )

    @Argument(help: "A journey file or journey id (see `journeywalk journeys list`); not needed with --assignment.")
    var journey: String?

    @Option(help: ArgumentHelp("Walk an assignment of the team (journeywalk assignments --mine): its journey, location and window.", valueName: "id"))
    var assignment: Int64?

    @Option(name: .customLong("operator"), help: "Who walks: your name or initials.")
    var walker: String?

    @Option(help: "shopper, leader or trainer.")
    var role: WalkRole?

    @Option(help: "Where: a store, a branch, a phone number, a website.")
    var location: String?

    @Option(help: "The channel walked: store, phone, web, app…")
    var channel: String?

    @Option(name: .customLong("at"), help: ArgumentHelp("Enter a visit afterwards: when it started, in local time (\"2026-11-22 10:15\", or \"10:15\" for today). Touchpoint times are then stated with @ (plain: at TIME).", valueName: "time"))
    var statedStart: String?

    @Flag(help: "Walk line by line, one command a line (magic, neutral, misery, skip, note TEXT, next, back, undo, finish, leave, help): no cursor movement or colour, for screen readers and scripts (`--plain < answers.txt`). Always on when TERM=dumb.")
    var plain = false

    @OptionGroup var data: DataOptions

    func run() throws {
        try WalkRequest(journey: journey, assignment: assignment, walker: walker, role: role, location: location, channel: channel,
                        statedStart: statedStart, plain: plain, dataDir: data.dataDir).run()
    }
}

/// What `walk` was asked for, parsed or not: `journeywalk walk JOURNEY`, the form a walk is started
/// with nearly always, is read without ArgumentParser (`plainForm`), whose parse of the whole command
/// tree (reflection over every command's options, and the runtime's protocol look-ups it makes) took
/// about a quarter of the time to the walk's first frame (docs/benchmarks.md).
struct WalkRequest {
    var journey: String?
    var assignment: Int64? = nil
    var walker: String? = nil
    var role: WalkRole? = nil
    var location: String? = nil
    var channel: String? = nil
    var statedStart: String? = nil
    var plain = false
    var dataDir: String? = nil

    /// `walk JOURNEY` and nothing else, JOURNEY not an option nor a request for help: the request;
    /// nil for any other command line, which ArgumentParser reads.
    static func plainForm(_ arguments: [String]) -> WalkRequest? {
        guard arguments.count == 3, arguments[1] == "walk" else { return nil }
        let journey = arguments[2]
        guard !journey.isEmpty, !journey.hasPrefix("-"), journey != "help" else { return nil }
        return WalkRequest(journey: journey)
    }

    func run() throws {
        let locations = DataLocations.resolve(dataDir: dataDir, environment: Session.environment)
        var start: Date?
        if let statedStart {
            do {
                start = try StatedTime.parseStart(statedStart, now: Date(), zone: SystemTimeZone.current.zone)
            } catch {
                throw Session.fail("--at: " + error.description)
            }
        }
        Session.openWalks(locations)
        let loaded: LoadedJourney
        var assigned: TeamAssignment?
        if let assignment {
            (loaded, assigned) = try Session.assignment(assignment, locations: locations)
            if let journey, journey != loaded.journey.id {
                throw Session.fail("assignment \(assignment) is a walk of \(loaded.journey.id), not \(TerminalText.sanitize(journey)): leave JOURNEY out")
            }
        } else {
            guard let journey else { throw Session.fail("walk what? Name a journey (journeywalk journeys list) or --assignment ID (journeywalk assignments --mine)") }
            loaded = try Session.loadJourney(journey, catalog: JourneyCatalog(locations: locations))
        }
        let details = WalkDetails(operator: walker ?? "", role: role ?? (assigned == nil ? nil : .shopper), location: location ?? assigned?.location ?? "", channel: channel ?? "")
        let command = ["journeywalk", "walk"] + (journey.map { [$0] } ?? []) + (assignment.map { ["--assignment", String($0)] } ?? [])
        let display = try WalkDisplay.choose(plain: plain, command: WalkDisplay.commandLine(command), environment: Session.environment)
        if display == .plain {
            try Session.walkPlain(loaded, details: details, locations: locations, statedStart: start, assignment: assigned?.walkAssignment)
            return
        }
        let terminal = try Session.openTerminal()
        try Session.walk(loaded, details: details, locations: locations, terminal: terminal, statedStart: start, assignment: assigned?.walkAssignment)
    }
}
