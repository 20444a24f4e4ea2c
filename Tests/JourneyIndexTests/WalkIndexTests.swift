import Foundation
import Glibc
import Synchronization
import Testing
import JourneyKit
import JourneyStore
@testable import JourneyIndex

func temporaryFolder() -> String {
    var template = Array((NSTemporaryDirectory() + "journeywalk-index-test-XXXXXX").utf8CString)
    return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
}

let shop = Journey(id: "shop", title: "Shop", version: 1, stages: [
    Stage(name: "Arrive", touchpoints: [Touchpoint(id: "door", title: "Door", target: 30), Touchpoint(id: "greet", title: "Greeting")]),
])

/// Writes a walk file the way journeywalk does, one encoded record a line.
@discardableResult
func writeWalk(_ folder: String, _ id: String, journey: Journey = shop, location: String = "North", day: Int = 1, _ verdicts: [(String, Verdict?)], finished: Bool = true) throws -> String {
    let started = Date(timeIntervalSince1970: 1_790_000_000 + Double(day) * 86_400)
    let header = WalkHeader(walkID: id, journey: journey, journeyPath: nil, journeyFingerprint: "fnv1a64:0", details: WalkDetails(operator: "Ann", location: location), started: started)
    var lines = [WalkCodec.encode(.started(header))]
    for (touchpoint, verdict) in verdicts {
        lines.append(WalkCodec.encode(.rated(RatingChange(touchpoint: touchpoint, rating: verdict.map { Rating($0) }, at: started))))
    }
    if finished { lines.append(WalkCodec.encode(.finished(at: started))) }
    let path = folder + "/" + id + ".jsonl"
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
    return path
}

/// Moves a file's modification time, as a sync tool might leave it.
func touch(_ path: String, secondsAgo: Int) {
    var times = [timespec(tv_sec: time(nil) - secondsAgo, tv_nsec: 0), timespec(tv_sec: time(nil) - secondsAgo, tv_nsec: 0)]
    utimensat(AT_FDCWD, path, &times, 0)
}

@Suite struct WalkIndexTests {
    func home() throws -> (home: String, walks: String, index: String) {
        let home = temporaryFolder()
        try FileManager.default.createDirectory(atPath: home + "/walks", withIntermediateDirectories: true)
        return (home, home + "/walks", home + "/index.sqlite")
    }

    func glyphs(_ source: WalkDigestSource, _ touchpoint: String = "door") -> [String] {
        source.comparison(journey: "shop", grouping: nil, filter: WalkFilter()).rows.first { $0.touchpoint == touchpoint }?.cells.map(\.glyph) ?? []
    }

    @Test func isBuiltFromTheFilesAndRebuiltAfterDeletion() throws {
        let (home, walks, index) = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try writeWalk(walks, "a", day: 1, [("door", .magic), ("greet", .neutral)])
        try writeWalk(walks, "b", day: 2, [("door", .misery), ("greet", .neutral)])
        try writeWalk(walks, "c", day: 3, [("door", .magic)], finished: false)
        let first = WalkDigestSource(walksFolder: walks, indexPath: index)
        #expect(first.index != nil)
        #expect(first.notice == nil)
        #expect(glyphs(first) == ["★", "✖", "★"])
        var mode = stat()
        stat(index, &mode)
        #expect(mode.st_mode & 0o777 == 0o600, "the index is private, like the walks")

        let opened = try WalkIndex.open(path: index, walksFolder: walks)
        #expect(try opened.refresh() == WalkIndex.Refresh(read: 0, dropped: 0, files: 3), "nothing changed: no file is read again")

        for suffix in ["", "-wal", "-shm"] { unlink(index + suffix) }
        let again = WalkDigestSource(walksFolder: walks, indexPath: index)
        #expect(again.index != nil)
        #expect(glyphs(again) == ["★", "✖", "★"], "deleting the index loses nothing")
        #expect(FileManager.default.fileExists(atPath: index))
    }

