import Foundation
import Glibc
import JourneyKit
@testable import JourneyStore
import Testing

/// A copy of a fixture in a fresh folder (fixtures themselves are never written to).
private func copyFixture(_ name: String, to folder: String) throws -> String {
    let path = folder + "/" + name
    try FileManager.default.copyItem(atPath: fixtures + "/walks/" + name, toPath: path)
    return path
}

/// Walk files of every format version keep loading, resuming and reporting.
@Suite struct WalkFormatTests {
    @Test func aFinishedWalkOfFormatOneLoadsAsItWasWritten() throws {
        let file = try LoadedWalk.load(path: fixtures + "/walks/v1-finished.jsonl")
        #expect(file.warnings.isEmpty)
        let walk = file.walk
        #expect(walk.header.journey.id == "retail-store-visit")
        #expect(walk.header.journeyCopy == nil)
        #expect(walk.header.details == WalkDetails(operator: "Sam Lee", role: .shopper, location: "Main Street \"12\"", channel: ""))
        #expect(walk.isFinished)
        #expect(walk.summary == WalkSummary(magic: 3, neutral: 0, misery: 2, skipped: 1, unrecorded: 3))
        #expect(walk.steps.count == 9)
        #expect(walk.moment(for: walk.steps[0].touchpoint.id).rating == Rating(.magic))
        let notes = walk.steps.map { walk.moment(for: $0.touchpoint.id).note }.filter { !$0.isEmpty }
        #expect(notes == ["Hours online matched the door ★", "Café crème, naïve <b>bold</b>"], "u took back the second note")
        let ratings = walk.steps.map { walk.moment(for: $0.touchpoint.id).rating }
        #expect(ratings == [
            Rating(.magic), Rating(.misery, intensity: 2), Rating(.misery), Rating(.magic, intensity: 2), nil,
            Rating(.skipped, intensity: 0), Rating(.magic), nil, nil,
        ])
    }

    @Test func anUnfinishedWalkOfFormatOneResumesWithItsDraft() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let path = try copyFixture("v1-unfinished.jsonl", to: root)
        let before = try LoadedWalk.load(path: path)
        #expect(!before.walk.isFinished)
        #expect(before.walk.summary.magic == 1 && before.walk.summary.neutral == 1)
        #expect(before.walk.drafts[.note("identification")] == "They put me on hold tw")
        #expect(before.walk.moment(for: "identification").note == "half typed")
        let journal = try WalkFileWriter.reopen(path: path)
        try journal.append(.rated(RatingChange(touchpoint: "identification", rating: Rating(.misery, intensity: 2), at: Date())))
        try journal.append(.finished(at: Date()))
        journal.close()
        let after = try LoadedWalk.load(path: path)
        #expect(after.walk.isFinished)
        #expect(after.walk.summary.misery == 1)
        let header = try #require(String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first)
        #expect(header.contains("\"format\":1"), "the header is never rewritten")
    }

    @Test func aFormatTwoFileWithEveryRecordLoadsAsWritten() throws {
        let file = try LoadedWalk.load(path: fixtures + "/walks/v2-every-record.jsonl")
        #expect(file.warnings.isEmpty)
        #expect(file.walk == Walk(events: secondWaveEvents), "the fixture was written by the codec of format 2")
        #expect(file.walk.status == .submitted)
        #expect(VisitScore(file.walk).percent == 36.4)
    }

    @Test func aFormatTwoFileWithTheLeadersUndoRecordsLoadsAsWritten() throws {
        let file = try LoadedWalk.load(path: fixtures + "/walks/v2-leader-undo.jsonl")
        #expect(file.warnings.isEmpty)
        #expect(file.walk == Walk(events: leaderUndoEvents), "the fixture was written by the codec of format 2")
        let rewritten = leaderUndoEvents.map { formatTwo(WalkCodec.encode($0)) + "\n" }.joined()
        #expect(try String(contentsOfFile: fixtures + "/walks/v2-leader-undo.jsonl", encoding: .utf8) == rewritten)
    }

    @Test func aFileFromANewerFormatIsRefusedByNameAndVersion() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let path = root + "/future.jsonl"
        let v1 = try String(contentsOfFile: fixtures + "/walks/v1-finished.jsonl", encoding: .utf8)
        try v1.replacingOccurrences(of: "\"format\":1", with: "\"format\":9").write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: WalkLoadError.damaged(path: path, reason: "line 1: walk format 9 is newer than this journeywalk reads (3); upgrade journeywalk")) {
            _ = try LoadedWalk.load(path: path)
        }
    }
}

