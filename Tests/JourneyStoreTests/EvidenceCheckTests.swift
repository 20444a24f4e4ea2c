import Foundation
import Glibc
import JourneyKit
@testable import JourneyStore
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
        let file = try LoadedWalk.load(path: fixtures + "/walks/v2-every-record.jsonl")
        let statuses = EvidenceCheck.statuses(for: [file.walk])
        #expect(statuses == [Evidence(path: "/photos/IMG_2041.jpg", bytes: 2_401_112, sha256: String(repeating: "ab", count: 32)): .missing])
    }
}

/// A size limit for evidence, cancelling a reading, and the hashes kept for reports.
@Suite struct EvidenceLimitsTests {
    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "evidence-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aFileOver2GBIsRefusedWithoutReadingIt() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A sparse 50 GB file: the walk froze on it for minutes and ignored signals.
        let path = dir + "/huge.mov"
        let fd = open(path, O_CREAT | O_WRONLY, 0o600)
        #expect(ftruncate(fd, 50_000_000_000) == 0)
        close(fd)
        let started = Date()
        #expect(throws: EvidenceFile.Refusal(path: path, reason: "is 50 GB; evidence files may be at most 2 GB")) {
            try EvidenceFile.inspect(path, home: nil)
        }
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(EvidenceFile.gigabytes(2_345_678_901) == "2.3 GB")
    }

    @Test func aReadingIsCancelledWhenProgressSaysSo() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/clip.mov"
        try Data(count: 1_000_000).write(to: URL(fileURLWithPath: path))
        var calls: [(Int64, Int64)] = []
        #expect(throws: EvidenceFile.Refusal(path: path, reason: "cancelled; nothing was attached")) {
            try EvidenceFile.inspect(path, home: nil) { read, size in
                calls.append((read, size))
                return calls.count < 3
            }
        }
        #expect(calls.map(\.0) == [65_536, 131_072, 196_608])
        #expect(calls.allSatisfy { $0.1 == 1_000_000 })
        // Asked once more at the end: a cancel during the last block still counts.
        var last: (Int64, Int64)?
        #expect(throws: EvidenceFile.Refusal.self) {
            try EvidenceFile.inspect(path, home: nil) { read, size in
                last = (read, size)
                return read < size || last == nil
            }
        }
        #expect(last?.0 == 1_000_000)
    }

    @Test func reportsHashAFileAgainOnlyWhenItChanged() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let photo = dir + "/IMG_2041.jpg"
        try Data("receipt".utf8).write(to: URL(fileURLWithPath: photo))
        let attached = Evidence(path: photo, bytes: 7, sha256: SHA256.hex(Array("receipt".utf8)))
        let cacheFile = dir + "/evidence-hashes"
        let hashes = EvidenceHashCache(file: cacheFile)
        #expect(EvidenceCheck.status(of: attached, hashes: hashes) == .present)
        hashes.save()
        // The next report reads the cache: a file whose stamp is unchanged is not read again.
        var info = stat()
        stat(photo, &info)
        var reads = 0
        let again = EvidenceHashCache(file: cacheFile)
        #expect(again.sha256(ofFileAt: photo, info: info) { _ in reads += 1; return nil } == attached.sha256)
        #expect(reads == 0)
        // Same size, other bytes, a later modification time: hashed again, and found changed.
        try Data("Receipt".utf8).write(to: URL(fileURLWithPath: photo))
        let later = timespec(tv_sec: info.st_mtim.tv_sec + 5, tv_nsec: 0)
        var times = [later, later]
        #expect(utimensat(AT_FDCWD, photo, &times, 0) == 0)
        #expect(EvidenceCheck.status(of: attached, hashes: again) == .changed)
    }
}
