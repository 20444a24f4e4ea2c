import Glibc

/// The team's files on this machine (SPEC 8.1–8.2, docs/team.md), read and written without the
/// network, so the walk, the home screen and `submit` can know about the team without linking the
/// team module:
///
/// - `team.conf` (mode 0600): the server's address and the connect timeout; never a password;
/// - `team/outbox.log`: the walks waiting to be pushed (`submit` queues, `push` clears);
/// - `team/pushed.log`: how many records of each walk the server held after this machine pushed it;
/// - `team/walks/AUTHOR/WALK-ID.jsonl`: read-only copies of the team's walks, written by `pull`;
/// - `team/state`: the team's id and the last change pulled.
public struct TeamFiles: Sendable {
    public let home: String

    public init(home: String) { self.home = home }
    public init(_ locations: DataLocations) { self.home = locations.home }

    public var conf: String { home + "/team.conf" }
    public var folder: String { home + "/team" }
    public var outbox: String { folder + "/outbox" }
    public var copies: String { folder + "/walks" }
    public var state: String { folder + "/state" }

    // MARK: team.conf

    /// What `team connect` wrote: the server's URL (without a password) and the connect timeout.
    public struct Settings: Equatable, Sendable {
        public var url: String
        public var connectTimeoutSeconds: Int

        public static let defaultConnectTimeout = 10

        public init(url: String, connectTimeoutSeconds: Int = Settings.defaultConnectTimeout) {
            self.url = url
            self.connectTimeoutSeconds = connectTimeoutSeconds
        }

        /// `key = value` lines; `#` starts a comment.
        public var text: String {
            """
            # journeywalk team settings (journeywalk team connect); no password is ever kept here:
            # it comes from PGPASSWORD or ~/.pgpass
            url = \(url)
            connect_timeout = \(connectTimeoutSeconds)

            """
        }

