import ArgumentParser
import Foundation
import JourneyKit
import JourneyStore
import JourneyTeam

/// `journeywalk queue …`: the agency's review of SPEC 8.3 as commands, for scripts, screen readers
/// and other tools. Each action is one review event that the server checks (role, state) and keeps
/// before the command says it is done.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "The reviewer's queue of submitted walks: list, show, claim, comment, return, approve, release, exclude.",
        discussion: "Without a subcommand, the queue opens full screen (on a terminal; otherwise it is listed as `queue list` lists it).",
        subcommands: [QueueList.self, QueueShow.self, QueueClaim.self, QueueComment.self, QueueReturn.self, QueueApprove.self,
                      QueueRelease.self, QueueExclude.self]
    )

    @Flag(help: "Open on every state, not only the walks to review.") var all = false
    @OptionGroup var data: DataOptions

    func run() async throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            var list = try QueueList.parse(all ? ["--all"] : [])
            list.data = data
            try await list.run()
            return
        }
        try await QueueScreenSession(session: data.session).run(all: all)
    }
}

/// What every queue action needs: the data folder and the walk it names.
struct QueueWalkOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The walk: SHOPPER/WALK-ID, or a walk id (or its start) that names one submitted walk.", valueName: "walk"))
    var walk: String
    @OptionGroup var data: DataOptions
}

extension TeamSession {
    /// Runs `body` with the submitted walk `reference` names, as the server has it now.
    func withQueued<Result>(_ reference: String, _ body: (TeamConnection, TeamReview.Entry) async throws(TeamError) -> Result) async throws(TeamError) -> Result {
        try await with { server async throws(TeamError) in
            _ = try await TeamSchema.requireTeam(server)
            let walk = try await TeamReview.find(server, reference)
            return try await body(server, walk)
        }
    }

    /// The walk as this machine's copy has it, after pulling what is new (the reviewer reads walks
    /// offline from the same copies).
    func reviewedCopy(_ server: TeamConnection, _ walk: TeamReview.Entry) async throws(TeamError) -> (loaded: LoadedWalk, bytes: [UInt8], path: String) {
        _ = try await TeamPull.pull(server, files: files)
        let path = files.copyPath(author: walk.owner, walkID: walk.walkID)
        do {
            let bytes = try PosixFile.read(path)
            return (try LoadedWalk.parse(bytes, path: path), bytes, path)
        } catch let error as FileError {
            throw TeamError("\(walk.reference): the pulled copy cannot be read: \(error.description)")
        } catch let error as WalkLoadError {
            throw TeamError(error.description)
        } catch {
            throw TeamError("\(walk.reference): \(error)")
        }
    }
}

extension TeamSession {
    /// Releases an approved walk to the client: its copy with people's names replaced, from this
    /// machine's pulled copy of it. Returns the copy's name.
    func release(_ server: TeamConnection, _ walk: TeamReview.Entry, withEvidence: Bool) async throws(TeamError) -> String {
        let copy = try await reviewedCopy(server, walk)
        let name = ReleaseName.make(walkID: walk.walkID)
        let released: (bytes: [UInt8], evidence: [String])
        do throws(WalkLoadError) {
            released = try ReleasedCopy.make(copy.bytes, path: copy.path, name: name, includingEvidence: withEvidence)
        } catch {
            throw TeamError(error.description)
        }
        try await TeamReview.release(server, walk: walk, name: name, copy: released.bytes, evidence: released.evidence)
        return name
    }
}

