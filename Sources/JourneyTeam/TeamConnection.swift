import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// Why a team command stopped: one line for the terminal and an exit status.
public struct TeamError: Error, CustomStringConvertible, Equatable {
    public var description: String
    /// 1 for a refusal or a failure; `unreachable` (75, EX_TEMPFAIL) when the server could not be
    /// reached, so `submit` knows the walk waits in the queue.
    public var status: Int32

    public static let unreachable: Int32 = 75

    public init(_ description: String, status: Int32 = 1) {
        self.description = description
        self.status = status
    }
}

/// One connection to the team's server. Nothing of the network exists until `open` is called: no
/// event loop, no thread.
public final class TeamConnection: @unchecked Sendable {
    public let address: TeamAddress
    let connection: PostgresConnection
    private let group: MultiThreadedEventLoopGroup
    private let watchdog: AnswerWatchdog
    static let logger = Logger(label: "journeywalk.team") { _ in SwiftLogNoOpLogHandler() }

    private init(address: TeamAddress, connection: PostgresConnection, group: MultiThreadedEventLoopGroup, watchdog: AnswerWatchdog) {
        self.address = address
        self.connection = connection
        self.group = group
        self.watchdog = watchdog
    }

    /// How long a command waits for an answer that has started coming: three times the connect timeout.
    static func answerLimit(connectTimeout: Int) -> Int { max(3, connectTimeout * 3) }

    /// Connects, refusing a plain connection off loopback before any packet is sent.
    public static func open(_ address: TeamAddress, password: String?, timeoutSeconds: Int) async throws(TeamError) -> TeamConnection {
        if let refusal = address.refusalWithoutTLS { throw TeamError(refusal) }
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try Self.configuration(address, password: password, timeoutSeconds: timeoutSeconds)
        } catch let error as TeamError {
            throw error
        } catch {
            throw TeamError("cannot set up TLS for \(address.display): \(error)")
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        // The connect timeout bounds reaching the server; the watchdog, signing in after that.
        let watchdog = AnswerWatchdog(limit: answerLimit(connectTimeout: timeoutSeconds), server: address.display)
        do {
            let connection = try await watchdog.waiting {
                try await PostgresConnection.connect(on: group.next(), configuration: configuration, id: 1, logger: logger)
            }
            return TeamConnection(address: address, connection: connection, group: group, watchdog: watchdog)
        } catch {
            try? await group.shutdownGracefully()
            throw describe(error, address: address, timeoutSeconds: timeoutSeconds, connecting: true)
        }
    }

