import Foundation
import Glibc
import JourneyKit
@testable import JourneyStore
import Testing

/// A workshop's walk file: votes, the majority as a verdict (split on a tie), and notes.
@Suite struct WorkshopRecordTests {
    @Test func aSplitVerdictSurvivesTheRoundTrip() throws {
        let event = WalkEvent.rated(RatingChange(touchpoint: "door", rating: Rating(.split), at: Date(timeIntervalSince1970: 1_795_342_512), timerSeconds: 9))
        let line = WalkCodec.encode(event)
        #expect(line == #"{"type":"verdict","at":"2026-11-22T10:15:12.000Z","touchpoint":"door","verdict":"split","intensity":0,"timer_seconds":9}"#)
        #expect(try WalkCodec.decode(line[...]) == event)
    }

    @Test func aWorkshopFileLoadsWithItsVotesVerdictsAndNotes() throws {
        let file = try LoadedWalk.load(path: fixtures + "/walks/v2-workshop.jsonl")
        #expect(file.warnings.isEmpty)
        let walk = file.walk
        #expect(walk.header.details == WalkDetails(operator: "Ana", role: .trainer, location: "Room 4", channel: ""))
        #expect(walk.journey.timebox == 120 && walk.journey.stages[0].touchpoints[0].timebox == 60)
        let door = walk.moment(for: "door")
        #expect(door.rating == Rating(.split))
        #expect(door.votes == Votes(magic: 2, neutral: 0, misery: 2))
        #expect(door.note == "Half the room never saw the sign")
        let greet = walk.moment(for: "greet")
        #expect(greet.rating == nil && greet.votes == Votes())
        #expect(walk.summary == WalkSummary(unrecorded: 2, split: 1))
        #expect(walk.position == 1, "a verdict written with its tally does not move the workshop on")
        // Every line is exactly what the codec writes without a chain, the header saying format 2.
        let lines = try String(contentsOfFile: fixtures + "/walks/v2-workshop.jsonl", encoding: .utf8).split(separator: "\n")
        for line in lines {
            #expect(formatTwo(WalkCodec.encode(try WalkCodec.decode(line))) == String(line))
        }
    }

    @Test func theSessionsTimeboxIsKeptInTheHeaderAndOlderFilesLoadWithout() throws {
        let lines = try String(contentsOfFile: fixtures + "/walks/v2-workshop.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        guard case .started(let old) = try WalkCodec.decode(lines[0][...]) else { Issue.record("the fixture starts with its header"); return }
        #expect(old.workshopTimebox == nil, "a workshop written before the key was added")
        // The same header with the room's `--timebox 10s`: the key goes before the journey copy.
        let withTimebox = lines[0].replacingOccurrences(of: #""channel":"","journey""#, with: #""channel":"","workshop_timebox_seconds":10,"journey""#)
        guard case .started(let header) = try WalkCodec.decode(withTimebox[...]) else { Issue.record("a header"); return }
        #expect(header.workshopTimebox == 10)
        var expected = old
        expected.workshopTimebox = 10
        #expect(header == expected)
        #expect(formatTwo(WalkCodec.encode(.started(header))) == withTimebox, "written exactly so, but for the format")
        for bad in ["0", "-5", "\"10s\"", "1.5"] {
            let line = lines[0].replacingOccurrences(of: #""channel":"","journey""#, with: #""channel":"","workshop_timebox_seconds":\#(bad),"journey""#)
            #expect(throws: WalkCodec.LineProblem.missing("workshop_timebox_seconds"), "\(bad)") { _ = try WalkCodec.decode(line[...]) }
        }
    }

    @Test func aTallyAndItsVerdictAreWrittenTogetherOrNotAtAll() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let lines = try String(contentsOfFile: fixtures + "/walks/v2-workshop.jsonl", encoding: .utf8).split(separator: "\n")
        let events = try lines.map { try WalkCodec.decode($0) }
        guard case .started(let header) = events[0] else { Issue.record("the fixture starts with its header"); return }
        let journal = try WalkFileWriter.create(folder: root, header: header)
        try journal.append(contentsOf: [events[4], events[5]])
        journal.close()
        let text = try String(contentsOfFile: journal.path, encoding: .utf8)
        // Written in format 3: the v2 fixture's records, each chained to the line before.
        #expect(text == chainedLines([events[0], events[4], events[5]]).joined(separator: "\n") + "\n")
        let bytes = Array(text.utf8)
        #expect(WalkChain(bytes: bytes).firstBreak(in: bytes) == nil)

        let full = root + "/full.jsonl"
        // /dev/full as the walk file's descriptor (reopen refuses a link or a device by name).
        let failing = WalkFileWriter(path: full, fd: open("/dev/full", O_RDWR | O_APPEND | O_CLOEXEC))
        #expect(throws: FileError(path: full, reason: "No space left on device")) { try failing.append(contentsOf: [events[4], events[5]]) }
    }
}
