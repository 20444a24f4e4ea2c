import Foundation
import JourneyKit
import JourneyStore
import NIOCore
import PostgresNIO

/// The agency's review on the server (SPEC 8.3): the queue of submitted walks, review events and
/// releases. Every change goes through the server's functions, which check the member's role and the
/// walk's state; nothing here decides what a member may do.
public enum TeamReview {
    /// A submitted walk as the queue lists it.
    public struct Entry: Equatable, Sendable {
        public var owner: String
        public var walkID: String
        public var journeyTitle: String
        public var location: String
        /// When the visit started.
        public var started: Date
        public var state: ReviewTrail.State
        public var revision: Int
        public var claimedBy: String?
        /// When the walk is due to the client: the team's hours to the client after the visit.
        public var due: Date
        /// While returned: when the shopper's corrections are due.
        public var returnDue: Date?
        public var grade: Int?

        /// `OWNER/WALK-ID`, as commands name a walk of the team.
        public var reference: String { owner + "/" + walkID }

        public var json: JSONWriter.Value {
            .object([
                ("walk", .string(reference)), ("shopper", .string(owner)), ("walk_id", .string(walkID)), ("journey", .string(journeyTitle)),
                ("location", .string(location)), ("visit", .string(Timestamp.format(started))), ("due", .string(Timestamp.format(due))),
                ("state", .string(state.rawValue)), ("revision", .int(revision)), ("claimed_by", .optional(claimedBy)),
                ("return_due", returnDue.map { .string(Timestamp.format($0)) } ?? .null), ("grade", grade.map { .int($0) } ?? .null),
            ])
        }
    }

    /// The submitted walks the member may read, oldest due first; `states` narrows them (nil: all),
    /// and `only` to one walk (`owner`, `walk id`).
    public static func queue(_ server: TeamConnection, states: Set<ReviewTrail.State>? = nil, only: (owner: String, walkID: String)? = nil) async throws(TeamError) -> [Entry] {
        var entries: [Entry] = []
        let wanted = states.map { $0.map(\.rawValue).sorted() }
        try await server.stream("""
            SELECT w.owner, w.walk_id, w.journey_title, w.location, w.started, w.state, w.revision, w.claimed_by,
                   w.started + make_interval(hours => h.hours), w.return_due, w.grade
            FROM journeywalk.walks w,
                 (SELECT coalesce((SELECT value FROM journeywalk.settings WHERE key = 'hours_to_client' AND value ~ '^[0-9]{1,5}$')::int, 24) AS hours) h
            WHERE w.state IS NOT NULL AND (\(wanted)::text[] IS NULL OR w.state = ANY(\(wanted)::text[]))
              AND (\(only?.owner)::text IS NULL OR (w.owner = \(only?.owner) AND w.walk_id = \(only?.walkID)))
            ORDER BY 9, w.owner, w.walk_id
            """) { row throws(TeamError) in
            let (owner, walkID, title, location, started, state, revision, claimedBy, due, returnDue, grade) =
                try decode(row, as: (String, String, String, String, Date, String, Int32, String?, Date, Date?, Int32?).self)
            guard let state = ReviewTrail.State(rawValue: state) else { return }
            entries.append(Entry(owner: owner, walkID: walkID, journeyTitle: title, location: location, started: started, state: state,
                                 revision: Int(revision), claimedBy: claimedBy, due: due, returnDue: returnDue, grade: grade.map(Int.init)))
        }
        return entries
    }

    /// The submitted walk a command names, asked of the server: `OWNER/WALK-ID` alone, else the queue is searched.
    public static func find(_ server: TeamConnection, _ reference: String) async throws(TeamError) -> Entry {
        if let slash = reference.firstIndex(of: "/") {
            let only = (String(reference[..<slash]), String(reference[reference.index(after: slash)...]))
            return try find(reference, in: try await queue(server, only: only))
        }
        return try find(reference, in: try await queue(server))
    }

