import Foundation
import Glibc
import JourneyKit
@testable import JourneyStore
import Testing

private let journey = Journey(id: "shop", title: "Shop", stages: [
    Stage(name: "In", touchpoints: [Touchpoint(id: "door", title: "Door")]),
])

private let header = WalkHeader(
    walkID: "20261122-101503-shop", journey: journey, journeyPath: "/j/shop.yaml", journeyFingerprint: "fnv1a64:0123456789abcdef",
    details: WalkDetails(operator: "Ann"), started: Date(timeIntervalSince1970: 1_795_342_503))

/// Evidence files are read for their size and SHA-256; what cannot be attached is refused.
@Suite struct EvidenceFileTests {
    @Test func aFileIsMeasuredAndHashed() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        try Data("abc".utf8).write(to: URL(fileURLWithPath: root + "/receipt.txt"))
        let evidence = try EvidenceFile.inspect(root + "/receipt.txt", home: nil)
        #expect(evidence == Evidence(path: root + "/receipt.txt", bytes: 3, sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        // Larger than one read: the hash is fed in pieces.
        let big = [UInt8](repeating: 0x61, count: 200_000)
        try Data(big).write(to: URL(fileURLWithPath: root + "/photo.jpg"))
        #expect(try EvidenceFile.inspect("  ~/photo.jpg ", home: root) == Evidence(path: root + "/photo.jpg", bytes: 200_000, sha256: SHA256.hex(big)))
    }

    @Test func missingFoldersAndFIFOsAreRefused() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        #expect(throws: EvidenceFile.Refusal(path: root + "/nope.jpg", reason: "no such file")) { try EvidenceFile.inspect(root + "/nope.jpg", home: nil) }
        #expect(throws: EvidenceFile.Refusal(path: root, reason: "is a folder; attach a file")) { try EvidenceFile.inspect(root, home: nil) }
        #expect(mkfifo(root + "/pipe", 0o600) == 0)
        #expect(throws: EvidenceFile.Refusal(path: root + "/pipe", reason: "is a FIFO (named pipe), not a regular file")) { try EvidenceFile.inspect(root + "/pipe", home: nil) }
        #expect(throws: EvidenceFile.Refusal.self) { try EvidenceFile.inspect("   ", home: nil) }
    }

    @Test func aRelativePathIsTakenFromTheCurrentFolder() {
        #expect(EvidenceFile.resolve("a/b.jpg", home: "/home/sam") == PosixFile.absolute("a/b.jpg"))
        #expect(EvidenceFile.resolve("~/b.jpg", home: "/home/sam") == "/home/sam/b.jpg")
        #expect(EvidenceFile.resolve("/x/b.jpg", home: "/home/sam") == "/x/b.jpg")
    }
}

/// Submitting: a `submit` record under the walk's lock, once, and only for a finished walk.
@Suite struct WalkSubmissionTests {
    let t = Date(timeIntervalSince1970: 1_795_345_000)

    func walkFile(in root: String, finished: Bool) throws -> String {
        let journal = try WalkFileWriter.create(folder: root, header: header)
        try journal.append(.rated(RatingChange(touchpoint: "door", rating: Rating(.magic), at: t)))
        if finished { try journal.append(.finished(at: t)) }
        journal.close()
        return journal.path
    }

    @Test func aFinishedWalkIsSubmittedOnceAndIsThenReadOnly() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let path = try walkFile(in: root, finished: true)
        let walk = try WalkSubmission.submit(path: path, at: t)
        #expect(walk.status == .submitted)
        #expect(try LoadedWalk.load(path: path).walk.status == .submitted)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let submitLine = #"{"type":"submit","at":"2026-11-22T10:56:40.000Z","seq":4,"prev":""# + SHA256.hex(Array(lines[2].utf8)) + #""}"#
        #expect(lines.last.map(String.init) == submitLine)
        let bytes = try PosixFile.read(path)
        #expect(WalkChain(bytes: bytes).firstBreak(in: bytes) == nil)
        let again = WalkSubmission.Refusal.submitted(walkID: header.walkID, path: path, at: t)
        #expect(throws: again) { try WalkSubmission.submit(path: path, at: t) }
        #expect(throws: again) { _ = try WalkSubmission.openForWriting(path: path) }
        #expect(again.description == "\(path): walk 20261122-101503-shop was submitted on 2026-11-22T10:56:40Z and is read-only; it cannot be changed or submitted again")
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == lines.count, "nothing more was written")
    }

    @Test func anUnfinishedWalkOrOneOpenElsewhereIsNotSubmitted() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let path = try walkFile(in: root, finished: false)
        #expect(throws: WalkSubmission.Refusal.notComplete(walkID: header.walkID, path: path)) { try WalkSubmission.submit(path: path, at: t) }
        let writer = try WalkFileWriter.reopen(path: path)
        defer { writer.close() }
        do {
            _ = try WalkSubmission.submit(path: path, at: t)
            Issue.record("submitted while another journal had it open")
        } catch {
            guard case .busy = error else { Issue.record("\(error)"); return }
        }
    }
}
