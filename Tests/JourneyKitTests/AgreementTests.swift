import Foundation
import Testing
@testable import JourneyKit

/// The shop journey of the calibration tests: four touchpoints, three with checklists.
let calibrationShop = Journey(id: "shop", title: "Shop", version: 1, stages: [
    Stage(name: "Arrive", touchpoints: [
        Touchpoint(id: "door", title: "Door", lookFor: ["Greeted", "Smiled", "Name badge"]),
        Touchpoint(id: "park", title: "Parking"),
    ]),
    Stage(name: "Buy", touchpoints: [
        Touchpoint(id: "till", title: "Till", lookFor: ["Receipt offered"]),
        Touchpoint(id: "leave", title: "Leaving", lookFor: ["Thanked"]),
    ]),
])

/// A walk of `journey` by `name` with the given verdicts and answers (touchpoint → item → answer).
func calibrationWalk(
    _ id: String, by name: String, journey: Journey = calibrationShop, day: Int = 1,
    verdicts: [String: Rating], answers: [String: [Int: Answer]] = [:]
) -> Walk {
    let start = Date(timeIntervalSince1970: 1_790_000_000 + Double(day) * 86_400)
    let header = WalkHeader(walkID: id, journey: journey, journeyPath: nil, journeyFingerprint: "", details: WalkDetails(operator: name), started: start)
    var walk = Walk(header: header)
    for (touchpoint, rating) in verdicts.sorted(by: { $0.key < $1.key }) {
        walk.apply(.rated(RatingChange(touchpoint: touchpoint, rating: rating, at: start)))
    }
    for (touchpoint, items) in answers.sorted(by: { $0.key < $1.key }) {
        for (item, answer) in items.sorted(by: { $0.key < $1.key }) {
            walk.apply(.answered(AnswerChange(touchpoint: touchpoint, item: item, answer: answer, at: start)))
        }
    }
    return walk
}

@Suite struct AgreementTests {
    /// Three walkers, worked out by hand.
    ///
    /// Checklist items (Yes / No; N/A and unanswered left out):
    ///   door · Greeted     Ann Yes, Bea Yes, Cy No   → yes 2 no 1: pairs 3, agreeing 1 → 1/3
    ///   door · Smiled      Ann Yes, Bea N/A, Cy Yes  → yes 2 (N/A left out): 1 pair, agrees → 1.0
    ///   door · Name badge  Cy Yes only               → one value → null, left out of alpha
    ///   till · Receipt     Ann No, Bea No            → no 2 → 1.0
    ///   leave · Thanked    Yes ×3                    → 1.0
    /// Coincidences (units with two values or more; o_ck = Σ_u n_uc·n_uk / (m_u − 1)):
    ///   Greeted (m 3): o_yy += 2·1/2 = 1, o_yn += 2·1/2 = 1, o_ny += 1
    ///   Smiled (m 2):  o_yy += 2·1/1 = 2;  Receipt (m 2): o_nn += 2;  Thanked (m 3): o_yy += 3·2/2 = 3
    ///   o_yy 6, o_yn 1, o_ny 1, o_nn 2 → n_yes 7, n_no 3, n 10
    ///   alpha = 1 − (n − 1)·(o_yn + o_ny) / (n_yes·n_no + n_no·n_yes) = 1 − 9·2/42 = 1 − 3/7 = 4/7 ≈ 0.571
    ///
    /// Verdicts (strong counts as its kind; skipped and unrecorded left out):
    ///   door   Ann magic, Bea strong magic, Cy misery → magic 2 misery 1 → 1/3
    ///   park   Ann skipped, Bea none, Cy misery       → one value → null
    ///   till   Ann neutral, Bea neutral, Cy skipped   → neutral 2 → 1.0
    ///   leave  magic ×3                                → 1.0
    /// Coincidences: door o_mm 1, o_m✖ 1, o_✖m 1; till o_nn 2; leave o_mm 3
    ///   n_magic 5, n_neutral 2, n_misery 1, n 8; Σ n_c·n_k over c ≠ k = 2·(5·2 + 5·1 + 2·1) = 34
    ///   alpha = 1 − 7·2/34 = 1 − 7/17 = 10/17 ≈ 0.588
    ///
    /// Differs (against a strict majority of a unit with two values or more):
    ///   items:    Greeted majority Yes (Cy differs), Smiled Yes, Receipt No, Thanked Yes; Name badge has none
    ///             Ann 0 of 4 · Bea 0 of 3 (Smiled was N/A) · Cy 1 of 3 (Name badge alone, Receipt unanswered)
    ///   verdicts: door majority magic (Cy differs), till neutral, leave magic; park has none
    ///             Ann 0 of 3 · Bea 0 of 3 · Cy 1 of 2
    func threeWalkers() -> [Walk] {
        [
            calibrationWalk("a", by: "Ann", day: 1,
                verdicts: ["door": Rating(.magic), "park": Rating(.skipped), "till": Rating(.neutral), "leave": Rating(.magic)],
                answers: ["door": [0: .yes, 1: .yes], "till": [0: .no], "leave": [0: .yes]]),
            calibrationWalk("b", by: "Bea", day: 2,
                verdicts: ["door": Rating(.magic, intensity: 2), "till": Rating(.neutral), "leave": Rating(.magic)],
                answers: ["door": [0: .yes, 1: .na], "till": [0: .no], "leave": [0: .yes]]),
            calibrationWalk("c", by: "Cy", day: 3,
                verdicts: ["door": Rating(.misery), "park": Rating(.misery), "till": Rating(.skipped), "leave": Rating(.magic)],
                answers: ["door": [0: .no, 1: .yes, 2: .yes], "leave": [0: .yes]]),
        ]
    }

