import ArgumentParser
import Foundation
import JourneyKit
import JourneyStore
import JourneyTeam

/// The team commands of SPEC 8 (docs/team.md): the only program that links postgres-nio.
/// `journeywalk team …`, `journeywalk push`, `pull` and `verify` (with a team) run it from beside
/// themselves; it can also be run as `journeywalk-team …`.
@main
struct TeamProgram: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journeywalk",
        abstract: "Share walks through a team store on PostgreSQL (docs/team.md).",
        subcommands: [TeamCommand.self, PushCommand.self, PullCommand.self, VerifyCommand.self, QueueCommand.self, AssignCommand.self, AssignmentsCommand.self]
    )

    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot(nil)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let error as TeamError {
            FileHandle.standardError.write(Data(("journeywalk: " + error.description + "\n").utf8))
            Foundation.exit(error.status)
        } catch {
            exit(withError: error)
        }
    }
}

struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Folder for walks (default: $JOURNEYWALK_HOME, else $XDG_DATA_HOME/journeywalk, else ~/.local/share/journeywalk).", valueName: "folder"))
    var dataDir: String?

    var session: TeamSession {
        let environment = ProcessInfo.processInfo.environment
        return TeamSession(locations: DataLocations.resolve(dataDir: dataDir, environment: environment), environment: environment)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// Writes a line to standard output.
func say(_ text: String) { print(text) }

/// A note on standard error, as journeywalk's own.
func note(_ text: String) { FileHandle.standardError.write(Data(("journeywalk: " + text + "\n").utf8)) }

struct TeamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Connect to the team's server, see its status, set it up, add members.",
        subcommands: [ConnectCommand.self, StatusCommand.self, InitCommand.self, MemberCommand.self, StatsCommand.self]
    )
}

struct ConnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect",
        abstract: "Save the team's server address in team.conf (mode 0600), after signing in once to check it.",
        discussion: "URL: postgres://USER@HOST:PORT/DATABASE?sslmode=require. No password is stored: it comes from PGPASSWORD or ~/.pgpass. Any host but loopback or a Unix socket needs sslmode=require (or verify-full)."
    )
    @Argument(help: "postgres://USER@HOST:PORT/DATABASE?sslmode=require") var url: String
    @Option(help: "Seconds to wait for the server (default 10).") var connectTimeout: Int?
    @OptionGroup var data: DataOptions

    func run() async throws {
        let session = data.session
        let address: TeamAddress
        do { address = try TeamAddress.parse(url) } catch { throw TeamError(error.description) }
        if let refusal = address.refusalWithoutTLS { throw TeamError(refusal) }
        if let connectTimeout, !(1...600).contains(connectTimeout) { throw TeamError("--connect-timeout must be 1 to 600 seconds") }
        let timeout = connectTimeout ?? address.connectTimeout ?? TeamFiles.Settings.defaultConnectTimeout
        let (role, version) = try await session.with(address) { server async throws(TeamError) -> (String?, Int?) in
            let version = try await TeamSchema.installedVersion(server)
            return (version == nil ? nil : try await TeamMembers.myRole(server), version)
        }
        do { try session.files.write(TeamFiles.Settings(url: address.url, connectTimeoutSeconds: timeout)) } catch { throw TeamError(error.description) }
        say("Team server: \(address.display) as \(address.user)" + (role.map { " (\($0))" } ?? ""))
        say("Saved in \(session.files.conf)")
        if version == nil { say("The database holds no team yet: its owner runs journeywalk team init") } else if role == nil {
            say("\(address.user) is not a member of this team yet: an admin runs journeywalk team member add \(address.user) --role ROLE")
        }
    }
}

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "The server, your name and role, the schema, walks waiting to be pushed, the last pull.")
    @Option(help: "text or json") var format: OutputFormat = .text
    @OptionGroup var data: DataOptions

    func run() async throws {
        let session = data.session
        let (address, _) = try session.configured()
        let pull = session.files.pullState()
        var status = TeamStatus(server: address.display, member: address.user, role: nil, schema: nil, waiting: session.files.waiting(),
                                lastPull: pull?.pulledAt, lastChange: pull?.lastChange, unreachable: nil)
        status.returned = session.files.ownReviewTrails().compactMap { walkID, trail in
            trail.openReturn.map { (walkID, $0.by, $0.due) }
        }.sorted { ($0.due ?? .distantFuture) < ($1.due ?? .distantFuture) }
        do throws(TeamError) {
            let found = try await session.with { server async throws(TeamError) -> (Int?, String?) in
                let schema = try await TeamSchema.installedVersion(server)
                return (schema, schema == nil ? nil : try await TeamMembers.myRole(server))
            }
            status.schema = found.0
            status.role = found.1
        } catch {
            status.unreachable = error.description
        }
        say(format == .json ? status.json : status.text)
        if let unreachable = status.unreachable, format == .text { throw TeamError(unreachable, status: TeamError.unreachable) }
        if status.unreachable != nil { throw ExitCode(TeamError.unreachable) }
    }
}

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or upgrade the team's schema (run by the database's owner; running it again changes nothing).",
        discussion: "Numbered migrations in one transaction, recorded in journeywalk.migrations. A schema newer than this journeywalk is refused and left as it is."
    )
    @Option(help: "The database's address, when not the configured one.") var url: String?
    @Option(name: .customLong("schema-version"), help: .hidden) var schemaVersion: Int?
    @OptionGroup var data: DataOptions

    func run() async throws {
        let session = data.session
        var address: TeamAddress?
        if let url {
            do { address = try TeamAddress.parse(url) } catch { throw TeamError(error.description) }
        }
        let result = try await session.with(address) { server async throws(TeamError) in try await TeamSchema.initialize(server, upTo: schemaVersion) }
        if result.from == result.to {
            say("The team's schema is already at version \(result.to); nothing changed")
        } else {
            say("The team's schema is at version \(result.to) (was \(result.from == 0 ? "none" : String(result.from))); members join the role \(result.groupRole)")
        }
    }
}

