import Foundation
import Glibc
import Testing

/// A private tmux server with one session: the real binary in a real terminal.
final class Tmux {
    let socket = "journeywalk-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    private var environment: [String: String] = {
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = env["TERM"].flatMap { $0.isEmpty || $0 == "dumb" ? nil : $0 } ?? "xterm-256color"
        env.removeValue(forKey: "TMUX")
        return env
    }()

    @discardableResult
    func tmux(_ arguments: String...) -> (status: Int32, output: String) {
        spawnAndWait(["tmux", "-L", socket, "-f", "/dev/null"] + arguments, environment: environment)
    }

    /// Starts a session running a shell command in a pane of the given size.
    /// A server that is just exiting (its last session ended) can refuse the first try; retry a few times.
    func start(_ command: String, width: Int = 100, height: Int = 30) {
        var result = (status: Int32(1), output: "")
        for _ in 0..<10 {
            result = tmux("new-session", "-d", "-s", "jw", "-x", "\(width)", "-y", "\(height)", command)
            if result.status == 0 { return }
            usleep(100_000)
        }
        Issue.record("tmux new-session failed: \(result.output)")
    }

    /// Starts a walk's shell command and goes past its briefing to the first touchpoint
    /// (`Touchpoint 1/N`), recording an issue if either screen does not come.
    func startWalk(_ command: String, width: Int = 100, height: Int = 30, touchpoints: Int = 9) {
        start(command, width: width, height: height)
        let briefing = waitFor("Enter start")
        #expect(briefing.found, "briefing:\n\(briefing.screen)")
        send("Enter")
        let first = waitFor("Touchpoint 1/\(touchpoints)")
        #expect(first.found, "first touchpoint:\n\(first.screen)")
    }

    /// The screen with rows the terminal wrapped joined again, trailing spaces kept (`-J`): a long
    /// line reads as printed whatever column it wrapped at.
    func captureJoined() -> String {
        tmux("capture-pane", "-p", "-J", "-t", "jw").output
    }

    func capture(escapes: Bool = false) -> String {
        escapes ? tmux("capture-pane", "-p", "-e", "-t", "jw").output : tmux("capture-pane", "-p", "-t", "jw").output
    }

    /// Sends tmux key names (`Enter`, `Left`, `m`). After `Escape` it waits for the screen to
    /// answer it (at most a second), then longer than the program's escape delay (25 ms), as a
    /// person's next key does: an Esc that arrives together with the next key is an Alt chord,
    /// which journeywalk ignores, and on a loaded machine the program may read both at once.
    func send(_ keys: String...) {
        for key in keys {
            guard key == "Escape" else {
                tmux("send-keys", "-t", "jw", key)
                continue
            }
            let before = capture()
            tmux("send-keys", "-t", "jw", key)
            let deadline = Date().addingTimeInterval(1)
            repeat { usleep(20_000) } while capture() == before && Date() < deadline
            usleep(60_000)
        }
    }

    /// Sends text literally, as typed.
    func type(_ text: String) { tmux("send-keys", "-t", "jw", "-l", text) }

    /// Polls the screen until it contains the text; returns the screen (or the last one seen).
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15) -> (found: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = capture()
            if screen.contains(text) { return (true, settled(screen) { $0.contains(text) }) }
            usleep(30_000)
        }
        return (false, screen)
    }

    /// A frame can be caught half-sent (rows above the one waited for drawn, rows below not yet):
    /// capture again until two captures 40 ms apart agree (at most half a second, for screens with a
    /// running clock), keeping the last one that still meets the condition.
    private func settled(_ first: String, _ condition: (String) -> Bool) -> String {
        var last = first
        for _ in 0..<12 {
            usleep(40_000)
            let next = capture()
            guard condition(next) else { return last }
            if next == last { return next }
            last = next
        }
        return last
    }

    /// Polls the screen until a condition holds (a whole frame, not a half-drawn one); returns the screen.
    @discardableResult
    func waitUntil(timeout: Double = 15, _ condition: (String) -> Bool) -> (found: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = capture()
            if condition(screen) { return (true, settled(screen, condition)) }
            usleep(30_000)
        }
        return (false, screen)
    }

    /// The process id running in the pane.
    var panePID: pid_t? { pid_t(tmux("display-message", "-p", "-t", "jw", "#{pane_pid}").output.trimmingCharacters(in: .whitespacesAndNewlines)) }

    func stop() { tmux("kill-server") }
}
