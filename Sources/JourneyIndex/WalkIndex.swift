import Foundation
import Glibc
import GRDB
import JourneyKit
import JourneyStore

/// The walk index: a SQLite database (`$JOURNEYWALK_HOME/index.sqlite`, mode 0600) derived from
/// the walk files, which stay the only source of truth. Each walk file has one row (its header
/// fields, counts, score and a compact blob of its steps) with the size, modification time, inode
/// and change time it had when read; `refresh` re-reads exactly the files where any of them changed,
/// adds new ones and drops rows of files that are gone. Deleting the database loses nothing: it is rebuilt.
/// WAL mode and a busy timeout let several journeywalk processes use it at once.
public final class WalkIndex {
    public let path: String
    public let walksFolder: String
    /// The team copies' folder (`team/walks`), whose `AUTHOR/ID.jsonl` files are indexed beside
    /// the walks, each row marked with its author; nil when only the walks folder is indexed.
    public let teamCopies: String?
    private var database: DatabaseQueue
    /// Outlines read so far, by key.
    private var outlines: [String: JourneyOutline] = [:]

    /// The schema's version; a database of another version is emptied and rebuilt. 2: a stopwatch
    /// reading of 0 seconds is no timer reading in the steps (`Moment.stopwatchReading`). 3: nor is a
    /// split timer reset to 0:00 (`Moment.usedSplitTimer`). 4: only the split timer is a timing;
    /// the time on screen at a verdict is none (`Moment.splitReading`). 5: a row keeps the file's
    /// inode and change time too, and files that are not regular files have rows (`WalkFileStamps`).
    /// 6: a row is a file of the walks folder or a team copy, keyed by (name, author).
    static let schemaVersion = 6

