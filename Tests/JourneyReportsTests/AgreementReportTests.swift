import Foundation
import JourneyKit
import Testing
@testable import JourneyReports

/// The agreement the report tests print: the hand-worked three walkers of `AgreementTests`, with
/// texts that a terminal, Markdown or a spreadsheet would take as commands.
func reportAgreement() -> Agreement {
    Agreement(
        journeyID: "shop", journeyTitle: "Shop \u{1B}[31mvisit", walks: 4,
        touchpoints: [
            Agreement.Touchpoint(touchpoint: "door", title: "Door | front", stage: "Arrive", magic: 2, misery: 1, items: [
                Agreement.Item(touchpoint: "door", item: "Greeted <b>warmly</b>", yes: 2, no: 1),
                Agreement.Item(touchpoint: "door", item: "Smiled", yes: 2),
                Agreement.Item(touchpoint: "door", item: "=1+1 badge", yes: 1),
            ]),
            Agreement.Touchpoint(touchpoint: "park", title: "Parking", stage: "Arrive", misery: 1),
            Agreement.Touchpoint(touchpoint: "till", title: "Till", stage: "Buy", neutral: 2, items: [
                Agreement.Item(touchpoint: "till", item: "Receipt offered", no: 2),
            ]),
            Agreement.Touchpoint(touchpoint: "leave", title: "Leaving", stage: "Buy", magic: 3, items: [
                Agreement.Item(touchpoint: "leave", item: "Thanked", yes: 3),
            ]),
        ],
        walkers: [
            Agreement.Walker(operator: "Ann", differs: 0, of: 4, verdictDiffers: 0, verdictOf: 3),
            Agreement.Walker(operator: "Bea, \"B\"", walks: 2, differs: 0, of: 3, verdictDiffers: 0, verdictOf: 3),
            Agreement.Walker(operator: "", walkID: "20261103-100000-shop", differs: 1, of: 3, verdictDiffers: 1, verdictOf: 2),
        ])
}

@Suite struct AgreementReportTests {
    @Test func textMarkdownCSVAndJSONSnapshots() {
        let agreement = reportAgreement()
        assertReportSnapshot(AgreementReport.render(agreement, as: .text), named: "agreement.txt")
        assertReportSnapshot(AgreementReport.render(agreement, as: .md), named: "agreement.md")
        assertReportSnapshot(AgreementReport.render(agreement, as: .csv), named: "agreement.csv")
        assertReportSnapshot(AgreementReport.render(agreement, as: .json), named: "agreement.json")
    }

    @Test func theJSONHasTheShapeOfTheSpecWithFiguresToThreeDecimals() throws {
        let text = AgreementReport.render(reportAgreement(), as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["journey", "walks", "items", "touchpoints", "alpha", "walkers"])
        #expect(object["journey"] as? String == "shop" && object["walks"] as? Int == 4)
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == 5)
        for item in items {
            for key in ["touchpoint", "item", "yes", "no", "agreement"] { #expect(item[key] != nil, "\(key)") }
        }
        #expect(items[0]["agreement"] as? Double == 0.333)
        #expect(items[2]["agreement"] is NSNull, "one value: null")
        let touchpoints = try #require(object["touchpoints"] as? [[String: Any]])
        #expect(touchpoints.map { $0["touchpoint"] as? String } == ["door", "park", "till", "leave"])
        for touchpoint in touchpoints {
            for key in ["touchpoint", "magic", "neutral", "misery", "agreement"] { #expect(touchpoint[key] != nil, "\(key)") }
        }
        let alpha = try #require(object["alpha"] as? [String: Any])
        #expect(alpha["items"] as? Double == 0.571)
        #expect(alpha["verdicts"] as? Double == 0.588)
        let walkers = try #require(object["walkers"] as? [[String: Any]])
        #expect(walkers.map { $0["operator"] as? String } == ["Ann", "Bea, \"B\"", ""])
        #expect(walkers.map { $0["differs"] as? Int } == [0, 0, 1])
        #expect(walkers.map { $0["of"] as? Int } == [4, 3, 3])
        #expect(walkers[2]["walk"] as? String == "20261103-100000-shop")
    }

    @Test func noAlphaIsNullAndDashes() {
        let lonely = Agreement(journeyID: "shop", journeyTitle: "Shop", walks: 1, touchpoints: [
            Agreement.Touchpoint(touchpoint: "door", title: "Door", magic: 1, items: [Agreement.Item(touchpoint: "door", item: "Greeted", yes: 1)]),
        ], walkers: [Agreement.Walker(operator: "Ann")])
        #expect(AgreementReport.render(lonely, as: .json).contains(#""alpha":{"items":null,"verdicts":null}"#))
        #expect(AgreementReport.render(lonely, as: .text).contains("checklist items — (0 answers) · verdicts — (0 verdicts)"))
        #expect(AgreementReport.alphaText(-0.2) == "-0.200")
        #expect(AgreementReport.alphaText(1) == "1.000")
        #expect(AgreementReport.alphaText(0.5714) == "0.571")
    }
}
