import Foundation
import Synchronization

/// Ends the program when the team's server stops answering in the middle of a command: a connection
/// cut without a word (a train's tunnel, a server killed mid-handshake) can leave a reply that never
/// comes and never fails. Everything journeywalk writes locally is written whole or not at all (the
/// queue, the pulled copies, the pull cursor), so ending there loses nothing: the message says so, and
/// the exit status is 75, as for a server that cannot be reached. (`@unchecked`: the timer is set up
/// once in `init` and only cancelled after; the rest is behind the mutex.)
final class AnswerWatchdog: @unchecked Sendable {
    /// Seconds without an answer while waiting for one.
    let limit: Int
    let server: String
    private let state = Mutex<(waiting: Int, since: ContinuousClock.Instant)>((0, .now))
    /// Run before the program ends (a full screen restores the terminal) and what it adds to the message.
    private let leaving = Mutex<(action: (@Sendable () -> Void)?, note: String)>((nil, ""))
    private let timer: DispatchSourceTimer

    init(limit: Int, server: String) {
        self.limit = limit
        self.server = server
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in self?.check() }
        timer.resume()
    }

    deinit { timer.cancel() }

    /// Around every wait for the server.
    func waiting<Result>(_ body: () async throws -> Result) async rethrows -> Result {
        state.withLock { $0 = ($0.waiting + 1, .now) }
        defer { state.withLock { $0.waiting -= 1 } }
        return try await body()
    }

    /// Work to do before the program ends on a stalled server, and a note for its message.
    func beforeGivingUp(note: String, _ action: @escaping @Sendable () -> Void) { leaving.withLock { $0 = (action, note) } }

    /// Something arrived (a row of a long answer): the wait starts again.
    func progressed() { state.withLock { $0.since = .now } }

    private func check() {
        let stalled = state.withLock { $0.waiting > 0 && ContinuousClock.now - $0.since > .seconds(limit) }
        guard stalled else { return }
        let (action, note) = leaving.withLock { ($0.action, $0.note) }
        action?()
        let message = "journeywalk: the team server \(server) stopped answering (nothing for \(limit) s); nothing half-done was kept on this machine\(note): run the command again\n"
        FileHandle.standardError.write(Data(message.utf8))
        _exit(75)
    }
}
