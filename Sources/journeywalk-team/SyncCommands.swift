import ArgumentParser
import Foundation
import JourneyKit
import JourneyStore
import JourneyTeam

struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Send walks to the team's server: the records it does not have, one transaction per walk.",
        discussion: "With no WALK, sends the walks waiting in the queue (submit queues them). Sending again adds nothing twice. A record the server holds with another hash is a divergence: that walk is refused with both versions named, and nothing is overwritten. Exit status 75 when the server cannot be reached (the walks wait in the queue), 1 when a walk was refused."
    )
    @Argument(help: "Walk files, walk ids or unique id prefixes.") var walks: [String] = []
    @Flag(help: "Every finished walk in the data folder.") var all = false
    @Flag(help: "Also walks that are not finished.") var drafts = false
    @OptionGroup var data: DataOptions

    func run() async throws {
        let session = data.session
        let files = session.files
        var paths: [String]
        if !walks.isEmpty {
            paths = try session.walkPaths(walks)
        } else if all {
            paths = WalkFileCatalog(folder: session.locations.walks).paths
        } else {
            paths = []
            for walkID in files.waiting() {
                let path = session.locations.walks + "/" + walkID + ".jsonl"
                if PosixFile.isFile(path) { paths.append(path) } else {
                    note("\(walkID) waits in the queue but its walk file is gone from \(session.locations.walks); left in the queue")
                }
            }
            if paths.isEmpty {
                say("Nothing waits to be pushed (journeywalk push WALK, or --all)")
                return
            }
        }
        // Unfinished walks only with --drafts: named ones are refused, --all leaves them out.
        var pushable: [(path: String, walkID: String)] = []
        var refused = false
        for path in paths {
            guard let loaded = try? LoadedWalk.load(path: path, quickly: true) else {
                note("\(path): not a walk file journeywalk can read; not pushed")
                refused = true
                continue
            }
            // A walk in the queue was queued on purpose (by submit, or a push with --drafts).
            if !loaded.walk.isFinished && !drafts && !(walks.isEmpty && !all) {
                if !walks.isEmpty {
                    note("\(loaded.walkID) is not finished: push it as a draft with --drafts")
                    refused = true
                }
                continue
            }
            pushable.append((path, loaded.walkID))
        }
        guard !pushable.isEmpty else {
            if refused { throw ExitCode(1) }
            say("No finished walk to push (--drafts pushes the others)")
            return
        }
        // Queued before the first byte is sent, and taken off the queue as each is on the server: a
        // push cut short by anything (a kill, a lost connection) leaves the rest waiting.
        do { try files.queue(pushable.map(\.walkID)) } catch { throw TeamError(error.description) }
        let server: TeamConnection
        do throws(TeamError) {
            server = try await session.open()
        } catch {
            if error.status == TeamError.unreachable {
                throw TeamError("\(error.description); \(Counted.text(files.waiting().count, "walk")) wait in the queue: journeywalk push sends them", status: error.status)
            }
            throw error
        }
        var failure: TeamError?
        do throws(TeamError) {
            _ = try await TeamSchema.requireTeam(server)
            // What the server holds of every walk to push, in one question: a walk it holds whole
            // costs nothing more.
            let held = try await TeamPush.onServer(server, walkIDs: pushable.map(\.walkID))
            var pushed: [TeamPush.Outcome] = []
            // Each walk file is read and checked while the one before it is on its way.
            func prepare(_ index: Int) -> Task<Result<TeamPush.Prepared, TeamError>, Never>? {
                guard index < pushable.count else { return nil }
                let path = pushable[index].path
                return Task { () -> Result<TeamPush.Prepared, TeamError> in
                    do throws(TeamError) { return .success(try TeamPush.Prepared(path: path)) } catch { return .failure(error) }
                }
            }
            var upcoming = prepare(0)
            // Taken off the queue together once the loop ends, whichever way (a kill meanwhile
            // leaves them queued: the next push finds them on the server and sends nothing).
            var sent: [String] = []
            var counts = files.pushedCounts()
            defer {
                files.unqueue(sent)
                files.compactPushedLog()
            }
            for (index, walk) in pushable.enumerated() {
                let ready = await upcoming!.value
                upcoming = prepare(index + 1)
                do throws(TeamError) {
                    let outcome = try await TeamPush.push(server, try ready.get(), pushedBefore: counts[walk.walkID], held: .some(held[walk.walkID]))
                    var line = "\(outcome.walkID): "
                    line += outcome.sent == 0 ? "already on the server (\(Counted.text(outcome.already, "record")))"
                        : "sent \(Counted.text(outcome.sent, "record"))" + (outcome.already > 0 ? " (\(outcome.already) already there)" : "")
                    if outcome.evidenceSent > 0 { line += ", \(Counted.text(outcome.evidenceSent, "evidence file"))" }
                    say(line)
                    for text in outcome.notes { note("\(outcome.walkID): \(text)") }
                    let onServer = outcome.sent + outcome.already
                    if counts[outcome.walkID] != onServer {
                        try? files.recordPushed(outcome.walkID, records: onServer)
                        counts[outcome.walkID] = onServer
                    }
                    if outcome.complete { sent.append(outcome.walkID) }
                    pushed.append(outcome)
                } catch {
                    note(error.description)
                    if error.status == TeamError.unreachable {
                        failure = TeamError("the push stopped: \(Counted.text(files.waiting().count, "walk")) wait in the queue: journeywalk push sends them", status: error.status)
                        break
                    }
                    refused = true
                }
            }
            // The scores of the walks pushed (or found there), in one statement, for the team's statistics.
            if failure == nil { try await TeamPush.noteScores(server, pushed) }
        } catch {
            failure = error
        }
        await server.close()
        if let failure { throw failure }
        // A walk refused (named above) fails the command; the others were pushed.
        if refused { throw ExitCode(1) }
    }
}

struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Fetch the team's walks you may read into read-only copies (team/walks/AUTHOR/).",
        discussion: "Incremental, by the server's change number. Your own walks are not fetched, and no walk of yours is changed. A server that knows fewer changes than this machine pulled (restored from a backup) is said, and your walks it pushed before are pushed again."
    )
    @OptionGroup var data: DataOptions

    func run() async throws {
        let session = data.session
        let files = session.files
        try await session.with { server async throws(TeamError) in
            _ = try await TeamSchema.requireTeam(server)
            let outcome = try await TeamPull.pull(server, files: files)
            if let behind = outcome.serverBehind {
                note("the team server knows changes up to \(behind.server) only, but this machine had pulled up to \(behind.had): it was restored from a backup or replaced; everything was pulled again")
            }
            let assigned = try await TeamAssignments.pullMine(server, files: files)
            let lost = try await TeamPull.lostWalks(server, files: files)
            if !lost.isEmpty {
                note("the team server lacks records of \(Counted.text(lost.count, "walk")) of yours that this machine pushed (restored from a backup?): they are pushed again")
            }
            let counts = files.pushedCounts()
            for walkID in lost {
                let path = session.locations.walks + "/" + walkID + ".jsonl"
                guard PosixFile.isFile(path) else {
                    note("\(walkID) is no longer in \(session.locations.walks): not pushed again")
                    continue
                }
                do throws(TeamError) {
                    let pushed = try await TeamPush.push(server, path: path, pushedBefore: counts[walkID])
                    try? files.recordPushed(walkID, records: pushed.sent + pushed.already)
                    say("\(walkID): sent again \(Counted.text(pushed.sent, "record"))")
                } catch {
                    note(error.description)
                }
            }
            if outcome.records == 0 && outcome.walks == 0 && outcome.reviewEvents == 0 {
                say("Nothing new on the team server (change \(outcome.lastChange))")
            } else {
                var parts: [String] = []
                if outcome.records > 0 {
                    parts.append("\(Counted.text(outcome.records, "record")) of \(Counted.text(outcome.walks, "walk")) into \(files.copies)")
                } else if outcome.walks > 0 {
                    parts.append("\(Counted.text(outcome.walks, "released walk")) into \(files.copies)/\(TeamFiles.releasedAuthor)")
                }
                if outcome.reviewEvents > 0 { parts.append("\(Counted.text(outcome.reviewEvents, "review event")) into \(files.reviews)") }
                say("Pulled " + parts.joined(separator: " and ") + " (change \(outcome.lastChange))")
            }
            if assigned > 0 { say("\(Counted.text(assigned, "open assignment")) for you: journeywalk assignments --mine, or the home screen") }
            for (walkID, trail) in files.ownReviewTrails().sorted(by: { $0.key < $1.key }) {
                guard let open = trail.openReturn else { continue }
                say("\(walkID) was returned by \(TerminalText.sanitize(open.by))" + (open.due.map { ", corrections due \(ReaderTime.minute($0))" } ?? "") + ": journeywalk resume \(walkID)")
            }
        }
    }
}

/// Reads a line from the terminal without echoing it; nil without a terminal.
enum Prompt {
    static func secret(_ prompt: String) -> String? {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(fd, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(fd, TCSAFLUSH, &saved)
            _ = write(fd, "\n", 1)
        }
        _ = prompt.withCString { write(fd, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1, byte != 0x0A, bytes.count < 4096 { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check walks' hash chains, and that the team's server holds the same records.",
        discussion: "Per walk: the file's own chain ('chain intact, N records', or the first record whose seq or prev does not match), then the server's copy: the same records, the first record that differs, or how many it lacks. Exit status 1 when a chain breaks or differs, 75 when the server could not be reached."
    )
    @Argument(help: "Walk files, walk ids or unique id prefixes.") var walks: [String]
    @OptionGroup var data: DataOptions

    func run() async throws {
        let session = data.session
        let paths = try session.walkPaths(walks)
        var checks: [WalkChainCheck] = []
        for path in paths {
            do { checks.append(try WalkChainCheck.check(path: path)) } catch { throw TeamError("\(error.path): cannot read the walk file: \(error.reason)") }
        }
        var broken = checks.contains { !$0.isIntact }
        guard session.files.isConfigured else {
            for check in checks { say(TerminalText.sanitize(check.summary)) }
            if broken { throw ExitCode(1) }
            return
        }
        var serverLines: [String: String] = [:]
        var unreachable: TeamError?
        do throws(TeamError) {
            try await session.with { server async throws(TeamError) in
                _ = try await TeamSchema.requireTeam(server)
                for check in checks {
                    let comparison = try await TeamVerify.compare(server, check: check)
                    serverLines[check.path] = comparison.line
                    if !comparison.matches { broken = true }
                }
            }
        } catch {
            if error.status != TeamError.unreachable { throw error }
            unreachable = error
        }
        for check in checks {
            say(TerminalText.sanitize(check.summary))
            if let line = serverLines[check.path] { say(TerminalText.sanitize(line)) }
        }
        if let unreachable { throw TeamError("the team server was not checked: \(unreachable.description)", status: TeamError.unreachable) }
        if broken { throw ExitCode(1) }
    }
}
