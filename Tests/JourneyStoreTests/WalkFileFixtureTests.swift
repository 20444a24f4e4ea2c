import Foundation
import JourneyKit
import JourneyStore
import Testing

/// Walk files kept as fixtures: one written by the real binary in a terminal (by bench/soak: verdicts,
/// notes, drafts, undos and moves, killed with SIGKILL and resumed) and damaged copies of it. They keep
/// older files loading as the code changes, and they seed the walk-file fuzzer (docs/fuzzing.md).
@Suite struct WalkFileFixtureTests {
    static let folder = fixtures + "/walks"

    static func load(_ name: String) throws -> LoadedWalk {
        try LoadedWalk.load(path: folder + "/" + name)
    }

    @Test func aWalkWrittenInARealTerminalLoads() throws {
        let file = try Self.load("all-records.jsonl")
        #expect(file.warnings.isEmpty)
        let walk = file.walk
        #expect(walk.steps.count == 9)
        #expect(walk.summary == WalkSummary(magic: 1, neutral: 2, misery: 4, skipped: 1, unrecorded: 1))
        #expect(walk.moment(for: "product-knowledge").rating == Rating(.misery, intensity: 2))
        #expect(walk.moment(for: "greeting").rating == nil, "rated, then taken back with undo")
        #expect(walk.moment(for: "find-opening-hours").note == "door back\\slash \"quoted\" <b> door #94.1")
        #expect(walk.drafts[.note("follow-up-email")] == "naïve \"quoted\" 9–18 door café #94.34")
        #expect(walk.position == 8)
        #expect(walk.finished == nil)
    }

    @Test func aCutOffLastRecordIsNamedAndTheRestLoads() throws {
        let file = try Self.load("cut-off.jsonl")
        #expect(file.warnings.map(\.line) == [42])
        #expect(file.walk == (try Self.load("all-records.jsonl")).walk)
    }

    @Test func damagedLinesAreSkippedByLineAndTheLaterOnesApplied() throws {
        let file = try Self.load("damaged.jsonl")
        // 5: cut in the middle, 6: a record type from the future, 7: a second header, 8: not UTF-8.
        #expect(file.warnings.map(\.line) == [5, 6, 7, 8])
        #expect(file.walk.moment(for: "arrival").rating == Rating(.misery, intensity: 2))
        #expect(file.walk.moment(for: "arrival").note == "Door stuck \u{1B}[31m", "kept as written; screens sanitise it")
    }

    @Test func aHeaderAloneIsAWalkWithNothingRecorded() throws {
        let file = try Self.load("header-only.jsonl")
        #expect(file.warnings.isEmpty)
        #expect(file.walk.summary.unrecorded == 9)
        #expect(file.walk.position == 0)
    }

    @Test func aLongLocationAndAdHocTitleAreCutWhenRead() throws {
        let file = try Self.load("long-location.jsonl")
        #expect(file.warnings.isEmpty)
        let location = file.walk.header.details.location
        #expect(location.count == JourneyLoader.maximumTextLength && location.hasSuffix("…"))
        #expect(location.hasPrefix("Unit 4, Riverside retail park, "))
        let queue = try #require(file.walk.steps.first { $0.touchpoint.id == "queue" })
        #expect(queue.touchpoint.title.count == JourneyLoader.maximumTextLength && queue.touchpoint.title.hasSuffix("…"))
        #expect(file.walk.header.timeZoneID == "Europe/Paris" && file.walk.header.utcOffset == 3600)
    }

    @Test func aZoneGivenOnlyByItsOffsetIsThatFixedOffset() throws {
        let file = try Self.load("utc-offset-only.jsonl")
        #expect(file.warnings.isEmpty)
        #expect(file.walk.header.timeZoneID == nil && file.walk.header.utcOffset == -3 * 3600)
        #expect(LocalTime.minute(file.walk.header.started, LocalTime.zone(of: file.walk.header)) == "2026-11-22 07:15 UTC-03:00")
        #expect(file.walk.isFinished)
    }

    @Test func aLineNestedTooDeepIsSkippedWithItsOwnWording() throws {
        let file = try Self.load("deep-nesting.jsonl")
        #expect(file.warnings.map(\.message) == ["JSON nested more than 64 levels deep, deeper than any walk record and than journeywalk reads; skipped"])
        #expect(file.warnings.map(\.line) == [2])
        #expect(file.walk.moment(for: "door").note == String(repeating: "[", count: 100))
    }
}
