import Foundation
import Glibc
import JourneyKit
@testable import JourneyStore
import Testing

private let shop = Journey(id: "shop", title: "Shop", version: 1, stages: [
    Stage(name: "In", touchpoints: [Touchpoint(id: "door", title: "Door"), Touchpoint(id: "till", title: "Till")]),
])

private func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_795_342_503 + seconds) }

/// The walk file's writer, as the walk, plain mode and the workshop use it: a new walk file with a
/// fresh id, each record on disk before `record` returns, a walk resumed, a large journey stored once.
@Suite struct WalkFileRecorderTests {
    let paris = SystemTimeZone(tz: "Europe/Paris")

    @Test func startsAWalkFileAndAppendsEachRecord() throws {
        let walks = temporaryFolder()
        defer { removeFolder(walks) }
        let recorder = WalkFileRecorder(
            loaded: LoadedJourney(journey: shop, path: "/j/shop.yaml", fingerprint: "fnv1a64:0"), walksFolder: walks,
            statedStart: at(-3600), zone: paris)
        let header = try recorder.start(WalkDetails(operator: "Sam", role: .shopper), at: at(0))
        #expect(header.walkID == "20261122-101503-shop")
        #expect(header.statedStart == at(-3600))
        #expect(header.timeZoneID == "Europe/Paris" && header.utcOffset == 3600, "the zone and its offset at the visit's start")
        let path = try #require(recorder.writer?.path)
        #expect(path == walks + "/20261122-101503-shop.jsonl")
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        try recorder.record(.rated(RatingChange(touchpoint: "door", rating: Rating(.magic), at: at(5))))
        try recorder.record(together: [
            .rated(RatingChange(touchpoint: "till", rating: Rating(.misery), at: at(6))),
            .noted(NoteChange(touchpoint: "till", text: "Slow", at: at(6))),
        ])
        let walk = try LoadedWalk.load(path: path).walk
        #expect(walk.moment(for: "door").rating == Rating(.magic))
        #expect(walk.moment(for: "till").note == "Slow")
        #expect(PosixFile.list(walks) == ["20261122-101503-shop.jsonl"], "no hidden file left")
    }

    @Test func twoWalksStartedInTheSameSecondGetTwoIds() throws {
        let walks = temporaryFolder()
        defer { removeFolder(walks) }
        let loaded = LoadedJourney(journey: shop, path: nil, fingerprint: "fnv1a64:0")
        let first = WalkFileRecorder(loaded: loaded, walksFolder: walks, zone: paris)
        let second = WalkFileRecorder(loaded: loaded, walksFolder: walks, zone: paris)
        #expect(try first.start(WalkDetails(), at: at(0)).walkID == "20261122-101503-shop")
        #expect(try second.start(WalkDetails(), at: at(0)).walkID == "20261122-101503-shop-2")
        try first.record(.rated(RatingChange(touchpoint: "door", rating: Rating(.magic), at: at(1))))
        try second.record(.rated(RatingChange(touchpoint: "door", rating: Rating(.misery), at: at(1))))
        #expect(try LoadedWalk.load(path: walks + "/20261122-101503-shop.jsonl").walk.moment(for: "door").rating == Rating(.magic))
        #expect(try LoadedWalk.load(path: walks + "/20261122-101503-shop-2.jsonl").walk.moment(for: "door").rating == Rating(.misery))
    }

    @Test func aRecordBeforeTheStartIsRefusedNamingTheFolder() {
        let walks = temporaryFolder()
        defer { removeFolder(walks) }
        let recorder = WalkFileRecorder(loaded: LoadedJourney(journey: shop, path: nil, fingerprint: "f"), walksFolder: walks, zone: paris)
        #expect(throws: FileError.self) { try recorder.record(.moved(touchpoint: "door", at: at(1))) }
        do {
            try recorder.record(.moved(touchpoint: "door", at: at(1)))
        } catch {
            #expect("\(error)".hasPrefix(walks), "\(error)")
        }
        #expect(PosixFile.list(walks).isEmpty)
    }

    @Test func aResumedWalkIsAppendedToUnderItsLock() throws {
        let walks = temporaryFolder()
        defer { removeFolder(walks) }
        let recorder = WalkFileRecorder(loaded: LoadedJourney(journey: shop, path: nil, fingerprint: "f"), walksFolder: walks, zone: paris)
        _ = try recorder.start(WalkDetails(), at: at(0))
        let path = try #require(recorder.writer?.path)
        recorder.writer?.close()
        let resumed = WalkFileRecorder(resuming: try WalkFileWriter.reopen(path: path))
        try resumed.record(.rated(RatingChange(touchpoint: "till", rating: Rating(.neutral), at: at(9))))
        #expect(try LoadedWalk.load(path: path).walk.moment(for: "till").rating == Rating(.neutral))
        #expect(throws: FileError.self, "a resumed walk starts nothing new") { try resumed.start(WalkDetails(), at: at(10)) }
    }

    @Test func aLargeJourneyIsStoredOnceBesideTheWalks() throws {
        let walks = temporaryFolder()
        defer { removeFolder(walks) }
        let touchpoints = (0..<400).map { Touchpoint(id: "t\($0)", title: "Touchpoint number \($0) of a long journey", prompt: String(repeating: "Look around. ", count: 8)) }
        let large = Journey(id: "large", title: "Large", stages: [Stage(name: "All", touchpoints: touchpoints)])
        let recorder = WalkFileRecorder(loaded: LoadedJourney(journey: large, path: nil, fingerprint: "fnv1a64:1"), walksFolder: walks, zone: paris)
        let header = try recorder.start(WalkDetails(), at: at(0))
        #expect(header.journeyCopy != nil, "stored in walks/journeys/, named in the header")
        let walk = try LoadedWalk.load(path: walks + "/\(header.walkID).jsonl").walk
        #expect(walk.steps.count == 400)
    }
}
