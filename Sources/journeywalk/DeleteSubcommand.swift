import ArgumentParser
import Glibc
import JourneyKit
import JourneyStore

struct DeleteSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Move walks to the trash ($JOURNEYWALK_HOME/trash), from where `journeywalk restore` brings them back.",
        discussion: """
            WALK is a walk file in the walks folder, a walk id or the start of one. Asks before moving anything \
            when standard input is a terminal; otherwise --yes is needed. A walk open for writing in another \
            journeywalk is refused. Nothing is ever removed: empty the trash by removing its files yourself.
            """
    )

    @Argument(help: "The walks to delete: files, ids or unique id prefixes.")
    var walks: [String]

    @Flag(name: [.short, .long], help: "Do not ask; needed when standard input is not a terminal.")
    var yes = false

    @OptionGroup var data: DataOptions

    func validate() throws {
        guard !walks.isEmpty else { throw ValidationError("name the walks to delete (`journeywalk review` lists them)") }
    }

    func run() throws {
        let locations = data.locations
        let library = WalkFileCatalog(locations)
        let (paths, unknown) = Session.walkPaths(walks, in: library)
        guard unknown == 0 else { throw Session.fail("nothing was moved to the trash") }
        // Before anything is asked: a team copy is pulled, never deleted here.
        for path in paths { if let copy = TeamCopy.at(path) { throw Session.fail(copy.description) } }
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                throw Session.fail("standard input is not a terminal, so there is no one to ask: add --yes to move \(paths.count == 1 ? "the walk" : "the walks") to the trash")
            }
            for path in paths { Session.say("  " + Self.describe(path)) }
            Session.say("Move \(paths.count == 1 ? "this walk" : "these \(paths.count) walks") to the trash (\(TerminalText.sanitize(WalkTrash(locations: locations).folder)))? [y/N] ", terminator: "")
            let answer = (readLine() ?? "").lowercased()
            guard answer == "y" || answer == "yes" else {
                Session.say("Nothing was moved.")
                return
            }
        }
        let trash = WalkTrash(locations: locations)
        var failed = 0
        for path in paths {
            do {
                let moved = try trash.delete(path)
                let id = PosixFile.stem(of: moved)
                Session.say("Moved to the trash: \(TerminalText.sanitize(path)) → \(TerminalText.sanitize(moved))")
                Session.say("  bring it back with: " + CommandHint.command(["restore", id], locations: locations, environment: Session.environment))
            } catch {
                failed += 1
                Session.printError("journeywalk: " + error.description)
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }

    /// One line about a walk: id, journey, location, start, progress; or why it does not load.
    static func describe(_ path: String) -> String {
        guard let file = try? LoadedWalk.load(path: path) else {
            return "\(TerminalText.sanitize(PosixFile.stem(of: path)))  (not a readable walk file: \(TerminalText.sanitize(path)))"
        }
        let walk = file.walk
        let summary = walk.summary
        let parts = [walk.journey.title, walk.header.details.operator, walk.header.details.location, "started " + Session.localMinute(walk.header.started)]
            .filter { !$0.isEmpty }.map(TerminalText.sanitize)
        let progress = "\(walk.steps.count - summary.unrecorded)/\(walk.steps.count) recorded" + (walk.isFinished ? "" : ", unfinished")
        return TerminalText.sanitize(walk.header.walkID) + "  " + parts.joined(separator: " · ") + " · " + progress
    }
}

struct RestoreSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Bring walks back from the trash into the walks folder.",
        discussion: "WALK is a walk id, the start of one, or a file in the trash (`journeywalk trash` lists them). A walk of the same name in the walks folder is never replaced."
    )

    @Argument(help: "The walks to restore: ids, unique id prefixes or files in the trash.")
    var walks: [String]

    @OptionGroup var data: DataOptions

    func validate() throws {
        guard !walks.isEmpty else { throw ValidationError("name the walks to restore (`journeywalk trash` lists them)") }
    }

    func run() throws {
        let trash = WalkTrash(locations: data.locations)
        var failed = 0
        for reference in walks {
            do {
                let path = try trash.restore(reference)
                Session.say("Restored: \(TerminalText.sanitize(path))")
            } catch {
                failed += 1
                Session.printError("journeywalk: " + error.description)
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

struct TrashSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trash",
        abstract: "List the walks in the trash.",
        discussion: "The trash is $JOURNEYWALK_HOME/trash (mode 0700). journeywalk never empties it: remove its files yourself when you are sure."
    )

    @OptionGroup var data: DataOptions

    func run() throws {
        let locations = data.locations
        let trash = WalkTrash(locations: locations)
        let paths = WalkFileCatalog(folder: trash.folder).paths
        guard !paths.isEmpty else {
            Session.say("The trash is empty (\(TerminalText.sanitize(trash.folder))).")
            return
        }
        for path in paths { Session.say(DeleteSubcommand.describe(path)) }
        Session.say("")
        Session.say("\(paths.count) walk\(paths.count == 1 ? "" : "s") in \(TerminalText.sanitize(trash.folder)). Bring one back with: "
            + CommandHint.command(["restore", "ID"], locations: locations, environment: Session.environment))
    }
}
