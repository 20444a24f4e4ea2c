import Foundation
import JourneyKit
import JourneyStore
import NIOCore
import PostgresNIO

/// `push` (SPEC 8.2): sends the records of a walk the server does not have, in one transaction per
/// walk, keyed by (walk id, seq) with each record's hash. Sending again after a lost answer, a kill
/// or a cut connection adds nothing twice: the server's records are compared first, and only those
/// after them are sent. A record the server holds with another hash is a divergence: nothing is
/// sent and both versions are named. The local file is only read.
public enum TeamPush {
    public struct Outcome: Equatable, Sendable {
        public var walkID: String
        /// Records sent now.
        public var sent: Int
        /// Records the server had already.
        public var already: Int
        public var evidenceSent: Int
        /// Things worth saying that did not stop the push.
        public var notes: [String]
        /// Whether the walk's whole file is now on the server.
        public var complete: Bool
        /// The walk's checklist score, for the team's statistics (`noteScores`).
        public var score: Double?
    }

    /// Tells the server the checklist scores of walks just pushed, in one statement.
    public static func noteScores(_ server: TeamConnection, _ outcomes: [Outcome]) async throws(TeamError) {
        // A walk without a checklist has no score: it keeps none on the server. A walk new to the
        // server took its score with its records (`append_records`): only one it had before may have
        // another score now.
        let scored = outcomes.filter { $0.already > 0 }.compactMap { outcome in outcome.score.map { (outcome.walkID, $0) } }
        guard !scored.isEmpty else { return }
        let ids = scored.map(\.0)
        let scores = scored.map(\.1)
        try await server.rows("SELECT journeywalk.note_scores(\(ids)::text[], \(scores)::float8[])")
    }

    /// What the server holds of one of the member's walks: how many records, and the last one's hash.
    public struct OnServer: Equatable, Sendable {
        public var records: Int
        public var head: String?
    }

    /// What the server holds of these walks of the signed-in member, in one query (a walk it does
    /// not hold is left out).
    public static func onServer(_ server: TeamConnection, walkIDs: [String]) async throws(TeamError) -> [String: OnServer] {
        var held: [String: OnServer] = [:]
        guard !walkIDs.isEmpty else { return held }
        try await server.stream("SELECT walk_id, records, head FROM journeywalk.walks WHERE owner = session_user AND walk_id = ANY(\(walkIDs))") { row throws(TeamError) in
            let (walkID, records, head) = try decode(row, as: (String, Int32, String?).self)
            held[walkID] = OnServer(records: Int(records), head: head)
        }
        return held
    }

    /// The hashes of the server's records of one of the member's walks, in order.
    static func hashes(_ server: TeamConnection, walkID: String) async throws(TeamError) -> [String] {
        try await column("SELECT hash FROM journeywalk.records WHERE owner = session_user AND walk_id = \(walkID) ORDER BY seq", server, as: String.self)
    }

    /// A walk file read and checked for a push, before any question to the server: made while the
    /// walk before it is on its way (`push --all` overlaps the two).
    public struct Prepared: Sendable {
        public let path: String
        public let walkID: String
        let bytes: [UInt8]
        let chain: WalkChain
        let header: WalkHeader
        let evidence: [String: Evidence]
        let score: Double?

        /// Reads and checks the walk file at `path`: a walk journeywalk reads, a safe id, an
        /// unbroken chain with at least one complete record.
        public init(path: String) throws(TeamError) {
            do { bytes = try PosixFile.read(path) } catch { throw TeamError(error.description) }
            chain = WalkChain(bytes: bytes)
            let loaded: LoadedWalk
            do {
                loaded = try LoadedWalk.parse(bytes, path: path, quickly: true)
            } catch {
                throw TeamError("\(error.description); not pushed")
            }
            let walk = loaded.walk
            self.path = path
            header = walk.header
            walkID = walk.header.walkID
            guard TeamFiles.isSafeName(walkID) else { throw TeamError("\(path): the walk id `\(TerminalText.sanitize(walkID))` cannot be pushed") }
            if let problem = chain.firstBreak(in: bytes) {
                throw TeamError("\(walkID): \(problem.description); not pushed (journeywalk verify \(walkID))")
            }
            guard !chain.links.isEmpty else { throw TeamError("\(path): no complete record to push") }
            var evidence: [String: Evidence] = [:]
            for moment in walk.moments.values { for item in moment.evidence { evidence[item.sha256.lowercased()] = item } }
            self.evidence = evidence
            score = VisitScore(walk).percent
        }
    }

