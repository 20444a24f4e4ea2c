import Foundation
import Glibc
import JourneyKit
@testable import JourneyStore
import Testing

private let journey = Journey(id: "shop", title: "Shop", stages: [
    Stage(name: "In", touchpoints: [Touchpoint(id: "door", title: "Door"), Touchpoint(id: "till", title: "Till")]),
])

private func t(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_795_342_503 + seconds) }

/// Writes a walk file with the given records after its header; returns its path.
@discardableResult
private func writeWalk(_ id: String, in folder: String, _ events: [WalkEvent]) throws -> String {
    let header = WalkHeader(walkID: id, journey: journey, journeyPath: nil, journeyFingerprint: "f", details: WalkDetails(operator: "Ann"), started: t(0))
    let journal = try WalkFileWriter.create(folder: folder, header: header)
    defer { journal.close() }
    for event in events { try journal.append(event) }
    return journal.path
}

private func action(_ id: String, _ text: String, owner: String = "Sam", due: String? = nil, status: ActionStatus = .open, on touchpoint: String = "door") -> WalkEvent {
    .actionChanged(ActionChange(touchpoint: touchpoint, action: Action(id: id, text: text, owner: owner, due: due, status: status), at: t(10)))
}

@Suite struct ActionLedgerTests {
    @Test func actionsOfEveryWalkAreListedWithWhereTheyCameFrom() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        try writeWalk("20261122-101503-shop", in: folder, [action("a7f3c2", "Fix the door"), action("b00001", "Open a till", on: "till")])
        try writeWalk("20261123-101503-shop", in: folder, [.rated(RatingChange(touchpoint: "door", rating: Rating(.magic), at: t(5)))])
        try writeWalk("20261124-101503-shop", in: folder, [action("c00002", "Train the team", status: .done)])
        let (listings, errors, _) = ActionLedger(folder: folder).load()
        #expect(errors.isEmpty)
        #expect(listings.map(\.action.id) == ["a7f3c2", "b00001", "c00002"])
        #expect(listings[1].touchpointTitle == "Till" && listings[1].walkID == "20261122-101503-shop" && listings[1].stage == "In")
        #expect(ActionLedger(folder: folder).ids() == ["a7f3c2", "b00001", "c00002"])
    }

    @Test func anOwnerIsOnePersonInAnyCaseAndSpacing() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        try writeWalk("20261122-101503-shop", in: folder, [
            action("a00001", "Fix the site", owner: "Web  team"), action("a00002", "Fix the app", owner: "\tweb Team "),
            action("a00003", "Fix the door", owner: "Webteam"), action("a00004", "Open a till", owner: "Web team lead"),
        ])
        let (listings, _, _) = ActionLedger(folder: folder).load()
        #expect(listings.filter { $0.isOwned(by: "web team") }.map(\.action.id) == ["a00001", "a00002"])
        #expect(listings.filter { $0.isOwned(by: " WEB\tTEAM ") }.map(\.action.id) == ["a00001", "a00002"])
        #expect(PersonName.key("  Web \t team ") == "web team")
    }

    @Test func anActionFromAnAdhocTouchpointIsListedWithItsTitle() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        try writeWalk("20261122-101503-shop", in: folder, [
            .insertedTouchpoint(AdhocTouchpoint(id: "adhoc-1", title: "Car park", after: "door", at: t(3))),
            .noted(NoteChange(touchpoint: "door", text: "an \"action\" in a note is not an action", at: t(4))),
            action("d00001", "Mark the bays", on: "adhoc-1"),
        ])
        let listings = ActionLedger(folder: folder).load().actions
        #expect(listings.map(\.touchpointTitle) == ["Car park"])
    }

    @Test func closingAppendsOneRecordUnderTheLockEvenToASubmittedWalk() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let path = try writeWalk("20261122-101503-shop", in: folder, [action("a7f3c2", "Fix the door"), .finished(at: t(20)), .submitted(at: t(30))])
        let (listing, changed) = try ActionLedger(folder: folder).close("a7f", as: .done, at: t(40))
        #expect(changed)
        #expect(listing.action.status == .done)
        let file = try LoadedWalk.load(path: path)
        #expect(file.walk.moment(for: "door").actions == [Action(id: "a7f3c2", text: "Fix the door", owner: "Sam", due: nil, status: .done)])
        #expect(file.walk.isSubmitted)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.last?.contains("\"type\":\"action\"") == true && lines.last?.contains("\"status\":\"done\"") == true)
        let again = try ActionLedger(folder: folder).close("a7f3c2", as: .done, at: t(50))
        #expect(!again.changed, "already done: nothing appended")
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == 5)
        _ = try ActionLedger(folder: folder).close("A7F3C2", as: .dropped, at: t(60))
        #expect(try LoadedWalk.load(path: path).walk.moment(for: "door").actions.first?.status == .dropped)
    }

    @Test func anUnknownOrAmbiguousIdChangesNothing() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let first = try writeWalk("20261122-101503-shop", in: folder, [action("a7f3c2", "Fix the door")])
        let second = try writeWalk("20261123-101503-shop", in: folder, [action("a7f911", "Paint the door")])
        let before = try [first, second].map { try String(contentsOfFile: $0, encoding: .utf8) }
        #expect(throws: ActionLedgerError.reference(.ambiguous("a7f", matches: ["a7f3c2", "a7f911"]))) {
            try ActionLedger(folder: folder).close("a7f", as: .done, at: t(40))
        }
        #expect(throws: ActionLedgerError.reference(.unknown("zz"))) {
            try ActionLedger(folder: folder).close("zz", as: .done, at: t(40))
        }
        #expect(try [first, second].map { try String(contentsOfFile: $0, encoding: .utf8) } == before)
    }

    @Test func aWalkOpenForWritingElsewhereIsRefused() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let path = try writeWalk("20261122-101503-shop", in: folder, [action("a7f3c2", "Fix the door")])
        let holder = try WalkFileWriter.reopen(path: path)
        defer { holder.close() }
        let before = try String(contentsOfFile: path, encoding: .utf8)
        let result = Result { () throws(ActionLedgerError) in try ActionLedger(folder: folder).close("a7f3c2", as: .done, at: t(40)) }
        guard case .failure(let error) = result, case .busy(let busy) = error else {
            Issue.record("closed an action in a walk open elsewhere: \(result)")
            return
        }
        #expect(busy.path == path)
        #expect(error.description.contains("this walk is open for writing in another journeywalk"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    }

    @Test func onlyFilesThatMentionAnActionAreReadInFull() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        try writeWalk("20261122-101503-shop", in: folder, [action("a7f3c2", "Fix the door")])
        // Not a walk file at all, but it never mentions an action: it costs a read and nothing else.
        try Data("not json\n".utf8).write(to: URL(fileURLWithPath: folder + "/20261123-000000-other.jsonl"))
        try Data("{\"type\":\"action\"}\n".utf8).write(to: URL(fileURLWithPath: folder + "/20261124-000000-broken.jsonl"))
        let (listings, errors, _) = ActionLedger(folder: folder).load()
        #expect(listings.map(\.action.id) == ["a7f3c2"])
        #expect(errors.count == 1, "the file that mentions an action and does not load is named")
        #expect(ByteSearch.contains(Array("ab\"action\"cd".utf8), Array("\"action\"".utf8)))
        #expect(!ByteSearch.contains(Array("\"actio".utf8), Array("\"action\"".utf8)))
    }
}