    /// The submitted walk a command names: `OWNER/WALK-ID`, or a walk id (or the start of one) that
    /// only one submitted walk the member may read has.
    public static func find(_ reference: String, in entries: [Entry]) throws(TeamError) -> Entry {
        if let slash = reference.firstIndex(of: "/") {
            let owner = String(reference[..<slash])
            let walkID = String(reference[reference.index(after: slash)...])
            if let entry = entries.first(where: { $0.owner == owner && $0.walkID == walkID }) { return entry }
            throw TeamError("no submitted walk \(TerminalText.sanitize(reference)) that you may review: journeywalk queue list")
        }
        let exact = entries.filter { $0.walkID == reference }
        let matches = exact.isEmpty ? entries.filter { $0.walkID.hasPrefix(reference) } : exact
        guard let first = matches.first else {
            throw TeamError("no submitted walk \(TerminalText.sanitize(reference)) that you may review: journeywalk queue list")
        }
        guard matches.count == 1 else {
            let names = matches.prefix(4).map(\.reference).joined(separator: ", ")
            throw TeamError("\(TerminalText.sanitize(reference)) names \(matches.count) walks (\(TerminalText.sanitize(names))\(matches.count > 4 ? ", …" : "")): name one as SHOPPER/WALK-ID")
        }
        return first
    }

    /// A review event of SPEC 8.3, as one call of the server's `journeywalk.review`: its change
    /// number once the server has it (0: a claim the member held already).
    @discardableResult
    public static func record(_ server: TeamConnection, walk: Entry, kind: ReviewEvent.Kind, touchpoint: String? = nil, item: Int? = nil,
                              text: String? = nil, due: Date? = nil, grade: Int? = nil) async throws(TeamError) -> Int64 {
        let itemNumber = item.map(Int32.init)
        let gradeNumber = grade.map(Int32.init)
        return try await server.value("""
            SELECT journeywalk.review(\(walk.owner), \(walk.walkID), \(kind.rawValue), \(touchpoint), \(itemNumber)::int, \(text), \(due)::timestamptz, \(gradeNumber)::int)
            """, as: Int64.self) ?? 0
    }

    /// A walk's review events the member may read, in order.
    public static func events(_ server: TeamConnection, owner: String, walkID: String) async throws(TeamError) -> [ReviewEvent] {
        var events: [ReviewEvent] = []
        try await server.stream("""
            SELECT change, at, by, kind, revision, touchpoint, item, body, due, grade FROM journeywalk.review_events
            WHERE owner = \(owner) AND walk_id = \(walkID) ORDER BY id
            """) { row throws(TeamError) in
            if let event = try reviewEvent(row) { events.append(event) }
        }
        return events
    }

    /// A review event from a row of `change, at, by, kind, revision, touchpoint, item, body, due, grade`.
    static func reviewEvent(_ row: PostgresRow) throws(TeamError) -> ReviewEvent? {
        let (change, at, by, kind, revision, touchpoint, item, body, due, grade) =
            try decode(row, as: (Int64, Date, String, String, Int32, String?, Int32?, String?, Date?, Int32?).self)
        guard let kind = ReviewEvent.Kind(rawValue: kind) else { return nil }
        return ReviewEvent(change: change, at: at, by: by, kind: kind, revision: Int(revision), touchpoint: touchpoint, item: item.map(Int.init),
                           text: body, due: due, grade: grade.map(Int.init))
    }

    /// Other walks of the team (that the member may read) holding evidence with these SHA-256s.
    public static func sharedEvidence(_ server: TeamConnection, hashes: [String], besides walk: Entry) async throws(TeamError) -> [String: [(author: String, walkID: String, journey: String)]] {
        var found: [String: [(author: String, walkID: String, journey: String)]] = [:]
        guard !hashes.isEmpty else { return found }
        try await server.stream("""
            SELECT u.sha256, u.owner, u.walk_id, w.journey_title FROM journeywalk.evidence_uses u JOIN journeywalk.walks w USING (owner, walk_id)
            WHERE u.sha256 = ANY(\(hashes)) AND NOT (u.owner = \(walk.owner) AND u.walk_id = \(walk.walkID)) ORDER BY u.sha256, u.owner, u.walk_id
            """) { row throws(TeamError) in
            let (hash, owner, walkID, journey) = try decode(row, as: (String, String, String, String).self)
            found[hash, default: []].append((owner, walkID, journey))
        }
        return found
    }

