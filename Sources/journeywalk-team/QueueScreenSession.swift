import CursesTerminal
import Dispatch
import Foundation
import JourneyKit
import JourneyReports
import JourneyStore
import JourneyTeam
import WalkUI

/// `journeywalk queue` on a terminal: the queue screen of WalkUI on one connection to the team's
/// server. The screen's loop runs on a thread of its own and waits for each answer of the server
/// (a review event is saved before the screen says so); the connection's work runs as tasks.
struct QueueScreenSession {
    let session: TeamSession

    func run(all: Bool) async throws {
        let server = try await session.open()
        do {
            _ = try await TeamSchema.requireTeam(server)
            let rows = try await Self.rows(server, all: all)
            let terminal: CursesTerminal
            do {
                terminal = try CursesTerminal.open(environment: session.environment)
            } catch {
                throw TeamError(error.description)
            }
            let state = QueueListState(rows: rows, reviewer: server.address.user, showingAll: all)
            // The terminal is used by the screen's thread alone from here on (and, when the server
            // stops answering, given back before the program ends, while that thread waits).
            nonisolated(unsafe) let screen = terminal
            let live = LiveConnection(server, session: session) { screen.close() }
            let desk = Self.desk(live: live, session: session)
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                let thread = Thread {
                    QueueRunner(desk: desk).run(state, terminal: screen)
                    screen.close()
                    done.resume()
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
            await live.close()
        } catch {
            await server.close()
            throw error
        }
    }

    static func rows(_ server: TeamConnection, all: Bool) async throws(TeamError) -> [QueueRow] {
        try await TeamReview.queue(server, states: all ? nil : [.submitted, .resubmitted, .inReview]).map(row)
    }

    static func row(_ entry: TeamReview.Entry) -> QueueRow {
        QueueRow(reference: entry.reference, shopper: entry.owner, walkID: entry.walkID, journey: entry.journeyTitle, location: entry.location,
                 visit: ReaderTime.minute(entry.started), due: entry.due, state: entry.state, revision: entry.revision, claimedBy: entry.claimedBy,
                 returnDue: entry.returnDue, grade: entry.grade)
    }

    /// The desk the screen works through: each call waits for the server's answer.
    static func desk(live: LiveConnection, session: TeamSession) -> QueueDesk {
        let drafts = ReviewDrafts(folder: session.files.folder + "/review-drafts")
        return QueueDesk(
            list: { all in Blocking.run { () async throws(TeamError) in try await rows(try await live.get(), all: all) } },
            open: { row in Blocking.run { () async throws(TeamError) in try await open(row, server: try await live.get(), session: session) } },
            record: { row, event in
                Blocking.run { () async throws(TeamError) -> (QueueRow, ReviewTrail) in
                    let server = try await live.get()
                    let entry = try await entry(row, server: server)
                    switch event {
                    case .claim: try await TeamReview.record(server, walk: entry, kind: .claim)
                    case .comment(let touchpoint, let item, let text):
                        try await TeamReview.record(server, walk: entry, kind: .comment, touchpoint: touchpoint, item: item, text: text)
                    case .return(let due, let message): try await TeamReview.record(server, walk: entry, kind: .return, text: message, due: due)
                    case .approve(let grade, let coaching): try await TeamReview.record(server, walk: entry, kind: .approve, text: coaching, grade: grade)
                    case .release(let withEvidence): _ = try await session.release(server, entry, withEvidence: withEvidence)
                    case .exclude(let reason): try await TeamReview.record(server, walk: entry, kind: .exclude, text: reason)
                    }
                    let after = try await Self.entry(row, server: server)
                    return (Self.row(after), ReviewTrail(events: try await TeamReview.events(server, owner: after.owner, walkID: after.walkID)))
                }
            },
            keepDraft: { row, text in drafts.keep(text, for: row.reference) },
            draft: { row in drafts.draft(for: row.reference) }
        )
    }

    /// The walk's row as the server has it now.
    static func entry(_ row: QueueRow, server: TeamConnection) async throws(TeamError) -> TeamReview.Entry {
        try await TeamReview.find(server, row.reference)
    }

    /// A walk of the queue, pulled and checked; a resubmitted walk with what changed since the revision before.
    static func open(_ row: QueueRow, server: TeamConnection, session: TeamSession) async throws(TeamError) -> QueueWalk {
        let entry = try await entry(row, server: server)
        let copy = try await session.reviewedCopy(server, entry)
        let walk = copy.loaded.walk
        let trail = ReviewTrail(events: try await TeamReview.events(server, owner: entry.owner, walkID: entry.walkID))
        let checks = try await TeamReview.checks(server, walk: walk, entry: entry)
        var changes: [String] = []
        if walk.revision > 1, let events = try? LoadedWalk.parse(copy.bytes, path: copy.path, keepingEvents: true).events,
           let before = Walk.revision(walk.revision - 1, header: walk.header, events: events),
           let after = Walk.revision(walk.revision, header: walk.header, events: events) {
            changes = DiffReport.render(WalkDiff(before: before, after: after), as: .text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let review = ReviewWalkState(analysis: WalkAnalysis(walk), file: copy.path, problems: copy.loaded.warnings.map(\.short))
        return QueueWalk(row: Self.row(entry), review: review, checks: checks, trail: trail, changes: changes)
    }
}

/// The screen's connection: opened again when the server closed it (restarted, or gone and back), so
/// a reviewer who lost the server keeps the screen and the next key tries again.
final class LiveConnection: @unchecked Sendable {
    private let lock = NSLock()
    private var current: TeamConnection?
    private let session: TeamSession
    private let givingUp: @Sendable () -> Void

    init(_ server: TeamConnection, session: TeamSession, givingUp: @escaping @Sendable () -> Void) {
        self.session = session
        self.givingUp = givingUp
        self.current = server
        watch(server)
    }

    private func watch(_ server: TeamConnection) {
        server.beforeGivingUp(note: " (a comment being sent waits as a draft: the next c, i or w offers it)", givingUp)
    }

    /// The connection, opened again when the last one was closed.
    func get() async throws(TeamError) -> TeamConnection {
        if let server = lock.withLock({ current }), !server.isClosed { return server }
        let old = lock.withLock { () -> TeamConnection? in
            defer { current = nil }
            return current
        }
        if let old { await old.close() }
        let server = try await session.open()
        watch(server)
        lock.withLock { current = server }
        return server
    }

    func close() async {
        if let server = lock.withLock({ current }) { await server.close() }
    }
}

/// Waits on this thread for async work of the connection, as the screen's loop needs an answer
/// before it draws the next frame.
enum Blocking {
    static func run<Value: Sendable>(_ work: @escaping @Sendable () async throws(TeamError) -> Value) -> Result<Value, ReviewFailure> {
        let done = DispatchSemaphore(value: 0)
        let answer = Answer<Value>()
        Task {
            do throws(TeamError) {
                answer.set(.success(try await work()))
            } catch {
                answer.set(.failure(ReviewFailure(error.description)))
            }
            done.signal()
        }
        done.wait()
        return answer.get() ?? .failure(ReviewFailure("no answer"))
    }

    final class Answer<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Result<Value, ReviewFailure>?
        func set(_ result: Result<Value, ReviewFailure>) { lock.withLock { value = result } }
        func get() -> Result<Value, ReviewFailure>? { lock.withLock { value } }
    }
}

/// The comments a reviewer typed that the server did not take, one file per walk under
/// `team/review-drafts/`, so nothing typed is lost (as a walk's notes wait as drafts).
struct ReviewDrafts: Sendable {
    let folder: String

    func path(_ reference: String) -> String {
        folder + "/" + reference.replacingOccurrences(of: "/", with: "~") + ".txt"
    }

    func keep(_ text: String?, for reference: String) {
        guard let text, !text.isEmpty else {
            unlink(path(reference))
            return
        }
        try? PosixFile.makeFolder(folder, mode: 0o700)
        try? PosixFile.writeAtomically(Array(text.utf8), to: path(reference), mode: 0o600, exactMode: true)
    }

    func draft(for reference: String) -> String? {
        guard let bytes = try? PosixFile.read(path(reference), limit: 64 * 1024), let text = String(validating: bytes, as: UTF8.self), !text.isEmpty else { return nil }
        return text
    }
}
