import Foundation
import Testing
@testable import JourneyTeam

@Suite struct TeamAddressTests {
    @Test func readsTheURLAsLibpqDoes() throws {
        let address = try TeamAddress.parse("postgres://ana@db.example.org:6543/agency?sslmode=require&connect_timeout=4")
        #expect(address.user == "ana")
        #expect(address.host == "db.example.org")
        #expect(address.port == 6543)
        #expect(address.database == "agency")
        #expect(address.sslMode == .require)
        #expect(address.connectTimeout == 4)
        #expect(address.refusalWithoutTLS == nil)
        #expect(try TeamAddress.parse(address.url) == address, "the URL written to team.conf reads back the same")
    }

    @Test func defaultsAndOtherSpellings() throws {
        let plain = try TeamAddress.parse("postgresql://sam%40shop@127.0.0.1/team%20one")
        #expect(plain.user == "sam@shop")
        #expect(plain.port == 5432)
        #expect(plain.database == "team one")
        #expect(plain.effectiveSSLMode == .prefer, "loopback without sslmode: as libpq, prefer")
        let socket = try TeamAddress.parse("postgres://agency@/agency?host=/run/postgresql")
        #expect(socket.socketFolder == "/run/postgresql")
        #expect(socket.host == nil)
        #expect(socket.isLoopback)
        let encoded = try TeamAddress.parse("postgres://agency@%2Frun%2Fpostgresql:5433/agency")
        #expect(encoded.socketFolder == "/run/postgresql")
        #expect(encoded.port == 5433)
        let six = try TeamAddress.parse("postgres://agency@[::1]:5433/agency")
        #expect(six.host == "::1")
        #expect(six.isLoopback)
    }

    @Test(arguments: [
        ("http://ana@host/db", "must start with postgres://"),
        ("postgres://ana:secret@host/db?sslmode=require", "never stores one"),
        ("postgres://ana@host/db?sslmode=require&password=x", "never stores one"),
        ("postgres://host/db", "names no user"),
        ("postgres://ana@host", "names no database"),
        ("postgres://ana@host:99999/db", "port that is not 1 to 65535"),
        ("postgres://ana@host/db?sslmode=sometimes", "sslmode=sometimes is not known"),
        ("postgres://ana@host/db?application_name=x", "does not use: application_name"),
        ("postgres://ana@host/db?connect_timeout=0", "connect_timeout=0"),
        ("postgres://ana@[::1/db", "unclosed ["),
        ("postgres://ana@host/d b", "space or a control character"),
    ])
    func badURLsAreRefusedInOneLine(url: String, expected: String) {
        #expect(throws: TeamAddress.Problem.self) { try TeamAddress.parse(url) }
        do {
            _ = try TeamAddress.parse(url)
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    /// SPEC 8.1: TLS is required for any host other than loopback or a Unix socket. The rule is
    /// tested here on the addresses themselves; no test ever connects to a host off this machine.
    @Test(arguments: [
        ("127.0.0.1", true), ("127.8.9.10", true), ("localhost", true), ("LOCALHOST", true), ("db.localhost", true),
        ("::1", true), ("0:0:0:0:0:0:0:1", true), ("0000::0001", true),
        ("10.0.0.5", false), ("192.168.1.20", false), ("128.0.0.1", false), ("127.0.0.1.example.org", false),
        ("db.example.org", false), ("::2", false), ("fe80::1", false), ("::ffff:127.0.0.1", false), ("1270.0.0.1", false),
    ])
    func theLoopbackRule(host: String, loopback: Bool) throws {
        #expect(TeamAddress.isLoopback(host: host) == loopback)
        let shown = host.contains(":") ? "[\(host)]" : host
        let plain = try TeamAddress.parse("postgres://ana@\(shown):5432/agency")
        let disabled = try TeamAddress.parse("postgres://ana@\(shown):5432/agency?sslmode=disable")
        let preferred = try TeamAddress.parse("postgres://ana@\(shown):5432/agency?sslmode=prefer")
        let required = try TeamAddress.parse("postgres://ana@\(shown):5432/agency?sslmode=require")
        let verified = try TeamAddress.parse("postgres://ana@\(shown):5432/agency?sslmode=verify-full")
        #expect((plain.refusalWithoutTLS == nil) == loopback)
        #expect((disabled.refusalWithoutTLS == nil) == loopback)
        #expect((preferred.refusalWithoutTLS == nil) == loopback)
        #expect(required.refusalWithoutTLS == nil)
        #expect(verified.refusalWithoutTLS == nil)
        if !loopback { #expect(disabled.refusalWithoutTLS?.contains("sslmode=require") == true) }
    }
}

@Suite struct PasswordSourceTests {
    let address = try! TeamAddress.parse("postgres://ana@db.example.org:5432/agency?sslmode=require")

    @Test func pgpassLinesMatchAsLibpqMatchesThem() {
        let text = """
            # comment
            other.example.org:5432:agency:ana:wrong-host
            db.example.org:5432:agency:ben:wrong-user
            db.example.org:*:agency:ana:pa\\:ss\\\\word
            *:*:*:*:fallback
            """
        #expect(PasswordSource.match(in: text, address: address) == "pa:ss\\word")
        #expect(PasswordSource.match(in: "*:*:*:*:fallback", address: address) == "fallback")
        #expect(PasswordSource.match(in: "db.example.org:5433:agency:ana:x", address: address) == nil)
        let socket = try! TeamAddress.parse("postgres://ana@/agency?host=/run/postgresql")
        #expect(PasswordSource.match(in: "localhost:5432:agency:ana:local", address: socket) == "local")
    }

    @Test func pgpasswordComesFirstAndAFileOthersCanReadIsIgnored() throws {
        let folder = "/tmp/journeywalk-pgpass-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/.pgpass"
        try "*:*:*:ana:from-file\n".write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, 0o600)
        #expect(PasswordSource.password(for: address, environment: ["HOME": folder]) == "from-file")
        #expect(PasswordSource.password(for: address, environment: ["HOME": folder, "PGPASSWORD": "from-env"]) == "from-env")
        #expect(PasswordSource.password(for: address, environment: ["PGPASSFILE": file]) == "from-file")
        chmod(file, 0o644)
        #expect(PasswordSource.password(for: address, environment: ["HOME": folder]) == nil, "libpq ignores a password file others can read")
    }
}

@Suite struct ScramVerifierTests {
    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func hmacAndPBKDF2MatchPublishedVectors() {
        // RFC 4231, test case 2.
        #expect(hex(ScramVerifier.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // RFC 7914, section 11: PBKDF2-HMAC-SHA256 ("passwd", "salt", 1), the first 32 bytes.
        #expect(hex(ScramVerifier.pbkdf2(password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1))
                == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")
    }

    @Test func theVerifierHasPostgreSQLsShape() {
        let verifier = ScramVerifier.verifier(password: "pencil", salt: Array(repeating: 7, count: 16))
        #expect(verifier.hasPrefix("SCRAM-SHA-256$4096:BwcHBwcHBwcHBwcHBwcHBw==$"))
        let keys = verifier.split(separator: "$")[2].split(separator: ":")
        #expect(keys.count == 2 && keys.allSatisfy { $0.count == 44 }, "two base64 SHA-256 keys")
        #expect(ScramVerifier.base64(Array("any carnal pleas".utf8)) == "YW55IGNhcm5hbCBwbGVhcw==")
    }
}
