import ArgumentParser
import CursesTerminal
import Foundation
import JourneyIndex
import JourneyKit
import JourneyStore
import WalkUI

/// The glue between commands, the store and the screens: open the terminal, run a walk, report the result.
enum Session {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The word that runs this journeywalk from the user's shell, for commands printed to paste:
    /// `journeywalk` once installed on the PATH, else this binary's path (`CommandHint.program`).
    static var program: String {
        // As started when it names a folder (`./journeywalk`, `.build/debug/journeywalk`), else the
        // file the system ran.
        let typed = CommandLine.arguments.first ?? ""
        let executable = typed.contains("/") ? typed
            : (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? typed
        return CommandHint.program(executable: executable, environment: environment)
    }

    /// Prints an error to standard error and returns the exit status to throw.
    static func fail(_ message: String) -> ExitCode {
        printError("journeywalk: " + message)
        return ExitCode(1)
    }

    /// Writes to standard error, each line sanitized and cut to a readable length; never fails.
    static func printError(_ text: String, terminator: String = "\n") {
        StandardStreams.writeError(text, terminator: terminator)
    }

    /// Writes to standard output; a failure is kept and ends the command (see `StandardStreams`).
    static func say(_ text: String, terminator: String = "\n") {
        StandardStreams.write(text + terminator)
    }

    /// The walk files that references name (paths, ids or unique id prefixes), each once, in the
    /// order given; a reference that names none is said on stderr and counted.
    static func walkPaths(_ references: [String], in library: WalkFileCatalog) -> (paths: [String], unknown: Int) {
        var paths: [String] = []
        var seen = Set<String>()
        var unknown = 0
        for reference in references {
            do {
                let path = try library.path(of: reference)
                if seen.insert(PosixFile.absolute(path)).inserted { paths.append(path) }
            } catch {
                unknown += 1
                printError("journeywalk: " + error.description)
            }
        }
        return (paths, unknown)
    }

    static func openTerminal(theme: Theme = .dark) throws -> CursesTerminal {
        do {
            return try CursesTerminal.open(environment: environment, theme: theme)
        } catch {
            throw fail(error.description)
        }
    }

    /// Loads a journey by path or id, printing every problem as FILE:LINE:COLUMN: message.
    static func loadJourney(_ reference: String, catalog: JourneyCatalog) throws -> LoadedJourney {
        do {
            return try catalog.find(reference)
        } catch {
            for problem in error.problems { printError(problem.description) }
            throw ExitCode(1)
        }
    }

    /// The unfinished walks as home-screen items, most recent first, each walk once (another copy
    /// of a walk is left out: nothing is written to it); with the number of walks and the copies.
    /// Read from the walk index (the walk files when it cannot be used), not by opening every walk.
    static func unfinishedItems(in locations: DataLocations) -> (items: [HomeState.Item], walks: Int, unreadable: Int, copies: [WalkCopy]) {
        let found = Review.source(locations: locations, folder: locations.walks).unfinished()
        let items = found.drafts.map { walk -> HomeState.Item in
            let summary = walk.summary
            let total = summary.magic + summary.neutral + summary.misery + summary.skipped + summary.unrecorded
            return .unfinished(
                path: walk.path, title: walk.journeyTitle, started: localMinute(walk.visitStart),
                recorded: total - summary.unrecorded, total: total)
        }
        return (items, found.walks, found.unreadable, found.copies)
    }

    /// The member's own walks that the team's reviewer returned for corrections (SPEC 8.3), as the
    /// last `pull` fetched their reviews, as home-screen items; with how many submitted walks wait
    /// for review. Read from the pulled review files and the returned walks' own files, never the network.
    static func returnedItems(in locations: DataLocations, now: Date = Date()) -> (items: [HomeState.Item], inReview: Int) {
        var items: [HomeState.Item] = []
        var inReview = 0
        for (walkID, trail) in TeamFiles(locations).ownReviewTrails().sorted(by: { $0.key < $1.key }) {
            if trail.state?.awaitsReview == true { inReview += 1 }
            guard trail.state == .returned, let open = trail.openReturn else { continue }
            // Returned for the revision this machine has: once submitted again, it waits for review.
            let path = locations.walks + "/" + walkID + ".jsonl"
            guard let file = try? LoadedWalk.load(path: path, quickly: true), file.walkID == walkID,
                  file.walk.revision == trail.revision else { continue }
            items.append(.returned(HomeState.ReturnedWalk(
                path: path, title: file.walk.journey.title, reviewer: open.by, due: open.due, dueText: open.due.map(localMinute),
                late: open.due.map { $0 < now } ?? false)))
        }
        return (items, inReview)
    }

    /// The pulled review of one of the member's own walks while it stands returned for the revision
    /// in the file (its comments go to the walk screen); nil for any other walk.
    static func returnedReview(of file: LoadedWalk, locations: DataLocations) -> ReviewTrail? {
        guard file.walk.revision > 0, TeamCopy.at(file.path) == nil,
              let review = TeamFiles(locations).ownReviewTrail(walkID: file.walkID),
              review.state == .returned, review.revision == file.walk.revision else { return nil }
        return review
    }

    /// Why a walk was not opened again: the message to print (once the screen is closed).
    struct Refused: Error, CustomStringConvertible {
        var description: String
    }

    /// Opens a returned walk again for corrections when it is still submitted (the `reopen` record,
    /// SPEC 8.3), as `resume WALK` and the home screen do; a submitted walk that is not returned is
    /// refused, saying where it stands with the team. Returns its review (nil for a walk never
    /// submitted) and whether it was reopened now. Prints nothing.
    static func reopenIfReturned(_ file: LoadedWalk, locations: DataLocations) throws(Refused) -> (review: ReviewTrail?, reopened: Bool) {
        let review = returnedReview(of: file, locations: locations)
        guard let submitted = file.walk.submitted else { return (review, false) }
        guard let review else {
            let standing = TeamFiles(locations).ownReviewTrail(walkID: file.walkID)?.state.map {
                "; it is \($0.label) with the team" + ($0 == .returned ? "" : ", and opens again only when a reviewer returns it (journeywalk pull fetches that)")
            } ?? ""
            throw Refused(description: WalkSubmission.Refusal.submitted(walkID: file.walkID, path: file.path, at: submitted).description + standing)
        }
        do {
            _ = try WalkSubmission.reopen(path: file.path, at: Date())
        } catch {
            throw Refused(description: error.description)
        }
        return (review, true)
    }

    /// A time as the user reads it: local time (honouring TZ) to the minute, `2026-11-22 11:15`.
    static func localMinute(_ date: Date) -> String { ReaderTime.minute(date) }

    /// The member's assignments of the last pull, overdue first, leaving out those already started
    /// on this machine (the walk is then listed to resume, or was finished).
    static func assignmentItems(in locations: DataLocations) -> [HomeState.Item] {
        let files = TeamFiles(locations)
        let pulled = files.pulledAssignments().filter { !$0.cancelled }
        guard !pulled.isEmpty else { return [] }
        let walked = files.startedAssignments()
        let today = ReaderTime.today
        return TeamAssignment.homeOrder(pulled.filter { !walked.contains($0.id) }, today: today).map { a in
            .assignment(id: a.id, title: a.journeyTitle, location: a.location, due: a.due, window: a.window, overdue: a.isOverdue(today: today))
        }
    }

    /// A pulled assignment of the team and its journey (SPEC 8.4), read offline from `team/`.
    static func assignment(_ id: Int64, locations: DataLocations) throws -> (LoadedJourney, TeamAssignment) {
        let files = TeamFiles(locations)
        guard let assignment = files.pulledAssignments().first(where: { $0.id == id }) else {
            throw fail("no assignment \(id) among yours of the last pull (\(files.assignmentsFile)): journeywalk pull, then journeywalk assignments --mine")
        }
        do {
            return (try files.journey(of: assignment), assignment)
        } catch {
            throw fail("assignment \(id): the journey \(assignment.journeyCopy): \(error.description); journeywalk pull fetches it again")
        }
    }

    /// Runs a new walk of a journey on an open terminal and reports where it was saved.
    static func walk(_ loaded: LoadedJourney, details: WalkDetails, locations: DataLocations, terminal: CursesTerminal, statedStart: Date? = nil,
                     assignment: WalkAssignment? = nil) throws {
        let recorder = WalkFileRecorder(loaded: loaded, walksFolder: locations.walks, statedStart: statedStart, assignment: assignment)
        let state = Session.newWalk(loaded, details: details, statedStart: statedStart)
        if let assignment { TeamFiles(locations).markStarted(assignment.id) }
        let outcome = WalkRunner(readEvidence: readEvidence).run(state, terminal: terminal, recorder: recorder)
        terminal.close()
        try report(outcome, path: recorder.writer?.path)
    }

    /// Reads a file to attach as evidence (`a`, `attach PATH`): `~/` is the home folder, a relative
    /// path is taken from the current folder.
    static func readEvidence(_ path: String, progress: EvidenceProgress) throws -> Evidence {
        try EvidenceFile.inspect(path, home: environment["HOME"], progress: progress)
    }

    /// Opens a walk to continue it: locked first, then read; a submitted walk (read-only) is
    /// refused with a message naming the walk. A complete walk opens to be corrected. Prints
    /// nothing; throws the exit.
    static func openToContinue(path: String) throws -> (writer: WalkFileWriter, file: LoadedWalk) {
        do {
            return try WalkSubmission.openForWriting(path: path)
        } catch {
            throw fail(error.description)
        }
    }

    /// Continues an unfinished walk from its file. The walk is opened for writing (and locked)
    /// before the screen opens, so a walk busy elsewhere (or submitted) is refused with the terminal
    /// untouched; pass `terminal` when a screen is already up (it is closed before any message).
    /// `review`: the pulled review of a returned walk, whose comments the walk screen shows.
    static func resume(path: String, review: ReviewTrail? = nil, terminal openTerminal: CursesTerminal? = nil) throws {
        let file: LoadedWalk
        let writer: WalkFileWriter
        do {
            (writer, file) = try openToContinue(path: path)
        } catch {
            openTerminal?.close()
            throw error
        }
        if WorkshopState.isWorkshop(file.walk), file.walk.isFinished {
            writer.close()
            openTerminal?.close()
            throw fail("\(path): workshop \(file.walkID) is complete; its summary is in `journeywalk review`")
        }
        let terminal = try openTerminal ?? Session.openTerminal()
        let recorder = WalkFileRecorder(resuming: writer)
        let outcome: WalkOutcome
        if WorkshopState.isWorkshop(file.walk) {
            let state = WorkshopState(resuming: file.walk, warnings: file.warnings.map(\.short), now: Date())
            outcome = WorkshopRunner().run(state, terminal: terminal, recorder: recorder)
        } else {
            var state = Session.leaderReady(WalkState(resuming: file.walk, events: file.events, warnings: file.warnings.map(\.short), now: Date()))
            if let review { state.showReview(review) }
            outcome = WalkRunner(readEvidence: readEvidence).run(state, terminal: terminal, recorder: recorder)
        }
        writer.close()
        terminal.close()
        for warning in file.warnings { printError("warning: \(warning)") }
        try report(outcome, path: path)
    }

    /// Says where the walk was saved, or how to resume it (with `--plain` after a plain walk); prints
    /// text that could not be saved, and exits non-zero after a signal or with such text.
    static func report(_ outcome: WalkOutcome, path: String?, plain: Bool = false) throws {
        if !outcome.unsaved.isEmpty { keepUnsaved(outcome) }
        guard let walk = outcome.walk, let path else {
            say("Walk not started; nothing was saved.")
            if let signal = outcome.signal { throw ExitCode(128 + signal) }
            return
        }
        if outcome.finished {
            say("Walk saved: \(path)")
        } else if walk.isFinished {
            say("Walk saved, still complete (reopened and corrected): \(path)")
        } else {
            say("Walk paused (not finished): \(path)")
            say("Resume it with: " + CommandHint.resume(walkPath: path, walkID: walk.header.walkID, environment: environment) + (plain ? " --plain" : ""))
        }
        say(walk.summary.line)
        if let signal = outcome.signal {
            printError("journeywalk: stopped by \(signalName(signal)); everything acknowledged is saved")
            throw ExitCode(128 + signal)
        }
        if !outcome.unsaved.isEmpty { throw ExitCode(1) }
    }

    /// Typed text that could not be written to the walk file: printed to standard error, to copy,
    /// and written to a private file in the temporary folder when that works (a full data disk is
    /// often not the disk of /tmp).
    static func keepUnsaved(_ outcome: WalkOutcome) {
        let titles = Dictionary(outcome.walk?.steps.map { ($0.touchpoint.id, $0.touchpoint.title) } ?? [], uniquingKeysWith: { first, _ in first })
        var text = ""
        for (key, note) in outcome.unsaved.sorted(by: { $0.key.order < $1.key.order }) {
            let field = key.field == .note ? "" : ", \(key.field.label)"
            text += "--- \(titles[key.touchpoint] ?? key.touchpoint) (\(key.touchpoint)\(field))\n\(note)\n"
        }
        let walkID = outcome.walk?.header.walkID ?? "walk"
        let folder = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let saved = try? PosixFile.createPrivate(Array(text.utf8), in: folder, prefix: "journeywalk-unsaved-\(walkID)")
        printError("journeywalk: text you typed could not be written to the walk file; here it is, to copy:")
        StandardStreams.writeErrorUncut(text)
        // The summary comes last, so it is on screen even after a long text.
        printError("journeywalk: the text above could not be written to the walk file" + (saved.map { "; a copy is in \($0)" } ?? ""))
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP (the terminal closed)"
        default: return "signal \(signal)"
        }
    }
}

