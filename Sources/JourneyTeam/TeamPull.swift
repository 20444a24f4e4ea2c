import Foundation
import Glibc
import JourneyKit
import JourneyStore
import NIOCore
import PostgresNIO

/// `pull` (SPEC 8.2): fetches the records of the team's walks this member may read that were pushed
/// since the last pull, by the server's change number (never by time), into read-only copies under
/// `team/walks/AUTHOR/`. The member's own walks are not fetched (they are here already), and no local
/// walk is ever touched.
public enum TeamPull {
    public struct Outcome: Equatable, Sendable {
        /// Walks whose copy is new or grew.
        public var walks: Int
        public var records: Int
        /// The change this machine has now pulled up to.
        public var lastChange: Int64
        /// Set when the server knew fewer changes than this machine had pulled: restored from a backup.
        public var serverBehind: (had: Int64, server: Int64)?
        /// Review events fetched (of the member's own walks and of those they review).
        public var reviewEvents: Int = 0

        public static func == (a: Outcome, b: Outcome) -> Bool {
            a.walks == b.walks && a.records == b.records && a.lastChange == b.lastChange && a.reviewEvents == b.reviewEvents && a.serverBehind?.had == b.serverBehind?.had
                && a.serverBehind?.server == b.serverBehind?.server
        }
    }

    public static func pull(_ server: TeamConnection, files: TeamFiles) async throws(TeamError) -> Outcome {
        guard let teamID = try await server.value("SELECT value FROM journeywalk.settings WHERE key = 'team_id'", as: String.self) else {
            throw TeamError("the team server has no team id: its owner runs journeywalk team init")
        }
        let state = files.pullState()
        var cursor = state?.teamID == teamID ? state?.lastChange ?? 0 : 0
        var outcome = Outcome(walks: 0, records: 0, lastChange: cursor, serverBehind: nil)
        var refetch: [(author: String, walkID: String)] = []
        var journeyCopies: [String: Set<String>] = [:]
        try await server.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { () async throws(TeamError) in
            let last = try await server.value("SELECT journeywalk.last_change()", as: Int64.self) ?? 0
            if last < cursor {
                outcome.serverBehind = (cursor, last)
                cursor = 0
            }
            var current: (author: String, walkID: String, lines: [(seq: Int, line: ByteBuffer)])?
            func finish() throws(TeamError) {
                guard let walk = current else { return }
                current = nil
                if walk.lines.first?.seq == 1, let name = journeyCopyName(Array(walk.lines[0].line.readableBytesView)) {
                    journeyCopies[name, default: []].insert(walk.author)
                }
                switch try merge(walk.lines, author: walk.author, walkID: walk.walkID, files: files) {
                case .some(let added):
                    if added > 0 {
                        outcome.walks += 1
                        outcome.records += added
                    }
                case .none:
                    refetch.append((walk.author, walk.walkID))
                }
            }
            try await server.stream("""
                SELECT owner, walk_id, seq, line FROM journeywalk.records
                WHERE change > \(cursor) AND change <= \(last) AND owner <> session_user
                ORDER BY owner, walk_id, seq
                """) { row throws(TeamError) in
                let (author, walkID, seq, line) = try decode(row, as: (String, String, Int32, ByteBuffer).self)
                guard TeamFiles.isSafeName(author), TeamFiles.isSafeName(walkID) else { return }
                if current?.walkID != walkID || current?.author != author { try finish() }
                if current == nil { current = (author, walkID, []) }
                current?.lines.append((Int(seq), line))
            }
            try finish()
            outcome.reviewEvents = try await pullReviewEvents(server, files: files, after: cursor, upTo: last)
            let released = try await pullClientCopies(server, files: files, after: cursor, upTo: last)
            outcome.walks += released
            // Journeys too large for a header travel once by name; a copy's walk reads its journey from
            // `team/walks/AUTHOR/journeys/NAME.json`, as a local walk reads `walks/journeys/`.
            try await fetchJourneyCopies(server, files: files, wanted: journeyCopies)
            // A copy that missed records (a folder restored from a backup, a copy removed by hand) is
            // fetched whole.
            for walk in refetch {
                var lines: [(seq: Int, line: ByteBuffer)] = []
                try await server.stream("SELECT seq, line FROM journeywalk.records WHERE owner = \(walk.author) AND walk_id = \(walk.walkID) AND change <= \(last) ORDER BY seq") { row throws(TeamError) in
                    let (seq, line) = try decode(row, as: (Int32, ByteBuffer).self)
                    lines.append((Int(seq), line))
                }
                try? FileManager.default.removeItem(atPath: files.copyPath(author: walk.author, walkID: walk.walkID))
                if let added = try merge(lines, author: walk.author, walkID: walk.walkID, files: files), added > 0 {
                    outcome.walks += 1
                    outcome.records += added
                }
            }
            outcome.lastChange = last
        }
        // The copies reach the disk before the cursor says they were pulled.
        let fd = open(files.folder, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            _ = flushFileSystem(fd)
            close(fd)
        }
        do {
            try files.write(TeamFiles.PullState(teamID: teamID, lastChange: outcome.lastChange, pulledAt: Timestamp.format(Date()), member: server.address.user))
        } catch {
            throw TeamError(error.description)
        }
        return outcome
    }