    @Test func aFileChangedBehindItsBackIsReadAgain() throws {
        let (home, walks, index) = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let a = try writeWalk(walks, "a", day: 1, [("door", .magic)], finished: false)
        try writeWalk(walks, "b", day: 2, [("door", .misery)])
        #expect(glyphs(WalkDigestSource(walksFolder: walks, indexPath: index)) == ["★", "✖"])

        // Another verdict appended by hand: a new size.
        let more = WalkCodec.encode(.rated(RatingChange(touchpoint: "door", rating: Rating(.neutral), at: Date(timeIntervalSince1970: 1_790_100_000))))
        let handle = try #require(FileHandle(forWritingAtPath: a))
        handle.seekToEndOfFile()
        handle.write(Data((more + "\n").utf8))
        handle.closeFile()
        let opened = try WalkIndex.open(path: index, walksFolder: walks)
        #expect(try opened.refresh().read == 1)
        #expect(glyphs(WalkDigestSource(walksFolder: walks, indexPath: index)) == ["●", "✖"])

        // The same size, other bytes, an older time (a sync tool restoring a copy): read again by its time.
        let text = try String(contentsOfFile: a, encoding: .utf8).replacingOccurrences(of: "\"verdict\":\"neutral\",\"intensity\":0", with: "\"verdict\":\"skipped\",\"intensity\":0")
        try text.write(toFile: a, atomically: false, encoding: .utf8)
        touch(a, secondsAgo: 3600)
        #expect(glyphs(WalkDigestSource(walksFolder: walks, indexPath: index)) == ["○", "✖"])

        // A walk file removed: its row goes.
        unlink(walks + "/b.jsonl")
        #expect(try opened.refresh().dropped == 1)
        #expect(glyphs(WalkDigestSource(walksFolder: walks, indexPath: index)) == ["○"])
    }

    @Test func aRefreshPutOffUntilAfterTheFirstFrameSaysWhatChanged() throws {
        let (home, walks, index) = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        // An index that holds no walk yet is filled at once, whatever the caller asks.
        try writeWalk(walks, "a", day: 1, [("door", .magic)])
        try writeWalk(walks, "b", day: 2, [("door", .misery)])
        let empty = WalkDigestSource(walksFolder: walks, indexPath: index, refreshLater: true)
        #expect(!empty.refreshPending)
        #expect(glyphs(empty) == ["★", "✖"])

        // Up to date: the refresh finds nothing to read again.
        let unchanged = WalkDigestSource(walksFolder: walks, indexPath: index, refreshLater: true)
        #expect(unchanged.refreshPending)
        unchanged.startRefresh()
        #expect(!unchanged.refreshPending)
        #expect(unchanged.refreshOutcome(wait: true) == .unchanged)

        // A walk removed and one added behind its back: the index answers as it was until the
        // refresh, which reports the change once.
        unlink(walks + "/b.jsonl")
        try writeWalk(walks, "c", day: 3, [("door", .neutral)])
        let later = WalkDigestSource(walksFolder: walks, indexPath: index, refreshLater: true)
        #expect(later.refreshPending)
        var asIndexed: [String] = []
        later.forEach(filter: WalkFilter(), steps: false, upToDate: false, walk: { asIndexed.append($0.walkID) }, problem: { Issue.record("\($0)") })
        #expect(asIndexed == ["a", "b"])
        #expect(later.refreshPending, "reading the index as it is does not start the refresh")
        later.startRefresh()
        #expect(later.refreshOutcome(wait: true) == .changed)
        #expect(later.refreshOutcome(wait: true) == .unchanged)
        #expect(glyphs(later) == ["★", "●"])

        // A reader that never starts the refresh still gets the walks as the files are.
        try writeWalk(walks, "d", day: 4, [("door", .skipped)])
        let reader = WalkDigestSource(walksFolder: walks, indexPath: index, refreshLater: true)
        #expect(glyphs(reader) == ["★", "●", "○"])
        #expect(reader.refreshOutcome() == .changed)
    }

