import ArgumentParser
import Foundation
import JourneyKit
import JourneyStore

struct SubmitSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a finished walk: it is read-only from then on.",
        discussion: "WALK is a walk file, a walk id or the start of one. The walk must be finished (q, then f: the final check lists what is missing). A submitted walk cannot be resumed, changed or submitted again; review and reports show it as submitted. Another copy of a walk (a file sync tool's conflict copy, which compare and reports leave out) is never submitted or changed. With a team configured (journeywalk team connect), the walk is pushed to the team's server; when the server cannot be reached it waits in the queue for journeywalk push."
    )

    @Argument(help: "A walk file, walk id or unique id prefix.")
    var walk: String

    @OptionGroup var data: DataOptions

    func run() throws {
        let locations = data.locations
        Session.openWalks(locations)
        let path: String
        do {
            path = try WalkFileCatalog(locations).path(of: walk)
        } catch {
            throw Session.fail(error.description)
        }
        let submitted: Walk
        do {
            submitted = try WalkSubmission.submit(path: path, at: Date())
        } catch .copy(let copy) {
            throw Session.fail(CommandHint.refusal(copy, locations: locations, environment: Session.environment))
        } catch .teamCopy(let copy) {
            throw Session.fail(copy.description)
        } catch {
            throw Session.fail(error.description)
        }
        Session.say("Walk submitted: \(path)")
        Session.say("Walk \(submitted.header.walkID) is read-only from now on · \(submitted.summary.line)")
        try Self.pushToTeam(submitted.header.walkID, locations: locations)
    }

    /// With a team configured, the submitted walk is queued and pushed; when the server cannot be
    /// reached it waits in the queue (the team program says so) and `submit` still succeeds.
    static func pushToTeam(_ walkID: String, locations: DataLocations) throws {
        let team = TeamFiles(locations)
        guard team.isConfigured else { return }
        do { try team.queue(walkID) } catch { throw Session.fail("the walk was submitted but not queued for the team: \(error.description)") }
        guard let status = TeamLauncher.run(["push", walkID, "--data-dir", locations.home]) else {
            throw Session.fail("the walk waits in the team's queue: " + TeamLauncher.missing)
        }
        if status != 0, status != 75 { throw ExitCode(status) }
    }
}
