import Foundation
import Testing
import JourneyKit
@testable import JourneyIndex
@testable import JourneyStore

/// The index reads walk files with `LoadedWalk.load(quickly: true)`: the digests, warnings and errors
/// must be those of the full JSON reading, also for damaged and cut-off files.
@Suite struct QuickDigestTests {
    static let fixtureWalks = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("JourneyStoreTests/Fixtures/walks").path

    /// The digest (or the reason there is none) and the warnings, read one way or the other.
    func read(_ path: String, quickly: Bool) -> String {
        do {
            let file = try LoadedWalk.load(path: path, quickly: quickly)
            let digest = WalkDigest(file.walk, path: path, problems: file.warnings.map(\.description))
            return "\(digest)\n\(JourneyOutline(file.walk.journey))"
        } catch {
            return "error: \(error)"
        }
    }

    func expectSameEitherWay(_ paths: [String]) {
        for path in paths {
            let old = read(path, quickly: false)
            #expect(read(path, quickly: true) == old, "\(path)")
            // What the index's reader hands over is the same digest.
            switch DigestReader.outcome(path) {
            case .walk(let digest, _, _):
                let file = try? LoadedWalk.load(path: path)
                #expect(file.map { WalkDigest($0.walk, path: path, problems: $0.warnings.map(\.description)) } == digest, "\(path)")
            case .unreadable(let message):
                #expect(old == "error: \(message)", "\(path)")
            }
        }
    }