    /// Which of these SHA-256s the server holds a file for (it checked each file's hash when it was sent).
    public static func evidenceOnServer(_ server: TeamConnection, hashes: [String]) async throws(TeamError) -> Set<String> {
        guard !hashes.isEmpty else { return [] }
        let missing = Set(try await TeamPush.column("SELECT journeywalk.missing_evidence(\(hashes))", server, as: String.self))
        return Set(hashes).subtracting(missing)
    }

    /// The QA checks of SPEC 8.3 for a walk of the queue: its evidence judged by what the server
    /// holds (each file's hash was checked when it was sent), and the other walks of the team with
    /// the same files.
    public static func checks(_ server: TeamConnection, walk: Walk, entry: Entry) async throws(TeamError) -> ReviewChecks {
        var evidence: [Evidence] = []
        for moment in walk.moments.values { evidence += moment.evidence }
        let hashes = Array(Set(evidence.map { $0.sha256.lowercased() })).sorted()
        let held = try await evidenceOnServer(server, hashes: hashes)
        var statuses: [Evidence: EvidenceStatus] = [:]
        for item in evidence { statuses[item] = held.contains(item.sha256.lowercased()) ? .present : .missing }
        var shared: [String: [ReviewChecks.OtherWalk]] = [:]
        for (hash, walks) in try await sharedEvidence(server, hashes: hashes, besides: entry) {
            shared[hash] = walks.map { ReviewChecks.OtherWalk(author: $0.author, walkID: $0.walkID, journeyTitle: $0.journey) }
        }
        // A walk started from an assignment is checked against its window of hours.
        let window = walk.header.assignment?.windowMinutes.flatMap { ReviewChecks.Window(start: $0.start, end: $0.end) }
        return ReviewChecks.of(walk, context: ReviewChecks.Context(
            zone: LocalTime.zone(of: walk.header), window: window, evidence: statuses, sharedEvidence: shared, author: entry.owner))
    }

    /// The submitted walks the member may read, as the team's statistics count them (SPEC 8.4).
    public static func statsWalks(_ server: TeamConnection) async throws(TeamError) -> [TeamStats.Walk] {
        var walks: [TeamStats.Walk] = []
        try await server.stream("""
            SELECT w.owner, w.location, to_char(coalesce(w.started, now()), 'YYYY-MM'), coalesce(ev.returned, false),
                   ev.first_submit <= coalesce((a.due + 1)::timestamptz, w.started + make_interval(hours => h.hours)), w.grade, w.score
            FROM journeywalk.walks w
            CROSS JOIN (SELECT coalesce((SELECT value FROM journeywalk.settings WHERE key = 'hours_to_client' AND value ~ '^[0-9]{1,5}$')::int, 24) AS hours) h
            LEFT JOIN journeywalk.assignments a ON a.id = w.assignment
            LEFT JOIN (SELECT owner, walk_id, bool_or(kind = 'return') AS returned, min(at) FILTER (WHERE kind = 'submit') AS first_submit
                       FROM journeywalk.review_events GROUP BY owner, walk_id) ev ON ev.owner = w.owner AND ev.walk_id = w.walk_id
            WHERE w.state IS NOT NULL
            """) { row throws(TeamError) in
            let (owner, location, month, returned, onTime, grade, score) = try decode(row, as: (String, String, String, Bool, Bool?, Int32?, Double?).self)
            walks.append(TeamStats.Walk(shopper: owner, location: location, month: month, returned: returned, onTime: onTime, grade: grade.map(Int.init), score: score))
        }
        return walks
    }

    /// Publishes the client's copy of an approved walk (its revision as the reviewer saw it).
    @discardableResult
    public static func release(_ server: TeamConnection, walk: Entry, name: String, copy: [UInt8], evidence: [String]) async throws(TeamError) -> Int64 {
        var buffer = ByteBuffer()
        buffer.writeBytes(copy)
        let revision = Int32(walk.revision)
        return try await server.value("""
            SELECT journeywalk.release_walk(\(walk.owner), \(walk.walkID), \(revision), \(name), \(buffer), \(evidence)::text[])
            """, as: Int64.self) ?? 0
    }
}
