import ArgumentParser
import Foundation
import JourneyKit
import JourneyStore
import WalkUI

struct ResumeSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue an unfinished walk exactly where it stopped, or reopen a complete one to correct it.",
        discussion: "WALK is a walk file, a walk id or the start of one. Without it, the unfinished walk is resumed (or, when there are several, chosen from a list); another copy of a walk (a file sync tool's conflict copy) is never listed or resumed: delete it, or compare it with `journeywalk diff` first. A complete walk (finished, not submitted) named by WALK opens to be corrected: every change is saved, u takes back changes made before it was left, and q f finishes it again. A submitted walk is refused."
    )

    @Argument(help: "A walk file, walk id or unique id prefix.")
    var walk: String?

    @Flag(help: "Continue line by line, one command a line, as `journeywalk walk --plain` does. Always on when TERM=dumb.")
    var plain = false

    @OptionGroup var data: DataOptions

    func run() throws {
        let locations = data.locations
        Session.openWalks(locations)
        // Chosen once there is a walk to resume, so "no such walk" is said first.
        func display() throws -> WalkDisplay {
            try WalkDisplay.choose(
                plain: plain, command: WalkDisplay.commandLine(["journeywalk", "resume"] + (walk.map { [$0] } ?? [])), environment: Session.environment)
        }
        if let walk {
            let file: LoadedWalk
            do {
                file = try WalkFileCatalog(locations).find(walk)
            } catch {
                throw Session.fail(error.description)
            }
            if let copy = TeamCopy.at(file.path) { throw Session.fail(copy.description) }
            // Refused as they are before the display is chosen: another copy of a walk (compare and
            // reports leave it out) and a submitted walk are not resumed in either.
            if let copy = WalkFileCatalog.copy(path: file.path, walkID: file.walkID) {
                throw Session.fail(CommandHint.refusal(copy, locations: locations, environment: Session.environment))
            }
            // A walk the team's reviewer returned opens again for corrections (SPEC 8.3), with the
            // reviewer's comments; any other submitted walk is refused.
            let review: ReviewTrail?, reopened: Bool
            do {
                (review, reopened) = try Session.reopenIfReturned(file, locations: locations)
            } catch {
                throw Session.fail(error.description)
            }
            if reopened, let review {
                let due = review.openReturn?.due.map { ", corrections due \(ReaderTime.minute($0))" } ?? ""
                Session.printError("journeywalk: walk \(file.walkID) was returned by \(TerminalText.sanitize(review.openReturn?.by ?? "the reviewer"))\(due): it is open again; submit it when corrected (revision \(file.walk.revision + 1))")
            }
            if try display() == .plain {
                try Session.resumePlain(path: file.path, review: review)
                return
            }
            try Session.resume(path: file.path, review: review)
            return
        }
        let (items, _, _, copies) = Session.unfinishedItems(in: locations)
        guard let first = items.first else {
            throw Session.fail("no unfinished walks in \(locations.walks); start one with `journeywalk walk JOURNEY`")
        }
        if try display() == .plain {
            // Said on a screen of lines only: the full screen would draw over it.
            for copy in copies { Session.printError("journeywalk: " + copy.problem) }
            try Session.resumePlain(path: try Session.onlyUnfinished(items))
            return
        }
        let terminal = try Session.openTerminal()
        let choice = items.count == 1 ? first : HomeRunner().run(HomeState(items: items), terminal: terminal)
        guard case .unfinished(let path, _, _, _, _)? = choice else {
            terminal.close()
            return
        }
        try Session.resume(path: path, terminal: terminal)
    }
}