    @Test func aDamagedIndexIsRebuilt() throws {
        let (home, walks, index) = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try writeWalk(walks, "a", [("door", .magic)])
        #expect(glyphs(WalkDigestSource(walksFolder: walks, indexPath: index)) == ["★"])
        for suffix in ["-wal", "-shm"] { unlink(index + suffix) }
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: index))
        let source = WalkDigestSource(walksFolder: walks, indexPath: index)
        #expect(source.index != nil, "\(source.notice ?? "")")
        #expect(glyphs(source) == ["★"])
    }

    @Test func twoWritersAtOnceLeaveOneGoodIndex() throws {
        let (home, walks, index) = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        for number in 0..<300 {
            try writeWalk(walks, String(format: "w%03d", number), day: number, [("door", number % 3 == 0 ? .misery : .magic), ("greet", .neutral)])
        }
        // Two connections refresh the same new index at the same moment (as two journeywalk processes
        // would); SQLite's locks and WAL serialise their writes.
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            do {
                let opened = try WalkIndex.open(path: index, walksFolder: walks)
                try opened.refresh()
            } catch {
                failures.withLock { $0.append(String(describing: error)) }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let source = WalkDigestSource(walksFolder: walks, indexPath: index)
        #expect(source.index != nil)
        let comparison = source.comparison(journey: "shop", grouping: nil, filter: WalkFilter())
        #expect(comparison.walks == 300)
        #expect(comparison.rows[0].total.misery == 100)
        let check = try WalkIndex.open(path: index, walksFolder: walks)
        #expect(try check.refresh().read == 0)
    }

    /// An edit that keeps the size and puts the modification time back (`touch -r`) is still seen:
    /// the change time cannot be set back.
    @Test func anEditWithTheSameSizeAndTheTimePutBackIsReadAgain() throws {
        let (home, walks, index) = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let a = try writeWalk(walks, "a", [("door", .misery)])
        #expect(glyphs(WalkDigestSource(walksFolder: walks, indexPath: index)) == ["✖"])
        var before = stat()
        #expect(stat(a, &before) == 0)
        let text = try String(contentsOfFile: a, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"misery\",", with: "\"magic\" ,")
        #expect(edited.utf8.count == text.utf8.count && edited != text)
        try edited.write(toFile: a, atomically: false, encoding: .utf8)
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, a, &times, 0) == 0)
        var after = stat()
        #expect(stat(a, &after) == 0)
        #expect(after.st_size == before.st_size && after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        #expect(glyphs(WalkDigestSource(walksFolder: walks, indexPath: index)) == ["★"], "the verdict as the file says it now")
    }

    /// A FIFO, a link to a device and a dangling link named `*.jsonl` are named as files that cannot
    /// be read, and counted, with and without the index, never skipped in silence (nor opened).
    @Test func filesThatAreNotRegularFilesAreNamedEverywhere() throws {
        let (home, walks, index) = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try writeWalk(walks, "a", [("door", .magic)])
        #expect(mkfifo(walks + "/pipe.jsonl", 0o600) == 0)
        #expect(symlink("/dev/zero", walks + "/device.jsonl") == 0)
        #expect(symlink(walks + "/gone", walks + "/dangling.jsonl") == 0)
        for source in [WalkDigestSource(walksFolder: walks, indexPath: index), WalkDigestSource(walksFolder: walks, indexPath: nil)] {
            let comparison = source.comparison(journey: "shop", grouping: nil, filter: WalkFilter())
            #expect(comparison.walks == 1)
            #expect(comparison.problems.contains { $0.hasPrefix(walks + "/pipe.jsonl") && $0.contains("FIFO") }, "\(comparison.problems)")
            #expect(comparison.problems.contains { $0.hasPrefix(walks + "/device.jsonl") && $0.contains("character device") }, "\(comparison.problems)")
            #expect(comparison.problems.contains { $0.hasPrefix(walks + "/dangling.jsonl") }, "\(comparison.problems)")
            #expect(source.unfinished().walks == 1, "the home screen counts the walks as review lists them")
            #expect(source.unfinished().unreadable == 3, "and the files that cannot be read as review and compare name them")
        }
    }

    @Test func unreadableAndCutOffWalksAreNamedAndLeftOut() throws {
        let (home, walks, index) = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try writeWalk(walks, "a", [("door", .magic)])
        let cut = try writeWalk(walks, "b", [("door", .misery)])
        let whole = try String(contentsOfFile: cut, encoding: .utf8)
        try (whole + "{\"type\":\"verdict\",\"at\":\"2026").write(toFile: cut, atomically: false, encoding: .utf8)
        try "not a walk\n".write(toFile: walks + "/c.jsonl", atomically: false, encoding: .utf8)
        for source in [WalkDigestSource(walksFolder: walks, indexPath: index), WalkDigestSource(walksFolder: walks, indexPath: nil)] {
            let comparison = source.comparison(journey: "shop", grouping: nil, filter: WalkFilter())
            #expect(comparison.walks == 1)
            #expect(comparison.columns.map(\.key) == ["a"])
            #expect(comparison.problems.contains { $0.hasPrefix(walks + "/b.jsonl:4: the last record was cut off") })
            #expect(comparison.problems.contains { $0.hasPrefix(walks + "/c.jsonl: not a readable walk file") })
        }
    }

    @Test func aSyncToolsCopyOfAWalkIsCountedOnceAndNamed() throws {
        let (home, walks, index) = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let kept = try writeWalk(walks, "a", day: 1, [("door", .magic)])
        try writeWalk(walks, "b", day: 2, [("door", .misery)])
        // The conflict copy sorts after the walk's own file, the hand copy before it: both are left out.
        let conflict = walks + "/a.sync-conflict-20261126-101010-ABCDEF.jsonl"
        let handCopy = walks + "/a (copy).jsonl"
        try FileManager.default.copyItem(atPath: kept, toPath: conflict)
        try FileManager.default.copyItem(atPath: kept, toPath: handCopy)
        let expected = [
            "\(conflict): another copy of walk a (kept: \(kept)); left out",
            "\(handCopy): another copy of walk a (kept: \(kept)); left out",
        ]
        // A folder where the index should be: the read-only fallback reads the files.
        let noIndex = home + "/no-index"
        try FileManager.default.createDirectory(atPath: noIndex + "/index.sqlite", withIntermediateDirectories: true)
        let sources = [
            WalkDigestSource(walksFolder: walks, indexPath: index), WalkDigestSource(walksFolder: walks, indexPath: nil),
            WalkDigestSource(walksFolder: walks, indexPath: noIndex + "/index.sqlite"),
        ]
        #expect(sources.map { $0.index != nil } == [true, false, false])
        for source in sources {
            let comparison = source.comparison(journey: "shop", grouping: nil, filter: WalkFilter())
            #expect(comparison.columns.map(\.key) == ["a", "b"])
            #expect(comparison.walks == 2)
            #expect(comparison.problems.sorted() == expected.sorted())
            let grouped = source.comparison(journey: "shop", grouping: .location, filter: WalkFilter())
            #expect(grouped.columns.map(\.walks) == [2])
        }
        // Walks named one by one (compare WALK…, marked walks in review).
        let named = try WalkComparison.of(paths: [handCopy, kept, conflict, walks + "/b.jsonl"], grouping: nil)
        #expect(named.columns.map(\.key) == ["a", "b"])
        #expect(named.problems.sorted() == expected.sorted())
        // Without the walk's own file, the first copy by name is kept.
        try FileManager.default.removeItem(atPath: kept)
        let withoutOwn = WalkDigestSource(walksFolder: walks, indexPath: index).comparison(journey: "shop", grouping: nil, filter: WalkFilter())
        #expect(withoutOwn.columns.map(\.key) == ["a", "b"])
        #expect(withoutOwn.problems == ["\(conflict): another copy of walk a (kept: \(handCopy)); left out"])
    }

    @Test func unfinishedWalksAreOfferedOnceBesideTheirCopies() throws {
        let (home, walks, index) = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        // a: unfinished, with a sync tool's copy. b: finished, its copy made before it was (still a draft).
        let a = try writeWalk(walks, "a", day: 1, [("door", .magic)], finished: false)
        let b = try writeWalk(walks, "b", day: 2, [("door", .misery)])
        try writeWalk(walks, "c", day: 3, [], finished: false)
        let aCopy = walks + "/a.sync-conflict-20261126-101010-ABCDEF.jsonl"
        try FileManager.default.copyItem(atPath: a, toPath: aCopy)
        let bCopy = walks + "/b.sync-conflict-20261126-101010-ABCDEF.jsonl"
        try (String(contentsOfFile: b, encoding: .utf8).split(separator: "\n").dropLast().joined(separator: "\n") + "\n").write(toFile: bCopy, atomically: false, encoding: .utf8)
        try "not a walk\n".write(toFile: walks + "/broken.jsonl", atomically: false, encoding: .utf8)
        for source in [WalkDigestSource(walksFolder: walks, indexPath: index), WalkDigestSource(walksFolder: walks, indexPath: nil)] {
            let found = source.unfinished()
            #expect(Set(found.drafts.map(\.walkID)) == ["a", "c"], "each walk once, and b's copy is no unfinished walk")
            #expect(found.drafts.map(\.path).allSatisfy { !$0.contains("sync-conflict") })
            #expect(found.walks == 3, "a, b and c; not the two copies")
            #expect(found.unreadable == 1, "the file that cannot be read, counted apart")
            #expect(found.copies == [WalkCopy(path: aCopy, walkID: "a", kept: a), WalkCopy(path: bCopy, walkID: "b", kept: b)])
        }
    }

    @Test func aReadOnlyOrMissingPlaceFallsBackToTheFilesWithANotice() throws {
        let (home, walks, index) = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try writeWalk(walks, "a", [("door", .magic)])
        // A folder where the index should be: it cannot be opened or replaced.
        try FileManager.default.createDirectory(atPath: index, withIntermediateDirectories: true)
        let source = WalkDigestSource(walksFolder: walks, indexPath: index)
        #expect(source.index == nil)
        let notice = try #require(source.notice)
        #expect(notice.hasPrefix("the walk index cannot be used (\(index): "))
        #expect(notice.hasSuffix("reading the walk files instead"))
        #expect(!notice.contains("\n"))
        #expect(glyphs(source) == ["★"])
    }

    @Test func anIndexThatIsASymbolicLinkIsNotFollowedAndTheNoticeSaysWhy() throws {
        let (home, walks, index) = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try writeWalk(walks, "a", [("door", .magic)])
        let elsewhere = home + "/elsewhere.txt"
        #expect(FileManager.default.createFile(atPath: elsewhere, contents: Data("kept".utf8)))
        #expect(symlink(elsewhere, index) == 0)
        let source = WalkDigestSource(walksFolder: walks, indexPath: index)
        #expect(source.index == nil)
        #expect(source.notice == "the walk index cannot be used (\(index): it is a symbolic link, and the index is never opened through a link; remove the link and journeywalk makes the index again in its place); reading the walk files instead")
        #expect(glyphs(source) == ["★"])
        #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) == "kept")
    }

    @Test func theReviewListIsAnsweredWithoutReadingTheWalkFiles() throws {
        let (home, walks, index) = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let path = try writeWalk(walks, "a", location: "Harbour", [("door", .magic)])
        _ = WalkDigestSource(walksFolder: walks, indexPath: index)
        // Unreadable to journeywalk now: the first frame (before the refresh) is answered by the
        // index alone, without opening the file; the refresh after it sees the change.
        var info = stat()
        stat(path, &info)
        try String(repeating: "x", count: Int(info.st_size)).write(toFile: path, atomically: false, encoding: .utf8)
        var times = [info.st_atim, info.st_mtim]
        utimensat(AT_FDCWD, path, &times, 0)
        var seen: [WalkDigest] = []
        let source = WalkDigestSource(walksFolder: walks, indexPath: index, refreshLater: true)
        source.forEach(filter: WalkFilter(location: "harb"), steps: false, upToDate: false, walk: { seen.append($0) }, problem: { Issue.record("\($0)") })
        #expect(seen.map(\.walkID) == ["a"])
        #expect(seen.first?.summary.magic == 1)
        var problems: [String] = []
        WalkDigestSource(walksFolder: walks, indexPath: index).forEach(filter: WalkFilter(), steps: false, walk: { _ in }, problem: { problems.append($0) })
        #expect(problems.count == 1, "the same size and time, but another change time: read again")
    }
}
