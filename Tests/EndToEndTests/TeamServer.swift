import Foundation
import Glibc
import Testing

/// The PostgreSQL server of the team tests: started by `scripts/team-server` (which `.ci/run` and the
/// README's test command run the tests under) and handed over in JOURNEYWALK_TEST_PG* variables. A
/// test that needs it fails, never skips, when it is not there.
struct TestServer: Sendable {
    var host: String
    var port: Int
    var superuser: String
    var password: String
    var socket: String
    var certificate: String
    var dataFolder: String
    var bin: String

    static let missing = "no PostgreSQL server for the team tests: run them as `scripts/team-server run swift test` (the README's test command) or through .ci/run"

    /// The server, or a recorded failure and nil.
    static func required(sourceLocation: SourceLocation = #_sourceLocation) -> TestServer? {
        let environment = ProcessInfo.processInfo.environment
        guard let host = environment["JOURNEYWALK_TEST_PGHOST"], let port = environment["JOURNEYWALK_TEST_PGPORT"].flatMap(Int.init),
              let password = environment["JOURNEYWALK_TEST_PGPASSWORD"], let socket = environment["JOURNEYWALK_TEST_PGSOCKET"] else {
            Issue.record(Comment(rawValue: missing), sourceLocation: sourceLocation)
            return nil
        }
        return TestServer(
            host: host, port: port, superuser: environment["JOURNEYWALK_TEST_PGUSER"] ?? "postgres", password: password, socket: socket,
            certificate: environment["JOURNEYWALK_TEST_PGCERT"] ?? "", dataFolder: environment["JOURNEYWALK_TEST_PGDATA"] ?? "",
            bin: environment["JOURNEYWALK_TEST_PGBIN"] ?? "")
    }

    /// psql as the superuser over the Unix socket (no password), one statement or script; stops at the first error.
    @discardableResult
    /// A server of a test's own in `folder` (`scripts/team-server start`), so that stopping it stops
    /// no other test; nil (with the reason recorded) when it does not start. Stop it with `control(.stop, folder)`.
    func own(in folder: String, sourceLocation: SourceLocation = #_sourceLocation) -> TestServer? {
        chmod(folder, 0o755)
        let started = Self.control("start", folder)
        guard started.status == 0, let env = try? String(contentsOfFile: folder + "/env", encoding: .utf8) else {
            Issue.record(Comment(rawValue: "cannot start a server of the test's own: \(started.output)"), sourceLocation: sourceLocation)
            return nil
        }
        var values: [String: String] = [:]
        for line in env.split(separator: "\n") {
            let pair = line.replacingOccurrences(of: "export ", with: "").split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { values[pair[0]] = pair[1] }
        }
        var own = self
        own.port = Int(values["JOURNEYWALK_TEST_PGPORT"] ?? "") ?? 0
        own.password = values["JOURNEYWALK_TEST_PGPASSWORD"] ?? ""
        own.socket = values["JOURNEYWALK_TEST_PGSOCKET"] ?? ""
        return own
    }

    /// `scripts/team-server COMMAND FOLDER`: start, stop, crash (immediate stop) or restart a server of a test's own.
    @discardableResult
    static func control(_ command: String, _ folder: String) -> (status: Int32, output: String) {
        spawnAndWait([repositoryRoot + "/scripts/team-server", command, folder])
    }

    func superuserSQL(_ sql: String, database: String = "postgres") -> (status: Int32, output: String) {
        spawnAndWait(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", socket, "-p", String(port), "-U", superuser, "-d", database, "-At", "-c", sql])
    }

    /// psql as a member over TCP with their password, as a person with psql and their own password would.
    func psql(_ sql: String, as user: String, password: String, database: String, sslmode: String = "prefer") -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = password
        return spawnAndWait(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-c", sql,
                             "host=\(host) port=\(port) user=\(user) dbname=\(database) sslmode=\(sslmode)"], environment: environment)
    }
}

/// The team binary built beside journeywalk.
let teamBinary: String = {
    let folder = URL(fileURLWithPath: journeywalkBinary).deletingLastPathComponent().path
    return folder + "/journeywalk-team"
}()

/// The schema version this build's `team init` makes (`TeamSchema.version`; these tests run the
/// binaries and do not link the team module). A migration added without raising it fails the tests
/// that read it from `team init` and `team status`.
let teamSchemaVersion = 5

/// A team of its own for one test: a database and an owner (a login role with CREATEROLE, not a
/// superuser, as an agency's IT person would make), the schema initialised, and member names
/// unique to the test (roles are shared by the whole server).
struct TestTeam {
    let server: TestServer
    let database: String
    let prefix: String
    let owner: String
    let ownerPassword = "owner-password-1"
    let root: String

