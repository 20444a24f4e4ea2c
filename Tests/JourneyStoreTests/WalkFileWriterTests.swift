import Foundation
import Glibc
import Synchronization
import JourneyKit
@testable import JourneyStore
import Testing

private let journey = Journey(id: "shop", title: "Shop \"visit\"", version: 2, description: "Two\nlines", stages: [
    Stage(name: "In", touchpoints: [
        Touchpoint(id: "door", title: "Door", channel: "store", prompt: "Look", lookFor: ["Clean"], target: 30, momentOfTruth: true),
        Touchpoint(id: "till", title: "Till"),
        Touchpoint(id: "exit", title: "Exit"),
    ]),
])

private func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_795_342_503 + seconds) }

private let header = WalkHeader(
    walkID: "20261122-101503-shop", journey: journey, journeyPath: "/j/shop.yaml", journeyFingerprint: "fnv1a64:0123456789abcdef",
    details: WalkDetails(operator: "Zoë ★", role: .shopper, location: "Main St\t\"12\"", channel: "store"), started: at(0))

private let events: [WalkEvent] = [
    .started(header),
    .rated(RatingChange(touchpoint: "door", rating: Rating(.magic, intensity: 2), at: at(5), timerSeconds: 5)),
    .noted(NoteChange(touchpoint: "door", text: "Café ★ naïve \u{1B}[31m \"quoted\" \\ back", at: at(6))),
    .moved(touchpoint: "door", at: at(7)),
    .drafted(NoteChange(touchpoint: "exit", text: "half a thought", at: at(7.5))),
    .rated(RatingChange(touchpoint: "door", rating: nil, at: at(8), undo: true)),
    .rated(RatingChange(touchpoint: "till", rating: Rating(.misery), at: at(9), timerSeconds: 200)),
]

@Suite struct WalkFileWriterTests {
    @Test func everyEventSurvivesTheRoundTrip() throws {
        for event in events {
            let line = WalkCodec.encode(event)
            #expect(!line.contains("\n"))
            #expect(try WalkCodec.decode(Substring(line)) == event)
        }
    }

