/// Where the team's server is, read from a `postgres://` URL as libpq reads one (the parts journeywalk
/// uses), and the rule that decides whether it may be reached without TLS.
///
/// `postgres://USER@HOST:PORT/DB?sslmode=require`; `postgresql://` too; a Unix socket as
/// `postgres://USER@/DB?host=/run/postgresql` (or the folder percent-encoded as the host).
public struct TeamAddress: Equatable, Sendable {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"

        /// Whether the connection is encrypted or refused.
        public var encrypts: Bool { self == .require || self == .verifyCA || self == .verifyFull }
    }

    public var user: String
    /// A host name or IP address; nil for a Unix socket.
    public var host: String?
    /// The folder holding the server's Unix socket (`.s.PGSQL.PORT`), when connecting through one.
    public var socketFolder: String?
    public var port: Int
    public var database: String
    /// As the URL says, or nil when it says nothing (then: `prefer` on loopback, refused elsewhere).
    public var sslMode: SSLMode?
    /// A PEM file of the certificates that may sign the server's (`verify-ca`, `verify-full`).
    public var sslRootCert: String?
    /// From the URL's `connect_timeout`, when it gives one.
    public var connectTimeout: Int?

    /// The mode used: the URL's, or libpq's default, `prefer` (which is refused off loopback).
    public var effectiveSSLMode: SSLMode { sslMode ?? .prefer }

    /// `127.0.0.1:5432/agency` or `/run/postgresql/agency`, for messages.
    public var display: String {
        if let socketFolder { return "\(socketFolder) (port \(port))/\(database)" }
        let shown = host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? "?"
        return "\(shown):\(port)/\(database)"
    }

    /// The URL again, without a password (as team.conf keeps it).
    public var url: String {
        var text = "postgres://" + Self.percentEncoded(user) + "@"
        if let host { text += host.contains(":") ? "[\(host)]" : host }
        text += ":\(port)/" + Self.percentEncoded(database)
        var query: [String] = []
        if let socketFolder { query.append("host=" + Self.percentEncoded(socketFolder)) }
        if let sslMode { query.append("sslmode=" + sslMode.rawValue) }
        if let sslRootCert { query.append("sslrootcert=" + Self.percentEncoded(sslRootCert)) }
        if let connectTimeout { query.append("connect_timeout=\(connectTimeout)") }
        return query.isEmpty ? text : text + "?" + query.joined(separator: "&")
    }

    /// Whether the server is on this machine: a Unix socket, `localhost`, 127.0.0.0/8 or ::1.
    public var isLoopback: Bool {
        if socketFolder != nil { return true }
        guard let host else { return false }
        return Self.isLoopback(host: host)
    }

    /// The loopback rule on a host as written: `localhost` (RFC 6761 keeps it on this machine), an
    /// IPv4 address in 127.0.0.0/8, or the IPv6 loopback (`::1`, also written out in full). Any other
    /// name counts as off this machine, whatever it resolves to today.
    public static func isLoopback(host: String) -> Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower.hasSuffix(".localhost") { return true }
        let octets = lower.split(separator: ".", omittingEmptySubsequences: false)
        if octets.count == 4, octets.allSatisfy({ $0.count <= 3 && UInt8($0) != nil }), octets[0] == "127" { return true }
        if lower.contains(":") {
            // ::1 in any spelling: every group 0 but the last, which is 1.
            guard let groups = expandIPv6(lower) else { return false }
            return groups.dropLast().allSatisfy { $0 == 0 } && groups.last == 1
        }
        return false
    }

    private static func expandIPv6(_ text: String) -> [UInt16]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard group.count <= 4, let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 8 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
        return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }

    /// Why a URL cannot be used; the message is one line.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// Reads a URL. A password in it is refused (journeywalk never stores one), as are a missing
    /// user or database and parameters journeywalk does not know.
    public static func parse(_ url: String) throws(Problem) -> TeamAddress {
        let scheme: String
        if url.hasPrefix("postgres://") { scheme = "postgres://" } else if url.hasPrefix("postgresql://") { scheme = "postgresql://" } else {
            throw Problem("the team's address must start with postgres:// (postgres://USER@HOST:PORT/DATABASE?sslmode=require)")
        }
        guard !url.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }) else {
            throw Problem("the team's address has a space or a control character in it")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        var queryText: Substring = ""
        if let question = rest.firstIndex(of: "?") {
            queryText = rest[rest.index(after: question)...]
            rest = rest[..<question]
        }
        guard let slash = rest.firstIndex(of: "/") else { throw Problem("the team's address names no database (…/DATABASE)") }
        let authority = rest[..<slash]
        let databaseText = rest[rest.index(after: slash)...]
        guard let at = authority.lastIndex(of: "@") else { throw Problem("the team's address names no user (postgres://USER@HOST/…)") }
        let userInfo = authority[..<at]
        var hostPort = authority[authority.index(after: at)...]
        if userInfo.contains(":") {
            throw Problem("the team's address holds a password; journeywalk never stores one: leave it out and use PGPASSWORD or ~/.pgpass")
        }
        guard let user = percentDecoded(userInfo), !user.isEmpty else { throw Problem("the team's address names no user (postgres://USER@HOST/…)") }
        guard let database = percentDecoded(databaseText), !database.isEmpty, !database.contains("/") else {
            throw Problem("the team's address names no database (…/DATABASE)")
        }
        var host: String?
        var port = 5432
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw Problem("the team's address has an unclosed [ in its host") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            hostPort = hostPort[hostPort.index(after: close)...]
            if !hostPort.isEmpty {
                guard hostPort.hasPrefix(":") else { throw Problem("the team's address has text after its host: \(hostPort)") }
                port = try parsePort(hostPort.dropFirst())
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = percentDecoded(hostPort[..<colon])
            port = try parsePort(hostPort[hostPort.index(after: colon)...])
        } else if !hostPort.isEmpty {
            host = percentDecoded(hostPort)
        }
        if host?.isEmpty == true { host = nil }
        var address = TeamAddress(user: user, host: host, socketFolder: nil, port: port, database: database)
        if let folder = host, folder.hasPrefix("/") {
            address.host = nil
            address.socketFolder = folder
        }
        for pair in queryText.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let value = percentDecoded(parts[1]) else { throw Problem("the team's address has a parameter without a value: \(pair)") }
            switch parts[0] {
            case "sslmode":
                guard let mode = SSLMode(rawValue: value) else {
                    throw Problem("sslmode=\(value) is not known (\(SSLMode.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                address.sslMode = mode
            case "sslrootcert": address.sslRootCert = value
            case "connect_timeout":
                guard let seconds = Int(value), seconds > 0, seconds <= 600 else { throw Problem("connect_timeout=\(value) must be 1 to 600 seconds") }
                address.connectTimeout = seconds
            case "host":
                guard value.hasPrefix("/") else { throw Problem("host=\(value) in the parameters must be a socket folder (/run/postgresql)") }
                address.socketFolder = value
                address.host = nil
            case "port": address.port = try parsePort(Substring(value))
            case "password":
                throw Problem("the team's address holds a password; journeywalk never stores one: leave it out and use PGPASSWORD or ~/.pgpass")
            default:
                throw Problem("the team's address has a parameter journeywalk does not use: \(parts[0]) (sslmode, sslrootcert, connect_timeout, host, port)")
            }
        }
        guard address.host != nil || address.socketFolder != nil else {
            throw Problem("the team's address names no host (postgres://USER@HOST:PORT/DATABASE)")
        }
        return address
    }

    private static func parsePort(_ text: Substring) throws(Problem) -> Int {
        guard let port = Int(text), port > 0, port < 65536 else { throw Problem("the team's address has a port that is not 1 to 65535: \(text)") }
        return port
    }

    /// The TLS rule of SPEC 8.1: off loopback, only an encrypting `sslmode` may be used. Nil when the
    /// address may be connected to; otherwise the one-line refusal, said before any connection is made.
    public var refusalWithoutTLS: String? {
        guard !isLoopback, !effectiveSSLMode.encrypts else { return nil }
        return "refusing to reach \(display) without TLS: it is not on this machine (loopback), so the address needs ?sslmode=require (or verify-full)"
    }

    static func percentDecoded<Text: StringProtocol>(_ text: Text) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == 0x25 {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let plain = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x7E
            if plain { result.append(Character(Unicode.Scalar(byte))) } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
