import Foundation
import JourneyKit
@testable import JourneyStore
import Testing

/// What a journey may expand to: aliases counted before the tree is built, and the limits on
/// touchpoints, look_for items and the length of texts (docs/journey-format.md, "Limits").
@Suite struct JourneyLimitsTests {
    /// A stage of `n` aliases of a touchpoint of `n` items, repeated as `n` stages: n³ items from a few KB.
    static func aliasBomb(_ n: Int) -> String {
        let items = (["&i x"] + Array(repeating: "*i", count: n - 1)).joined(separator: ", ")
        let touchpoints = (["&t {title: T, look_for: [\(items)]}"] + Array(repeating: "*t", count: n - 1)).joined(separator: ", ")
        let stages = Array(repeating: "  - *s", count: n - 1).joined(separator: "\n")
        return "title: Bomb\nid: bomb\nstages:\n  - &s\n    name: S\n    touchpoints: [\(touchpoints)]\n\(stages)\n"
    }

    func problems(_ yaml: String, file: String = "j.yaml") -> [String] {
        do {
            _ = try JourneyLoader.parse(Array(yaml.utf8), file: file)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func anAliasBombIsRefusedWhereItPassesTheLimitAndQuickly() throws {
        let started = Date()
        let found = problems(Self.aliasBomb(400), file: "bomb.yaml")
        // Before the limit this took over 100 s and 2 GB (a debug build); now it stops at the count.
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(found.count == 1)
        let problem = try #require(found.first)
        #expect(problem.hasPrefix("bomb.yaml:7:5: "), "the first use of the stage alias after one stage of 162,000 values")
        #expect(problem.hasSuffix("the journey expands to more than 200,000 YAML values here (each use of an alias counts the whole value it names); a journey may have at most 200,000"))
    }

    @Test func aliasesOfLongTextCountTheirBytes() {
        let long = String(repeating: "a", count: 1_000_000)
        let uses = Array(repeating: "*d", count: 10).joined(separator: ", ")
        let yaml = "title: T\nx: &d \(long)\ny: [\(uses)]\nstages: []\n"
        #expect(problems(yaml) == ["j.yaml:3:37: the journey's text expands to more than 10 MB here (each use of an alias counts the whole value it names); a journey may have at most 10 MB of text"])
    }

    @Test func aliasesWithinTheLimitsStillLoad() throws {
        let yaml = """
            title: Shared checks
            stages:
              - name: One
                touchpoints:
                  - {title: Door, look_for: &checks [Clean, Open]}
                  - {title: Desk, look_for: *checks}
            """
        let journey = try JourneyLoader.parse(Array(yaml.utf8), file: "j.yaml")
        #expect(journey.stages[0].touchpoints.map { $0.checklist.map(\.item) } == [["Clean", "Open"], ["Clean", "Open"]])
    }

    @Test func theExpansionCountsWhatTheTreeHas() {
        // 1 mapping + 2 keys + 1 list + 3 scalars, then the alias: the list (4) and a key and a mapping.
        #expect(YAMLExpansion.excess(in: "a: &l [x, y, z]\nb: *l\n", maximumNodes: 11) == nil)
        #expect(YAMLExpansion.excess(in: "a: &l [x, y, z]\nb: *l\n", maximumNodes: 10)?.line == 2)
    }

    @Test func aJourneyMayHaveAtMost10000Touchpoints() {
        var yaml = "title: Big\nstages:\n  - name: All\n    touchpoints:\n"
        for n in 1...10_001 { yaml += "      - {title: T\(n)}\n" }
        #expect(problems(yaml) == ["j.yaml:10005:9: a journey may have at most 10,000 touchpoints; this is one more"])
    }

    @Test func aTouchpointMayHaveAtMost100Items() {
        let items = (1...101).map { "I\($0)" }.joined(separator: ", ")
        let yaml = "title: T\nstages:\n  - name: S\n    touchpoints:\n      - title: Door\n        look_for: [\(items)]\n"
        let column = 19 + (1...100).map { "I\($0), ".count }.reduce(0, +) + 1
        #expect(problems(yaml) == ["j.yaml:6:\(column): look_for has 101 items; a touchpoint may have at most 100"])
    }

    @Test func titlesAndProseHaveMaximumLengths() {
        let title = String(repeating: "é", count: 501)
        let prompt = String(repeating: "p", count: 10_001)
        let yaml = "title: T\nstages:\n  - name: S\n    touchpoints:\n      - title: \(title)\n        prompt: \(prompt)\n      - title: Fine\n        prompt: \(prompt.dropLast())\n"
        #expect(problems(yaml) == [
            "j.yaml:5:16: title is 501 characters long; it may have at most 500",
            "j.yaml:6:17: prompt is 10,001 characters long; it may have at most 10,000",
        ])
    }

    @Test func findingAJourneyByIdParsesOnlyTheFilesThatCouldHaveIt() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        // Slow files, each just under the limits (about 192,000 values from a few KB).
        let slow = Self.aliasBomb(56)
        for n in 1...20 { try slow.write(toFile: folder + "/slow-\(n).yaml", atomically: true, encoding: .utf8) }
        try writeJourney(folder + "/renamed.yaml", id: "wanted", title: "Wanted")
        let catalog = JourneyCatalog(folders: [folder])
        let started = Date()
        let found = try catalog.locate("wanted")
        #expect(found.loaded.journey.title == "Wanted")
        #expect(Date().timeIntervalSince(started) < 3)
    }

    @Test func aFileCouldHaveAnIdByItsNameItsTextOrAnEscape() {
        #expect(JourneyCatalog.couldHaveID("my-trip", bytes: Array("title: x".utf8), path: "/j/My Trip.yaml"))
        #expect(JourneyCatalog.couldHaveID("wanted", bytes: Array("id: wanted".utf8), path: "/j/other.yaml"))
        #expect(JourneyCatalog.couldHaveID("wanted", bytes: Array("id: \"w\\x61nted\"".utf8), path: "/j/other.yaml"))
        #expect(!JourneyCatalog.couldHaveID("wanted", bytes: Array("id: other".utf8), path: "/j/other.yaml"))
    }
}
