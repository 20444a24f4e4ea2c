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
    }

    /// Pushes the walk file at `path`.
    public static func push(_ server: TeamConnection, path: String, files: TeamFiles) async throws(TeamError) -> Outcome {
        let bytes: [UInt8]
        do { bytes = try PosixFile.read(path) } catch { throw TeamError(error.description) }
        let chain = WalkChain(bytes: bytes)
        let loaded: LoadedWalk
        do {
            loaded = try LoadedWalk.parse(bytes, path: path, keepingEvents: true)
        } catch {
            throw TeamError("\(error.description); not pushed")
        }
        let walk = loaded.walk
        let walkID = walk.header.walkID
        guard TeamFiles.isSafeName(walkID) else { throw TeamError("\(path): the walk id `\(TerminalText.sanitize(walkID))` cannot be pushed") }
        if let problem = chain.firstBreak(in: bytes) {
            throw TeamError("\(walkID): \(problem.description); not pushed (journeywalk verify \(walkID))")
        }
        guard !chain.links.isEmpty else { throw TeamError("\(path): no complete record to push") }
        var notes: [String] = []

        // Evidence once per SHA-256, before the walk's transaction (it is content-addressed: sending
        // it twice is harmless, and a long upload holds no lock).
        var evidence: [String: Evidence] = [:]
        for moment in walk.moments.values { for item in moment.evidence { evidence[item.sha256.lowercased()] = item } }
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
        if let copy = walk.header.journeyCopy {
            let copyPath = SharedJourneyCopies.near(walkFile: path).folders.map { $0 + "/" + copy + ".json" }.first(where: PosixFile.isFile)
            if let copyPath, let content = try? PosixFile.read(copyPath) {
                try await server.rows("INSERT INTO journeywalk.journey_copies (name, content) VALUES (\(copy), \(ByteBuffer(bytes: content))) ON CONFLICT (name) DO NOTHING")
            }
        }

        let header = walk.header
        return try await server.transaction { () async throws(TeamError) -> Outcome in
            // One push of a walk at a time; a second waits here and then finds the first's records.
            try await server.rows("SELECT pg_advisory_xact_lock(hashtext(session_user || '/' || \(walkID)))")
            try await server.rows("""
                INSERT INTO journeywalk.walks (walk_id, journey_id, journey_title, operator, location, walk_role, started, format)
                VALUES (\(walkID), \(header.journey.id), \(header.journey.title), \(header.details.operator), \(header.details.location),
                        \(header.details.role?.rawValue), \(header.started), \(Int32(chain.format ?? 1)))
                ON CONFLICT (owner, walk_id) DO NOTHING
                """)
            var serverHashes: [String] = []
            try await server.stream("SELECT seq, hash FROM journeywalk.records WHERE owner = session_user AND walk_id = \(walkID) ORDER BY seq") { row throws(TeamError) in
                let (seq, hash) = try decode(row, as: (Int32, String).self)
                guard Int(seq) == serverHashes.count + 1 else { throw TeamError("\(walkID): the team server's records skip from \(serverHashes.count) to \(seq)") }
                serverHashes.append(hash)
            }
            for (index, hash) in serverHashes.enumerated() where index < chain.links.count && chain.links[index].hash != hash {
                throw try await divergence(server, walkID: walkID, seq: index + 1, local: bytes, link: chain.links[index], serverHash: hash)
            }
            if serverHashes.count > chain.links.count {
                notes.append("the team server has \(serverHashes.count - chain.links.count) more records of this walk than this file (\(chain.links.count)): it was pushed from another copy; this file was left as it is")
            }
            if let before = files.pushedCount(walkID), before > serverHashes.count {
                notes.append("the team server had only \(serverHashes.count) of the \(before) records this machine pushed before (restored from a backup?): they were sent again")
            }
            let new = Array(chain.links.dropFirst(serverHashes.count))
            if !new.isEmpty {
                let change = try await server.value("SELECT journeywalk.next_change()", as: Int64.self) ?? 0
                let seqs = new.map { Int32($0.seq) }
                let prevs = new.map { $0.prev ?? "" }
                let hashes = new.map(\.hash)
                let lines = new.map { ByteBuffer(bytes: bytes[$0.bytes]) }
                try await server.rows("""
                    INSERT INTO journeywalk.records (walk_id, seq, prev, hash, line, change)
                    SELECT \(walkID), s, nullif(p, ''), h, l, \(change)
                    FROM unnest(\(seqs)::int[], \(prevs)::text[], \(hashes)::text[], \(lines)::bytea[]) AS t(s, p, h, l) ORDER BY s
                    """)
            }
            if !evidenceOnServer.isEmpty {
                try await server.rows("""
                    INSERT INTO journeywalk.evidence_uses (sha256, walk_id)
                    SELECT h, \(walkID) FROM unnest(\(evidenceOnServer)::text[]) AS h
                    WHERE h NOT IN (SELECT journeywalk.missing_evidence(\(evidenceOnServer)))
                    ON CONFLICT DO NOTHING
                    """)
            }
            return Outcome(walkID: walkID, sent: new.count, already: min(serverHashes.count, chain.links.count), evidenceSent: evidenceSent,
                           notes: notes, complete: bytes.last == 0x0A)
        }
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
