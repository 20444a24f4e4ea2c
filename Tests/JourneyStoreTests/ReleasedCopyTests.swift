import Foundation
import JourneyKit
@testable import JourneyStore
import Testing

/// The copy a release gives the client (SPEC 8.3): names replaced, drafts and evidence left out, a chain of its own.
@Suite struct ReleasedCopyTests {
    private var file: [UInt8] { Array((chainedLines(secondWaveEvents).joined(separator: "\n") + "\n").utf8) }

    @Test func theClientsCopyNamesNobodyAndKeepsTheMoments() throws {
        let copy = try ReleasedCopy.make(file, path: "ana/walk.jsonl", name: "20261122-101503-trip-0a1b2c3d", includingEvidence: false)
        let text = String(decoding: copy.bytes, as: UTF8.self)
        for name in ["Zoë", "Amira", "Store manager", "/photos/IMG_2041.jpg", #""type":"draft""#] {
            #expect(!text.contains(name), "\(name) is not in the client's copy")
        }
        #expect(text.contains(#""walk":"20261122-101503-trip-0a1b2c3d""#) && text.contains(#""operator":"Person 1""#))
        #expect(text.contains(#""to":"Person 2""#) && text.contains(#""owner":"Person 3""#))
        #expect(copy.evidence.isEmpty)
        let chain = WalkChain(bytes: copy.bytes)
        #expect(chain.format == 3 && chain.firstBreak(in: copy.bytes) == nil)
        let original = try LoadedWalk.parse(file, path: "ana/walk.jsonl").walk
        let released = try LoadedWalk.parse(copy.bytes, path: "released/copy.jsonl").walk
        #expect(released.summary == original.summary, "the moments are the walk's")
        #expect(released.moment(for: "greet").praise?.text == original.moment(for: "greet").praise?.text)
    }

    @Test func evidenceTravelsOnlyWhenTheReviewerIncludesIt() throws {
        let copy = try ReleasedCopy.make(file, path: "ana/walk.jsonl", name: "c1", includingEvidence: true)
        #expect(copy.evidence == [String(repeating: "ab", count: 32)])
        #expect(String(decoding: copy.bytes, as: UTF8.self).contains("IMG_2041.jpg"))
    }

    @Test func aReturnedWalkReopensAsTheNextRevision() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let path = folder + "/w.jsonl"
        try Data((chainedLines(secondWaveEvents).joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: WalkSubmission.Refusal.self) { try WalkSubmission.openForWriting(path: path) }
        let reopened = try WalkSubmission.reopen(path: path, at: Date(timeIntervalSince1970: 1_796_000_300))
        #expect(!reopened.isSubmitted && reopened.isFinished && reopened.revision == 1)
        let again = try WalkSubmission.submit(path: path, at: Date(timeIntervalSince1970: 1_796_000_400))
        #expect(again.revision == 2 && again.isSubmitted)
        let bytes = try PosixFile.read(path)
        #expect(WalkChain(bytes: bytes).firstBreak(in: bytes) == nil)
        #expect(String(decoding: bytes, as: UTF8.self).contains(#"{"type":"reopen","at":"#))
    }
}
