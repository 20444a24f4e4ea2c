import Foundation
import Glibc

/// Runs a program to completion with a clean signal mask, standard input from /dev/null and
/// output captured through a file (a tmux server inherits descriptors, so a pipe would never close).
@discardableResult
func spawnAndWait(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment, stdin: String = "/dev/null") -> (status: Int32, output: String) {
    let outputPath = NSTemporaryDirectory() + "journeywalk-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
    defer { unlink(outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    // Test runners block SIGWINCH and friends; children must start with nothing blocked.
    let pid: pid_t
    switch spawnChild(arguments, environment: environment, actions: &actions, defaulting: [SIGPIPE, SIGWINCH, SIGHUP, SIGTERM, SIGINT]) {
    case .success(let started): pid = started
    case .failure(let error): return (127, "cannot start \(arguments[0]): \(String(cString: strerror(error.rawValue)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return (exitStatus, output)
}

/// Starts `arguments` (found on `PATH`) with the file actions given, no signal blocked and
/// `signals` at their default disposition, whatever this test process does with them.
func spawnChild(_ arguments: [String], environment: [String: String], actions: inout posix_spawn_file_actions_t, defaulting signals: [Int32]) -> Result<pid_t, Errno> {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in signals { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let result = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
    return result == 0 ? .success(pid) : .failure(Errno(rawValue: result))
}

/// A spawn error number.
struct Errno: Error {
    var rawValue: Int32
}

/// The journeywalk binary built beside this test bundle.
let journeywalkBinary: String = {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var folder = URL(fileURLWithPath: exe).deletingLastPathComponent()
    while folder.path != "/" {
        let candidate = folder.appendingPathComponent("journeywalk").path
        if FileManager.default.isExecutableFile(atPath: candidate), !FileManager.default.fileExists(atPath: candidate + "/") { return candidate }
        folder.deleteLastPathComponent()
    }
    return "journeywalk"
}()

let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

func temporaryFolder() -> String {
    var template = Array((NSTemporaryDirectory() + "journeywalk-e2e-XXXXXX").utf8CString)
    return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
}

/// Single quotes for a POSIX shell.
func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
