import Testing
@testable import JourneyKit

@Suite struct WalkCopiesTests {
    /// A review list of this machine's walks and the team's copies (identities `AUTHOR/ID`) takes the
    /// quick path: no two can clash. A second folder of plain walks, or a copy not named after its
    /// walk, does not.
    @Test func walksAndTeamCopiesCannotClashSoNothingIsHashed() {
        typealias Entry = (id: String, path: String)
        let walks: [Entry] = [
            ("20261122-101503-shop", "/h/walks/20261122-101503-shop.jsonl"),
            ("ann/20261122-101503-shop", "/h/team/walks/ann/20261122-101503-shop.jsonl"),
            ("ben/20261122-101503-shop", "/h/team/walks/ben/20261122-101503-shop.jsonl"),
            ("20261123-090000-shop", "/h/walks/20261123-090000-shop.jsonl"),
        ]
        #expect(WalkCopies<Entry>.noneCanClash(walks, walkID: \.id, path: \.path))
        let chosen = WalkCopies.choose(walks, walkID: \.id, path: \.path)
        #expect(chosen.counted.map(\.path) == walks.map(\.path))
        #expect(chosen.copies.isEmpty)
        let elsewhere = walks + [("20261122-101503-shop", "/h/trash/20261122-101503-shop.jsonl")]
        #expect(!WalkCopies<Entry>.noneCanClash(elsewhere, walkID: \.id, path: \.path))
        #expect(WalkCopies.choose(elsewhere, walkID: \.id, path: \.path).copies.map(\.path) == ["/h/trash/20261122-101503-shop.jsonl"])
        let conflict = walks + [("ann/20261122-101503-shop", "/h/team/walks/ann/20261122-101503-shop.sync-conflict-1.jsonl")]
        #expect(!WalkCopies<Entry>.noneCanClash(conflict, walkID: \.id, path: \.path))
    }

    @Test func aFileIsNamedAfterItsWalkOnlyWhenItsWholeNameIsTheIdAndJsonl() {
        let id = "20261125-224536-retail-store-visit"
        #expect(WalkCopies<Int>.isNamedAfter(id, path: "/data/walks/\(id).jsonl"))
        #expect(WalkCopies<Int>.isNamedAfter(id, path: "\(id).jsonl"))
        #expect(!WalkCopies<Int>.isNamedAfter(id, path: "/data/walks/\(id).sync-conflict-20261126-101010-ABCDEF.jsonl"))
        #expect(!WalkCopies<Int>.isNamedAfter(id, path: "/data/walks/x\(id).jsonl"), "a longer name that ends with the id")
        #expect(!WalkCopies<Int>.isNamedAfter(id, path: "/data/walks/\(id).json"))
        #expect(!WalkCopies<Int>.isNamedAfter(id, path: ".jsonl"))
        #expect(WalkCopies<Int>.fileName("/a/b/c.jsonl") == "c.jsonl")
        #expect(WalkCopies<Int>.fileName("c.jsonl") == "c.jsonl")
    }

    @Test func theFileNamedAfterTheWalkIsKeptElseTheFirstByName() {
        let walks = [
            (id: "w1", path: "/f/w1.sync-conflict-B.jsonl"),
            (id: "w1", path: "/f/w1.jsonl"),
            (id: "w2", path: "/f/w2.copy-b.jsonl"),
            (id: "w2", path: "/f/w2.copy-a.jsonl"),
            (id: "w3", path: "/f/w3.jsonl"),
        ]
        let (counted, copies) = WalkCopies.choose(walks, walkID: \.id, path: \.path)
        #expect(counted.map(\.path) == ["/f/w1.jsonl", "/f/w2.copy-a.jsonl", "/f/w3.jsonl"])
        #expect(Set(copies.map(\.path)) == ["/f/w1.sync-conflict-B.jsonl", "/f/w2.copy-b.jsonl"])
        #expect(copies.first { $0.walkID == "w2" }?.kept == "/f/w2.copy-a.jsonl")
    }

    @Test func filesNamedAfterTheirWalksInTwoFoldersCanStillBeCopies() {
        let walks = [(id: "w1", path: "/a/w1.jsonl"), (id: "w1", path: "/b/w1.jsonl"), (id: "w2", path: "/a/w2.jsonl")]
        let (counted, copies) = WalkCopies.choose(walks, walkID: \.id, path: \.path)
        #expect(counted.map(\.path) == ["/a/w1.jsonl", "/a/w2.jsonl"])
        #expect(copies.map(\.path) == ["/b/w1.jsonl"])
        let oneFolder = [(id: "w1", path: "/a/w1.jsonl"), (id: "w2", path: "/a/w2.jsonl")]
        #expect(WalkCopies.choose(oneFolder, walkID: \.id, path: \.path).counted.count == 2)
    }
}