    /// The push of a whole walk file as journeywalk pushed walks while the team's schema was
    /// version 1: one call of that schema's `append_records` (14 arguments) with every line of
    /// the file, each hashed and chained to the one before it, run as the member (psql).
    static func schemaOnePush(walkFile: String) throws -> String {
        let text = try String(contentsOfFile: walkFile, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let literals = lines.map { line in "'\\x" + line.utf8.map { String(format: "%02x", $0) }.joined() + "'::bytea" }
        let header = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any] ?? [:]
        let journey = header["journey"] as? [String: Any] ?? [:]
        func quoted(_ value: Any?) -> String { (value as? String).map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL" }
        let walkID = URL(fileURLWithPath: walkFile).deletingPathExtension().lastPathComponent
        return """
            WITH l AS (SELECT s::int AS s, line, encode(sha256(line), 'hex') AS hash FROM unnest(ARRAY[\(literals.joined(separator: ","))]) WITH ORDINALITY AS t(line, s)),
                 c AS (SELECT s, line, hash, coalesce(lag(hash) OVER (ORDER BY s), '') AS prev FROM l)
            SELECT journeywalk.append_records('\(walkID)', \(quoted(journey["id"])), \(quoted(journey["title"])), \(quoted(header["operator"])),
                \(quoted(header["location"])), NULL, now(), 3, 0,
                array_agg(s ORDER BY s), array_agg(prev ORDER BY s), array_agg(hash ORDER BY s), array_agg(line ORDER BY s), '{}') FROM c
            """
    }

    /// `schemaVersion`: the team as an older journeywalk made it.
    init?(_ server: TestServer?, initialise: Bool = true, schemaVersion: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let server else { return nil }
        self.server = server
        prefix = "t" + String(UInt32.random(in: 0...UInt32.max), radix: 36) + String(getpid() % 1000)
        database = prefix + "_team"
        owner = prefix + "_owner"
        root = temporaryFolder()
        var made = server.superuserSQL("CREATE ROLE \(owner) LOGIN CREATEROLE PASSWORD '\(ownerPassword)'")
        if made.status == 0 { made = server.superuserSQL("CREATE DATABASE \(database) OWNER \(owner)") }
        guard made.status == 0 else {
            Issue.record(Comment(rawValue: "cannot make the test's database: \(made.output)"), sourceLocation: sourceLocation)
            return nil
        }
        if initialise {
            var result = run(as: nil, ["team", "init", "--url", url(owner)] + (schemaVersion.map { ["--schema-version", String($0)] } ?? []), password: ownerPassword)
            if result.status == 0 { result = run(as: "owner", ["team", "connect", url(owner)], password: ownerPassword) }
            guard result.status == 0 else {
                Issue.record(Comment(rawValue: "team init failed: \(result.output)"), sourceLocation: sourceLocation)
                return nil
            }
        }
    }

    func name(_ person: String) -> String { prefix + "_" + person }
    func url(_ user: String, query: String = "") -> String { "postgres://\(user)@127.0.0.1:\(server.port)/\(database)" + query }
    /// A person's data folder.
    func home(_ person: String) -> String {
        let path = root + "/" + person
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs the team program (or journeywalk with `program`) for a person's data folder.
    @discardableResult
    func run(as person: String?, _ arguments: [String], password: String? = nil, program: String = teamBinary, stdin: String = "/dev/null") -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = password
        environment["HOME"] = root
        environment["TZ"] = "UTC"
        let data = person.map { ["--data-dir", home($0)] } ?? ["--data-dir", home("owner")]
        return spawnAndWait([program] + arguments + data, environment: environment, stdin: stdin)
    }

    /// Adds a member and connects their data folder; their password is `PERSON-password-1`.
    func addMember(_ person: String, role: String) -> Bool {
        let file = root + "/" + person + ".password"
        FileManager.default.createFile(atPath: file, contents: Data((password(person) + "\n").utf8))
        let added = run(as: "owner", ["team", "member", "add", name(person), "--role", role, "--password-file", file], password: ownerPassword)
        let connected = run(as: person, ["team", "connect", url(name(person))], password: password(person))
        if added.status != 0 || connected.status != 0 { Issue.record(Comment(rawValue: added.output + connected.output)) }
        return added.status == 0 && connected.status == 0
    }

    func password(_ person: String) -> String { person == "owner" ? ownerPassword : person + "-password-1" }

    /// Walks the retail sample in plain mode in a person's data folder; returns the walk file.
    @discardableResult
    func walk(_ person: String, script: String = "m\nn\nx\nnote slow till\nm\nm\nm\nm\nm\nm\nfinish\n", location: String = "Main Street") -> String? {
        let input = root + "/" + person + "-visit.txt"
        FileManager.default.createFile(atPath: input, contents: Data(script.utf8))
        let before = Set(walkFiles(person))
        let result = run(as: person, ["walk", "retail-store-visit", "--operator", person.capitalized, "--location", location, "--plain"],
                         program: journeywalkBinary, stdin: input)
        let made = walkFiles(person).first { !before.contains($0) }
        if made == nil { Issue.record(Comment(rawValue: "the walk was not saved: \(result.output)")) }
        return made
    }

    func walkFiles(_ person: String) -> [String] {
        let folder = home(person) + "/walks"
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted().map { folder + "/" + $0 }
    }

    /// One value from the team's database, read as the superuser.
    func sql(_ query: String) -> String { server.superuserSQL(query, database: database).output.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The server's records of a walk, as the file's lines joined by "\n" (with the last "\n").
    func serverLines(_ walkID: String, of person: String) -> String {
        let rows = sql("SELECT string_agg(convert_from(line, 'UTF8'), E'\\n' ORDER BY seq) FROM journeywalk.records WHERE owner = '\(name(person))' AND walk_id = '\(walkID)'")
        return rows.isEmpty ? "" : rows + "\n"
    }
}
