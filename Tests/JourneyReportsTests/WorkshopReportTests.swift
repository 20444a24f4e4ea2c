import Foundation
import JourneyKit
@testable import JourneyReports
import JourneyStore
import Testing

/// A workshop's walk file reads in every report: the split verdict has its word and glyph.
@Suite struct WorkshopReportTests {
    func workshop() throws -> ReportInput {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        let file = try WalkFile.load(path: url.path + "/JourneyStoreTests/Fixtures/walks/v2-workshop.jsonl")
        return ReportInput(walk: file.walk, file: nil)
    }

    @Test func aSplitRoomIsNamedInEveryFormat() throws {
        let input = try workshop()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Report.render([input], as: .json).utf8)) as? [String: Any])
        let moments = try #require(json["moments"] as? [[String: Any]])
        #expect(moments.map { $0["verdict"] as? String } == ["split", "unrecorded", "unrecorded"])
        #expect(moments.first?["score"] as? Int == 0)
        let summary = try #require(json["summary"] as? [String: Any])
        let counts = ["magic", "neutral", "misery", "skipped", "unrecorded", "split"].map { summary[$0] as? Int }
        #expect(counts == [0, 0, 0, 0, 2, 1])
        let text = Report.render([input], as: .text)
        #expect(text.contains("Verdicts: 0 magic · 0 neutral · 0 misery · 1 split · 0 skipped · 2 unrecorded"))
        #expect(text.contains("◐  1. Door  [split"))
        #expect(text.contains("Emotion curve (★ magic, ● neutral, ✖ misery, ◐ split, ○ skipped, · not recorded)"))
        let markdown = Report.render([input], as: .md)
        #expect(markdown.contains("| ◐ split |"))
        #expect(markdown.contains("◐ split (the room tied)"))
        #expect(Report.render([input], as: .csv).contains(",split,0,"))
        let html = Report.render([input], as: .html)
        #expect(html.contains("<li class=\"split\">◐ 1 split</li>"))
        #expect(html.contains("<tr class=\"split\">"))
        #expect(html.contains("class=\"glyph\">◐</text>"))
    }

    @Test func theHandoutListsTheMostDividedTouchpointsAsTheSlideDoes() throws {
        var walk = try workshop().walk
        // Door: 2–2 (a dead heat); Greeting: 3–2; Till: unanimous, left out.
        walk.apply(.voted(VoteChange(touchpoint: "greet", votes: Votes(magic: 3, misery: 2), at: walk.lastChange)))
        walk.apply(.rated(RatingChange(touchpoint: "greet", rating: Rating(.magic), at: walk.lastChange)))
        walk.apply(.voted(VoteChange(touchpoint: "till", votes: Votes(misery: 4), at: walk.lastChange)))
        walk.apply(.rated(RatingChange(touchpoint: "till", rating: Rating(.misery), at: walk.lastChange)))
        #expect(WorkshopSummary(walk).mostDivided.map(\.index) == [0, 1], "the slide's order")
        let input = ReportInput(walk: walk, file: nil)
        let markdown = Report.render([input], as: .md)
        #expect(markdown.contains("""
            ## Most divided touchpoints

            - ◐ 1. Door: ★2 ●0 ✖2, a dead heat
            - ★ 2. Greeting: ★3 ●0 ✖2, ahead by 1 of 5 votes

            """), "\(markdown)")
        let html = Report.render([input], as: .html)
        #expect(html.contains("<h2>Most divided touchpoints</h2>\n<ul class=\"divided\"><li>◐ 1. Door: ★2 ●0 ✖2, a dead heat</li><li>★ 2. Greeting: ★3 ●0 ✖2, ahead by 1 of 5 votes</li></ul>"))
        // A room that agreed everywhere says so; a walk without votes has no such section.
        var agreed = try workshop().walk
        agreed.apply(.voted(VoteChange(touchpoint: "door", votes: Votes(magic: 3), at: agreed.lastChange)))
        #expect(Report.render([ReportInput(walk: agreed, file: nil)], as: .md).contains("## Most divided touchpoints\n\nNone: the room agreed on every touchpoint it voted on.\n"))
        #expect(!Report.render([trickyInput], as: .md).contains("Most divided"))
        #expect(!Report.render([trickyInput], as: .html).contains("Most divided"))
    }

    @Test func aWalkWithoutASplitKeepsItsSummaryKeys() {
        let json = Report.render([trickyInput], as: .json)
        #expect(!json.contains("\"split\""))
    }
}
