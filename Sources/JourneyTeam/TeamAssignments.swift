import Foundation
import JourneyKit
import JourneyStore
import NIOCore
import PostgresNIO

/// Waves of visits on the server (SPEC 8.4): assigning, listing, cancelling, and the member's own
/// assignments pulled for offline use. The server checks roles and rotation.
public enum TeamAssignments {
    /// An assignment as listed, with the walk that was walked from it (its id and review state), if any.
    public struct Listed: Sendable {
        public var assignment: TeamAssignment
        public var walk: String?
        public var walkState: String?

        public init(assignment: TeamAssignment, walk: String? = nil, walkState: String? = nil) {
            self.assignment = assignment
            self.walk = walk
            self.walkState = walkState
        }
    }

    /// Assigns a visit; returns the assignment's id. `force`: the reason to break rotation (recorded).
    public static func assign(_ server: TeamConnection, journey: LoadedJourney, shopper: String, location: String, due: String,
                              window: (start: String, end: String)?, wave: String?, force: String?) async throws(TeamError) -> Int64 {
        let copy = Array(WalkCodec.journeyCopyJSON(journey.journey).utf8)
        let name = Fingerprint.of(copy).replacingOccurrences(of: ":", with: "-")
        var buffer = ByteBuffer()
        buffer.writeBytes(copy)
        return try await server.value("""
            SELECT journeywalk.assign(\(journey.journey.id), \(journey.journey.title), \(name), \(buffer), \(shopper), \(location), \(due)::date,
                                      \(window?.start)::time, \(window?.end)::time, \(wave), \(force))
            """, as: Int64.self) ?? 0
    }

    public static func cancel(_ server: TeamConnection, id: Int64) async throws(TeamError) {
        try await server.rows("SELECT journeywalk.cancel_assignment(\(id))")
    }

    /// The assignments the member may read (an admin, a reviewer or a leader: the team's; a shopper:
    /// their own), due first; `mine` keeps the member's own, `cancelled` adds the cancelled ones.
    public static func list(_ server: TeamConnection, mine: Bool, cancelled: Bool = false) async throws(TeamError) -> [Listed] {
        var listed: [Listed] = []
        try await server.stream("""
            SELECT a.id, a.journey_id, a.journey_title, a.journey_copy, a.shopper, a.location, to_char(a.due, 'YYYY-MM-DD'),
                   CASE WHEN a.window_start IS NULL THEN NULL ELSE to_char(a.window_start, 'HH24:MI') || '-' || to_char(a.window_end, 'HH24:MI') END,
                   a.wave, a.forced, a.assigned_by, a.cancelled_at IS NOT NULL, w.walk_id, w.state
            FROM journeywalk.assignments a
            LEFT JOIN LATERAL (SELECT walk_id, coalesce(state, CASE WHEN submitted THEN 'submitted' WHEN finished THEN 'complete' ELSE 'draft' END) AS state
                               FROM journeywalk.walks WHERE assignment = a.id AND owner = a.shopper ORDER BY started DESC LIMIT 1) w ON true
            WHERE (NOT \(mine) OR a.shopper = session_user) AND (\(cancelled) OR a.cancelled_at IS NULL)
            ORDER BY a.due, a.id
            """) { row throws(TeamError) in
            let (id, journey, title, copy, shopper, location, due, window, wave, forced, by, isCancelled, walk, state) =
                try decode(row, as: (Int64, String, String, String, String, String, String, String?, String?, String?, String, Bool, String?, String?).self)
            let assignment = TeamAssignment(id: id, journeyID: journey, journeyTitle: title, journeyCopy: copy, shopper: shopper, location: location,
                                            due: due, window: window, wave: wave, forced: forced, assignedBy: by, cancelled: isCancelled)
            listed.append(Listed(assignment: assignment, walk: walk, walkState: state))
        }
        return listed
    }

    /// The member's open assignments, written to `team/assignments.jsonl` with their journeys'
    /// copies, for the home screen and for walking them offline. Returns how many.
    public static func pullMine(_ server: TeamConnection, files: TeamFiles) async throws(TeamError) -> Int {
        let mine = try await list(server, mine: true).filter { $0.walkState == nil || $0.walkState == "draft" }.map(\.assignment)
        let wanted = Set(mine.map(\.journeyCopy)).filter { !PosixFile.isFile(files.assignmentJourneys + "/" + $0 + ".json") }
        if !wanted.isEmpty {
            try await server.stream("SELECT name, content FROM journeywalk.journey_copies WHERE name = ANY(\(Array(wanted)))") { row throws(TeamError) in
                let (name, content) = try decode(row, as: (String, ByteBuffer).self)
                guard TeamFiles.isSafeName(name) else { return }
                do throws(FileError) {
                    try PosixFile.makeFolder(files.folder, mode: 0o700)
                    try PosixFile.makeFolder(files.assignmentJourneys, mode: 0o700)
                    try PosixFile.writeAtomically(Array(content.readableBytesView), to: files.assignmentJourneys + "/" + name + ".json", mode: 0o400, exactMode: true, sync: false)
                } catch {
                    throw TeamError(error.description)
                }
            }
        }
        do { try files.writeAssignments(mine) } catch { throw TeamError(error.description) }
        return mine.count
    }
}
