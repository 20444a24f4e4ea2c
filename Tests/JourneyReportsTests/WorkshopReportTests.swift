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
        let file = try LoadedWalk.load(path: url.path + "/JourneyStoreTests/Fixtures/walks/v2-workshop.jsonl")
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

    /// A room's workshop of a journey with checklists and a moment of truth: votes, verdicts and a note only.
    func roomWithChecklists(
        details: WalkDetails = WalkDetails(operator: "Ana", role: .trainer, location: "Room 4", channel: Walk.workshopChannel), votes: Bool = true
    ) -> Walk {
        let journey = Journey(id: "gym", title: "Gym", stages: [Stage(name: "Joining", touchpoints: [
            Touchpoint(id: "reply", title: "Reply on social media", lookFor: ["Reply within an hour", "Prices stated"]),
            Touchpoint(id: "tour", title: "Tour of the gym", lookFor: ["Asked about goals first"], momentOfTruth: true),
        ])])
        var walk = Walk(header: WalkHeader(
            walkID: "20261122-101503-gym", journey: journey, journeyPath: nil, journeyFingerprint: "f",
            details: details, started: at(0)))
        if votes { walk.apply(.voted(VoteChange(touchpoint: "reply", votes: Votes(magic: 1, misery: 3), at: at(10)))) }
        walk.apply(.rated(RatingChange(touchpoint: "reply", rating: Rating(.misery), at: at(10))))
        walk.apply(.noted(NoteChange(touchpoint: "reply", text: "Nobody answers at weekends", at: at(20))))
        if votes { walk.apply(.voted(VoteChange(touchpoint: "tour", votes: Votes(magic: 4), at: at(30)))) }
        walk.apply(.rated(RatingChange(touchpoint: "tour", rating: Rating(.magic), at: at(30))))
        walk.apply(.finished(at: at(40)))
        return walk
    }

    @Test func theHandoutLeavesOutWhatOnlyAWalkRecordsWhenNothingWasRecorded() {
        let input = ReportInput(walk: roomWithChecklists(), file: nil)
        let walkOnly = ["Top tags", "Recoveries", "Recovery", "Praise to pass on", "Actions (", "Score", "not scored", "no score", "Checklist", "Unanswered"]
        let markdown = Report.render([input], as: .md)
        let html = Report.render([input], as: .html)
        let text = Report.render([input], as: .text)
        for word in walkOnly {
            #expect(!markdown.contains(word), "Markdown handout has \(word):\n\(markdown)")
            #expect(!html.contains(word), "HTML handout has \(word)")
            #expect(!text.contains(word), "text handout has \(word):\n\(text)")
        }
        // What the room did is all there.
        for part in ["## Debrief", "**Worst:** ✖ misery — Reply on social media (Joining)", "**Moments of truth:** ★ magic — Tour of the gym (Joining)",
                     "**Votes:** ★ 1 magic · ● 0 neutral · ✖ 3 misery", "## Most divided touchpoints", "## Misery moments",
                     "- ✖ misery — Reply on social media (Joining): Nobody answers at weekends", "**Reply on social media**: Nobody answers at weekends"] {
            #expect(markdown.contains(part), "Markdown handout lacks \(part):\n\(markdown)")
        }
        #expect(html.contains("<h2>Misery moments</h2>") && html.contains("<dt>Worst</dt>") && html.contains("<dt>Votes</dt>"))
        #expect(unbalancedTags(in: html) == [])
    }

    @Test func theHandoutKeepsASectionWithSomethingInIt() {
        var walk = roomWithChecklists()
        walk.apply(.tagged(TagChange(touchpoint: "reply", tags: ["kept-waiting"], at: at(50))))
        walk.apply(.answered(AnswerChange(touchpoint: "tour", item: 0, answer: .yes, at: at(51))))
        let markdown = Report.render([ReportInput(walk: walk, file: nil)], as: .md)
        #expect(markdown.contains("**Top tags:** Kept waiting\n"), "\(markdown)")
        #expect(markdown.contains("## Score"))
        #expect(markdown.contains("- **Checklist (1 yes · 0 no · 0 n/a · 0 unanswered):**"))
        #expect(!markdown.contains("Recover") && !markdown.contains("Praise") && !markdown.contains("Actions ("), "still nothing of these")
    }

    @Test func aWalksReportKeepsEverySectionSayingNone() {
        // The same records walked by a leader, not a room: every section is there, `none` where empty.
        let walk = roomWithChecklists(details: WalkDetails(operator: "Lee", role: .leader, channel: "store"), votes: false)
        let markdown = Report.render([ReportInput(walk: walk, file: nil)], as: .md)
        for part in ["**Top tags:** no tags", "**Recoveries missing:**", "**Praise to pass on:** none", "**Actions (0 open):** none", "## Score",
                     "  - Recovery: apology ? · reassurance ? · restitution ?", "Unanswered — Prices stated"] {
            #expect(markdown.contains(part), "\(part):\n\(markdown)")
        }
    }

    @Test func aWalkWithoutASplitKeepsItsSummaryKeys() {
        let json = Report.render([trickyInput], as: .json)
        #expect(!json.contains("\"split\""))
    }
}
