import JourneyKit
import Testing
@testable import WalkUI

/// The leaving feature as a value: the drafts it asks to write, and how it ends.
@Suite struct LeavingFeatureTests {
    let note = Walk.DraftKey.note("greeting")
    let praise = Walk.DraftKey(touchpoint: "greeting", field: .praise)
    let comment = Walk.DraftKey(touchpoint: "find-opening-hours", field: .comment(1))

    @Test func nothingToWriteLeavesAtOnce() {
        var leaving = LeavingFeature()
        #expect(leaving.apply(.leave(finished: true, forced: false, texts: [:])) == [.left(finished: true)])
        #expect(!leaving.isWriting)
    }

    @Test func theEditorsTextsAreWrittenFirstThenThePanelsAndItLeavesWhenAllAreOnDisk() {
        var leaving = LeavingFeature()
        let effects = leaving.apply(.leave(finished: false, forced: false, texts: [praise: "Kind", note: "Slow", comment: "No"]))
        #expect(effects == [.writeDraft(comment, "No"), .writeDraft(note, "Slow"), .writeDraft(praise, "Kind")])
        #expect(leaving.apply(.written(stillUnsaved: true)) == [])
        #expect(leaving.apply(.written(stillUnsaved: true)) == [])
        #expect(leaving.apply(.written(stillUnsaved: false)) == [.left(finished: false)])
        #expect(!leaving.isWriting)
    }

    @Test func aRefusedWriteAsksUnlessTheLeaveIsForced() {
        var asked = LeavingFeature()
        _ = asked.apply(.leave(finished: true, forced: false, texts: [note: "Slow", praise: "Kind"]))
        #expect(asked.apply(.refused(reason: "No space left on device", stillUnsaved: true)) == [])
        #expect(asked.apply(.written(stillUnsaved: true)) == [.ask(reason: "No space left on device", finished: true)])

        var forced = LeavingFeature()
        _ = forced.apply(.leave(finished: false, forced: true, texts: [note: "Slow"]))
        #expect(forced.apply(.refused(reason: "Read-only file system", stillUnsaved: true)) == [.left(finished: false)])
    }

    @Test func leavingClosesTheFinalCheckAndTheDebrief() {
        var leaving = LeavingFeature()
        leaving.finalCheck = FinalCheckPanel(problems: [.unrecorded(touchpoint: "greeting")])
        _ = leaving.apply(.leave(finished: false, forced: false, texts: [:]))
        #expect(leaving.finalCheck == nil && leaving.debrief == nil)
        #expect(leaving.apply(.written(stillUnsaved: false)) == [], "a write that comes back after the leave is nobody's")
    }
}
