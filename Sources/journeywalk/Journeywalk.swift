import ArgumentParser
import Glibc
import JourneyKit
import JourneyStore
import WalkUI

@main
struct Journeywalk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journeywalk",
        abstract: "Walk your customer journey: record every touchpoint as a magic moment or a moment of misery.",
        discussion: """
            With no command, opens the home screen: pick a journey to walk or resume an unfinished walk.
            Journeys are found in ./journeys, then in $JOURNEYWALK_HOME/journeys; walks are saved in
            $JOURNEYWALK_HOME/walks (default ~/.local/share/journeywalk/walks).
            """,
        version: "0.1.0",
        subcommands: [
            WalkSubcommand.self, ResumeSubcommand.self, ReviewSubcommand.self, ReportSubcommand.self, CompareSubcommand.self,
            DiffSubcommand.self, JourneysSubcommand.self, WorkshopSubcommand.self, ActionsSubcommand.self, SubmitSubcommand.self,
            DeleteSubcommand.self, RestoreSubcommand.self, TrashSubcommand.self, VerifySubcommand.self, TeamSubcommand.self, PushSubcommand.self, PullSubcommand.self, QueueSubcommand.self, AssignSubcommand.self, AssignmentsSubcommand.self,
        ]
    )

    @OptionGroup var data: DataOptions

    static func main() {
        // `team`, `push`, `pull` (and `verify` with a team) are the team program's: it runs in place of this one.
        TeamLauncher.forwardIfTeamCommand()
        // Past the file-size limit (`ulimit -f`) a write fails with EFBIG and is handled like a full
        // disk (nothing acknowledged, the text kept, the terminal restored) instead of the signal
        // killing the process mid-screen.
        signal(SIGXFSZ, SIG_IGN)
        // A TZ that names no zone is read as UTC by the C library without a word: say so.
        let zone = SystemTimeZone.environment
        if let warning = SystemTimeZone.warning(tz: zone.tz, zoneFolder: zone.zoneFolder) { Session.printError("journeywalk: " + warning) }
        // A reader that goes away (`journeywalk report --all | head -1`) makes a write fail with EPIPE
        // instead of the signal killing the process at any point; `finish` then ends it quietly by
        // SIGPIPE, as Unix tools end. journeywalk starts no other programs, so none inherits this.
        signal(SIGPIPE, SIG_IGN)
        // As ArgumentParser's own `main`, but with its help and messages written through the checked streams.
        var status: Int32 = 0
        do {
            if let walk = WalkRequest.plainForm(CommandLine.arguments) {
                try walk.run()
            } else {
                var command = try parseAsRoot(nil)
                try command.run()
            }
        } catch {
            status = exitCode(for: error).rawValue
            let text = fullMessage(for: error, columns: nil)
            if !text.isEmpty {
                if status == 0 { StandardStreams.write(text + "\n", what: "the help") } else { StandardStreams.writeError(text) }
            }
        }
        Glibc.exit(finish(status))
    }

    /// The exit status once standard output is checked: a write that failed is named on standard
    /// error (status 1 unless the command already failed); a closed pipe ends the process by SIGPIPE.
    static func finish(_ status: Int32) -> Int32 {
        // Nothing should go through the C library's buffer, but whatever did is flushed and checked too.
        if fflush(nil) != 0 { StandardStreams.keepOutputFailure(code: errno == 0 ? EIO : errno) }
        guard let failure = StandardStreams.outputFailure else { return status }
        if failure.code == EPIPE {
            signal(SIGPIPE, SIG_DFL)
            var pipe = sigset_t()
            sigemptyset(&pipe)
            sigaddset(&pipe, SIGPIPE)
            sigprocmask(SIG_UNBLOCK, &pipe, nil)
            raise(SIGPIPE)
            return 128 + SIGPIPE
        }
        StandardStreams.writeError("journeywalk: " + failure.message)
        return status == 0 ? 1 : status
    }

    func run() throws {
        let locations = data.locations
        Session.openWalks(locations)
        var home = Self.home(locations)
        let terminal = try Session.openTerminal()
        while true {
            guard let choice = HomeRunner().run(home.state, terminal: terminal) else {
                try terminal.closeAfterScreen()
                return
            }
            switch choice {
            case .journey(_, _, let path, _, _):
                // The journey the list was made from: no second parse, and no error printed over the screen.
                guard let loaded = home.journeys[path] else {
                    try terminal.closeAfterScreen()
                    return
                }
                try Session.walk(loaded, details: .init(), locations: locations, terminal: terminal)
            case .sample(let id, _, _, _):
                // As `journeywalk walk ID` finds it: the sample built into this binary, walked as it is.
                guard let found = JourneyCatalog(folders: [], includesSamples: true).others(excluding: []).first(where: { $0.loaded.journey.id == id }) else {
                    try terminal.closeAfterScreen()
                    return
                }
                try Session.walk(found.loaded, details: .init(), locations: locations, terminal: terminal)
            case .unfinished(let path, _, _, _, _):
                try Session.resume(path: path, terminal: terminal)
            case .assignment(let id, _, _, _, _, _):
                // As `journeywalk walk --assignment ID`: its journey, location and window, offline.
                let (loaded, assignment): (LoadedJourney, TeamAssignment)
                do {
                    (loaded, assignment) = try Session.assignment(id, locations: locations)
                } catch {
                    terminal.close()
                    throw error
                }
                try Session.walk(loaded, details: .init(role: .shopper, location: assignment.location), locations: locations, terminal: terminal,
                                 assignment: assignment.walkAssignment)
            case .returned(let returned):
                // As `journeywalk resume WALK`: reopened (when still submitted), with the reviewer's comments.
                let review: ReviewTrail?
                do {
                    let file = try LoadedWalk.load(path: returned.path)
                    review = try Session.reopenIfReturned(file, locations: locations).review
                } catch {
                    terminal.close()
                    throw Session.fail("\(error)")
                }
                try Session.resume(path: returned.path, review: review, terminal: terminal)
            case .review:
                // As `journeywalk review`: the first frame from the index as it is, the files checked right after.
                let source = Review.source(locations: locations, folder: locations.walks, refreshLater: true)
                let list = Review.list(source, upToDate: false)
                var runner = Review.listRunner(locations: locations, settings: ExportSettings(), source: source)
                if source.refreshPending { runner.freshList = { Review.freshList(source) } }
                runner.run(list: list, terminal: terminal)
                try terminal.closeAfterScreen()
            case .installSamples(let folder, _):
                let installed = Result { () throws(FileError) in try SampleInstaller.install(into: folder) }
                home = Self.home(locations)
                switch installed {
                case .success(let outcomes):
                    home.state.note(SampleInstaller.report(outcomes, folder: folder).last ?? "")
                case .failure(let error):
                    home.state.note("Cannot install the sample journeys: \(error)", failed: true)
                }
                continue
            case .broken:
                try terminal.closeAfterScreen()
            }
            return
        }
    }

    /// The home screen's items: the walks the team's reviewer returned, the journeys found (or,
    /// when there are none, the built-in samples and the offer to install them), the unfinished
    /// walks, review, and the journey files with problems; with the journeys by path.
    static func home(_ locations: DataLocations) -> (state: HomeState, journeys: [String: LoadedJourney]) {
        let catalog = JourneyCatalog(folders: locations.journeyFolders)
        // The team's reviews, read from the files `pull` wrote: no connection is made.
        let returned = Session.returnedItems(in: locations)
        var items: [HomeState.Item] = returned.items + Session.assignmentItems(in: locations)
        var broken: [HomeState.Item] = []
        var journeys: [String: LoadedJourney] = [:]
        for entry in catalog.entries() {
            switch entry.result {
            case .success(let loaded):
                let journey = loaded.journey
                journeys[entry.path] = loaded
                items.append(.journey(id: journey.id, title: journey.title, path: entry.path, stages: journey.stages.count, touchpoints: journey.touchpointCount))
            case .failure(let error):
                let count = error.problems.count
                broken.append(.broken(path: entry.path, problem: Counted.text(count, "problem")))
            }
        }
        if !items.contains(where: { if case .journey = $0 { return true } else { return false } }) {
            // No journey file: the samples built in are walked as they are (as `walk ID` does), or installed to edit.
            for sample in JourneyCatalog(folders: [], includesSamples: true).others(excluding: []) {
                let journey = sample.loaded.journey
                items.append(.sample(id: journey.id, title: journey.title, stages: journey.stages.count, touchpoints: journey.touchpointCount))
            }
            if SampleInstaller.count > 0 { items.append(.installSamples(folder: locations.home + "/journeys", count: SampleInstaller.count)) }
        }
        let unfinished = Session.unfinishedItems(in: locations)
        items += unfinished.items
        items.append(.review(walks: unfinished.walks, unreadable: unfinished.unreadable))
        items += broken
        var state = HomeState(items: items)
        // The team's queue, read from its folder only: no connection is made.
        state.teamWaiting = TeamFiles(locations).waiting().count
        state.teamInReview = returned.inReview
        return (state, journeys)
    }
}

/// The `--data-dir` option every command shares.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Folder for walks and your own journeys (default: $JOURNEYWALK_HOME, else $XDG_DATA_HOME/journeywalk, else ~/.local/share/journeywalk).", valueName: "folder"))
    var dataDir: String?

    var locations: DataLocations {
        DataLocations.resolve(dataDir: dataDir, environment: Session.environment)
    }
}
