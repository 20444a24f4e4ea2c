import Foundation
import JourneyKit
import JourneyStore

/// What a team command needs from this machine: the data folder's team files, the settings in
/// team.conf and the password by libpq's rules; and the connection, opened only when asked for.
public struct TeamSession: Sendable {
    public let files: TeamFiles
    public let locations: DataLocations
    public let environment: [String: String]

    public init(locations: DataLocations, environment: [String: String]) {
        self.locations = locations
        self.files = TeamFiles(locations)
        self.environment = environment
    }

    /// The configured address and timeout, or a one-line error when there is none.
    public func configured() throws(TeamError) -> (address: TeamAddress, timeout: Int) {
        let settings: TeamFiles.Settings?
        do { settings = try files.settings() } catch { throw TeamError(error.description) }
        guard let settings else {
            throw TeamError("no team is configured in \(locations.home): run journeywalk team connect postgres://USER@HOST:PORT/DATABASE")
        }
        do {
            let address = try TeamAddress.parse(settings.url)
            return (address, address.connectTimeout ?? settings.connectTimeoutSeconds)
        } catch {
            throw TeamError("\(files.conf): \(error.description)")
        }
    }

    /// Opens the connection to `address` (the configured one when nil).
    public func open(_ address: TeamAddress? = nil, timeout: Int? = nil) async throws(TeamError) -> TeamConnection {
        let target: TeamAddress
        let seconds: Int
        if let address {
            target = address
            seconds = timeout ?? address.connectTimeout ?? TeamFiles.Settings.defaultConnectTimeout
        } else {
            let configured = try configured()
            target = configured.address
            seconds = configured.timeout
        }
        return try await TeamConnection.open(target, password: PasswordSource.password(for: target, environment: environment), timeoutSeconds: seconds)
    }

    /// Runs `body` on a connection that is closed afterwards, whatever happens.
    public func with<Result>(_ address: TeamAddress? = nil, _ body: (TeamConnection) async throws(TeamError) -> Result) async throws(TeamError) -> Result {
        let server = try await open(address)
        do {
            let result = try await body(server)
            await server.close()
            return result
        } catch {
            await server.close()
            throw error
        }
    }

    /// The walk files named on the command line (a file, a walk id or a unique prefix).
    public func walkPaths(_ references: [String]) throws(TeamError) -> [String] {
        let catalog = WalkFileCatalog(folder: locations.walks)
        var paths: [String] = []
        for reference in references {
            do { paths.append(try catalog.path(of: reference)) } catch { throw TeamError(error.description) }
        }
        return paths
    }
}

/// `team status`: what this machine and the server say about the team.
public struct TeamStatus: Sendable {
    public var server: String
    public var member: String
    public var role: String?
    public var schema: Int?
    public var waiting: [String]
    public var lastPull: String?
    public var lastChange: Int64?
    /// Why the server could not be asked, when it could not.
    public var unreachable: String?
    /// The member's walks a reviewer returned for corrections (from the last pull).
    public var returned: [(walkID: String, by: String, due: Date?)] = []

    public init(server: String, member: String, role: String? = nil, schema: Int? = nil, waiting: [String], lastPull: String?, lastChange: Int64?, unreachable: String? = nil) {
        self.server = server
        self.member = member
        self.role = role
        self.schema = schema
        self.waiting = waiting
        self.lastPull = lastPull
        self.lastChange = lastChange
        self.unreachable = unreachable
    }

    public var text: String {
        var lines = ["server       \(server)"]
        if let unreachable { lines.append("reached      no: \(unreachable)") }
        lines.append("member       \(member)" + (role.map { " (\($0))" } ?? (unreachable == nil ? " (not a member of this team)" : "")))
        if let schema { lines.append("schema       version \(schema)" + (schema == TeamSchema.version ? "" : " (this journeywalk knows \(TeamSchema.version))")) }
        lines.append("waiting      \(Counted.text(waiting.count, "walk")) to push" + (waiting.isEmpty ? "" : ": journeywalk push"))
        lines.append("last pull    " + (lastPull.map { "\($0) (change \(lastChange ?? 0))" } ?? "never: journeywalk pull"))
        for (index, walk) in returned.enumerated() {
            let due = walk.due.map { ", corrections due \(ReaderTime.minute($0))" + ($0 < Date() ? " (late)" : "") } ?? ""
            lines.append((index == 0 ? "returned     " : "             ") + "\(walk.walkID) by \(TerminalText.sanitize(walk.by))\(due): journeywalk resume \(walk.walkID)")
        }
        return lines.joined(separator: "\n")
    }

    public var json: String {
        JSONWriter.encode(.object([
            ("server", .string(server)), ("member", .string(member)), ("role", .optional(role)),
            ("schema", schema.map { .int($0) } ?? .null), ("reached", .bool(unreachable == nil)), ("error", .optional(unreachable)),
            ("waiting", .int(waiting.count)), ("waiting_walks", .array(waiting.map { .string($0) })),
            ("last_pull", .optional(lastPull)), ("last_change", lastChange.map { .int(Int($0)) } ?? .null),
            ("returned", .array(returned.map { walk in
                .object([("walk", .string(walk.walkID)), ("by", .string(walk.by)), ("due", walk.due.map { .string(Timestamp.format($0)) } ?? .null)])
            })),
        ]))
    }
}
