import Foundation
import Glibc
import JourneyKit
import JourneyStore
import Testing

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
        let attached = Evidence(path: photo, bytes: 7, sha256: SHA256.hex(Array("receipt".utf8)))
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