/// A journey with many touchpoints, large enough to be stored once beside the walks.
private func largeJourney(touchpoints: Int = 300) -> Journey {
    Journey(id: "big", title: "Big journey", version: 4, stages: [
        Stage(name: "All", touchpoints: (0..<touchpoints).map {
            Touchpoint(id: "tp-\($0)", title: "Touchpoint number \($0)", prompt: "Check what happens at step \($0) and note how long it takes.", lookFor: ["First", "Second"], target: 120)
        }),
    ])
}

@Suite struct JourneyCopyTests {
    func header(_ id: String, copy: String?) -> WalkHeader {
        WalkHeader(walkID: id, journey: largeJourney(), journeyPath: "/j/big.yaml", journeyFingerprint: "fnv1a64:00000000000000aa",
                   details: WalkDetails(operator: "Ann"), started: Date(timeIntervalSince1970: 1_795_342_503), journeyCopy: copy)
    }

    @Test func aLargeJourneyIsStoredOnceAndEveryWalkOfItLoads() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let walks = root + "/walks"
        #expect(WalkCodec.journeyCopyJSON(largeJourney()).utf8.count > WalkCodec.sharedCopyFrom)
        let name = try #require(try SharedJourneyCopies.store(largeJourney(), walksFolder: walks))
        #expect(try SharedJourneyCopies.store(largeJourney(), walksFolder: walks) == name, "stored once")
        #expect(try FileManager.default.contentsOfDirectory(atPath: walks + "/journeys") == [name + ".json"])
        var info = stat()
        #expect(stat(walks + "/journeys/" + name + ".json", &info) == 0 && info.st_mode & 0o777 == 0o600)
        for id in ["w1", "w2"] {
            let journal = try WalkFileWriter.create(folder: walks, header: header(id, copy: name))
            try journal.append(.rated(RatingChange(touchpoint: "tp-7", rating: Rating(.misery), at: Date(timeIntervalSince1970: 1_795_342_600))))
            journal.close()
            let line = try #require(String(contentsOfFile: journal.path, encoding: .utf8).split(separator: "\n").first)
            #expect(line.utf8.count < 600, "the header refers to the copy: \(line.utf8.count) bytes")
            #expect(line.contains("\"format\":3") && line.hasSuffix("\"copy\":\"\(name)\"},\"seq\":1}"))
            let file = try LoadedWalk.load(path: journal.path)
            #expect(file.walk.header == header(id, copy: name))
            #expect(file.walk.steps.count == 300)
            #expect(file.walk.summary.misery == 1)
        }
    }

    @Test func aMissingOrChangedCopyIsNamedAndNothingIsMisread() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let walks = root + "/walks"
        let name = try #require(try SharedJourneyCopies.store(largeJourney(touchpoints: 301), walksFolder: walks))
        let journal = try WalkFileWriter.create(folder: walks, header: header("w", copy: name))
        journal.close()
        let copy = walks + "/journeys/" + name + ".json"
        var bytes = try #require(FileManager.default.contents(atPath: copy))
        bytes[bytes.count / 2] = UInt8(ascii: "#")
        try bytes.write(to: URL(fileURLWithPath: copy))
        do {
            _ = try LoadedWalk.load(path: journal.path)
            Issue.record("a changed copy was read")
        } catch {
            #expect(error.description == "\(journal.path): not a readable walk file: line 1: the journey this walk was made with (\(name).json) was changed since it was stored in \(walks)/journeys (its contents no longer match its name)")
        }
        unlink(copy)
        do {
            _ = try LoadedWalk.load(path: journal.path)
            Issue.record("a missing copy was read")
        } catch {
            #expect(error.description.contains("(\(name).json) is missing from \(walks)/journeys; copy that folder along with the walk files"), "\(error)")
        }
    }

    @Test func aWalkMovedToAnotherFolderOfTheDataFolderStillFindsItsCopy() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let walks = root + "/walks"
        let name = try #require(try SharedJourneyCopies.store(largeJourney(touchpoints: 302), walksFolder: walks))
        let journal = try WalkFileWriter.create(folder: root + "/trash", header: header("w", copy: name))
        journal.close()
        #expect(try LoadedWalk.load(path: journal.path).walk.steps.count == 302)
    }
}
