import Foundation
import Glibc
import JourneyKit
@testable import JourneyStore
import Testing

private let journey = Journey(id: "shop", title: "Shop", stages: [
    Stage(name: "In", touchpoints: [Touchpoint(id: "door", title: "Door"), Touchpoint(id: "till", title: "Till")]),
])

private func t(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_795_342_503 + seconds) }

/// Writes walk `id` to `name` in `folder` (as a sync tool would copy it) with the given records; returns its path.
@discardableResult
private func writeWalk(_ id: String, named name: String? = nil, in folder: String, _ events: [WalkEvent] = []) throws -> String {
    let header = WalkHeader(walkID: id, journey: journey, journeyPath: nil, journeyFingerprint: "f", details: WalkDetails(operator: "Ann"), started: t(0))
    // Made aside, then moved in: a second file of the same walk cannot be created in its folder.
    let journal = try WalkFileWriter.create(folder: folder + "/.aside", header: header)
    for event in events { try journal.append(event) }
    journal.close()
    let path = folder + "/" + (name ?? id + ".jsonl")
    #expect(rename(journal.path, path) == 0)
    return path
}

private func action(_ id: String, status: ActionStatus = .open) -> WalkEvent {
    .actionChanged(ActionChange(touchpoint: "door", action: Action(id: id, text: "Fix the door", owner: "Sam", due: nil, status: status), at: t(10)))
}

private let id = "20261122-101503-shop"
private let conflict = "20261122-101503-shop.sync-conflict-20261126-101010-ABCDEF.jsonl"

