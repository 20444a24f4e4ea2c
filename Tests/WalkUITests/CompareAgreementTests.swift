import Foundation
import JourneyKit
@testable import WalkUI
import Testing

/// The agreement of the store walks of `storeComparison`, made by hand (its figures are tested in
/// JourneyKit's `AgreementTests`; here only how the screen shows them).
func storeAgreement() -> Agreement {
    Agreement(
        journeyID: storeJourney.id, journeyTitle: storeJourney.title, walks: 6,
        touchpoints: [
            Agreement.Touchpoint(touchpoint: "find-opening-hours", title: "Find opening hours online", magic: 4, neutral: 1, items: [
                Agreement.Item(touchpoint: "find-opening-hours", item: "Hours are on the first results page", yes: 5, no: 1),
                Agreement.Item(touchpoint: "find-opening-hours", item: "Hours match the sign on the door", yes: 3, no: 3),
            ]),
            Agreement.Touchpoint(touchpoint: "greeting", title: "Greeting", magic: 1, neutral: 1, misery: 4, items: [
                Agreement.Item(touchpoint: "greeting", item: "Acknowledged within 30 seconds", yes: 1, no: 5),
                Agreement.Item(touchpoint: "greeting", item: "Eye contact and a smile", yes: 6),
                Agreement.Item(touchpoint: "greeting", item: "Name badge", yes: 1),
            ]),
            Agreement.Touchpoint(touchpoint: "needs", title: "Understanding what you need", magic: 3, neutral: 3),
            Agreement.Touchpoint(touchpoint: "payment", title: "Queue and payment", magic: 1, neutral: 2, misery: 1),
            Agreement.Touchpoint(touchpoint: "follow-up", title: "Follow-up email", neutral: 2),
        ],
        walkers: [
            Agreement.Walker(operator: "Ann", walks: 2, differs: 1, of: 8, verdictDiffers: 2, verdictOf: 7),
            Agreement.Walker(operator: "Sam", walks: 2, differs: 0, of: 9, verdictDiffers: 1, verdictOf: 8),
            Agreement.Walker(operator: "Zoë", walks: 2, differs: 3, of: 9, verdictDiffers: 3, verdictOf: 8),
        ])
}

@Suite struct CompareAgreementTests {
    @Test func aWorksTheAgreementOutOnceThenTogglesIt() {
        var state = CompareState(comparison: storeComparison())
        _ = state.apply(.down)
        #expect(state.apply(.char("a")) == .workOutAgreement)
        #expect(!state.showsAgreement)
        state.showAgreement(storeAgreement())
        #expect(state.showsAgreement)
        #expect(state.apply(.enter) == nil)
        #expect(!state.showsCell, "no cell box over the agreement")
        _ = state.apply(.down)
        #expect(state.row == 2, "the cursor moves over the touchpoints as in the matrix")
        #expect(state.apply(.char("a")) == nil)
        #expect(!state.showsAgreement, "a again: the matrix")
        #expect(state.apply(.char("a")) == nil, "worked out once: shown at once")
        #expect(state.showsAgreement)
        state.regrouped(storeComparison(grouping: .location))
        #expect(state.agreement == storeAgreement(), "the same walks whatever the columns")
    }

    @Test func theProgramAsksTheRunnerAndShowsWhatComesBack() {
        var program = CompareProgram(state: CompareState(comparison: storeComparison()))
        #expect(program.apply(.input(.key(.char("a"))), now: at(0)) == [.workOutAgreement])
        _ = program.apply(.agreementWorkedOut(.failure(ReviewFailure("no walk files"))), now: at(0))
        #expect(program.state.message?.text == "no walk files")
        #expect(!program.state.showsAgreement)
        _ = program.apply(.agreementWorkedOut(.success(storeAgreement())), now: at(0))
        #expect(program.state.showsAgreement)
    }

    @Test func theAgreementFollowsTheCursorsTouchpoint() {
        var state = CompareState(comparison: storeComparison())
        state.showAgreement(storeAgreement())
        _ = state.apply(.down)
        #expect(CompareScreen.agreementTouchpoint(state, storeAgreement()) == 1)
        let canvas = render(state, width: 80, height: 24)
        #expect(canvas.text(row: 0).contains("α items 0.353 · verdicts 0.194"), "\(canvas.text(row: 0))")
        #expect(canvas.text.contains("▸Greeting"))
        #expect(canvas.text.contains("Greeting · verdicts agree 40% · items: 1 unanimous, 1 split, 1 too few answers"))
    }

    @Test func screensAt80x24And120x40() {
        var state = CompareState(comparison: storeComparison())
        state.showAgreement(storeAgreement())
        _ = state.apply(.down)
        assertSnapshot(render(state, width: 80, height: 24), named: "compare-agreement-80x24")
        _ = state.apply(.char("G"))
        assertSnapshot(render(state, width: 120, height: 40), named: "compare-agreement-last-120x40")
    }
}
