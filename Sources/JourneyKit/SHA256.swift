/// SHA-256 (FIPS 180-4) of bytes fed in pieces, so evidence files are hashed without being read
/// into memory whole. Hex digests are lower case, as walk files store them.
public struct SHA256: Sendable {
    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    /// Bytes of an incomplete block, waiting for the rest.
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    public init() {}

    /// The hex digest of some bytes at once.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash = SHA256()
        hash.update(Array(bytes))
        return hash.hexDigest()
    }

    /// Feeds more bytes.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { update($0) }
    }

    /// Feeds more bytes from a buffer (a read of a file).
    public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            offset = take
            guard pending.count == 64 else { return }
            let block = pending
            block.withUnsafeBufferPointer { compress($0, from: 0, blocks: 1) }
            pending.removeAll(keepingCapacity: true)
        }
        let blocks = (bytes.count - offset) / 64
        if blocks > 0 {
            compress(bytes, from: offset, blocks: blocks)
            offset += blocks * 64
        }
        if offset < bytes.count { pending.append(contentsOf: bytes[offset...]) }
    }

    /// The 32-byte digest of everything fed; the hash is finished and should not be fed again.
    public mutating func digest() -> [UInt8] {
        let bits = length &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        tail.withUnsafeBufferPointer { compress($0, from: 0, blocks: $0.count / 64) }
        pending = []
        var result = [UInt8](repeating: 0, count: 32)
        for (index, word) in state.enumerated() {
            result[index * 4] = UInt8(truncatingIfNeeded: word >> 24)
            result[index * 4 + 1] = UInt8(truncatingIfNeeded: word >> 16)
            result[index * 4 + 2] = UInt8(truncatingIfNeeded: word >> 8)
            result[index * 4 + 3] = UInt8(truncatingIfNeeded: word)
        }
        return result
    }

    /// The digest as 64 lower-case hex digits.
    public mutating func hexDigest() -> String {
        let bytes = digest()
        return String(unsafeUninitializedCapacity: 64) { text in
            for (index, byte) in bytes.enumerated() {
                text[index * 2] = Self.hexDigits[Int(byte >> 4)]
                text[index * 2 + 1] = Self.hexDigits[Int(byte & 0x0F)]
            }
            return 64
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Runs `blocks` 64-byte blocks from `offset` through the compression function, without
    /// allocating: the message schedule lives on the stack.
    private mutating func compress(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int, blocks: Int) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            Self.roundConstants.withUnsafeBufferPointer { constants in
                state.withUnsafeMutableBufferPointer { state in
                    for block in 0..<blocks {
                        let start = offset + block * 64
                        for index in 0..<16 {
                            let base = start + index * 4
                            schedule[index] = UInt32(bytes[base]) << 24 | UInt32(bytes[base + 1]) << 16 | UInt32(bytes[base + 2]) << 8 | UInt32(bytes[base + 3])
                        }
                        for index in 16..<64 {
                            let w15 = schedule[index - 15], w2 = schedule[index - 2]
                            let s0 = rotateRight(w15, 7) ^ rotateRight(w15, 18) ^ (w15 >> 3)
                            let s1 = rotateRight(w2, 17) ^ rotateRight(w2, 19) ^ (w2 >> 10)
                            schedule[index] = schedule[index - 16] &+ s0 &+ schedule[index - 7] &+ s1
                        }
                        var a = state[0], b = state[1], c = state[2], d = state[3]
                        var e = state[4], f = state[5], g = state[6], h = state[7]
                        for index in 0..<64 {
                            let s1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
                            let choice = (e & f) ^ (~e & g)
                            let t1 = h &+ s1 &+ choice &+ constants[index] &+ schedule[index]
                            let s0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
                            let majority = (a & b) ^ (a & c) ^ (b & c)
                            let t2 = s0 &+ majority
                            h = g; g = f; f = e; e = d &+ t1
                            d = c; c = b; b = a; a = t1 &+ t2
                        }
                        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
                        state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
                    }
                }
            }
        }
    }
}

@inline(__always) private func rotateRight(_ value: UInt32, _ count: UInt32) -> UInt32 { (value >> count) | (value << (32 - count)) }