extension CursesTerminal {
    /// Closes the screen; when a signal ended it, exits with 128 + the signal, as a shell expects.
    func closeAfterScreen() throws {
        close()
        if let signal = receivedSignal { throw ExitCode(128 + signal) }
    }
}

extension Session {
    /// The state of a new walk at its briefing, ready for the leader's panels. A visit entered
    /// afterwards is shown in the zone its header will record (`TZ` at the visit's start, which
    /// for a POSIX rule may differ from today's); otherwise the zone is looked up when a time is
    /// first typed or shown, not before the first frame.
    static func newWalk(_ loaded: LoadedJourney, details: WalkDetails, statedStart: Date?) -> WalkState {
        var state = leaderReady(WalkState(journey: loaded.journey, details: details, now: Date(), statedStart: statedStart))
        if let statedStart { state.timeZone = SystemTimeZone.current.zone.timeZone(at: statedStart) }
        return state
    }

    /// A walk state ready for the leader's panels: new action ids are random (the recorder names the
    /// ids in use), and due dates (`fri`, `+7d`) count in the local time zone.
    static func leaderReady(_ state: WalkState) -> WalkState {
        var state = state
        var seconds = time_t(Date().timeIntervalSince1970)
        var parts = tm()
        if localtime_r(&seconds, &parts) != nil { state.secondsFromGMT = parts.tm_gmtoff }
        state.actionIDs = ActionIDs(seed: UInt64.random(in: .min ... .max))
        return state
    }
}