    /// The review events of the walks the member may read (their own included) between two changes,
    /// added to `team/reviews/AUTHOR/WALK-ID.jsonl`. A client reads none (they hold the names).
    static func pullReviewEvents(_ server: TeamConnection, files: TeamFiles, after cursor: Int64, upTo last: Int64) async throws(TeamError) -> Int {
        var byWalk: [String: (author: String, walkID: String, events: [ReviewEvent])] = [:]
        try await server.stream("""
            SELECT owner, walk_id, change, at, by, kind, revision, touchpoint, item, body, due, grade FROM journeywalk.review_events
            WHERE change > \(cursor) AND change <= \(last) ORDER BY change
            """) { row throws(TeamError) in
            let (author, walkID, change, at, by, kind, revision, touchpoint, item, body, due, grade) =
                try decode(row, as: (String, String, Int64, Date, String, String, Int32, String?, Int32?, String?, Date?, Int32?).self)
            guard TeamFiles.isSafeName(author), TeamFiles.isSafeName(walkID), let kind = ReviewEvent.Kind(rawValue: kind) else { return }
            let event = ReviewEvent(change: change, at: at, by: by, kind: kind, revision: Int(revision), touchpoint: touchpoint,
                                    item: item.map(Int.init), text: body, due: due, grade: grade.map(Int.init))
            byWalk[author + "/" + walkID, default: (author, walkID, [])].events.append(event)
        }
        var added = 0
        for walk in byWalk.values {
            do { added += try files.addReviewEvents(walk.events, author: walk.author, walkID: walk.walkID) } catch { throw TeamError(error.description) }
        }
        return added
    }

    /// A client's released copies between two changes, into `team/walks/released/NAME.jsonl`
    /// (read-only like every pulled copy). Only a client pulls them: a reviewer reads the walks themselves.
    static func pullClientCopies(_ server: TeamConnection, files: TeamFiles, after cursor: Int64, upTo last: Int64) async throws(TeamError) -> Int {
        guard try await TeamMembers.myRole(server) == "client" else { return 0 }
        var written = 0
        let folder = files.copies + "/" + TeamFiles.releasedAuthor
        let evidenceFolder = folder + "/evidence"
        var wanted: Set<String> = []
        try await server.stream("SELECT name, content, evidence FROM journeywalk.client_copies WHERE change > \(cursor) AND change <= \(last) ORDER BY change") { row throws(TeamError) in
            let (name, content, evidence) = try decode(row, as: (String, ByteBuffer, [String]).self)
            guard TeamFiles.isSafeName(name) else { return }
            do throws(FileError) {
                try PosixFile.makeFolder(files.folder, mode: 0o700)
                try PosixFile.makeFolder(files.copies, mode: 0o700)
                try PosixFile.makeFolder(folder, mode: 0o700)
                let path = folder + "/" + name + ".jsonl"
                if !PosixFile.isFile(path) {
                    // Evidence the reviewer included is fetched beside the copies, and the copy points at it.
                    let bytes = Array(content.readableBytesView)
                    let kept = evidence.isEmpty ? bytes : (ReleasedCopy.localized(bytes, path: path, evidenceFolder: evidenceFolder) ?? bytes)
                    try PosixFile.writeAtomically(kept, to: path, mode: 0o400, exactMode: true, sync: false)
                    written += 1
                }
            } catch {
                throw TeamError(error.description)
            }
            wanted.formUnion(evidence.filter { $0.count == 64 && $0.allSatisfy(\.isHexDigit) && !PosixFile.isFile(evidenceFolder + "/" + $0) })
        }
        guard !wanted.isEmpty else { return written }
        try await server.stream("SELECT sha256, content FROM journeywalk.evidence WHERE sha256 = ANY(\(Array(wanted)))") { row throws(TeamError) in
            let (hash, content) = try decode(row, as: (String, ByteBuffer).self)
            let bytes = Array(content.readableBytesView)
            guard wanted.contains(hash), SHA256.hex(bytes) == hash else { return }
            do throws(FileError) {
                try PosixFile.makeFolder(evidenceFolder, mode: 0o700)
                try PosixFile.writeAtomically(bytes, to: evidenceFolder + "/" + hash, mode: 0o400, exactMode: true, sync: false)
            } catch {
                throw TeamError(error.description)
            }
        }
        return written
    }

