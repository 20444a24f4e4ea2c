import Foundation
import JourneyKit
import Testing
@testable import WalkUI

/// The field kit as a value: a context in, effects out.
@Suite struct FieldKitFeatureTests {
    func context(judged: Bool, walk: Walk? = nil) throws -> FieldKitFeature.Context {
        let walk = try walk ?? #require(Walk(events: [.started(storeHeader())]))
        return FieldKitFeature.Context(
            walk: walk, target: walk.steps[1], justJudged: judged, onScreen: walk.steps[2], current: 2,
            timeZone: TimeZone(identifier: "UTC")!, now: at(30))
    }

    @Test func theTimerOfTheMomentJustJudgedAsksBeforeItStarts() throws {
        var kit = FieldKitFeature()
        let asked = kit.apply(.toggleTimer, asked: nil, try context(judged: true))
        #expect(asked.count == 1)
        guard case .say(let said)? = asked.first else { Issue.record("asks"); return }
        #expect(said.text == "Split timer of Greeting (just judged): t again runs it; Esc, t times Understanding what you need")
        #expect(kit.askedFirst == .toggleTimer)
        let started = kit.apply(.toggleTimer, asked: kit.askedFirst, try context(judged: true))
        #expect(started == [.record(.timed(TimerChange(touchpoint: "greeting", seconds: 0, running: true, at: at(30))))])
        #expect(kit.askedFirst == nil)
        #expect(kit.apply(.toggleTimer, asked: nil, try context(judged: false)) == started, "the touchpoint on screen never asks")
    }

    @Test func aTimerAtZeroIsNotResetAndTheChecklistOpensOnItsFirstOpenItem() throws {
        var kit = FieldKitFeature()
        let walk = try #require(Walk(events: [
            .started(storeHeader()), .answered(AnswerChange(touchpoint: "greeting", item: 0, answer: .yes, at: at(5))),
        ]))
        #expect(kit.apply(.resetTimer, asked: nil, try context(judged: false, walk: walk)).allSatisfy { if case .say = $0 { return true } else { return false } })
        let opened = kit.apply(.openChecklist, asked: nil, try context(judged: false, walk: walk))
        #expect(opened.first == .openChecklist(ChecklistPanel(touchpoint: "greeting", count: 3, selected: 1)))
    }

    @Test func aStatedTimeOfTheMomentJustJudgedIsAskedAboutElseTheEditorOpens() throws {
        var kit = FieldKitFeature()
        let stated = try #require(Walk(events: [
            .started(storeHeader()), .stated(StatedTimeChange(touchpoint: "greeting", stated: at(2), at: at(5))),
        ]))
        let asked = kit.apply(.stateTime, asked: nil, try context(judged: true, walk: stated))
        #expect(kit.askedFirst == .stateTime && asked.count == 1)
        let opened = kit.apply(.stateTime, asked: .stateTime, try context(judged: true, walk: stated))
        #expect(opened.first == .edit(Walk.DraftKey(touchpoint: "greeting", field: .statedTime)))
    }
}