struct MemberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "member", abstract: "Add, list and remove the team's members (a PostgreSQL login each).",
        subcommands: [MemberAdd.self, MemberList.self, MemberRemove.self])
}

struct MemberAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a person with a role: shopper, leader, trainer, reviewer, client or admin.",
        discussion: "Creates their PostgreSQL login. The password is read from --password-file (its first line) or asked for twice on the terminal; only its SCRAM verifier is sent to the server, and journeywalk keeps nothing."
    )
    @Argument(help: "The member's login name.") var name: String
    @Option(help: "shopper, leader, trainer, reviewer, client or admin") var role: String
    @Option(help: "A file whose first line is the password.") var passwordFile: String?
    @OptionGroup var data: DataOptions

    func run() async throws {
        let session = data.session
        try TeamMembers.checkName(name)
        guard TeamMembers.roles.contains(role) else { throw TeamError("`\(role)` is not a role: \(TeamMembers.roles.joined(separator: ", "))") }
        let password: String
        if let passwordFile {
            guard let bytes = try? PosixFile.read(passwordFile, limit: 4096), let text = String(validating: bytes, as: UTF8.self),
                  let first = text.split(separator: "\n", omittingEmptySubsequences: false).first else {
                throw TeamError("\(passwordFile): cannot read the password from it")
            }
            password = String(first.hasSuffix("\r") ? first.dropLast() : first)
        } else {
            guard let first = Prompt.secret("Password for \(name): "), let second = Prompt.secret("Again: ") else {
                throw TeamError("no terminal to ask for the password on: use --password-file FILE")
            }
            guard first == second else { throw TeamError("the two passwords differ; nothing was changed") }
            password = first
        }
        let created = try await session.with { server async throws(TeamError) in
            try await TeamMembers.add(server, name: name, role: role, password: password)
        }
        say("Added \(name) as \(role)" + (created ? "" : " (their login already existed on this server and keeps its password)"))
    }
}

struct MemberList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The members you may see, with their roles.")
    @Option(help: "text or json") var format: OutputFormat = .text
    @OptionGroup var data: DataOptions

    func run() async throws {
        let members = try await data.session.with { server async throws(TeamError) in try await TeamMembers.list(server) }
        if format == .json {
            say(JSONWriter.encode(.array(members.map { .object([("name", .string($0.name)), ("role", .string($0.role)), ("added", .string($0.addedAt)), ("added_by", .string($0.addedBy))]) })))
            return
        }
        let width = max(6, members.map(\.name.count).max() ?? 0)
        for member in members {
            say(TerminalText.sanitize(member.name).padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + member.role.padding(toLength: 10, withPad: " ", startingAt: 0) + "added \(member.addedAt) by \(TerminalText.sanitize(member.addedBy))")
        }
    }
}

struct MemberRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Take a person off the team; their walks stay on the server.",
        discussion: "Their row and their membership of the team's role go; their PostgreSQL login stays (it may serve other databases): drop it with DROP ROLE when it does not.")
    @Argument var name: String
    @OptionGroup var data: DataOptions

    func run() async throws {
        try await data.session.with { server async throws(TeamError) in try await TeamMembers.remove(server, name: name) }
        say("Removed \(name) from the team")
    }
}