    @Test func unitsAlphasAndWalkersAsWorkedOutByHand() throws {
        let agreement = Agreement(walks: threeWalkers().reversed())
        #expect(agreement.journeyID == "shop" && agreement.walks == 3)
        #expect(agreement.touchpoints.map(\.touchpoint) == ["door", "park", "till", "leave"])
        let items = agreement.items
        #expect(items.map(\.item) == ["Greeted", "Smiled", "Name badge", "Receipt offered", "Thanked"])
        #expect(items.map(\.yes) == [2, 2, 1, 0, 3])
        #expect(items.map(\.no) == [1, 0, 0, 2, 0])
        #expect(items[0].agreement.map { ($0 * 1000).rounded() } == 333)
        #expect(items[1].agreement == 1.0, "the N/A is left out")
        #expect(items[2].agreement == nil, "a single value: no pair")
        #expect(items[3].agreement == 1.0)
        #expect(items[4].agreement == 1.0)
        let door = agreement.touchpoints[0], park = agreement.touchpoints[1], till = agreement.touchpoints[2], leave = agreement.touchpoints[3]
        #expect(door.counts == [2, 0, 1], "strong magic counts as magic")
        #expect(door.agreement.map { ($0 * 1000).rounded() } == 333)
        #expect(park.counts == [0, 0, 1] && park.agreement == nil, "skipped and unrecorded are left out")
        #expect(till.counts == [0, 2, 0] && till.agreement == 1.0)
        #expect(leave.agreement == 1.0)
        let itemAlpha = try #require(agreement.itemAlpha)
        #expect(abs(itemAlpha - 4.0 / 7.0) < 1e-12)
        let verdictAlpha = try #require(agreement.verdictAlpha)
        #expect(abs(verdictAlpha - 10.0 / 17.0) < 1e-12)
        #expect(agreement.walkers == [
            Agreement.Walker(operator: "Ann", differs: 0, of: 4, verdictDiffers: 0, verdictOf: 3),
            Agreement.Walker(operator: "Bea", differs: 0, of: 3, verdictDiffers: 0, verdictOf: 3),
            Agreement.Walker(operator: "Cy", differs: 1, of: 3, verdictDiffers: 1, verdictOf: 2),
        ])
    }

    @Test func perfectAgreementIsOneAndUnitsWithOneValueEachHaveNoAlpha() throws {
        // Everyone answers alike: every unit and both alphas are 1.0 (no pair disagrees; with one
        // category in all, the expected disagreement is 0 too and alpha is still 1.0).
        let alike = (1...3).map { number in
            calibrationWalk("w\(number)", by: "P\(number)", day: number,
                verdicts: ["door": Rating(.magic), "till": Rating(.neutral)],
                answers: ["door": [0: .yes, 1: .no], "till": [0: .yes]])
        }
        let perfect = Agreement(walks: alike)
        #expect(perfect.itemAlpha == 1.0)
        #expect(perfect.verdictAlpha == 1.0)
        #expect(perfect.items.compactMap(\.agreement) == [1.0, 1.0, 1.0])
        #expect(perfect.walkers.map(\.differs) == [0, 0, 0] && perfect.walkers.map(\.of) == [3, 3, 3])

        // One walk: every unit has one value at most → every agreement and both alphas null.
        let single = Agreement(walks: [alike[0]])
        #expect(single.itemAlpha == nil && single.verdictAlpha == nil)
        #expect(single.items.allSatisfy { $0.agreement == nil })
        #expect(single.walkers == [Agreement.Walker(operator: "P1")], "nothing to differ from: 0 of 0")

        // Two walks whose answers are all N/A, skipped or unrecorded: no values at all.
        let empty = Agreement(walks: [
            calibrationWalk("x", by: "X", verdicts: ["door": Rating(.skipped)], answers: ["door": [0: .na]]),
            calibrationWalk("y", by: "Y", verdicts: [:], answers: ["door": [0: .na, 1: .na]]),
        ])
        #expect(empty.itemAlpha == nil && empty.verdictAlpha == nil)
        #expect(empty.items.map(\.values) == [0, 0, 0, 0, 0])
    }

    @Test func aTieHasNoMajorityAndTwoWalkersWhoDisagreeAreAtZero() {
        // Greeted: Yes, No → agreement 0/1 = 0; o_yn = o_ny = 1, n 2: alpha = 1 − 1·2/(1·1 + 1·1) = 0.
        let agreement = Agreement(walks: [
            calibrationWalk("a", by: "Ann", verdicts: ["door": Rating(.magic)], answers: ["door": [0: .yes]]),
            calibrationWalk("b", by: "Bea", day: 2, verdicts: ["door": Rating(.misery, intensity: 2)], answers: ["door": [0: .no]]),
        ])
        #expect(agreement.items[0].agreement == 0)
        #expect(agreement.itemAlpha == 0)
        #expect(agreement.verdictAlpha == 0)
        #expect(agreement.walkers.map(\.of) == [0, 0], "one each way: no strict majority")
        #expect(agreement.walkers.map(\.verdictOf) == [0, 0])
    }

    @Test func alphaMatchesKrippendorffsOwnExample() throws {
        // Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the nominal example:
        // 12 units, 4 coders, values 1–5 with gaps; alpha = 0.743.
        let data: [[Int?]] = [
            [1, 1, nil, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
            [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [nil, 5, 5, 5], [nil, nil, 1, 1], [nil, nil, 3, nil],
        ]
        let units = data.map { values in (1...5).map { category in values.filter { $0 == category }.count } }
        let alpha = try #require(Agreement.alpha(units))
        #expect((alpha * 1000).rounded() == 743)
    }

    @Test func walkersWithoutAnOperatorAreTheirWalksAndSeveralWalksOfOneOperatorAreOneWalker() {
        let walks = [
            calibrationWalk("w1", by: "ann", verdicts: ["door": Rating(.magic)], answers: ["door": [0: .yes]]),
            calibrationWalk("w2", by: "", day: 2, verdicts: ["door": Rating(.magic)], answers: ["door": [0: .no]]),
            calibrationWalk("w3", by: "Ann", day: 3, verdicts: ["door": Rating(.magic)], answers: ["door": [0: .yes]]),
            calibrationWalk("w4", by: "ann", day: 4, verdicts: ["door": Rating(.neutral)], answers: ["door": [0: .yes]]),
        ]
        let agreement = Agreement(walks: walks)
        // The exact name is the walker: "Ann" and "ann" are two, as compare's --by operator has them.
        // By name in any case, then the exact name; walks without an operator last.
        #expect(agreement.walkers.map(\.name) == ["Ann", "ann", "(no operator) w2"])
        #expect(agreement.walkers.map(\.walks) == [1, 2, 1])
        // Greeted: Yes 3 No 1 → majority Yes; door verdicts magic 3 neutral 1 → majority magic.
        #expect(agreement.walkers.map(\.differs) == [0, 0, 1])
        #expect(agreement.walkers.map(\.of) == [1, 2, 1])
        #expect(agreement.walkers.map(\.verdictDiffers) == [0, 1, 0])
        #expect(agreement.walkers[2].walkID == "w2" && agreement.walkers[2].operator.isEmpty)
    }

    @Test func versionsAreMatchedByTouchpointIdAndItemsByTheirText() {
        // Version 2 renames the door, puts "Smiled" first, drops "Name badge" and adds "Eye contact".
        var v2 = calibrationShop
        v2.version = 2
        v2.stages[0].touchpoints[0] = Touchpoint(id: "door", title: "Welcome", lookFor: ["Smiled", "Greeted", "Eye contact"])
        let agreement = Agreement(walks: [
            calibrationWalk("a", by: "Ann", verdicts: [:], answers: ["door": [0: .yes, 1: .no, 2: .yes]]),
            calibrationWalk("b", by: "Bea", journey: v2, day: 2, verdicts: [:], answers: ["door": [0: .no, 1: .yes, 2: .yes]]),
        ])
        let door = agreement.touchpoints[0]
        #expect(door.title == "Welcome", "the newest version's title")
        #expect(door.items.map(\.item) == ["Smiled", "Greeted", "Eye contact", "Name badge"], "the newest version's order, then older items")
        // Greeted: Ann (item 0) Yes, Bea (item 1) Yes; Smiled: Ann No, Bea No.
        #expect(door.items.map(\.yes) == [0, 2, 1, 1])
        #expect(door.items.map(\.no) == [2, 0, 0, 0])
    }
}
