import Foundation
import Glibc
import JourneyKit
import JourneyStore
import Testing

@Suite struct SHA256Tests {
    @Test func knownDigests() {
        #expect(SHA256.hex(of: Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func feedingInPiecesGivesTheSameDigest() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var digest = SHA256()
        for piece in stride(from: 0, to: bytes.count, by: 37) { digest.update(bytes[piece..<min(piece + 37, bytes.count)]) }
        #expect(SHA256.hex(digest.finish()) == SHA256.hex(of: bytes))
    }
}

@Suite struct EvidenceCheckTests {
    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "evidence-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func presentMissingChangedAndNotAFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let photo = dir + "/IMG_2041.jpg"
        try Data("receipt".utf8).write(to: URL(fileURLWithPath: photo))
        let attached = Evidence(path: photo, bytes: 7, sha256: SHA256.hex(of: Array("receipt".utf8)))
        #expect(EvidenceCheck.sha256(ofFileAt: photo) == attached.sha256)
        #expect(EvidenceCheck.status(of: attached) == .present)
        try Data("Receipt".utf8).write(to: URL(fileURLWithPath: photo))
        #expect(EvidenceCheck.status(of: attached) == .changed, "same size, other bytes")
        try Data("receipt, torn".utf8).write(to: URL(fileURLWithPath: photo))
        #expect(EvidenceCheck.status(of: attached) == .changed, "other size")
        try FileManager.default.removeItem(atPath: photo)
        #expect(EvidenceCheck.status(of: attached) == .missing)
        try FileManager.default.createDirectory(atPath: photo, withIntermediateDirectories: false)
        #expect(EvidenceCheck.status(of: attached) == .changed, "a folder in its place")
    }

    @Test func eachFileOfTheWalksIsChecked() throws {
        let file = try WalkFile.load(path: fixtures + "/walks/v2-every-record.jsonl")
        let statuses = EvidenceCheck.statuses(for: [file.walk])
        #expect(statuses == [Evidence(path: "/photos/IMG_2041.jpg", bytes: 2_401_112, sha256: String(repeating: "ab", count: 32)): .missing])
    }
}
