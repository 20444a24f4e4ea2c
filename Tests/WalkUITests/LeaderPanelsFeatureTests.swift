import Foundation
import JourneyKit
import Testing
@testable import WalkUI

/// The leader's panels as a value: which panel a command opens on a moment, and what a record says.
@Suite struct LeaderPanelsFeatureTests {
    func context(_ events: [WalkEvent] = [], drafts: [TextField: String] = [:]) throws -> LeaderPanels.Context {
        let walk = try #require(Walk(events: [.started(storeHeader(journey: storeJourneyWithTags))] + events))
        return LeaderPanels.Context(walk: walk, journey: storeJourneyWithTags, touchpoint: "greeting", title: "Greeting", drafts: drafts)
    }

    @Test func recoveryOpensOnlyOnAMomentOfMisery() throws {
        let leader = LeaderPanels()
        let refused = leader.open(.recovery, try context())
        #expect(refused == [.say(.init(text: "Recovery is checked on moments of misery; Greeting has no verdict yet (x or X first)", kind: .info))])
        let misery = try context([.rated(RatingChange(touchpoint: "greeting", rating: Rating(.misery), at: at(5)))])
        #expect(leader.open(.recovery, misery) == [.open(.recovery(RecoveryStrip(touchpoint: "greeting", recovery: nil)))])
    }

    @Test func theActionFormAsksForTheIdsInUseOnceAndKeepsItsDrafts() throws {
        var leader = LeaderPanels()
        let first = leader.open(.action, try context(drafts: [.actionOwner: "Sam"]))
        #expect(first.last == .findActionIDs)
        guard case .open(.action(let form))? = first.first else { Issue.record("the form opens"); return }
        #expect(form.form.text(.actionOwner) == "Sam")
        leader.found(["a1b2c3"])
        #expect(leader.actionIDsKnown)
        #expect(!leader.open(.action, try context()).contains(.findActionIDs))
    }

    @Test func aSavedRecordClosesItsPanelAndAnUndoneOneGoesBack() throws {
        let leader = LeaderPanels()
        let tagged = WalkEvent.tagged(TagChange(touchpoint: "greeting", tags: ["kept-waiting"], at: at(9)))
        #expect(leader.recorded(tagged, try context([tagged])) == [.close(.tags), .say(.init(text: "Tags saved on Greeting: Kept waiting", kind: .info))])
        let undone = WalkEvent.tagged(TagChange(touchpoint: "greeting", tags: [], at: at(9), undo: true))
        #expect(leader.recorded(undone, try context()) == [.undone("tags on Greeting removed")])
    }
}