    @Test func theFixturesGiveTheSameDigestsIncludingDamagedAndCutOffOnes() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtureWalks).filter { $0.hasSuffix(".jsonl") }.sorted()
        #expect(names.contains("damaged.jsonl") && names.contains("cut-off.jsonl"))
        expectSameEitherWay(names.map { Self.fixtureWalks + "/" + $0 })
        // The damaged and cut-off fixtures keep their named lines.
        let damaged = try LoadedWalk.load(path: Self.fixtureWalks + "/damaged.jsonl", quickly: true)
        #expect(damaged.warnings.map(\.line) == [5, 6, 7, 8])
        let cut = try LoadedWalk.load(path: Self.fixtureWalks + "/cut-off.jsonl", quickly: true)
        #expect(cut.warnings.map(\.line) == [42])
        #expect(cut.warnings.first?.message.hasPrefix("the last record was cut off") == true)
    }

    @Test func theCompareWalksGiveTheSameDigestsIncludingDamagedAndCutOffOnes() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        var paths = [
            try writeWalk(home, "a", location: "North", day: 1, [("door", .magic), ("greet", .neutral)]),
            try writeWalk(home, "b", location: "South", day: 2, [("door", .misery), ("greet", nil)]),
            try writeWalk(home, "c", location: "South", day: 3, [("door", .skipped)], finished: false),
        ]
        // Every record the quick reader takes, as journeywalk writes it, then damaged and cut-off lines.
        let at = Date(timeIntervalSince1970: 1_790_000_000)
        let records: [WalkEvent] = [
            .answered(AnswerChange(touchpoint: "door", item: 0, answer: .yes, at: at)),
            .answered(AnswerChange(touchpoint: "door", item: 1, answer: nil, at: at, undo: true)),
            .timed(TimerChange(touchpoint: "door", seconds: 0, running: true, at: at)),
            .timed(TimerChange(touchpoint: "door", seconds: 12.3, running: false, at: at.addingTimeInterval(12))),
            .rated(RatingChange(touchpoint: "door", rating: Rating(.misery, intensity: 3), at: at.addingTimeInterval(13), timerSeconds: 12)),
            .rated(RatingChange(touchpoint: "greet", rating: nil, at: at.addingTimeInterval(14), undo: true)),
            .noted(NoteChange(touchpoint: "door", text: "slow door", at: at.addingTimeInterval(15))),
            .noted(NoteChange(touchpoint: "door", text: "naïve \"quoted\"", at: at.addingTimeInterval(16))),
            .moved(touchpoint: "greet", at: at.addingTimeInterval(17)),
            .submitted(at: at.addingTimeInterval(19)),
        ]
        let full = try String(contentsOfFile: paths[0], encoding: .utf8) + records.map { WalkCodec.encode($0) + "\n" }.joined()
        for (name, text) in [
            ("every", full),
            ("damaged", full + "{\"type\":\"verdict\",\"at\":\"nonsense\",\"touchpoint\":\"door\",\"verdict\":\"magic\",\"intensity\":1}\n"
                + "{\"type\":\"verdict\",\"at\":\"2026-09-22T10:00:00Z\",\"touchpoint\":\"door\",\"verdict\":\"wow\",\"intensity\":1}\n"
                + "{\"type\":\"timer\",\"at\":\"2026-09-22T10:00:00Z\",\"touchpoint\":\"\",\"seconds\":1.0,\"running\":false}\n"
                + "{\"type\":\"answer\",\"at\":\"2026-09-22T10:00:00Z\",\"touchpoint\":\"door\",\"item\":01,\"answer\":\"yes\"}x\n"
                + "{\"type\":\"move\",\"at\":\"2026-09-22T10:00:00Z\",\"touchpoint\":\"door\"\n"
                + "{\"type\":\"finish\",\"at\":\"2026-09-22T11:00:00Z\"}\n"),
            ("cut-off", full + "{\"type\":\"verdict\",\"at\":\"2026-09-22T10:00:00Z\",\"touchpoint\":\"door\",\"verd"),
            ("cut-off-whole", full + "{\"type\":\"finish\",\"at\":\"2026-09-22T11:00:00Z\"}"),
        ] {
            let path = home + "/" + name + ".jsonl"
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            paths.append(path)
        }
        expectSameEitherWay(paths)
        let damaged = try LoadedWalk.load(path: home + "/damaged.jsonl", quickly: true)
        #expect(damaged.warnings.count == 5)
        #expect(damaged.walk.status == .submitted)
        let cut = try LoadedWalk.load(path: home + "/cut-off.jsonl", quickly: true)
        #expect(cut.warnings.map(\.message).first?.hasPrefix("the last record was cut off") == true)
    }

    @Test func theRecordsJourneywalkWritesAreReadWithoutTheJSONTree() {
        let at = Date(timeIntervalSince1970: 1_790_000_000.25)
        let events: [WalkEvent] = [
            .rated(RatingChange(touchpoint: "door", rating: Rating(.magic, intensity: 2), at: at, timerSeconds: 40)),
            .rated(RatingChange(touchpoint: "door", rating: nil, at: at, undo: true)),
            .answered(AnswerChange(touchpoint: "door", item: 2, answer: .no, at: at)),
            .timed(TimerChange(touchpoint: "door", seconds: 61.5, running: false, at: at)),
            .noted(NoteChange(touchpoint: "door", text: "fine", at: at)),
            .moved(touchpoint: "door", at: at),
            .finished(at: at),
            .submitted(at: at),
        ]
        for event in events {
            let line = Array(WalkCodec.encode(event).utf8)
            #expect(WalkCodec.quickDecode(line[...]) == event, "\(WalkCodec.encode(event))")
            #expect(WalkCodec.quickDecode(line[...]) == (try? WalkCodec.decode(bytes: line)))
        }
        // Format 3: the same records ending in their seq and prev are read the quick way too.
        let prev = String(repeating: "0123456789abcdef", count: 4)
        for (index, event) in events.enumerated() {
            let line = Array(WalkCodec.encode(event, seq: index + 2, prev: prev).utf8)
            #expect(WalkCodec.quickDecode(line[...]) == event, "\(WalkCodec.encode(event, seq: index + 2, prev: prev))")
            #expect(WalkCodec.quickDecode(line[...]) == (try? WalkCodec.decode(bytes: line)))
        }
        // A seq without its prev, or a prev that is not a SHA-256 in hex, is left to the full reader.
        for tail in [#","seq":2}"#, #","seq":2,"prev":"abc"}"#, #","seq":2,"prev":"\#(prev.uppercased())"}"#, #","prev":"\#(prev)","seq":2}"#] {
            let line = #"{"type":"finish","at":"2026-09-22T11:00:00Z""# + tail
            #expect(WalkCodec.quickDecode(Array(line.utf8)[...]) == nil, "\(line)")
            #expect((try? WalkCodec.decode(Substring(line))) == .finished(at: Timestamp.parse("2026-09-22T11:00:00Z")!), "\(line)")
        }
        // Anything else is left to the full reader.
        for line in [#"{"type": "finish","at":"2026-09-22T11:00:00Z"}"#, #"{"at":"2026-09-22T11:00:00Z","type":"finish"}"#,
                     #"{"type":"note","at":"2026-09-22T11:00:00Z","touchpoint":"door","text":"a\"b"}"#, #"{"type":"finish","at":"2026-09-22T11:00:00Z"}"# + "\r"] {
            #expect(WalkCodec.quickDecode(Array(line.utf8)[...]) == nil, "\(line)")
        }
    }
}
