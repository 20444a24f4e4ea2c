import JourneyKit
import Testing

/// The team's figures (SPEC 8.4), from walks whose facts are known: computed by hand below.
@Suite struct TeamStatsTests {
    static let walks = [
        TeamStats.Walk(shopper: "ana", location: "High St", month: "2026-11", returned: true, onTime: true, grade: 8, score: 80),
        TeamStats.Walk(shopper: "ana", location: "Market", month: "2026-12", returned: false, onTime: false, grade: nil, score: nil),
        TeamStats.Walk(shopper: "ben", location: "High St", month: "2026-12", returned: false, onTime: nil, grade: 6, score: 50),
    ]

    @Test func sharesAndMeansPerGroup() {
        // ana: 2 walks, 1 returned (0.5), on time 1 of 2 (0.5), grades [8] (8.0), scores [80] (80.0).
        // ben: 1 walk, 0 returned, on time unknown (null), grade 6, score 50.
        let byShopper = TeamStats(Self.walks, by: .shopper)
        #expect(byShopper.groups.map(\.name) == ["ana", "ben"])
        #expect(byShopper.groups[0] == TeamStats.Group(name: "ana", walks: 2, returnedShare: 0.5, onTimeShare: 0.5, meanGrade: 8, meanScore: 80))
        #expect(byShopper.groups[1].onTimeShare == nil && byShopper.groups[1].meanGrade == 6)
        // The team: 3 walks, 1/3 returned, on time 1 of the 2 known, grades (8+6)/2 = 7, scores (80+50)/2 = 65.
        let team = TeamStats(Self.walks, by: .team)
        #expect(JSONWriter.encode(team.json) == #"{"by":"team","groups":[{"name":"team","walks":3,"returned_share":0.333,"on_time_share":0.5,"mean_grade":7.0,"mean_score":65.0}]}"#)
        #expect(TeamStats(Self.walks, by: .location).groups.map(\.name) == ["High St", "Market"])
        #expect(TeamStats(Self.walks, by: .month).text == """
            MONTH    WALKS  RETURNED  ON TIME  GRADE   SCORE
            2026-11      1     100 %    100 %    8.0  80.0 %
            2026-12      2       0 %      0 %    6.0  50.0 %
            """)
    }
}
