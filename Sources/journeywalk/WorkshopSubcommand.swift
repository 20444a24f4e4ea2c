import ArgumentParser
import Foundation
import JourneyKit
import JourneyStore
import WalkUI

extension Theme: ExpressibleByArgument {}

struct WorkshopSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workshop",
        abstract: "Walk a journey with a room on a projected terminal: big titles, a countdown per touchpoint, the room's votes.",
        discussion: """
            One key per vote from the room (m magic, n neutral, x misery; u takes the last one back); the \
            touchpoint's verdict is the majority, `split` on a tie. Each touchpoint has a countdown: its own \
            timebox from the journey, else the journey's, else --timebox, else 3 minutes (p pauses, + adds a \
            minute; when time is up it says so and waits); the --timebox is kept with the workshop, so \
            `journeywalk resume` counts down the same. q shows the summary slide. The workshop is saved \
            as a walk (role trainer, the room as its location): `journeywalk report WALK --format html` is \
            the handout, and review and compare read it like any walk.
            """
    )

    @Argument(help: "A journey file or journey id (see `journeywalk journeys list`).")
    var journey: String

    @Option(help: ArgumentHelp("The timebox per touchpoint where the journey sets none: 45s, 3m, 1m30s (default 3m).", valueName: "duration"))
    var timebox: String?

    @Option(help: "The room or the group, saved as the walk's location.")
    var room: String?

    @Option(name: .customLong("operator"), help: "The trainer's name.")
    var trainer: String?

    @Option(help: "dark (light text on the terminal's background) or light (dark text on white), for the projector.")
    var theme: Theme = .dark

    @OptionGroup var data: DataOptions

    func validate() throws {
        if let timebox, TimeStandard.seconds(from: timebox) == nil {
            throw ValidationError("--timebox '\(timebox)' is not a duration: write it like 45s, 3m or 1m30s")
        }
    }

    func run() throws {
        let locations = data.locations
        Session.openWalks(locations)
        let loaded = try Session.loadJourney(journey, catalog: JourneyCatalog(locations: locations))
        let seconds = timebox.flatMap { TimeStandard.seconds(from: $0) }
        let terminal = try Session.openTerminal(theme: theme)
        let recorder = WalkFileRecorder(loaded: loaded, walksFolder: locations.walks, workshopTimebox: seconds)
        let state = WorkshopState(journey: loaded.journey, room: room ?? "", trainer: trainer ?? "", timebox: seconds, now: Date())
        let outcome = WorkshopRunner().run(state, terminal: terminal, recorder: recorder)
        terminal.close()
        try Session.report(outcome, path: recorder.writer?.path)
        if let walk = outcome.walk, outcome.finished {
            // A command that runs as printed, also before journeywalk is installed (`swift run`).
            Session.say("Handout: " + CommandHint.command(
                ["report", walk.header.walkID, "--format", "html", "-o", walk.header.walkID + ".html"],
                locations: locations, environment: Session.environment, program: Session.program))
        }
    }
}