        /// Reads the text of a team.conf; `path` names it in the error.
        public static func parse(_ text: String, path: String) throws(FileError) -> Settings {
            var url: String?
            var timeout = defaultConnectTimeout
            for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingSpaces
                if line.isEmpty || line.hasPrefix("#") { continue }
                guard let equals = line.firstIndex(of: "=") else {
                    throw FileError(path: "\(path):\(index + 1)", reason: "expected `key = value`")
                }
                let key = line[..<equals].trimmingSpaces
                let value = line[line.index(after: equals)...].trimmingSpaces
                switch key {
                case "url": url = String(value)
                case "connect_timeout":
                    guard let seconds = Int(value), seconds > 0, seconds <= 600 else {
                        throw FileError(path: "\(path):\(index + 1)", reason: "connect_timeout must be a whole number of seconds from 1 to 600")
                    }
                    timeout = seconds
                default:
                    throw FileError(path: "\(path):\(index + 1)", reason: "unknown setting `\(key)` (url, connect_timeout)")
                }
            }
            guard let url, !url.isEmpty else { throw FileError(path: path, reason: "no `url = postgres://…` line; run journeywalk team connect URL") }
            return Settings(url: url, connectTimeoutSeconds: timeout)
        }
    }

    /// Whether a team is configured on this machine.
    public var isConfigured: Bool { PosixFile.isFile(conf) }

    /// The settings, or nil when no team is configured.
    public func settings() throws(FileError) -> Settings? {
        guard PosixFile.exists(conf) else { return nil }
        let bytes = try PosixFile.read(conf, limit: 64 * 1024)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw FileError(path: conf, reason: "is not UTF-8 text") }
        return try Settings.parse(text, path: conf)
    }

    /// Writes team.conf with mode 0600, replacing it atomically.
    public func write(_ settings: Settings) throws(FileError) {
        try PosixFile.makeFolder(home, mode: 0o700)
        try PosixFile.writeAtomically(Array(settings.text.utf8), to: conf, mode: 0o600, exactMode: true)
    }

    // MARK: the outbox

    /// The queue of walks waiting to be pushed: `+WALK-ID` when a walk is queued, `-WALK-ID` when it
    /// was pushed (`SharedLineLog`). Earlier versions kept one empty file per walk in `team/outbox/`:
    /// those still count as queued, and are removed once pushed.
    public var outboxLog: String { folder + "/outbox.log" }

    /// Queues a walk to be pushed; queuing it twice is the same as once.
    public func queue(_ walkID: String) throws(FileError) { try queue([walkID]) }

    /// Queues the walks not queued yet, in one write flushed to disk.
    public func queue(_ walkIDs: [String]) throws(FileError) {
        for walkID in walkIDs where !Self.isSafeName(walkID) {
            throw FileError(path: outboxLog, reason: "`\(walkID)` is not a walk id")
        }
        let waiting = Set(waiting())
        var adding = Set<String>()
        let new = walkIDs.filter { !waiting.contains($0) && adding.insert($0).inserted }
        guard !new.isEmpty else { return }
        try PosixFile.makeFolder(folder, mode: 0o700)
        try SharedLineLog(path: outboxLog).append(new.map { "+" + $0 }, sync: true)
    }

    /// The walks waiting to be pushed, by id, in the order they were first queued.
    public func waiting() -> [String] {
        Self.waiting(legacy: PosixFile.list(outbox), log: SharedLineLog(path: outboxLog).lines())
    }

    static func waiting(legacy: [String], log: [Substring]) -> [String] {
        var order: [String] = []
        var listed = Set<String>()
        var queued = Set<String>()
        func add(_ walkID: String) {
            queued.insert(walkID)
            if listed.insert(walkID).inserted { order.append(walkID) }
        }
        for walkID in legacy where !walkID.hasPrefix(".") && isSafeName(walkID) { add(walkID) }
        for line in log {
            let walkID = String(line.dropFirst())
            guard isSafeName(walkID) else { continue }
            switch line.first {
            case "+": add(walkID)
            case "-": queued.remove(walkID)
            default: continue
            }
        }
        return order.filter(queued.contains)
    }

    /// Takes a pushed walk off the queue. Not flushed: after a crash the walk is at worst pushed
    /// again, which adds nothing.
    public func unqueue(_ walkID: String) { unqueue([walkID]) }

    /// Takes pushed walks off the queue, in one write; the queue's file is rewritten with only the
    /// walks still waiting once most of its lines are of walks pushed.
    public func unqueue(_ walkIDs: [String]) {
        let ids = walkIDs.filter(Self.isSafeName)
        guard !ids.isEmpty else { return }
        let log = SharedLineLog(path: outboxLog)
        try? log.append(ids.map { "-" + $0 }, sync: false)
        if PosixFile.exists(outbox) {
            for walkID in ids { unlink(outbox + "/" + walkID) }
        }
        let lines = log.lines()
        if lines.count > 1024 && lines.count > 4 * Self.waiting(legacy: [], log: lines).count {
            try? log.compact { lines in Self.waiting(legacy: [], log: lines).map { "+" + $0 } }
        }
    }

    /// A walk id or member name that can be a file name: letters, digits, `-`, `_`, `.`, not starting with a dot.
    public static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 200 && name.first != "." && name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
    }

    // MARK: what this machine pushed

    /// How many records of each walk this machine has seen on the server after a push, to notice a
    /// server that lost them: a line `WALK-ID COUNT` per push that changed it, the last one counting
    /// (`SharedLineLog`). Earlier versions kept a file per walk in `team/pushed/`, still read.
    public var pushedLog: String { folder + "/pushed.log" }
    /// Where earlier versions kept a file per walk pushed.
    public var pushed: String { folder + "/pushed" }

    /// How many records of a walk this machine has seen on the server after a push.
    public func pushedCount(_ walkID: String) -> Int? { pushedCounts()[walkID] }

    /// The number of records this machine has seen on the server after a push, of every walk it pushed.
    public func pushedCounts() -> [String: Int] {
        var counts: [String: Int] = [:]
        for walkID in PosixFile.list(pushed) where Self.isSafeName(walkID) {
            if let bytes = try? PosixFile.read(pushed + "/" + walkID, limit: 64), let count = Int(String(decoding: bytes, as: UTF8.self).trimmingSpaces) {
                counts[walkID] = count
            }
        }
        for line in SharedLineLog(path: pushedLog).lines() {
            if let (walkID, count) = Self.pushedLine(line) { counts[walkID] = count }
        }
        return counts
    }

    /// A line of `pushed.log`, `WALK-ID COUNT`; nil for anything else (a line cut off and closed with `#`).
    static func pushedLine(_ line: Substring) -> (walkID: String, count: Int)? {
        let parts = line.split(separator: " ")
        guard parts.count == 2, isSafeName(String(parts[0])), let count = Int(parts[1]), count >= 0 else { return nil }
        return (String(parts[0]), count)
    }

    /// Notes how many records of a walk the server held after a push. Not flushed: a count lost in a
    /// crash reads as the one before, which only means a lost walk is noticed at its next push instead
    /// of the next pull.
    public func recordPushed(_ walkID: String, records: Int) throws(FileError) {
        guard Self.isSafeName(walkID) else { return }
        try PosixFile.makeFolder(folder, mode: 0o700)
        try SharedLineLog(path: pushedLog).append(["\(walkID) \(records)"], sync: false)
    }

    /// Rewrites `pushed.log` with one line per walk once most of its lines are counts replaced since.
    public func compactPushedLog() {
        let log = SharedLineLog(path: pushedLog)
        let lines = log.lines()
        guard lines.count > 1024, lines.count > 2 * Set(lines.compactMap { Self.pushedLine($0)?.walkID }).count else { return }
        try? log.compact { lines in
            // The last count of each walk, in the order the walks first came.
            var last: [String: Int] = [:]
            var order: [String] = []
            for case let (walkID, count)? in lines.map(Self.pushedLine) where last.updateValue(count, forKey: walkID) == nil {
                order.append(walkID)
            }
            return order.map { "\($0) \(last[$0]!)" }
        }
    }

    // MARK: pulled copies

    /// The folder under `team/walks/` of the copies released to a client (SPEC 8.3): they name no shopper.
    public static let releasedAuthor = "released"

    /// The file of a pulled copy of `walkID`, written by `author`.
    public func copyPath(author: String, walkID: String) -> String { copies + "/" + author + "/" + walkID + ".jsonl" }

    /// Every pulled copy: its author (the member who pushed it) and its path.
    public func pulledCopies() -> [(author: String, path: String)] {
        PosixFile.list(copies).filter(Self.isSafeName).flatMap { author in
            PosixFile.list(copies + "/" + author).filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }
                .map { (author, copies + "/" + author + "/" + $0) }
        }
    }

    // MARK: the pull state

    /// Which team this machine pulled from, up to which change, and when.
    public struct PullState: Equatable, Sendable {
        public var teamID: String
        public var lastChange: Int64
        public var pulledAt: String
        /// The member who pulled (whose own walks' review events are under `team/reviews/MEMBER/`).
        public var member: String?

        public init(teamID: String, lastChange: Int64, pulledAt: String, member: String? = nil) {
            self.teamID = teamID
            self.lastChange = lastChange
            self.pulledAt = pulledAt
            self.member = member
        }
    }

    public func pullState() -> PullState? {
        guard let bytes = try? PosixFile.read(state, limit: 4096), let text = String(validating: bytes, as: UTF8.self) else { return nil }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals].trimmingSpaces)] = String(line[line.index(after: equals)...].trimmingSpaces)
        }
        guard let team = values["team"], let change = values["last_change"].flatMap(Int64.init) else { return nil }
        return PullState(teamID: team, lastChange: change, pulledAt: values["pulled_at"] ?? "", member: values["member"].flatMap { Self.isSafeName($0) ? $0 : nil })
    }

    public func write(_ pull: PullState) throws(FileError) {
        try PosixFile.makeFolder(folder, mode: 0o700)
        let text = "team = \(pull.teamID)\nlast_change = \(pull.lastChange)\npulled_at = \(pull.pulledAt)\n" + (pull.member.map { "member = \($0)\n" } ?? "")
        try PosixFile.writeAtomically(Array(text.utf8), to: state, mode: 0o600, exactMode: true)
    }
}

extension StringProtocol {
    /// Without spaces and tabs at either end.
    var trimmingSpaces: Substring {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" || first == "\r" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }
}
