import ArgumentParser
import Foundation
import JourneyKit
import JourneyReports
import JourneyStore

extension ActionsReport.Format: ExpressibleByArgument {}

struct ActionsSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "List the actions of every walk (open ones by default, overdue first), or close one.",
        usage: """
            journeywalk actions [--owner <name>] [--status <status>] [--format <format>] [--data-dir <folder>]
            journeywalk actions done|drop <id> [--data-dir <folder>]
            """,
        discussion: """
            Actions are added on the walk screen (A). `journeywalk actions done ID` and `drop ID` close one: a record is \
            appended to the walk file it came from (also for a finished or submitted walk), with the walk locked as a \
            resume would; a walk open in another journeywalk is refused. ID is an action id or a unique start of one.

            Each walk counts once: when several files hold the same walk (a file sync tool's conflict copy), the one \
            named after the walk (ID.jsonl) is kept, else the first by name; the actions of each other copy are left \
            out, the copy is named on standard error and the exit status is 1 (as compare and report do), and \
            `done`/`drop` write to the kept file only. A walk file that cannot be read is named the same way.

            The actions of team copies (walks of other members, written by `journeywalk pull` into \
            team/walks/AUTHOR/) are listed too, marked `team: AUTHOR`; they are read-only: `done`/`drop` refuse them.

            Listing (`actions` is `actions list`):
              --owner <name>          \(ActionsList.ownerHelp)
              --status <status>       \(ActionsList.statusHelp) (default: open)
              -f, --format <format>   \(ActionsList.formatHelp) (default: text)
            """,
        subcommands: [ActionsList.self, ActionsDone.self, ActionsDrop.self],
        defaultSubcommand: ActionsList.self
    )

    /// Today in the local time zone (honouring TZ), for overdue and for nothing else.
    static var today: CalendarDay {
        var seconds = time_t(Date().timeIntervalSince1970)
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return CalendarDay(Date(), secondsFromGMT: 0) }
        return CalendarDay(Date(), secondsFromGMT: parts.tm_gmtoff)
    }
}

/// Which actions to list by status.
enum ActionStatusFilter: String, CaseIterable, ExpressibleByArgument {
    case open, done, dropped, all
}

struct ActionsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List actions across all walks: open ones by default, overdue first, with the walk and touchpoint each came from."
    )

    // Said here and in `actions --help`, which lists them too.
    static let ownerHelp = "Only actions of this owner (any case and spacing)."
    static let statusHelp = "open, done, dropped or all."
    static let formatHelp = "text, csv or json."

    @Option(help: ArgumentHelp(ownerHelp, valueName: "name"))
    var owner: String?

    @Option(help: ArgumentHelp(statusHelp))
    var status: ActionStatusFilter = .open

    @Option(name: .shortAndLong, help: ArgumentHelp(formatHelp))
    var format: ActionsReport.Format = .text

    @OptionGroup var data: DataOptions

    func run() throws {
        let locations = data.locations
        Session.openWalks(locations)
        let (listings, errors, copies) = ActionLedger(folder: locations.walks, team: TeamFiles(locations)).load()
        for error in errors { Session.printError("journeywalk: " + error.description) }
        for copy in copies { Session.printError("journeywalk: " + copy.problem) }
        let chosen = listings.filter { listing in
            (status == .all || listing.action.status.rawValue == status.rawValue)
                && (owner.map { listing.isOwned(by: $0) } ?? true)
        }
        let today = ActionsSubcommand.today
        let ordered = ActionListing.ordered(chosen, today: today)
        if format == .text, ordered.isEmpty {
            let which = status == .all ? "" : status.rawValue + " "
            Session.say("No \(which)actions" + (owner.map { " for \(TerminalText.sanitize($0))" } ?? "") + " in \(TerminalText.sanitize(locations.walks)).")
        } else {
            StandardStreams.write(ActionsReport.render(ordered, as: format, today: today), what: "the actions")
            if format == .text {
                let overdue = ordered.filter { $0.isOverdue(today: today) }.count
                Session.say("\(Counted.text(ordered.count, "action"))" + (overdue > 0 ? ", \(overdue) overdue" : "")
                    + ". Close one with: journeywalk actions done ID (or drop ID).")
            }
        }
        if !errors.isEmpty || !copies.isEmpty { throw ExitCode(1) }
    }
}

/// `actions done ID` and `actions drop ID` share this.
enum ActionClosing {
    static func close(_ reference: String, as status: ActionStatus, locations: DataLocations) throws {
        Session.openWalks(locations)
        do {
            let (listing, changed) = try ActionLedger(folder: locations.walks, team: TeamFiles(locations)).close(reference, as: status, at: Date())
            let action = listing.action
            let what = "\(action.id) \(TerminalText.sanitize(action.text)) (\(TerminalText.sanitize(action.owner)))"
            if changed {
                Session.say("Action \(what) is \(status.rawValue) now; recorded in walk \(TerminalText.sanitize(listing.walkID)).")
            } else {
                Session.say("Action \(what) was already \(status.rawValue); nothing changed.")
            }
        } catch .copy(let copy) {
            throw Session.fail(CommandHint.refusal(copy, locations: locations, environment: Session.environment))
        } catch .teamCopy(let copy) {
            throw Session.fail(copy.description)
        } catch {
            throw Session.fail(error.description + "; nothing was changed")
        }
    }
}

struct ActionsDone: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark an action done (appended to its walk file).")

    @Argument(help: "The action's id, or a unique start of it.")
    var id: String

    @OptionGroup var data: DataOptions

    func run() throws { try ActionClosing.close(id, as: .done, locations: data.locations) }
}

struct ActionsDrop: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "drop", abstract: "Drop an action: it will not be done (appended to its walk file).")

    @Argument(help: "The action's id, or a unique start of it.")
    var id: String

    @OptionGroup var data: DataOptions

    func run() throws { try ActionClosing.close(id, as: .dropped, locations: data.locations) }
}
