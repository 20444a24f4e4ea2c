import Foundation
import Glibc
import Testing

/// Runs journeywalk with standard output the write end of a pipe whose reader is already gone, and
/// standard error captured; with SIGPIPE ignored when `ignoringSIGPIPE` (as a parent that ignores
/// it passes on: `trap '' PIPE`, some service managers). The signal that ended it, if any.
func spawnIntoClosedPipe(_ arguments: [String], environment: [String: String], ignoringSIGPIPE: Bool) -> (signal: Int32?, status: Int32?, errors: String) {
    let errorPath = NSTemporaryDirectory() + "journeywalk-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).err"
    defer { unlink(errorPath) }
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { return (nil, nil, "no pipe") }
    close(ends[0])
    defer { close(ends[1]) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    // The shell's `trap '' PIPE` is inherited through exec as an ignored signal.
    let command = ["/bin/sh", "-c", (ignoringSIGPIPE ? "trap '' PIPE; " : "") + "exec \"$0\" \"$@\""] + arguments
    guard case .success(let pid) = spawnChild(command, environment: environment, actions: &actions, defaulting: [SIGPIPE]) else {
        return (nil, nil, "cannot start")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
    return (status & 0x7F) == 0 ? (nil, (status >> 8) & 0xFF, errors) : (status & 0x7F, nil, errors)
}

/// Standard output that cannot be written (a full disk, a closed pipe) and standard error that
/// cannot be written never pass for success and never crash.
@Suite(.serialized) struct OutputEndToEndTests {
    private func makeHome() throws -> (home: String, walk: String, environment: [String: String]) {
        let home = temporaryFolder()
        try FileManager.default.createDirectory(atPath: home + "/walks", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let walk = home + "/walks/20261122-101503-retail-store-visit.jsonl"
        // Without its last line, which is cut off: every command reads the walk without a warning.
        let complete = sampleJournal.split(separator: "\n").dropLast().joined(separator: "\n") + "\n"
        try complete.write(toFile: walk, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["JOURNEYWALK_HOME"] = home
        environment["TERM"] = "dumb"
        return (home, walk, environment)
    }

    /// Runs a shell line with the journeywalk binary as `$JW`; standard output and error together.
    private func shell(_ line: String, _ environment: [String: String]) -> (status: Int32, output: String) {
        var environment = environment
        environment["JW"] = journeywalkBinary
        return spawnAndWait(["/bin/sh", "-c", line], environment: environment)
    }

    @Test func aFullDiskUnderStandardOutputIsNamedAndFailsEveryCommand() throws {
        let (home, walk, environment) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let cases: [(command: String, what: String)] = [
            ("report \(shellQuoted(walk)) --format html", "the report "),
            ("report --all --format json", "the report "),
            ("report --all --format json --redact", "the report "),
            ("compare --journey retail-store-visit --format text", "the comparison "),
            ("diff \(shellQuoted(walk)) \(shellQuoted(walk))", "the differences "),
            ("actions --status all --format json", "the actions "),
            ("actions --status all", ""),
            ("journeys list", ""),
            ("--help", "the help "),
        ]
        for (command, what) in cases {
            let result = shell("\"$JW\" \(command) > /dev/full", environment)
            #expect(result.status == 1, "\(command): \(result.status) \(result.output)")
            #expect(result.output.hasSuffix("journeywalk: cannot write \(what)to standard output: No space left on device\n"), "\(command): \(result.output)")
            #expect(result.output.split(separator: "\n").count == 1, "\(command): one line: \(result.output)")
        }
        // A command that fails anyway keeps its own status and still names the output.
        let refused = shell("\"$JW\" report \(shellQuoted(walk)) nonexistent > /dev/full", environment)
        #expect(refused.status == 1)
        #expect(refused.output.contains("journeywalk: cannot write the report to standard output: No space left on device"), "\(refused.output)")
    }

    @Test func standardErrorThatCannotBeWrittenIsNoCrash() throws {
        let (home, _, environment) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        for command in ["report nonexistent", "resume nonexistent --plain", "walk nonexistent --plain", "report"] {
            let result = shell("\"$JW\" \(command) 2>/dev/full; echo status=$?", environment)
            let expected = command == "report" ? "status=64" : "status=1"
            #expect(result.output.hasSuffix(expected + "\n"), "\(command): \(result.output)")
        }
        // Both streams full: the error of the output cannot be said either, and the status says it.
        let both = shell("\"$JW\" journeys list >/dev/full 2>/dev/full; echo status=$?", environment)
        #expect(both.output == "status=1\n", "\(both.output)")
    }

    @Test func aReaderThatIsGoneEndsTheCommandQuietlyBySIGPIPE() throws {
        let (home, _, environment) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        for ignoring in [false, true] {
            for arguments in [["report", "--all"], ["actions", "--status", "all", "--format", "json"], ["journeys", "list"], ["--help"]] {
                let result = spawnIntoClosedPipe([journeywalkBinary] + arguments, environment: environment, ignoringSIGPIPE: ignoring)
                #expect(result.signal == SIGPIPE, "\(arguments), SIGPIPE ignored: \(ignoring): status \(String(describing: result.status)) \(result.errors)")
                #expect(result.errors.isEmpty, "\(arguments): \(result.errors)")
            }
        }
    }

    @Test func standardErrorShowsControlCharactersFromInputAndCutsLongLines() throws {
        let (home, _, environment) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let input = home + "/answers.txt"
        let long = String(repeating: "y", count: 100_000)
        try "dance\u{1B}]0;pwned\u{07}\n\(long)\n".write(toFile: input, atomically: true, encoding: .utf8)
        let walked = shell("\"$JW\" walk retail-store-visit --plain < \(shellQuoted(input)) 2>&1 >/dev/null", environment)
        #expect(walked.status == 1)
        #expect(walked.output.contains("journeywalk: standard input line 1: unknown command 'dance^[]0;pwned^G'\n"), "\(walked.output.prefix(500))")
        #expect(walked.output.contains("journeywalk: standard input line 2: unknown command '" + String(repeating: "y", count: 59) + "…'\n"))
        // The parser's own refusals echo the command line: shown, not sent, and cut.
        let parsed = shell("\"$JW\" report --format \"$(printf 'h\\033[2Jtml')\" x 2>&1; \"$JW\" \(long) 2>&1", environment)
        #expect(parsed.output.contains("'h^[[2Jtml'"), "\(parsed.output.prefix(500))")
        for output in [walked.output, parsed.output] {
            #expect(!output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no control character: \(output.prefix(300))")
            let longest = output.split(separator: "\n").map(\.count).max() ?? 0
            #expect(longest <= 1_000, "lines are cut: \(longest)")
        }
    }
}