    static func configuration(_ address: TeamAddress, password: String?, timeoutSeconds: Int) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let folder = address.socketFolder {
            configuration = .init(unixSocketPath: folder + "/.s.PGSQL.\(address.port)", username: address.user, password: password, database: address.database)
        } else {
            let mode = address.effectiveSSLMode
            var tls = TLSConfiguration.makeClientConfiguration()
            switch mode {
            case .verifyFull:
                tls.certificateVerification = .fullVerification
            case .verifyCA:
                tls.certificateVerification = .noHostnameVerification
            default:
                // As libpq: `require` encrypts without checking the certificate unless a root is given.
                tls.certificateVerification = address.sslRootCert == nil ? .none : .noHostnameVerification
            }
            if let root = address.sslRootCert {
                guard FileManager.default.isReadableFile(atPath: root) else {
                    throw TeamError("sslrootcert \(root): no such readable file")
                }
                tls.trustRoots = .file(root)
            }
            let tlsMode: PostgresConnection.Configuration.TLS
            switch mode {
            case .disable: tlsMode = .disable
            case .allow, .prefer: tlsMode = .prefer(try NIOSSLContext(configuration: tls))
            case .require, .verifyCA, .verifyFull: tlsMode = .require(try NIOSSLContext(configuration: tls))
            }
            configuration = .init(host: address.host ?? "", port: address.port, username: address.user, password: password,
                                  database: address.database, tls: tlsMode)
            if let host = address.host, !host.contains(":"), host.split(separator: ".").contains(where: { Int($0) == nil }) {
                configuration.options.tlsServerName = host
            }
        }
        configuration.options.connectTimeout = .seconds(Int64(timeoutSeconds))
        return configuration
    }

    /// Whether the connection was closed (by this side, or by the server going away).
    public var isClosed: Bool { connection.isClosed }

    /// When the server stops answering, the program ends (exit 75): `action` runs first (a full
    /// screen gives the terminal back) and `note` is added to the message.
    public func beforeGivingUp(note: String, _ action: @escaping @Sendable () -> Void) {
        watchdog.beforeGivingUp(note: note, action)
    }

    public func close() async {
        await watchdog.waiting {
            try? await connection.close()
            try? await group.shutdownGracefully()
        }
    }

    /// Runs a statement and returns its rows.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws(TeamError) -> [PostgresRow] {
        do {
            return try await watchdog.waiting {
                var rows: [PostgresRow] = []
                for try await row in try await connection.query(query, logger: Self.logger) { rows.append(row) }
                return rows
            }
        } catch {
            throw Self.describe(error, address: address, timeoutSeconds: 0, connecting: false)
        }
    }

    /// Runs a statement, handing each row to `each` as it arrives (a pull streams its rows).
    func stream(_ query: PostgresQuery, _ each: (PostgresRow) throws(TeamError) -> Void) async throws(TeamError) {
        do {
            try await watchdog.waiting {
                for try await row in try await connection.query(query, logger: Self.logger) {
                    watchdog.progressed()
                    try each(row)
                }
            }
        } catch let error as TeamError {
            throw error
        } catch {
            throw Self.describe(error, address: address, timeoutSeconds: 0, connecting: false)
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<Result>(_ begin: String = "BEGIN", _ body: () async throws(TeamError) -> Result) async throws(TeamError) -> Result {
        try await rows(PostgresQuery(unsafeSQL: begin))
        do {
            let result = try await body()
            try await rows("COMMIT")
            return result
        } catch {
            if !connection.isClosed { _ = try? await rows("ROLLBACK") }
            throw error
        }
    }

    /// A value of the first row's first column.
    func value<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type) async throws(TeamError) -> Value? {
        guard let row = try await rows(query).first else { return nil }
        do {
            let cell = row.makeRandomAccess()[0]
            guard cell.bytes != nil else { return nil }
            return try cell.decode(Value.self)
        } catch {
            throw TeamError("the team server answered something journeywalk cannot read: \(error)")
        }
    }

    /// One line for a failure of postgres-nio, naming the server.
    static func describe(_ error: any Error, address: TeamAddress, timeoutSeconds: Int, connecting: Bool) -> TeamError {
        let server = address.display
        guard let psql = error as? PSQLError else {
            if error is CancellationError { return TeamError("cancelled while talking to \(server)") }
            return TeamError("the team server \(server) failed: \(oneLine(String(describing: error)))", status: TeamError.unreachable)
        }
        switch psql.code {
        case .server:
            let state = psql.serverInfo?[.sqlState] ?? ""
            let message = oneLine(psql.serverInfo?[.message] ?? "an error")
            switch state {
            case "28P01":
                return TeamError("the team server \(server) refused the password of \(address.user) (PGPASSWORD or ~/.pgpass)")
            case "28000":
                return TeamError("the team server \(server) does not let \(address.user) in: \(message)")
            case "3D000":
                return TeamError("the team server \(server) has no database \(address.database): \(message)")
            case "42501":
                return TeamError("the team server \(server) refused: \(message)")
            case "57P01", "57P02", "57P03":
                return TeamError("the team server \(server) is shutting down or starting: \(message)", status: TeamError.unreachable)
            default:
                return TeamError("the team server \(server) refused: \(message) (\(state))")
            }
        case .sslUnsupported:
            return TeamError("the team server \(server) does not offer TLS, which the address requires (sslmode=\(address.effectiveSSLMode.rawValue))")
        case .failedToAddSSLHandler:
            return TeamError("TLS to \(server) could not start: \(oneLine(psql.underlying.map { "\($0)" } ?? "no reason given"))")
        case .connectionError, .uncleanShutdown, .serverClosedConnection, .clientClosedConnection:
            let why = psql.underlying.map { cause(of: $0, timeoutSeconds: timeoutSeconds) } ?? "the connection was closed"
            if connecting { return TeamError("cannot reach the team server \(server): \(why)", status: TeamError.unreachable) }
            return TeamError("lost the team server \(server): \(why)", status: TeamError.unreachable)
        case .saslError, .unsupportedAuthMechanism, .authMechanismRequiresPassword:
            if psql.code == .authMechanismRequiresPassword {
                return TeamError("the team server \(server) asks for a password for \(address.user): set PGPASSWORD or add it to ~/.pgpass")
            }
            return TeamError("the team server \(server) refused the sign-in of \(address.user): \(psql.code)")
        default:
            return TeamError("the team server \(server) failed: \(psql.code)\(psql.underlying.map { ": " + oneLine("\($0)") } ?? "")", status: TeamError.unreachable)
        }
    }

    static func cause(of error: any Error, timeoutSeconds: Int) -> String {
        if let failure = error as? NIOConnectionError, let first = failure.connectionErrors.first {
            return cause(of: first.error, timeoutSeconds: timeoutSeconds)
        }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
        if let channel = error as? ChannelError, case .connectTimeout = channel {
            return "no answer within \(timeoutSeconds) s (connect_timeout)"
        }
        if let tls = error as? NIOSSLError { return "TLS failed: \(oneLine("\(tls)"))" }
        if let tls = error as? BoringSSLError { return "TLS failed: \(oneLine("\(tls)"))" }
        let text = oneLine(String(describing: error))
        if text.contains("connectTimeout") { return "no answer within \(timeoutSeconds) s (connect_timeout)" }
        return text
    }

    /// Text from the server or a library on one line, without control characters.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) ? " " : Character($0) }.prefix(400))
    }
}