    /// Pushes the walk file at `path`; `pushedBefore` is how many of its records this machine saw on
    /// the server after its last push (`TeamFiles.pushedCounts`), and `held` what the server held of
    /// it when asked (`onServer`), or nil to ask now.
    public static func push(_ server: TeamConnection, path: String, pushedBefore: Int?, held known: OnServer?? = nil) async throws(TeamError) -> Outcome {
        try await push(server, try Prepared(path: path), pushedBefore: pushedBefore, held: known)
    }

    /// Pushes a walk file read by `Prepared`; `held` as above.
    public static func push(_ server: TeamConnection, _ prepared: Prepared, pushedBefore: Int?, held known: OnServer?? = nil) async throws(TeamError) -> Outcome {
        let (path, walkID, bytes, chain, evidence, score) = (prepared.path, prepared.walkID, prepared.bytes, prepared.chain, prepared.evidence, prepared.score)
        var notes: [String] = []

        // What the server holds of the walk must be the start of this file.
        let held: OnServer?
        if let known { held = known } else { held = try await onServer(server, walkIDs: [walkID])[walkID] }
        let already = held?.records ?? 0
        if already > 0 {
            // In format 3 each record carries the hash of the one before, so the last record the
            // server holds vouches for all before it; formats 1 and 2 are compared record by record.
            if (chain.format ?? 1) >= 3, already <= chain.links.count, chain.links[already - 1].hash == held?.head {
                // The same start.
            } else {
                let serverHashes = try await hashes(server, walkID: walkID)
                for (index, hash) in serverHashes.enumerated() where index < chain.links.count && chain.links[index].hash != hash {
                    throw try await divergence(server, walkID: walkID, seq: index + 1, local: bytes, link: chain.links[index], serverHash: hash)
                }
            }
            if already > chain.links.count {
                notes.append("the team server has \(already - chain.links.count) more records of this walk than this file (\(chain.links.count)): it was pushed from another copy; this file was left as it is")
            }
        }
        if let before = pushedBefore, before > already {
            notes.append("the team server had only \(already) of the \(before) records this machine pushed before (restored from a backup?): they were sent again")
        }
        // Evidence once per SHA-256, before the walk's records (it is content-addressed: sending it
        // twice is harmless, and a long upload holds no lock); a file not sent before is tried again.
        var evidenceSent = 0
        var evidenceOnServer: [String] = []
        if !evidence.isEmpty {
            let hashes = evidence.keys.sorted()
            let missing = Set(try await column("SELECT journeywalk.missing_evidence(\(hashes))", server, as: String.self))
            let cap = try await server.value("SELECT value::bigint FROM journeywalk.settings WHERE key = 'evidence_cap_bytes'", as: Int64.self) ?? 50 * 1024 * 1024
            for hash in hashes {
                guard missing.contains(hash) else { evidenceOnServer.append(hash); continue }
                let item = evidence[hash]!
                let name = TerminalText.sanitize(item.path)
                guard item.bytes <= cap else {
                    notes.append("evidence \(name) is \(PosixFile.megabytes(Int(item.bytes))), over the team's cap of \(PosixFile.megabytes(Int(cap))): not sent")
                    continue
                }
                guard let content = try? PosixFile.read(item.path, limit: Int(cap)), content.count == item.bytes, SHA256.hex(content) == hash else {
                    notes.append("evidence \(name) is missing or changed on this machine: not sent")
                    continue
                }
                try await server.rows("SELECT journeywalk.put_evidence(\(hash), \(Int64(content.count)), \(ByteBuffer(bytes: content)))")
                evidenceSent += 1
                evidenceOnServer.append(hash)
            }
        }
        let new = Array(chain.links.dropFirst(already))
        guard !new.isEmpty else {
            // Every record is there; evidence that reached the server since (it was over the cap, or
            // missing, when the records went) joins the walk.
            if !evidenceOnServer.isEmpty {
                try await server.rows("INSERT INTO journeywalk.evidence_uses (sha256, walk_id) SELECT e, \(walkID) FROM unnest(\(evidenceOnServer)::text[]) AS e ON CONFLICT DO NOTHING")
            }
            return Outcome(walkID: walkID, sent: 0, already: min(already, chain.links.count), evidenceSent: evidenceSent, notes: notes, complete: bytes.last == 0x0A,
                           score: score)
        }


        if let copy = prepared.header.journeyCopy {
            let copyPath = SharedJourneyCopies.near(walkFile: path).folders.map { $0 + "/" + copy + ".json" }.first(where: PosixFile.isFile)
            if let copyPath, let content = try? PosixFile.read(copyPath) {
                try await server.rows("INSERT INTO journeywalk.journey_copies (name, content) VALUES (\(copy), \(ByteBuffer(bytes: content))) ON CONFLICT (name) DO NOTHING")
            }
        }

        // The records after those the server holds, in one statement: one transaction for the walk.
        let header = prepared.header
        let seqs = new.map { Int32($0.seq) }
        let prevs = new.map { $0.prev ?? "" }
        let hashes = new.map(\.hash)
        let lines = new.map { ByteBuffer(bytes: bytes[$0.bytes]) }
        try await server.rows("""
            SELECT journeywalk.append_records(\(walkID), \(header.journey.id), \(header.journey.title), \(header.details.operator),
                \(header.details.location), \(header.details.role?.rawValue), \(header.statedStart ?? header.started), \(Int32(chain.format ?? 1)),
                \(Int32(already)), \(seqs)::int[], \(prevs)::text[], \(hashes)::text[], \(lines)::bytea[], \(evidenceOnServer)::text[], \(score)::float8)
            """)
        return Outcome(walkID: walkID, sent: new.count, already: already, evidenceSent: evidenceSent, notes: notes, complete: bytes.last == 0x0A,
                       score: score)
    }