@Suite struct WalkCopyStoreTests {
    @Test func theFileNamedAfterTheWalkIsKeptAndEachOtherCopyIsNamed() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let own = try writeWalk(id, in: folder)
        let copy = try writeWalk(id, named: conflict, in: folder)
        let library = WalkFileCatalog(folder: folder)
        #expect(library.copies(among: [(id, own)]).isEmpty, "the file named after its walk is kept without reading another")
        #expect(library.copies(among: [(id, copy)]) == [WalkCopy(path: copy, walkID: id, kept: own)], "ID.jsonl beside it holds the walk")
        #expect(library.copies(among: [(id, copy), (id, own)]) == [WalkCopy(path: copy, walkID: id, kept: own)])
        #expect(WalkFileCatalog.copy(path: copy, walkID: id) == WalkCopy(path: copy, walkID: id, kept: own))
        #expect(WalkFileCatalog.copy(path: own, walkID: id) == nil)
    }

    @Test func withoutAFileNamedAfterTheWalkTheFirstByNameIsKept() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let second = try writeWalk(id, named: "walk-b.jsonl", in: folder)
        let first = try writeWalk(id, named: "walk-a.jsonl", in: folder)
        // A file named after the walk that holds another walk is no reason to keep it.
        try writeWalk("20261123-101503-shop", named: id + ".jsonl", in: folder)
        let other = try writeWalk("20261124-101503-shop", named: "walk-0.jsonl", in: folder)
        #expect(WalkFileCatalog.copy(path: second, walkID: id) == WalkCopy(path: second, walkID: id, kept: first), "read from the headers of the folder")
        #expect(WalkFileCatalog.copy(path: first, walkID: id) == nil)
        #expect(WalkFileCatalog.copy(path: other, walkID: "20261124-101503-shop") == nil, "a walk's only file")
        #expect(WalkFileCatalog(folder: folder).copies(among: [("20261124-101503-shop", other), (id, second)]) == [WalkCopy(path: second, walkID: id, kept: first)])
    }

    @Test func aCopyIsNeverOpenedForWritingNorSubmitted() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let own = try writeWalk(id, in: folder, [.finished(at: t(20))])
        let copy = try writeWalk(id, named: conflict, in: folder)
        let before = try PosixFile.read(copy)
        let expected = WalkSubmission.Refusal.copy(WalkCopy(path: copy, walkID: id, kept: own))
        #expect(throws: expected) { try WalkSubmission.openForWriting(path: copy) }
        #expect(throws: expected) { try WalkSubmission.submit(path: copy, at: t(30)) }
        #expect(try PosixFile.read(copy) == before)
        _ = try WalkSubmission.submit(path: own, at: t(30))
        #expect(throws: expected, "a submitted walk stays read-only through its copy") { try WalkSubmission.openForWriting(path: copy) }
        #expect(expected.description == "\(copy): another copy of walk \(id), left out by compare and reports (kept: \(own)); nothing is written to it. "
            + "Keep one: compare them with `journeywalk diff \(own) \(copy)`, then `journeywalk delete \(copy)` (or delete the other file to keep this one)")
    }

    @Test func theRefusalNamesCommandsThatWorkAsPrinted() {
        let locations = DataLocations.resolve(dataDir: "/data/jw", environment: ["HOME": "/home/sam"])
        let copy = WalkCopy(path: "/data/jw/walks/\(conflict)", walkID: id, kept: "/data/jw/walks/\(id).jsonl")
        let stem = String(conflict.dropLast(6))
        #expect(CommandHint.refusal(copy, locations: locations, environment: ["HOME": "/home/sam"]).hasSuffix(
            "Keep one: compare them with `journeywalk diff \(id) \(stem) --data-dir /data/jw`, then `journeywalk delete \(stem) --data-dir /data/jw` (or delete the other file to keep this one)"))
        let elsewhere = WalkCopy(path: "/tmp/x y/\(conflict)", walkID: id, kept: "/tmp/x y/\(id).jsonl")
        #expect(CommandHint.refusal(elsewhere, locations: locations, environment: ["HOME": "/home/sam"]).hasSuffix(
            "`journeywalk diff '/tmp/x y/\(id).jsonl' '/tmp/x y/\(conflict)' --data-dir /data/jw`, then `journeywalk delete '/tmp/x y/\(conflict)' --data-dir /data/jw` (or delete the other file to keep this one)"))
    }

    @Test func aStartOfTheIdNamesTheWalkNotItsCopies() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let own = try writeWalk(id, in: folder)
        try writeWalk(id, named: conflict, in: folder)
        let library = WalkFileCatalog(folder: folder)
        #expect(try library.path(of: "20261122") == own)
        #expect(try library.path(of: String(conflict.dropLast(6))) == folder + "/" + conflict)
        try writeWalk("20261122-111111-shop", in: folder)
        #expect(throws: WalkLoadError.self, "two walks start with it") { try library.path(of: "20261122") }
    }

    @Test func aNewWalkNeverTakesTheIdOfACopy() {
        let names = [conflict, "20261122-101504-shop.jsonl", "notes.txt"]
        #expect(WalkFileCatalog.isTaken(id, among: names), "the copy's walk file is gone, the copy is not")
        #expect(WalkFileCatalog.isTaken("20261122-101504-shop", among: names))
        #expect(!WalkFileCatalog.isTaken("20261122-101503-sho", among: names))
        #expect(!WalkFileCatalog.isTaken("notes", among: names))
        #expect(WalkFileWriter.makeWalkID(journeyID: "shop", started: t(0)) { WalkFileCatalog.isTaken($0, among: names) } == id + "-2")
    }

    @Test func actionsCountEachWalkOnceAndCloseInTheKeptFile() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let own = try writeWalk(id, in: folder, [action("e9b92d")])
        let copy = try writeWalk(id, named: conflict, in: folder, [action("e9b92d"), action("c0ffee")])
        let ledger = ActionLedger(folder: folder)
        let (listings, errors, copies) = ledger.load()
        #expect(errors.isEmpty)
        #expect(listings.map(\.action.id) == ["e9b92d"] && listings.first?.walkPath == own)
        #expect(copies == [WalkCopy(path: copy, walkID: id, kept: own)])
        #expect(ledger.ids() == ["e9b92d", "c0ffee"], "a new id is never one a copy holds")
        let before = try PosixFile.read(copy)
        let closed = try ledger.close("e9b9", as: .done, at: t(40))
        #expect(closed.changed && closed.listing.walkPath == own)
        #expect(ledger.load().actions.map(\.action.status) == [.done])
        #expect(throws: ActionLedgerError.copy(WalkCopy(path: copy, walkID: id, kept: own))) { try ledger.close("c0f", as: .done, at: t(41)) }
        #expect(throws: ActionLedgerError.reference(.unknown("zz"))) { try ledger.close("zz", as: .done, at: t(41)) }
        #expect(try PosixFile.read(copy) == before)
    }

    @Test func aCopyWithoutActionsBesideAWalkWithThemChangesNothing() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        try writeWalk(id, in: folder)
        let copy = try writeWalk(id, named: conflict, in: folder, [action("e9b92d")])
        let (listings, _, copies) = ActionLedger(folder: folder).load()
        #expect(listings.isEmpty, "the kept file has no action: the copy's is left out")
        #expect(copies.map(\.path) == [copy])
    }
}
