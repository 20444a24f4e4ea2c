import ArgumentParser
import Foundation
import Glibc
import JourneyStore

/// The team commands live in a second program, `journeywalk-team`, the only one that links the
/// PostgreSQL client (README, "The team"): `journeywalk team …`, `push`, `pull`, and `verify` when a
/// team is configured, hand their arguments to it unchanged. It is found beside this binary (as
/// installed and as built), then on the PATH; `JOURNEYWALK_TEAM_PROGRAM` names another.
enum TeamLauncher {
    static let programName = "journeywalk-team"
    static let commands: Set<String> = ["team", "push", "pull", "queue", "assign", "assignments"]

    /// Where the team program is, or nil.
    static func program(environment: [String: String] = Session.environment) -> String? {
        if let named = environment["JOURNEYWALK_TEAM_PROGRAM"], !named.isEmpty { return named }
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let beside = PosixFile.parentFolder(of: exe) + "/" + programName
            if access(beside, X_OK) == 0 { return beside }
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = folder + "/" + programName
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    static var missing: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "journeywalk"
        return "the team commands are a second program, \(programName), and it is not beside \(exe) or on the PATH: build it with `swift build --product \(programName)` (README, \"The team\")"
    }

    /// Runs the team program in place of this process when the command line asks for a team command;
    /// returns only when it does not.
    static func forwardIfTeamCommand(_ arguments: [String] = CommandLine.arguments) {
        guard arguments.count > 1 else { return }
        let command = arguments[1]
        let wanted = commands.contains(command) || (command == "verify" && teamConfigured(arguments))
        guard wanted else { return }
        guard let program = program() else {
            Session.printError("journeywalk: " + missing)
            exit(1)
        }
        let argv = ([program] + arguments.dropFirst()).map { strdup($0) } + [nil]
        execv(program, argv)
        Session.printError("journeywalk: cannot run \(program): \(String(cString: strerror(errno)))")
        exit(1)
    }

    /// Whether the data folder the command line names (or the default one) has a team configured.
    static func teamConfigured(_ arguments: [String]) -> Bool {
        var dataDir: String?
        for (index, argument) in arguments.enumerated() {
            if argument == "--data-dir", index + 1 < arguments.count { dataDir = arguments[index + 1] }
            if argument.hasPrefix("--data-dir=") { dataDir = String(argument.dropFirst("--data-dir=".count)) }
        }
        return TeamFiles(DataLocations.resolve(dataDir: dataDir, environment: Session.environment)).isConfigured
    }

    /// Runs the team program and waits for it: its exit status, or nil when it cannot be found.
    static func run(_ arguments: [String]) -> Int32? {
        guard let program = program() else { return nil }
        var pid: pid_t = 0
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, program, nil, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}

/// `journeywalk team …`, `push` and `pull` as they appear in the help; they run the team program.
struct TeamSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "The team's server: connect URL, status, init, member add|list|remove (docs/team.md).")
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
    func run() throws { throw Session.fail(TeamLauncher.missing) }
}

struct PushSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push", abstract: "Send walks to the team's server: [WALK…] [--all] [--drafts] (docs/team.md).")
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
    func run() throws { throw Session.fail(TeamLauncher.missing) }
}

struct PullSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull", abstract: "Fetch the team's walks you may read into read-only copies (docs/team.md).")
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
    func run() throws { throw Session.fail(TeamLauncher.missing) }
}

struct QueueSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "The reviewer's queue: list, show, claim, comment, return, approve, release, exclude (docs/team.md).")
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
    func run() throws { throw Session.fail(TeamLauncher.missing) }
}

struct AssignSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Assign a visit: JOURNEY --to NAME --location TEXT --due DATE [--window 18:00-21:00] (docs/team.md).")
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
    func run() throws { throw Session.fail(TeamLauncher.missing) }
}

struct AssignmentsSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assignments", abstract: "The team's assignments ([--mine] [--format text|json]); assignments cancel ID (docs/team.md).")
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
    func run() throws { throw Session.fail(TeamLauncher.missing) }
}