struct QueueList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Submitted walks waiting for review, oldest due first (due: the team's hours to the client after the visit).",
        discussion: "By default the walks to review: submitted, resubmitted and in review. --all adds returned, approved, released and excluded walks.")
    @Flag(help: "Every submitted walk, whatever its state.") var all = false
    @Option(name: .customLong("state"), help: ArgumentHelp("Only walks in these states (repeatable): \(ReviewTrail.State.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "state"))
    var states: [String] = []
    @Option(help: "text or json") var format: OutputFormat = .text
    @OptionGroup var data: DataOptions

    func run() async throws {
        var wanted: Set<ReviewTrail.State>? = all ? nil : [.submitted, .resubmitted, .inReview]
        if !states.isEmpty {
            wanted = []
            for name in states {
                guard let state = ReviewTrail.State(rawValue: name) else {
                    throw TeamError("`\(TerminalText.sanitize(name))` is not a review state: \(ReviewTrail.State.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                wanted?.insert(state)
            }
        }
        let entries = try await data.session.with { server async throws(TeamError) in
            _ = try await TeamSchema.requireTeam(server)
            return try await TeamReview.queue(server, states: wanted)
        }
        if format == .json {
            say(JSONWriter.encode(.array(entries.map(\.json))))
            return
        }
        guard !entries.isEmpty else {
            say(all || !states.isEmpty ? "No submitted walks" : "Nothing to review: no walk is submitted, resubmitted or in review")
            return
        }
        say(QueueTable.text(entries, now: Date()))
    }
}

/// The queue as a table of text, one walk a line.
enum QueueTable {
    static func text(_ entries: [TeamReview.Entry], now: Date) -> String {
        let rows = entries.map { entry -> [String] in
            let state = entry.state.label + (entry.claimedBy.map { " (\($0))" } ?? "") + (entry.revision > 1 ? " r\(entry.revision)" : "")
            return [ReaderTime.minute(entry.due) + (entry.due < now && entry.state.awaitsReview ? " late" : ""), state, entry.owner,
                    entry.journeyTitle, entry.location, ReaderTime.minute(entry.started), entry.walkID]
        }
        return TextTable.render(header: ["DUE", "STATE", "SHOPPER", "JOURNEY", "LOCATION", "VISIT", "WALK"], rows: rows)
    }
}

struct QueueShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A submitted walk with its QA checks and its review events (pulls what is new first).")
    @OptionGroup var target: QueueWalkOptions
    @Option(help: "text or json") var format: OutputFormat = .text

    func run() async throws {
        let session = target.data.session
        let shown = try await session.withQueued(target.walk) { server, walk async throws(TeamError) in
            let copy = try await session.reviewedCopy(server, walk)
            let events = try await TeamReview.events(server, owner: walk.owner, walkID: walk.walkID)
            let checks = try await TeamReview.checks(server, walk: copy.loaded.walk, entry: walk)
            return ReviewedWalk(entry: walk, walk: copy.loaded.walk, trail: ReviewTrail(events: events), checks: checks)
        }
        say(format == .json ? JSONWriter.encode(shown.json) : shown.text)
    }
}

/// A walk as `queue show` prints it.
struct ReviewedWalk {
    var entry: TeamReview.Entry
    var walk: Walk
    var trail: ReviewTrail
    var checks: ReviewChecks

    var text: String {
        let zone = LocalTime.zone(of: walk.header)
        var lines = [
            "walk      \(TerminalText.sanitize(entry.reference))" + (trail.revision > 1 ? "  (revision \(trail.revision))" : ""),
            "journey   \(TerminalText.sanitize(walk.journey.title))",
            "location  \(TerminalText.sanitize(walk.header.details.location))",
            "visit     \(LocalTime.minute(walk.header.started, zone))",
            "due       \(ReaderTime.minute(entry.due))",
            "state     \(entry.state.label)" + (entry.claimedBy.map { " by \(TerminalText.sanitize($0))" } ?? "")
                + (entry.returnDue.map { entry.state == .returned ? ", corrections due \(ReaderTime.minute($0))" : "" } ?? "")
                + (entry.grade.map { ", grade \($0)" } ?? ""),
            "moments   \(walk.summary.line)",
        ]
        lines.append("")
        lines.append("QA checks")
        lines += checks.textLines.map { "  " + $0 }
        lines.append("")
        lines.append("Review events")
        for event in trail.events {
            var line = "  \(ReaderTime.minute(event.at))  \(TerminalText.sanitize(event.by))  \(event.kind.label)"
            if event.kind == .submit { line += " (revision \(event.revision))" }
            if let touchpoint = event.touchpoint {
                let title = walk.index(of: touchpoint).map { walk.steps[$0].touchpoint.title } ?? touchpoint
                line += " on \(TerminalText.sanitize(title))" + (event.item.map { " item \($0)" } ?? "")
            }
            if let grade = event.grade { line += ", grade \(grade)" }
            if let due = event.due { line += ", due \(ReaderTime.minute(due))" }
            if let text = event.text, event.kind != .release { line += ": " + TerminalText.sanitize(text) }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    var json: JSONWriter.Value {
        .object([
            ("queue", entry.json), ("summary", .string(walk.summary.line)), ("checks", checks.jsonValue), ("review", trail.json),
        ])
    }
}

struct QueueClaim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "claim", abstract: "Take a walk for review, so other reviewers see it is yours.")
    @OptionGroup var target: QueueWalkOptions

    func run() async throws {
        let change = try await target.data.session.withQueued(target.walk) { server, walk async throws(TeamError) in
            (walk, try await TeamReview.record(server, walk: walk, kind: .claim))
        }
        say(change.1 == 0 ? "\(change.0.reference) is yours already" : "Claimed \(change.0.reference)")
    }
}

struct QueueComment: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comment", abstract: "Comment on a walk, one of its touchpoints, or a checklist item of one.")
    @OptionGroup var target: QueueWalkOptions
    @Option(help: ArgumentHelp("The touchpoint's id (journeywalk queue show lists them).", valueName: "id")) var touchpoint: String?
    @Option(help: ArgumentHelp("The checklist item's number on that touchpoint, from 1.", valueName: "n")) var item: Int?
    @Argument(help: "The comment.") var text: String

    func run() async throws {
        let comment = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !comment.isEmpty else { throw TeamError("the comment is empty") }
        guard comment.utf8.count <= 4000 else { throw TeamError("the comment is \(comment.utf8.count) bytes, over the 4000 a review event keeps") }
        if item != nil, touchpoint == nil { throw TeamError("--item names a checklist item of the --touchpoint it is on") }
        let session = target.data.session
        let said = try await session.withQueued(target.walk) { server, walk async throws(TeamError) -> String in
            var on = ""
            if let touchpoint {
                let copy = try await session.reviewedCopy(server, walk).loaded.walk
                guard let index = copy.index(of: touchpoint) else {
                    throw TeamError("\(walk.reference) has no touchpoint `\(TerminalText.sanitize(touchpoint))`: journeywalk queue show \(walk.reference)")
                }
                let step = copy.steps[index].touchpoint
                if let item {
                    guard (1...max(1, step.checklist.count)).contains(item), !step.checklist.isEmpty else {
                        throw TeamError("\(TerminalText.sanitize(step.title)) has \(Counted.text(step.checklist.count, "checklist item")): --item is 1 to \(step.checklist.count)")
                    }
                    on = " on \(TerminalText.sanitize(step.title)), item \(item)"
                } else {
                    on = " on \(TerminalText.sanitize(step.title))"
                }
            }
            try await TeamReview.record(server, walk: walk, kind: .comment, touchpoint: touchpoint, item: item, text: comment)
            return "Commented\(on) of \(walk.reference)"
        }
        say(said)
    }
}

struct QueueReturn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "return", abstract: "Send a walk back to its shopper for corrections, by a due time.",
        discussion: "--due takes +48h, +2d, +90m, 2026-12-08 18:00 or 2026-12-08 (the end of that day), in your time zone.")
    @OptionGroup var target: QueueWalkOptions
    @Option(help: ArgumentHelp("When the corrections are due.", valueName: "time")) var due: String
    @Option(help: ArgumentHelp("A message to the shopper about the whole walk.", valueName: "text")) var message: String?

    func run() async throws {
        let dueDate: Date
        do { dueDate = try ReviewDue.parse(due, now: Date()) } catch { throw TeamError("--due: \(error.description)") }
        let text = message?.trimmingCharacters(in: .whitespacesAndNewlines)
        let walk = try await target.data.session.withQueued(target.walk) { server, walk async throws(TeamError) in
            try await TeamReview.record(server, walk: walk, kind: .return, text: text?.isEmpty == false ? text : nil, due: dueDate)
            return walk
        }
        say("Returned \(walk.reference) to \(TerminalText.sanitize(walk.owner)), corrections due \(ReaderTime.minute(dueDate))")
    }
}