    /// Why the index cannot be used; the caller reads the walk files instead.
    public struct Unavailable: Error, Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Why an index that is a symbolic link is not used ("Too many levels of symbolic links" is
    /// what the system says of O_NOFOLLOW): it is neither followed nor replaced.
    static let symbolicLinkReason = "it is a symbolic link, and the index is never opened through a link; remove the link and journeywalk makes the index again in its place"

    /// The index file of a data folder.
    public static func path(home: String) -> String { home + "/index.sqlite" }

    /// Opens (creating when missing) the index of a walks folder. A file that is not a database,
    /// or a damaged one, is deleted and made anew.
    public static func open(path: String, walksFolder: String, teamCopies: String? = nil) throws(Unavailable) -> WalkIndex {
        do {
            return try retryingWhileBusy { try WalkIndex(path: path, walksFolder: walksFolder, teamCopies: teamCopies) }
        } catch let error as DatabaseError where isDamage(error) {
            removeFiles(path)
            do {
                return try WalkIndex(path: path, walksFolder: walksFolder, teamCopies: teamCopies)
            } catch {
                throw Unavailable(path: path, reason: describe(error))
            }
        } catch let error as Unavailable {
            throw error
        } catch {
            throw Unavailable(path: path, reason: describe(error))
        }
    }

    private init(path: String, walksFolder: String, teamCopies: String?) throws {
        self.path = path
        self.walksFolder = walksFolder
        self.teamCopies = teamCopies
        // Create the file ourselves so that it is private from the start; SQLite gives its -wal and
        // -shm files the same mode.
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            let code = errno
            var info = stat()
            if code == ELOOP, lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
                throw Unavailable(path: path, reason: Self.symbolicLinkReason)
            }
            throw Unavailable(path: path, reason: String(cString: strerror(code)))
        }
        Glibc.close(fd)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.journalMode = .wal
        configuration.label = "walk index"
        database = try DatabaseQueue(path: path, configuration: configuration)
        try prepareSchema()
    }

    private func prepareSchema() throws {
        let version = try database.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        if version == Self.schemaVersion { return }
        try database.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                // Another process may have made it in the meantime.
                let now = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if now == Self.schemaVersion { return .commit }
                try db.execute(sql: "DROP TABLE IF EXISTS walk; DROP TABLE IF EXISTS outline; DROP TABLE IF EXISTS meta")
                try db.execute(sql: """
                    CREATE TABLE walk (
                        name TEXT NOT NULL, author TEXT NOT NULL DEFAULT '', size INTEGER NOT NULL, modified INTEGER NOT NULL,
                        inode INTEGER NOT NULL, changed INTEGER NOT NULL, copy TEXT, error TEXT,
                        walk_id TEXT, journey_id TEXT, journey_title TEXT, journey_version INTEGER, outline TEXT,
                        operator TEXT, role TEXT, location TEXT, channel TEXT,
                        started REAL, stated_start REAL, last_change REAL, status TEXT,
                        magic INTEGER, neutral INTEGER, misery INTEGER, skipped INTEGER, unrecorded INTEGER,
                        score REAL, problems TEXT, steps BLOB, PRIMARY KEY (name, author));
                    CREATE INDEX walk_by_journey ON walk(journey_id);
                    CREATE TABLE outline (key TEXT PRIMARY KEY NOT NULL, journey_id TEXT NOT NULL, title TEXT NOT NULL,
                        version INTEGER, touchpoints BLOB NOT NULL);
                    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
                    PRAGMA user_version = \(Self.schemaVersion);
                    """)
                return .commit
            }
        }
    }

    /// What a refresh did.
    public struct Refresh: Equatable, Sendable {
        /// Files read (new or changed since they were indexed).
        public var read = 0
        /// Rows dropped for files that are gone.
        public var dropped = 0
        /// Files in the folder.
        public var files = 0
    }

    /// Brings the index up to date with the walk files: reads new and changed files (by size and
    /// modification time, and those whose shared journey copy folder changed), drops rows of files
    /// that are gone. A damaged database is rebuilt from the files.
    @discardableResult
    public func refresh() throws(Unavailable) -> Refresh {
        do {
            return try Self.retryingWhileBusy { try refreshOnce() }
        } catch let error as DatabaseError where Self.isDamage(error) {
            do {
                try rebuild()
                return try refreshOnce()
            } catch {
                throw Unavailable(path: path, reason: Self.describe(error))
            }
        } catch let error as DigestCoding.Damaged {
            _ = error
            do {
                try rebuild()
                return try refreshOnce()
            } catch {
                throw Unavailable(path: path, reason: Self.describe(error))
            }
        } catch {
            throw Unavailable(path: path, reason: Self.describe(error))
        }
    }

    /// Runs a piece of index work again while another journeywalk holds the database in a way
    /// SQLite reports at once instead of waiting (two processes making a new index both switch it to
    /// WAL, or a read snapshot that another writer moved on): up to five seconds, then the error.
    static func retryingWhileBusy<T>(_ work: () throws -> T) throws -> T {
        var attempts = 0
        while true {
            do {
                return try work()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempts < 50 {
                attempts += 1
                usleep(useconds_t(50_000 + Int.random(in: 0..<50_000)))
            }
        }
    }

    /// Deletes the database files and makes an empty index.
    private func rebuild() throws {
        try? database.close()
        Self.removeFiles(path)
        outlines = [:]
        let fresh = try WalkIndex(path: path, walksFolder: walksFolder, teamCopies: teamCopies)
        database = fresh.database
    }

    private func refreshOnce() throws -> Refresh {
        let scan = WalkFileStamps.scan(walksFolder, teamCopies: teamCopies)
        var copiesSeen: Int64 = 0
        var stale: [WalkFileStamps.Entry] = []
        var gone: [(name: String, author: String)] = []
        try database.read { db in
            copiesSeen = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'copies_modified'") ?? 0
            let copiesChanged = copiesSeen != scan.copiesModified
            // The files by name, then the rows in table order (no sort on either side): a row whose
            // file is gone is dropped, a file without a row or with another size or time is read.
            // A team copy's key is `AUTHOR/NAME` (a name never holds a `/`).
            var position = [String: Int](minimumCapacity: scan.entries.count)
            for (index, entry) in scan.entries.enumerated() { position[entry.author.isEmpty ? entry.name : entry.author + "/" + entry.name] = index }
            var indexed = [Bool](repeating: false, count: scan.entries.count)
            let rows = try Row.fetchCursor(db, sql: "SELECT name, size, modified, inode, changed, copy IS NOT NULL, author FROM walk")
            while let row = try rows.next() {
                let name: String = row[0], author: String = row[6]
                guard let index = position[author.isEmpty ? name : author + "/" + name] else {
                    gone.append((name, author))
                    continue
                }
                indexed[index] = true
                let entry = scan.entries[index]
                let size: Int64 = row[1], modified: Int64 = row[2], inode: Int64 = row[3], changed: Int64 = row[4], usesCopy: Bool = row[5]
                if size != entry.size || modified != entry.modified || inode != entry.inode || changed != entry.changed || (copiesChanged && usesCopy) {
                    stale.append(entry)
                }
            }
            for (index, entry) in scan.entries.enumerated() where !indexed[index] { stale.append(entry) }
        }
        // Read in name order (the order walks were started).
        stale.sort { $0.name != $1.name ? $0.name < $1.name : $0.author < $1.author }
        let copiesChanged = copiesSeen != scan.copiesModified
        var outcome = Refresh(read: stale.count, dropped: gone.count, files: scan.entries.count)
        if stale.isEmpty, gone.isEmpty, !copiesChanged { return outcome }
        if !gone.isEmpty {
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let delete = try db.makeStatement(sql: "DELETE FROM walk WHERE name = ? AND author = ?")
                    for row in gone { try delete.execute(arguments: [row.name, row.author]) }
                    return .commit
                }
            }
        }
        let byPath = Dictionary(stale.map { (filePath(name: $0.name, author: $0.author), $0) }, uniquingKeysWith: { first, _ in first })
        try DigestReader.read(stale.map { filePath(name: $0.name, author: $0.author) }) { paths, outcomes in
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let insert = try db.makeStatement(sql: """
                        INSERT OR REPLACE INTO walk (name, size, modified, inode, changed, copy, error, walk_id, journey_id, journey_title,
                            journey_version, outline, operator, role, location, channel, started, stated_start, last_change, status,
                            magic, neutral, misery, skipped, unrecorded, score, problems, steps, author)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                    let insertOutline = try db.makeStatement(sql: "INSERT OR IGNORE INTO outline (key, journey_id, title, version, touchpoints) VALUES (?, ?, ?, ?, ?)")
                    for (path, result) in zip(paths, outcomes) {
                        guard let entry = byPath[path] else { continue }
                        switch result {
                        case .unreadable(let message):
                            try insert.execute(arguments: [
                                entry.name, entry.size, entry.modified, entry.inode, entry.changed, nil, message, nil, nil, nil, nil, nil, nil, nil, nil, nil,
                                nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, entry.author,
                            ])
                        case .walk(let walk, let outline, let copy):
                            if outlines[walk.outlineKey] == nil {
                                outlines[walk.outlineKey] = outline
                                try insertOutline.execute(arguments: [
                                    walk.outlineKey, outline.journeyID, outline.title, outline.version, Data(DigestCoding.encode(outline.touchpoints)),
                                ])
                            }
                            let summary = walk.summary
                            var arguments: StatementArguments = [
                                entry.name, entry.size, entry.modified, entry.inode, entry.changed, copy, nil, walk.walkID, walk.journeyID, walk.journeyTitle,
                                walk.journeyVersion, walk.outlineKey, walk.operator, walk.role, walk.location, walk.channel,
                                walk.started.timeIntervalSince1970, walk.statedStart?.timeIntervalSince1970,
                                walk.lastChange.timeIntervalSince1970, walk.status.rawValue,
                            ]
                            arguments += [
                                summary.magic, summary.neutral, summary.misery, summary.skipped, summary.unrecorded, walk.score,
                                walk.problems.isEmpty ? nil : walk.problems.joined(separator: "\n"), Data(DigestCoding.encode(walk.steps)),
                                entry.author,
                            ]
                            try insert.execute(arguments: arguments)
                        }
                    }
                    return .commit
                }
            }
        }
        try database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('copies_modified', ?)", arguments: [scan.copiesModified])
        }
        outcome.files = scan.entries.count
        return outcome
    }

    /// Whether the index holds any walk (false for one just made, which a refresh must fill first).
    public func hasWalks() throws(Unavailable) -> Bool {
        do {
            return try database.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM walk)") ?? false }
        } catch {
            throw Unavailable(path: path, reason: Self.describe(error))
        }
    }

    /// Calls `body` with every readable walk that passes the filter (with its steps when asked),
    /// in file-name order (the start time) unless `ordered` is false (the table's own order, which
    /// spares a lookup per row for a caller that sorts them itself), and `problem` with each file
    /// that could not be read.
    public func forEach(filter: WalkFilter, steps: Bool, ordered: Bool = true, walk body: (WalkDigest) throws -> Void, problem: (String) -> Void) throws(Unavailable) {
        do {
            try database.read { db in
                // Every outline first (there are few): `body` may ask for them while the rows are read.
                let known = try Row.fetchCursor(db, sql: "SELECT key, journey_id, title, version, touchpoints FROM outline")
                while let row = try known.next() {
                    let key: String = row[0]
                    if outlines[key] != nil { continue }
                    let blob: Data = row[4]
                    outlines[key] = JourneyOutline(journeyID: row[1], title: row[2], version: row[3], touchpoints: try DigestCoding.decodeOutline([UInt8](blob)))
                }
                var sql = "SELECT name, error, walk_id, journey_id, journey_title, journey_version, outline, operator, role, location, channel, started, stated_start, last_change, status, magic, neutral, misery, skipped, unrecorded, score, problems"
                sql += steps ? ", steps, author FROM walk" : ", author FROM walk"
                let authorColumn = steps ? 23 : 22
                var arguments: StatementArguments = []
                if let journey = filter.journey {
                    sql += " WHERE journey_id = ? OR error IS NOT NULL"
                    arguments += [journey]
                }
                // The primary key's order: by file name (the start time), a walk's own file before team copies of that name.
                if ordered { sql += " ORDER BY name, author" }
                let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try rows.next() {
                    let name: String = row[0]
                    let author: String = row[authorColumn]
                    // Rows of team copies kept by an index opened with them, when this one is not.
                    if !author.isEmpty, teamCopies == nil { continue }
                    let path = filePath(name: name, author: author)
                    if let error: String = row[1] {
                        problem(error)
                        continue
                    }
                    let status = Walk.Status(rawValue: row[14] ?? "") ?? .draft
                    let walkOperator: String = row[7] ?? "", location: String = row[9] ?? ""
                    let started = Date(timeIntervalSince1970: row[11] ?? 0)
                    let stated: Double? = row[12]
                    let statedStart = stated.map { Date(timeIntervalSince1970: $0) }
                    let journeyID: String = row[3] ?? ""
                    if !filter.matches(
                        journeyID: journeyID, operator: walkOperator, location: location, status: status, visitStart: statedStart ?? started,
                        searchText: WalkFilter.searchText(journeyTitle: row[4] ?? "", journeyID: journeyID, operator: walkOperator, role: row[8] ?? "", location: location, walkID: row[2] ?? "")) {
                        continue
                    }
                    var stepList: [WalkDigest.Step] = []
                    if steps {
                        let blob: Data = row[22] ?? Data()
                        stepList = try DigestCoding.decodeSteps([UInt8](blob))
                    }
                    let problems: String? = row[21]
                    let digest = WalkDigest(
                        walkID: row[2] ?? "", path: path, journeyID: journeyID, journeyTitle: row[4] ?? "", journeyVersion: row[5],
                        outlineKey: row[6] ?? "", operator: walkOperator, role: row[8] ?? "", location: location, channel: row[10] ?? "",
                        started: started, statedStart: statedStart, lastChange: Date(timeIntervalSince1970: row[13] ?? 0), status: status,
                        summary: WalkSummary(magic: row[15] ?? 0, neutral: row[16] ?? 0, misery: row[17] ?? 0, skipped: row[18] ?? 0, unrecorded: row[19] ?? 0),
                        score: row[20], problems: problems.map { $0.split(separator: "\n").map(String.init) } ?? [], steps: stepList,
                        author: author.isEmpty ? nil : author)
                    try body(digest)
                }
            }
        } catch let error as Unavailable {
            throw error
        } catch let error as DatabaseError where Self.isDamage(error) {
            // The rows were not all read: rebuild, and let the caller read again.
            try? rebuild()
            throw Unavailable(path: path, reason: "the index was damaged and has been rebuilt; " + Self.describe(error))
        } catch {
            throw Unavailable(path: path, reason: Self.describe(error))
        }
    }

    /// The file of a row: `walks/NAME`, or `team/walks/AUTHOR/NAME` for a team copy.
    func filePath(name: String, author: String) -> String {
        author.isEmpty ? walksFolder + "/" + name : (teamCopies ?? walksFolder) + "/" + author + "/" + name
    }

    /// The outline of a journey version, by key.
    public func outline(_ key: String) throws(Unavailable) -> JourneyOutline? {
        if let known = outlines[key] { return known }
        do {
            let found = try database.read { db -> JourneyOutline? in
                guard let row = try Row.fetchOne(db, sql: "SELECT journey_id, title, version, touchpoints FROM outline WHERE key = ?", arguments: [key]) else { return nil }
                let blob: Data = row[3]
                return JourneyOutline(journeyID: row[0], title: row[1], version: row[2], touchpoints: try DigestCoding.decodeOutline([UInt8](blob)))
            }
            if let found { outlines[key] = found }
            return found
        } catch {
            throw Unavailable(path: path, reason: Self.describe(error))
        }
    }

    static func isDamage(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_FULL: return "the disk is full"
            case .SQLITE_READONLY: return "the disk or file is read-only"
            case .SQLITE_CANTOPEN: return "cannot open the file"
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: return "the file is damaged"
            case .SQLITE_BUSY: return "another journeywalk kept it busy for too long"
            default: return error.message ?? "SQLite error \(error.resultCode.rawValue)"
            }
        }
        if let error = error as? Unavailable { return error.reason }
        if error is DigestCoding.Damaged { return "the file is damaged" }
        return String(describing: error)
    }

    static func removeFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }
}