    /// How many records of each of the member's own walks the server holds.
    public static func ownCounts(_ server: TeamConnection) async throws(TeamError) -> [String: Int] {
        var counts: [String: Int] = [:]
        try await server.stream("SELECT walk_id, records FROM journeywalk.walks WHERE owner = session_user") { row throws(TeamError) in
            let (walkID, records) = try decode(row, as: (String, Int32).self)
            counts[walkID] = Int(records)
        }
        return counts
    }

    /// The member's walks this machine pushed that the server now holds fewer records of (it was
    /// restored from a backup, or replaced): they are to be pushed again.
    public static func lostWalks(_ server: TeamConnection, files: TeamFiles) async throws(TeamError) -> [String] {
        let counts = try await ownCounts(server)
        return files.pushedCounts().filter { walkID, pushed in (counts[walkID] ?? 0) < pushed }.keys.sorted()
    }

    /// Fetches the shared journey copies that pulled walks refer to and this machine lacks.
    /// `wanted`: by name, the author folders whose new copies refer to it (from `merge`).
    static func fetchJourneyCopies(_ server: TeamConnection, files: TeamFiles, wanted all: [String: Set<String>]) async throws(TeamError) {
        var wanted: [String: Set<String>] = [:]
        for (name, authors) in all {
            let missing = authors.filter { !PosixFile.isFile(files.copies + "/" + $0 + "/journeys/" + name + ".json") }
            if !missing.isEmpty { wanted[name] = missing }
        }
        guard !wanted.isEmpty else { return }
        try await server.stream("SELECT name, content FROM journeywalk.journey_copies WHERE name = ANY(\(Array(wanted.keys)))") { row throws(TeamError) in
            let (name, content) = try decode(row, as: (String, ByteBuffer).self)
            for author in wanted[name] ?? [] {
                let folder = files.copies + "/" + author + "/journeys"
                do throws(FileError) {
                    try PosixFile.makeFolder(folder, mode: 0o700)
                    try PosixFile.writeAtomically(Array(content.readableBytesView), to: folder + "/" + name + ".json", mode: 0o400, exactMode: true, sync: false)
                } catch {
                    throw TeamError(error.description)
                }
            }
        }
    }

    /// The name of the shared journey copy a walk header refers to (`"journey":{…,"copy":"NAME"}`), if any.
    static func journeyCopyName(_ header: [UInt8]) -> String? {
        let key = Array(#""copy":""#.utf8)
        guard header.count > key.count else { return nil }
        var index = 0
        while index + key.count <= header.count {
            if header[index] == key[0], Array(header[index..<index + key.count]) == key {
                let start = index + key.count
                guard let end = header[start...].firstIndex(of: 0x22) else { return nil }
                let name = String(decoding: header[start..<end], as: UTF8.self)
                return TeamFiles.isSafeName(name) ? name : nil
            }
            index += 1
        }
        return nil
    }

    /// Adds fetched records to a walk's copy. Returns how many were new, or nil when they do not
    /// continue the copy (a gap: the copy must be fetched whole).
    static func merge(_ lines: [(seq: Int, line: ByteBuffer)], author: String, walkID: String, files: TeamFiles) throws(TeamError) -> Int? {
        guard let first = lines.first else { return 0 }
        let path = files.copyPath(author: author, walkID: walkID)
        let existing = (try? PosixFile.read(path)) ?? []
        let chain = WalkChain(bytes: existing)
        let have = chain.links.count
        guard first.seq <= have + 1 else { return nil }
        var content = Array(existing.prefix(chain.links.last.map { $0.bytes.upperBound + 1 } ?? 0))
        var added = 0
        for (seq, line) in lines {
            if seq <= have {
                // Already in the copy: it must be the same record, or the copy is fetched whole.
                guard Array(existing[chain.links[seq - 1].bytes]) == Array(line.readableBytesView) else { return nil }
                continue
            }
            guard seq == have + added + 1 else { return nil }
            content.append(contentsOf: line.readableBytesView)
            content.append(0x0A)
            added += 1
        }
        guard added > 0 else { return 0 }
        do {
            try PosixFile.makeFolder(files.folder, mode: 0o700)
            try PosixFile.makeFolder(files.copies, mode: 0o700)
            try PosixFile.makeFolder(files.copies + "/" + author, mode: 0o700)
            try PosixFile.writeAtomically(content, to: path, mode: 0o400, exactMode: true, sync: false)
        } catch {
            throw TeamError(error.description)
        }
        return added
    }
}

/// Linux's syncfs(2): flushes the file system holding `fd` (the C library declares it only for GNU sources).
@_silgen_name("syncfs")
private func flushFileSystem(_ fd: Int32) -> Int32