struct QueueApprove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve a walk with a grade from 1 to 10 and a coaching line for the shopper.")
    @OptionGroup var target: QueueWalkOptions
    @Option(help: "The shopper's grade for this visit, 1 to 10.") var grade: Int
    @Option(help: ArgumentHelp("A line of coaching for the shopper.", valueName: "text")) var coaching: String?

    func run() async throws {
        guard (1...10).contains(grade) else { throw TeamError("--grade is 1 to 10, not \(grade)") }
        let text = coaching?.trimmingCharacters(in: .whitespacesAndNewlines)
        let walk = try await target.data.session.withQueued(target.walk) { server, walk async throws(TeamError) in
            try await TeamReview.record(server, walk: walk, kind: .approve, text: text?.isEmpty == false ? text : nil, grade: grade)
            return walk
        }
        say("Approved \(walk.reference) with grade \(grade)")
    }
}

struct QueueExclude: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exclude", abstract: "Leave a walk out of the client's results, with a reason (it still counts as done for the shopper).")
    @OptionGroup var target: QueueWalkOptions
    @Option(help: ArgumentHelp("Why the walk is left out.", valueName: "text")) var reason: String

    func run() async throws {
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw TeamError("--reason is empty") }
        let walk = try await target.data.session.withQueued(target.walk) { server, walk async throws(TeamError) in
            try await TeamReview.record(server, walk: walk, kind: .exclude, text: text)
            return walk
        }
        say("Excluded \(walk.reference)")
    }
}

struct QueueRelease: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release", abstract: "Publish an approved walk to the client: people's names replaced, evidence only with --with-evidence.")
    @OptionGroup var target: QueueWalkOptions
    @Flag(help: "Give the client the walk's evidence files too.") var withEvidence = false

    func run() async throws {
        let session = target.data.session
        let (walk, name) = try await session.withQueued(target.walk) { server, walk async throws(TeamError) in
            guard walk.state == .approved else {
                throw TeamError("\(walk.reference) is \(walk.state.label): only an approved walk is released")
            }
            return (walk, try await session.release(server, walk, withEvidence: withEvidence))
        }
        say("Released \(walk.reference) to the client as \(name)" + (withEvidence ? ", with its evidence" : ""))
    }
}

/// The name of a client's copy: the walk's id (a time and a journey, no person) and a random part,
/// so two shoppers' walks of the same second stay two copies and the name tells nobody whose it was.
enum ReleaseName {
    static func make(walkID: String) -> String {
        var random = SystemRandomNumberGenerator()
        let suffix = (0..<4).map { _ in String(UInt8.random(in: 0...255, using: &random), radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        return String(walkID.prefix(180)) + "-" + suffix
    }
}