    /// The refusal of a divergence, naming this machine's record and the server's.
    static func divergence(_ server: TeamConnection, walkID: String, seq: Int, local: [UInt8], link: WalkChain.Link, serverHash: String) async throws(TeamError) -> TeamError {
        var theirs = "sha256 \(serverHash.prefix(12))…"
        if let row = try await server.rows("SELECT line, owner, to_char(pushed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM journeywalk.records WHERE owner = session_user AND walk_id = \(walkID) AND seq = \(Int32(seq))").first {
            let (line, by, at) = try decode(row, as: (ByteBuffer, String, String).self)
            theirs = WalkCodec.summary(ofLine: line.readableBytesView) + ", sha256 \(serverHash.prefix(12))…, pushed by \(by) at \(at) UTC"
        }
        let mine = WalkCodec.summary(ofLine: local[link.bytes]) + ", sha256 \(link.hash.prefix(12))…"
        return TeamError("\(walkID): record \(seq) differs from the team server's: this machine has \(mine); the server has \(theirs); nothing was sent or changed (journeywalk verify \(walkID))")
    }

    static func column<Value: PostgresDecodable>(_ query: PostgresQuery, _ server: TeamConnection, as type: Value.Type) async throws(TeamError) -> [Value] {
        var values: [Value] = []
        try await server.stream(query) { row throws(TeamError) in values.append(try decode(row, as: Value.self)) }
        return values
    }
}

/// A row's columns as Swift values, or a one-line error.
func decode<each Column: PostgresDecodable>(_ row: PostgresRow, as type: (repeat each Column).Type) throws(TeamError) -> (repeat each Column) {
    do {
        return try row.decode(type)
    } catch {
        throw TeamError("the team server answered something journeywalk cannot read: \(String(describing: error).prefix(200))")
    }
}

func decode<Column: PostgresDecodable>(_ row: PostgresRow, as type: Column.Type) throws(TeamError) -> Column {
    do {
        return try row.decode(Column.self)
    } catch {
        throw TeamError("the team server answered something journeywalk cannot read: \(String(describing: error).prefix(200))")
    }
}
