import JourneyKit

/// A member's password as PostgreSQL stores it for SCRAM-SHA-256 (RFC 5802, RFC 7677), computed on
/// this machine, so `team member add` sends the server the verifier and never the password itself
/// (it appears in no server log or statement): `SCRAM-SHA-256$4096:SALT$STOREDKEY:SERVERKEY`, base64.
public enum ScramVerifier {
    public static let iterations = 4096

    public static func verifier(password: String, salt: [UInt8], iterations: Int = iterations) -> String {
        let salted = pbkdf2(password: Array(password.utf8), salt: salt, iterations: iterations)
        let clientKey = hmac(key: salted, message: Array("Client Key".utf8))
        var hash = SHA256()
        hash.update(clientKey)
        let storedKey = hash.digest()
        let serverKey = hmac(key: salted, message: Array("Server Key".utf8))
        return "SCRAM-SHA-256$\(iterations):\(base64(salt))$\(base64(storedKey)):\(base64(serverKey))"
    }

    /// A new random 16-byte salt.
    public static func newSalt() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var block = key
        if block.count > 64 {
            var hash = SHA256()
            hash.update(block)
            block = hash.digest()
        }
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5C })
        outer.update(inner.digest())
        return outer.digest()
    }

    /// PBKDF2-HMAC-SHA-256 for one 32-byte block, as SCRAM's `Hi()`.
    static func pbkdf2(password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        var previous = hmac(key: password, message: salt + [0, 0, 0, 1])
        var result = previous
        for _ in 1..<max(1, iterations) {
            previous = hmac(key: password, message: previous)
            for index in 0..<32 { result[index] ^= previous[index] }
        }
        return result
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var text = ""
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
            for position in 0..<4 {
                if position <= chunk.count { text.append(alphabet[(value >> (18 - 6 * position)) & 0x3F]) } else { text.append("=") }
            }
            index += 3
        }
        return text
    }
}