    @Test func writesAPrivateFileAndReadsItBack() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let folder = root + "/walks"
        let journal = try WalkFileWriter.create(folder: folder, header: header)
        for event in events.dropFirst() { try journal.append(event) }
        journal.close()
        var info = stat()
        #expect(stat(folder, &info) == 0 && info.st_mode & 0o777 == 0o700)
        #expect(stat(journal.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let file = try LoadedWalk.load(path: journal.path)
        #expect(file.warnings.isEmpty)
        #expect(file.walk == Walk(events: events))
        #expect(file.walk.moment(for: "till").rating == Rating(.misery))
        #expect(file.walk.position == 2)
    }

    @Test func aNewWalkFileAppearsWithItsHeaderAndNeverReplacesAnother() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let journal = try WalkFileWriter.create(folder: root, header: header)
        let name = header.walkID + ".jsonl"
        #expect(PosixFile.list(root) == [name], "only the walk file, no temporary file left")
        #expect(try String(contentsOfFile: journal.path, encoding: .utf8) == WalkCodec.encode(events[0], seq: 1, prev: nil) + "\n")
        try journal.append(events[1])
        #expect(throws: FileError(path: root + "/" + name, reason: "File exists")) {
            try WalkFileWriter.create(folder: root, header: header)
        }
        #expect(PosixFile.list(root) == [name])
        #expect(try LoadedWalk.load(path: journal.path).walk == Walk(events: Array(events.prefix(2))))
    }

    @Test func aFileCutAtAnyByteLoadsEveryCompleteRecord() throws {
        let lines = events.map { WalkCodec.encode($0) + "\n" }
        let whole = Array(lines.joined().utf8)
        let lastStart = whole.count - lines.last!.utf8.count
        let complete = try #require(Walk(events: Array(events.dropLast())))
        // Only the newline missing: the record itself is complete and loads.
        let withoutNewline = try LoadedWalk.parse(Array(whole.dropLast()), path: "walk.jsonl")
        #expect(withoutNewline.walk == Walk(events: events))
        #expect(withoutNewline.warnings.isEmpty)
        for cut in lastStart..<(whole.count - 1) {
            let file = try LoadedWalk.parse(Array(whole[0..<cut]), path: "walk.jsonl")
            #expect(file.walk == complete, "cut at byte \(cut)")
            if cut == lastStart {
                #expect(file.warnings.isEmpty)
            } else {
                #expect(file.warnings.map(\.description) == ["walk.jsonl:\(events.count): the last record was cut off (\(cut - lastStart == 1 ? "1 byte" : "\(cut - lastStart) bytes"), no end of line) and was not loaded"])
            }
        }
        #expect(try LoadedWalk.parse(whole, path: "walk.jsonl").walk == Walk(events: events))
    }

    @Test func everyCutOfTheHeaderIsAClearError() {
        let headerLine = Array(WalkCodec.encode(events[0]).utf8)
        for cut in stride(from: 0, to: headerLine.count, by: 17) {
            #expect(throws: WalkLoadError.self) { try LoadedWalk.parse(Array(headerLine[0..<cut]), path: "w.jsonl") }
        }
    }

    @Test func damagedLinesInTheMiddleAreSkippedAndNamed() throws {
        var text = events.map { WalkCodec.encode($0) }
        text.insert("{\"type\":\"verdict\",\"touchpoint\"", at: 2)
        text.insert("{\"type\":\"teleport\",\"at\":\"2026-11-22T10:15:03Z\"}", at: 3)
        let file = try LoadedWalk.parse(Array((text.joined(separator: "\n") + "\n").utf8), path: "w.jsonl")
        #expect(file.warnings.map(\.description) == [
            "w.jsonl:3: not a complete JSON record; skipped",
            "w.jsonl:4: unknown record type 'teleport' (written by a newer journeywalk?); skipped",
        ])
        #expect(file.walk == Walk(events: events))
    }

    @Test func resumingACutFileStartsTheNextRecordOnItsOwnLine() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let journal = try WalkFileWriter.create(folder: root, header: header)
        for event in events[1..<3] { try journal.append(event) }
        journal.close()
        // A crash in the middle of writing the fourth record.
        let partial = Array(WalkCodec.encode(events[3]).utf8.prefix(20))
        let fd = open(journal.path, O_WRONLY | O_APPEND)
        _ = partial.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let reopened = try WalkFileWriter.reopen(path: journal.path)
        try reopened.append(events[events.count - 1])
        reopened.close()
        let file = try LoadedWalk.load(path: journal.path)
        #expect(file.walk.moment(for: "till").rating == Rating(.misery))
        #expect(file.walk.moment(for: "door").note.hasPrefix("Café"))
        #expect(file.warnings.map(\.description) == ["\(journal.path):4: not a complete JSON record; skipped"])
        #expect(file.warnings.first?.short == "line 4 of the walk file: not a complete JSON record; skipped")
    }

    @Test func aFullDiskIsAnErrorAndLeavesNoHalfLine() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let path = root + "/full.jsonl"
        // /dev/full as the walk file's descriptor (reopen refuses a link or a device by name).
        let journal = WalkFileWriter(path: path, fd: open("/dev/full", O_RDWR | O_APPEND | O_CLOEXEC))
        #expect(throws: FileError(path: path, reason: "No space left on device")) { try journal.append(events[1]) }
    }

    @Test func aRecordWhoseFlushFailsIsTakenBackOutAndTheChainGoesOnFromBeforeIt() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let journal = try WalkFileWriter.create(folder: root, header: header)
        let flushed = try journal.appendFlushing(events[1])
        #expect(flushed.wait() == nil)
        let before = try [UInt8](Data(contentsOf: URL(fileURLWithPath: journal.path)))
        var flushesAsked = 0
        journal.startFlush = { _ in
            flushesAsked += 1
            return { EIO }
        }
        let failed = try journal.appendFlushing(events[3])
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: journal.path))).count > before.count, "written before the flush is waited for")
        #expect(failed.wait() as? FileError == FileError(path: journal.path, errno: EIO))
        #expect(failed.wait() as? FileError == FileError(path: journal.path, errno: EIO), "asked again, the same answer")
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: journal.path))) == before, "the line is taken back out of the file")
        journal.startFlush = { BackgroundFsync.shared.start($0) }
        try journal.append(events[2])
        journal.close()
        #expect(flushesAsked == 1)
        let file = try LoadedWalk.load(path: journal.path)
        #expect(file.warnings.isEmpty)
        #expect(file.walk.moment(for: "door").note.hasPrefix("Café"))
        #expect(try WalkChainCheck.check(path: journal.path).firstBreak == nil, "the next line chains to the last one on disk")
    }

    @Test func theNextWriteWaitsForAFlushNobodyWaitedFor() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let journal = try WalkFileWriter.create(folder: root, header: header)
        var order: [String] = []
        journal.startFlush = { fd in
            order.append("flush started")
            return {
                order.append("flush waited for")
                return fsync(fd) == 0 ? 0 : errno
            }
        }
        _ = try journal.appendFlushing(events[1])
        try journal.append(events[2])
        order.append("appended")
        _ = try journal.appendFlushing(events[3])
        journal.close()
        order.append("closed")
        #expect(order == ["flush started", "flush waited for", "appended", "flush started", "flush waited for", "closed"])
        #expect(try LoadedWalk.load(path: journal.path).walk.moment(for: "door").note.hasPrefix("Café"))
    }

    @Test func aFolderThatCannotBeMadeIsNamed() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        #expect(FileManager.default.createFile(atPath: root + "/file", contents: Data()))
        #expect(throws: FileError(path: root + "/file", reason: "exists and is not a folder")) {
            try WalkFileWriter.create(folder: root + "/file/walks", header: header)
        }
    }

    @Test func walkIdsAreMadeFromTimeAndJourneyAndNeverReused() {
        let taken: Set<String> = ["20261122-101503-shop", "20261122-101503-shop-2"]
        #expect(WalkFileWriter.makeWalkID(journeyID: "shop", started: at(0)) { taken.contains($0) } == "20261122-101503-shop-3")
        #expect(WalkFileWriter.makeWalkID(journeyID: "shop", started: at(60)) { taken.contains($0) } == "20261122-101603-shop")
    }

    /// Two walks of one journey started in the same second by two processes: each chose its id
    /// before the other's file existed (`taken` sees none), and both keep their first verdict.
    @Test func twoWalksStartedInTheSameSecondBothKeepTheirFirstVerdict() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let first = try WalkFileWriter.createNew(folder: root, header: header) { _ in false }
        let second = try WalkFileWriter.createNew(folder: root, header: header) { _ in false }
        #expect(first.header.walkID == "20261122-101503-shop")
        #expect(second.header.walkID == "20261122-101503-shop-2")
        try first.writer.append(.rated(RatingChange(touchpoint: "door", rating: Rating(.magic), at: at(1))))
        try second.writer.append(.rated(RatingChange(touchpoint: "door", rating: Rating(.misery), at: at(1))))
        let firstWalk = try LoadedWalk.load(path: first.writer.path).walk
        let secondWalk = try LoadedWalk.load(path: second.writer.path).walk
        #expect(firstWalk.header.walkID == "20261122-101503-shop" && firstWalk.moment(for: "door").rating == Rating(.magic))
        #expect(secondWalk.header.walkID == "20261122-101503-shop-2" && secondWalk.moment(for: "door").rating == Rating(.misery))
        #expect(PosixFile.list(root).sorted() == ["20261122-101503-shop-2.jsonl", "20261122-101503-shop.jsonl"], "no temporary file left")
    }

    @Test func theLibraryFindsWalksByIdPrefixAndListsUnfinishedOnes() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        _ = try WalkFileWriter.create(folder: root, header: header)
        var secondHeader = header
        secondHeader.walkID = "20261123-090000-shop"
        let second = try WalkFileWriter.create(folder: root, header: secondHeader)
        try second.append(.finished(at: at(100)))
        #expect(FileManager.default.createFile(atPath: root + "/broken.jsonl", contents: Data("garbage".utf8)))
        let library = WalkFileCatalog(folder: root)
        #expect(try library.find("20261123").walkID == "20261123-090000-shop")
        #expect(throws: WalkLoadError.self) { try library.find("2026") }
        #expect(library.unfinished().map(\.walkID) == ["20261122-101503-shop"])
        #expect(library.load().errors.count == 1)
    }
}

extension WalkFileWriterTests {
    @Test func writersOnManyThreadsEachGetTheirOwnFlush() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        // Eight walks written at once, forty records each, every record waited for by its own writer.
        let group = DispatchGroup()
        let failures = Mutex<[String]>([])
        for index in 0..<8 {
            DispatchQueue.global().async(group: group) {
                var walk = header
                walk.walkID = "20261122-10150\(index)-shop"
                do {
                    let writer = try WalkFileWriter.create(folder: root, header: walk)
                    for _ in 0..<40 {
                        if let error = try writer.appendFlushing(events[1]).wait() { failures.withLock { $0.append("\(error)") } }
                    }
                    writer.close()
                    let lines = try String(contentsOfFile: writer.path, encoding: .utf8).split(separator: "\n").count
                    if lines != 41 { failures.withLock { $0.append("\(writer.path): \(lines) lines") } }
                    if let broken = try WalkChainCheck.check(path: writer.path).firstBreak { failures.withLock { $0.append("\(writer.path): \(broken)") } }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        group.wait()
        #expect(failures.withLock { $0 }.isEmpty)
    }
}
