import Foundation
import JourneyKit
import JourneyReports
import Testing
@testable import WalkUI

/// The store journey with a tag of its own, walked to a misery moment (the greeting) and back on it.
func leaderWalk(journey: Journey = storeJourneyWithTags) -> WalkState {
    var state = WalkState(journey: journey, details: WalkDetails(operator: "Lee", role: .leader), now: at(0))
    state.actionIDs = ActionIDs(seed: 1)
    state.run([.resized(width: 80, height: 24), .key(.enter)], at: at(0))
    state.press(.char("m"), .char("X"), .left)
    return state
}

let storeJourneyWithTags: Journey = {
    var journey = storeJourney
    journey.tags = [TagDefinition(id: "no-parking", label: "No parking nearby", kind: .misery)]
    return journey
}()

extension WalkState {
    /// Types text, one key per character.
    mutating func typeKeys(_ text: String) { run(text.map { .key(.char($0)) }) }

    var picker: TagPicker? { if case .tags(let picker)? = panel { return picker } else { return nil } }

    /// Opens a form with its key and types each field followed by Enter (the next field; on the
    /// last, save).
    mutating func fillForm(_ key: Character, _ fields: String...) {
        press(.char(key))
        for field in fields {
            typeKeys(field)
            press(.enter)
        }
    }
}

@Suite struct TagPickerTests {
    let catalogue = TagCatalog.tags(for: storeJourneyWithTags)

    @Test func theKindThatExplainsTheVerdictComesFirst() {
        let misery = TagPicker(touchpoint: "t", catalogue: catalogue, tags: [], verdict: .misery)
        #expect(misery.options.prefix(14).allSatisfy { $0.kind == .misery })
        #expect(misery.options.last?.kind == .magic)
        #expect(misery.options[13].id == "no-parking", "the journey's own tag with its kind")
        let magic = TagPicker(touchpoint: "t", catalogue: catalogue, tags: [], verdict: .magic)
        #expect(magic.options.first?.id == "unexpected-delight")
        #expect(magic.options.prefix(8).allSatisfy { $0.kind == .magic })
        let neutral = TagPicker(touchpoint: "t", catalogue: catalogue, tags: [], verdict: .neutral)
        #expect(neutral.options.map(\.id) == catalogue.map(\.id), "no verdict to explain: catalogue order")
    }

    @Test func typingFiltersByIdOrLabelAndAnExactIdComesFirst() {
        var picker = TagPicker(touchpoint: "t", catalogue: catalogue, tags: [], verdict: .misery)
        for character in "APOL" { _ = picker.apply(.char(character), now: at(1)) }
        #expect(picker.shown.map { picker.options[$0].id } == ["no-apology", "insincere-apology"])
        for _ in 0..<4 { _ = picker.apply(.backspace, now: at(1)) }
        for character in "late" { _ = picker.apply(.char(character), now: at(1)) }
        #expect(picker.highlightedOption?.id == "late", "the exact id before labels that contain it")
        for character in "x" { _ = picker.apply(.char(character), now: at(1)) }
        #expect(picker.shown.isEmpty)
        #expect(picker.apply(.char(" "), now: at(1)) == [.say("No tag matches 'latex'; Backspace widens the filter", .warning)])
        _ = picker.apply(.control("u"), now: at(1))
        for character in "follow-thr" { _ = picker.apply(.char(character), now: at(1)) }
        #expect(picker.highlightedOption?.id == "poor-follow-through", "a label typed with dashes for spaces")
    }

    @Test func severalTagsAreChosenAndSavedAsOneRecordOnceOnDisk() {
        var state = leaderWalk()
        state.press(.char("T"))
        #expect(state.picker?.options.first?.kind == .misery)
        state.press(.char(" "), .down, .enter)
        state.typeKeys("park")
        state.press(.char(" "))
        #expect(state.picker?.chosen == ["kept-waiting", "repeated-information", "no-parking"], "the journey's own tag")
        state.press(.control("u"))
        state.typeKeys("delight")
        state.press(.enter)
        #expect(state.picker?.chosen == ["kept-waiting", "repeated-information", "no-parking", "unexpected-delight"], "a magic tag too")
        let effects = state.apply(.key(.tab), now: at(20))
        let record = WalkEvent.tagged(TagChange(touchpoint: "greeting", tags: ["kept-waiting", "repeated-information", "no-parking", "unexpected-delight"], at: at(20)))
        #expect(effects == [.record(record)])
        #expect(state.picker != nil, "open until the disk has it")
        #expect(state.apply(.key(.char("z")), now: at(20)).isEmpty, "keys wait while saving")
        _ = state.apply(.recorded(record), now: at(20))
        #expect(state.panel == nil)
        #expect(state.currentMoment.tags.count == 4)
        #expect(state.message?.text == "Tags saved on Greeting: Kept waiting · Had to repeat information · No parking nearby · Unexpected delight")
    }

    @Test func aFailedSaveKeepsThePickerOpenWithTheChoice() {
        var state = leaderWalk()
        state.press(.char("T"), .char(" "))
        let effects = state.apply(.key(.tab), now: at(20))
        guard case .record(let event)? = effects.first else { Issue.record("no record"); return }
        _ = state.apply(.recordFailed(event, reason: "disk full"), now: at(20))
        #expect(state.picker?.chosen == ["kept-waiting"])
        #expect(state.message?.kind == .error)
        state.press(.char(" "))
        #expect(state.picker?.chosen == [], "takes keys again")
    }

    @Test func escKeepsTheFilterTextAsADraftAndTheNextPickerStartsFromIt() {
        var state = leaderWalk()
        state.press(.char("T"))
        state.typeKeys("wait")
        state.press(.char(" "))
        let effects = state.apply(.key(.escape), now: at(30))
        #expect(effects == [.record(.drafted(NoteChange(touchpoint: "greeting", text: "wait", at: at(30), field: .tags)))])
        _ = state.apply(.recorded(.drafted(NoteChange(touchpoint: "greeting", text: "wait", at: at(30), field: .tags))), now: at(30))
        #expect(state.panel == nil)
        #expect(state.currentMoment.tags.isEmpty, "Esc does not save the choice")
        #expect(state.message?.text == "Tags not changed: Tab saves them")
        state.press(.char("T"))
        #expect(state.picker?.filter.text == "wait")
        #expect(state.apply(.key(.escape), now: at(31)).isEmpty, "the same draft is not written twice")
    }

    @Test func unknownTagIdsFromTheFileAreShownAsTheyAre() throws {
        var state = leaderWalk()
        _ = state.apply(.recorded(.tagged(TagChange(touchpoint: "greeting", tags: ["from-a-newer-catalogue", "late"], at: at(5)))), now: at(5))
        state.press(.char("T"))
        let picker = try #require(state.picker)
        #expect(picker.options.last?.id == "from-a-newer-catalogue")
        #expect(picker.options.last?.kind == nil)
        #expect(picker.chosen == ["from-a-newer-catalogue", "late"])
        state.press(.escape)
        #expect(render(state).text.contains("Verdict  ✖✖ strong misery  [from-a-newer-catalogue]  [Late]"), "\(render(state).text)")
    }

    @Test func filteringFiveHundredJourneyTagsStaysFarWithinAFrame() {
        var journey = storeJourney
        journey.tags = (0..<500).map { TagDefinition(id: "journey-tag-\($0)", label: "Journey tag number \($0)", kind: $0 % 2 == 0 ? .magic : .misery) }
        var picker = TagPicker(touchpoint: "greeting", catalogue: TagCatalog.tags(for: journey), tags: [], verdict: .misery)
        #expect(picker.options.count == 521)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for character in "number-4" {
                _ = picker.apply(.char(character), now: at(1))
                var canvas = Canvas(width: 120, height: 40)
                PanelScreen.tags(picker, title: "Greeting", &canvas)
            }
        }
        #expect(picker.shown.count == 111, "4, 40–49, 400–499")
        // Seven keys with their frames in a debug build; bench/run.py --only tags times the release binary.
        #expect(elapsed < .milliseconds(700), "\(elapsed)")
    }
}

@Suite struct RecoveryStripTests {
    @Test func itIsOfferedOnMiseryMomentsOnlyAndSaysWhyNot() {
        var state = leaderWalk()
        state.press(.left, .char("r"))
        #expect(state.panel == nil)
        #expect(state.message?.text == "Recovery is checked on moments of misery; Find opening hours online is ★ magic")
        state.press(.right, .right, .char("r"))
        #expect(state.message?.text == "Recovery is checked on moments of misery; Understanding what you need has no verdict yet (x or X first)")
    }

    @Test func openingTheStripClearsAnEarlierRefusal() {
        var state = leaderWalk()
        state.press(.right, .char("r"))
        #expect(state.message?.text == "Recovery is checked on moments of misery; Understanding what you need has no verdict yet (x or X first)")
        state.press(.char("h"), .char("r"))
        guard case .recovery? = state.panel else { Issue.record("the strip did not open"); return }
        #expect(state.message == nil)
        #expect(!render(state).text.contains("Recovery is checked"), "\(render(state).text)")
    }

    @Test func everyPanelOpensWithoutAStaleMessage() {
        for key: Key in ["T", "r", "p", "A"].map({ .char($0) }) {
            var state = leaderWalk()
            state.press(.right, .char("r"), .left)
            #expect(state.message != nil)
            state.press(key)
            #expect(state.panel != nil, "\(key) opens its panel")
            #expect(state.message == nil, "\(key): \(state.message?.text ?? "")")
        }
    }

    @Test func eachMarkIsOneRecordAndTheStripShowsWhatIsOnDisk() {
        var state = leaderWalk()
        state.press(.char("r"))
        var effects = state.apply(.key(.char("y")), now: at(40))
        #expect(effects == [.record(.recovered(RecoveryChange(touchpoint: "greeting", recovery: Recovery(apology: true), at: at(40))))])
        #expect(state.currentMoment.recovery == nil, "not shown before the disk has it")
        guard case .record(let event)? = effects.first else { return }
        _ = state.apply(.recorded(event), now: at(40))
        #expect(state.currentMoment.recovery == Recovery(apology: true))
        guard case .recovery(let strip)? = state.panel else { Issue.record("strip closed"); return }
        #expect(strip.step == .reassurance, "the next step is the one to mark")
        state.press(.char("n"), .char(" "))
        #expect(state.currentMoment.recovery == Recovery(apology: true, reassurance: false, restitution: true))
        #expect(state.message?.text == "Recovery saved on Greeting: 2 of 3 steps done")
        state.press(.char(" "), .char(" "))
        #expect(state.currentMoment.recovery == Recovery(apology: true, reassurance: false, restitution: nil), "Space cycles done, not done, not marked")
        effects = state.apply(.key(.char("-")), now: at(41))
        #expect(effects.isEmpty, "no change, no record")
        state.press(.left, .char("y"), .char("y"))
        #expect(state.currentMoment.recovery?.isComplete == true)
        #expect(state.message?.text == "Recovery saved on Greeting: 3 of 3 steps done · recovered")
        state.press(.left, .left, .left, .char("-"), .right, .backspace, .right, .char("-"))
        #expect(state.walk?.moment(for: "greeting").recovery == nil, "all marks taken off: no recovery at all")
        state.press(.escape)
        #expect(state.panel == nil)
    }
}

@Suite struct PraiseAndActionFormTests {
    @Test func praiseTakesWhomAndWhatAndKeepsDraftsOfBothFields() {
        var state = leaderWalk()
        state.press(.char("p"))
        state.typeKeys("Amira")
        state.press(.tab)
        state.typeKeys("Remembered my name")
        let effects = state.apply(.key(.escape), now: at(50))
        #expect(effects == [
            .record(.drafted(NoteChange(touchpoint: "greeting", text: "Amira", at: at(50), field: .praiseTo))),
            .record(.drafted(NoteChange(touchpoint: "greeting", text: "Remembered my name", at: at(50), field: .praise))),
        ])
        for case .record(let event) in effects { _ = state.apply(.recorded(event), now: at(50)) }
        #expect(state.walk?.drafts.count == 2)
        state.press(.char("p"))
        guard case .praise(let form)? = state.panel else { Issue.record("no form"); return }
        #expect(form.form.text(.praiseTo) == "Amira" && form.form.text(.praise) == "Remembered my name")
        #expect(form.form.focus == 0)
        state.press(.enter)
        let saved = state.apply(.key(.enter), now: at(51))
        #expect(saved == [.record(.praised(PraiseChange(touchpoint: "greeting", praise: Praise(to: "Amira", text: "Remembered my name"), at: at(51))))])
        for case .record(let event) in saved { _ = state.apply(.recorded(event), now: at(51)) }
        #expect(state.panel == nil)
        #expect(state.walk?.drafts.isEmpty == true, "saving clears both drafts")
        #expect(state.message?.text == "Praise saved on Greeting for Amira")
    }

    @Test func praiseNeedsBothFieldsAndBothEmptyRemovesIt() {
        var state = leaderWalk()
        state.press(.char("p"), .enter, .enter)
        #expect(state.message?.text == "Nothing to save: write who the praise is for and what they did")
        state.press(.tab)
        state.typeKeys("Kind words")
        state.press(.enter)
        #expect(state.message?.text == "Who is the praise for? Write a person or a team")
        state.typeKeys("The till team")
        state.press(.enter, .enter)
        #expect(state.currentMoment.praise == Praise(to: "The till team", text: "Kind words"))
        state.press(.char("p"), .control("u"), .tab, .control("u"), .enter)
        #expect(state.currentMoment.praise == nil)
        #expect(state.message?.text == "Praise removed from Greeting")
    }

    @Test func anActionGetsANewIdAndItsDueDateFromToday() {
        var state = leaderWalk()
        state.press(.char("A"))
        state.typeKeys("Greet within 30 s")
        state.press(.enter)
        state.press(.enter, .enter)
        #expect(state.message?.text == "Who owns the action? Write a name or a team")
        state.typeKeys("Store manager")
        state.press(.enter)
        state.typeKeys("someday")
        #expect(render(state).text.contains("'someday' is not a due date"))
        #expect(state.apply(.key(.enter), now: at(60)).isEmpty, "a malformed date records nothing")
        #expect(state.message?.kind == .error)
        state.press(.control("u"))
        state.typeKeys("fri")
        var ids = ActionIDs(seed: 1)
        let id = ids.next()
        // at(60) is Sunday 2026-11-22: the next Friday is the 27th.
        let effects = state.apply(.key(.enter), now: at(60))
        let action = Action(id: id, text: "Greet within 30 s", owner: "Store manager", due: "2026-11-27", status: .open)
        #expect(effects == [.record(.actionChanged(ActionChange(touchpoint: "greeting", action: action, at: at(60))))])
        for case .record(let event) in effects { _ = state.apply(.recorded(event), now: at(60)) }
        #expect(state.currentMoment.actions == [action])
        #expect(state.message?.text == "Action \(id) saved on Greeting for Store manager, due Fri 2026-11-27")
        state.press(.char("A"))
        state.typeKeys("Second")
        state.press(.enter)
        state.typeKeys("Lee")
        state.press(.enter, .enter)
        #expect(state.currentMoment.actions.count == 2)
        #expect(state.currentMoment.actions[1].id != id)
        #expect(state.currentMoment.actions[1].due == nil)
    }

    @Test func theSavedMessageNamesTheMomentTheActionIsOn() {
        var state = WalkState(journey: storeJourney, details: WalkDetails(operator: "Lee", role: .leader), now: at(0))
        state.actionIDs = ActionIDs(seed: 1)
        state.run([.resized(width: 80, height: 24), .key(.enter)], at: at(0))
        state.press(.char("x"), .char("A"))
        state.typeKeys("Fix the hours")
        state.press(.tab)
        state.typeKeys("Ann")
        state.press(.enter, .enter)
        var ids = ActionIDs(seed: 1)
        let first = ids.next(), second = ids.next()
        #expect(state.message?.text == "Action \(first) saved on Find opening hours online for Ann", "right after a verdict: the moment judged")
        #expect(render(state).text.contains("Action \(first) saved on Find opening hours online for Ann"))
        state.press(.char("A"))
        state.typeKeys("Greet at the door")
        state.press(.tab)
        state.typeKeys("Bob")
        state.press(.enter, .enter)
        #expect(state.message?.text == "Action \(second) saved on Find opening hours online for Bob", "the leader's keys stay on the moment judged")
        state.press(.right, .left, .char("A"))
        state.typeKeys("Greet at the door")
        state.press(.tab)
        state.typeKeys("Cy")
        state.press(.enter, .enter)
        #expect(state.message?.text == "Action \(ids.next()) saved on Greeting for Cy", "after a move: the touchpoint the walk is on")
    }

    @Test func theIdsInUseAreFoundOnceWhenTheFirstActionFormOpens() {
        var state = leaderWalk()
        #expect(state.apply(.key(.char("A")), now: at(1)) == [.findActionIDs])
        var probe = ActionIDs(seed: 1)
        let wouldBe = probe.next()
        _ = state.apply(.actionIDsFound([wouldBe]), now: at(1))
        state.typeKeys("Fix it")
        state.press(.tab)
        state.typeKeys("Lee")
        state.press(.tab, .enter)
        #expect(state.currentMoment.actions.count == 1)
        #expect(state.currentMoment.actions.first?.id != wouldBe, "an id used in another walk is not given again")
        #expect(state.apply(.key(.char("A")), now: at(2)).isEmpty, "found once per session")
    }

    @Test func theDueDateFollowsTheOperatorsTimeZone() {
        var state = leaderWalk()
        state.secondsFromGMT = 14 * 3600
        state.press(.char("A"))
        state.typeKeys("Call back")
        state.press(.tab)
        state.typeKeys("Lee")
        state.press(.tab)
        state.typeKeys("today")
        state.press(.enter)
        #expect(state.currentMoment.actions.first?.due == "2026-11-23", "10:15 UTC is the next day at +14:00")
    }

    @Test func aDraftThatFailedIsOfferedAgainAndDroppedOnceThePraiseIsSaved() {
        var state = leaderWalk()
        state.press(.char("p"))
        state.typeKeys("Amira")
        let draft = WalkEvent.drafted(NoteChange(touchpoint: "greeting", text: "Amira", at: at(70), field: .praiseTo))
        #expect(state.apply(.key(.escape), now: at(70)) == [.record(draft)])
        _ = state.apply(.recordFailed(draft, reason: "disk full"), now: at(70))
        #expect(state.unsavedTexts == [Walk.DraftKey(touchpoint: "greeting", field: .praiseTo): "Amira"])
        state.press(.char("p"))
        guard case .praise(let form)? = state.panel else { Issue.record("no form"); return }
        #expect(form.form.text(.praiseTo) == "Amira", "the text that could not be written comes back")
        state.press(.tab)
        state.typeKeys("Kind")
        state.press(.enter)
        #expect(state.currentMoment.praise == Praise(to: "Amira", text: "Kind"))
        #expect(state.unsavedTexts.isEmpty)
        #expect(state.apply(.key(.char("q")), now: at(71)).isEmpty && state.apply(.key(.char("l")), now: at(71)) == [.leave], "nothing left to write")
    }

    @Test func aResizeKeepsThePickerAndItsFilter() {
        var state = leaderWalk()
        state.press(.char("T"))
        state.typeKeys("wait")
        state.run([.resized(width: 50, height: 10), .resized(width: 120, height: 40)])
        #expect(state.picker?.filter.text == "wait")
        #expect(render(state, width: 120, height: 40).text.contains("Filter wait"))
    }

    @Test func leavingWithAFormOpenWritesItsTextFirst() {
        var state = leaderWalk()
        state.press(.char("A"))
        state.typeKeys("Half typed")
        let draft = WalkEvent.drafted(NoteChange(touchpoint: "greeting", text: "Half typed", at: at(70), field: .action))
        #expect(state.apply(.interrupted, now: at(70)) == [.record(draft)])
        #expect(state.apply(.recordFailed(draft, reason: "disk full"), now: at(70)) == [.leave], "a signal leaves whatever happens")
        #expect(state.unsavedTexts == [Walk.DraftKey(touchpoint: "greeting", field: .action): "Half typed"], "and hands the text over to print")
    }

    @Test func aFieldDraftThatCannotBeWrittenStopsTheLeaveAndComesBack() {
        var state = leaderWalk()
        state.press(.char("p"))
        state.typeKeys("Amira")
        state.press(.char("q"))
        #expect(state.panel != nil, "q is typed into the form")
        state.press(.control("u"))
        state.typeKeys("Amira")
        let draft = WalkEvent.drafted(NoteChange(touchpoint: "greeting", text: "Amira", at: at(70), field: .praiseTo))
        #expect(state.apply(.key(.control("c")), now: at(70)) == [.record(draft)])
        _ = state.apply(.recordFailed(draft, reason: "disk full"), now: at(70))
        #expect(state.mode == .unsavedText(reason: "disk full", finished: false))
        #expect(render(state).text.contains("Greeting (praise:to): Amira"))
        state.press(.char("e"))
        guard case .praise(let form)? = state.panel else { Issue.record("the form is not back"); return }
        #expect(form.form.text(.praiseTo) == "Amira")
    }
}

@Suite struct DebriefTests {
    /// A walk with something in every part of the debrief.
    static func finishedWalk() -> WalkState {
        var state = leaderWalk()
        state.press(.char("T"), .char(" "), .down, .char(" "), .tab)
        state.press(.char("r"), .char("y"), .escape)
        state.press(.char("p"))
        state.typeKeys("Amira")
        state.press(.tab)
        state.typeKeys("Apologised at once and meant it")
        state.press(.enter, .char("A"))
        state.typeKeys("Greet every customer within 30 seconds")
        state.press(.tab)
        state.typeKeys("Store manager")
        state.press(.tab)
        state.typeKeys("2026-11-20")
        state.press(.enter)
        state.press(.right, .char("M"), .char("x"), .left, .char("T"))
        state.typeKeys("kept-w")
        state.press(.char(" "), .tab, .right, .char("m"))
        return state
    }

    @Test func finishingShowsTheDebriefAndEnterLeaves() {
        var state = Self.finishedWalk()
        state.press(.char("q"), .char("f"))
        #expect(state.debrief != nil)
        #expect(state.mode == .confirmLeave, "not left yet")
        let text = render(state).text
        #expect(text.contains("Debrief · Retail store visit"))
        #expect(text.contains("First  ★ Find opening hours online"))
        state.press(.down, .down)
        #expect(state.debrief?.offset == 2)
        let effects = state.apply(.key(.enter), now: at(90))
        #expect(effects == [.leave])
        #expect(state.mode == .done(finished: true))
    }

    @Test func aSignalOnTheDebriefLeavesTheWalkFinished() {
        var state = Self.finishedWalk()
        state.press(.char("q"), .char("f"))
        #expect(state.apply(.interrupted, now: at(90)) == [.leave])
        #expect(state.mode == .done(finished: true))
    }

    @Test func aOneTouchpointWalksOnlyMomentIsBothFirstAndLast() throws {
        let journey = Journey(id: "one", title: "One", stages: [Stage(name: "Only", touchpoints: [Touchpoint(id: "door", title: "Door")])])
        var walk = Walk(header: storeHeader(journey: journey))
        walk.apply(.rated(RatingChange(touchpoint: "door", rating: Rating(.magic), at: at(5))))
        let summary = Debrief(walk)
        #expect(summary.first?.touchpoint.id == "door")
        #expect(summary.last?.touchpoint.id == "door")
        let lines = summary.lines(width: 80).map(\.text)
        #expect(lines.contains("  First  ★ Door"))
        #expect(lines.contains("  Last   ★ Door"), "\(lines)")

    }

    @Test func theSummaryNamesWhatALeaderTakesAway() throws {
        let state = Self.finishedWalk()
        let walk = try #require(state.walk)
        let summary = Debrief(walk)
        #expect(summary.first?.touchpoint.id == "find-opening-hours")
        #expect(summary.last?.touchpoint.id == "follow-up")
        #expect(summary.best?.touchpoint.id == "needs")
        #expect(summary.worst?.touchpoint.id == "greeting")
        #expect(summary.momentsOfTruth.map(\.touchpoint.id) == ["greeting"])
        #expect(summary.topTags.map(\.id) == ["kept-waiting", "repeated-information"])
        #expect(summary.topTags.first?.count == 2)
        #expect(summary.missingRecoveries.map(\.entry.touchpoint.id) == ["greeting", "payment"])
        #expect(summary.praise.map(\.praise.to) == ["Amira"])
        #expect(summary.actions.map(\.action.owner) == ["Store manager"])
        let lines = summary.lines(width: 120, today: CalendarDay(iso: "2026-11-25")).map(\.text)
        #expect(lines.contains { $0.contains("due 2026-11-20 OVERDUE") })
        #expect(lines.contains("Recoveries not complete (0 of 2 complete)"))
    }

    /// One debrief: the screen draws JourneyKit's `Debrief`, which the reports write, so the actions
    /// come in the same order (open first, earliest due first; then done, then dropped), not in walk order.
    @Test func theScreenListsActionsInTheReportsOrder() {
        var walk = Walk(header: storeHeader())
        let actions = [
            ("greeting", Action(id: "a1", text: "Late one", owner: "Kim", due: "2026-12-20")),
            ("greeting", Action(id: "a2", text: "Done one", owner: "Kim", due: "2026-11-01", status: .done)),
            ("payment", Action(id: "a3", text: "Soon one", owner: "Lee", due: "2026-12-01")),
            ("payment", Action(id: "a4", text: "Undated", owner: "Lee", due: nil)),
        ]
        for (touchpoint, action) in actions { walk.apply(.actionChanged(ActionChange(touchpoint: touchpoint, action: action, at: at(5)))) }
        let ids = Debrief(walk).lines(width: 120).compactMap { line -> String? in
            guard let open = line.text.firstIndex(of: "["), let close = line.text.firstIndex(of: "]") else { return nil }
            return String(line.text[line.text.index(after: open)..<close])
        }
        #expect(ids == ["a3", "a1", "a4", "a2"])
        let report = Report.render([ReportInput(walk: walk, file: nil)], as: .md)
        // The debrief opens the report: the first place each action's text appears.
        let offsets: [Int] = ["Soon one", "Late one", "Undated", "Done one"].map { text in
            report.range(of: text).map { report.distance(from: report.startIndex, to: $0.lowerBound) } ?? -1
        }
        #expect(!offsets.contains(-1) && offsets == offsets.sorted(), "the Markdown report's debrief in the same order: \(offsets)")
    }

    @Test func anActionOwnerIsShownWithItsSpacesAsOne() {
        var walk = Walk(header: storeHeader())
        walk.apply(.actionChanged(ActionChange(touchpoint: "greeting", action: Action(id: "a7f3c2", text: "Fix the door", owner: " store \t Manager ", due: nil), at: at(5))))
        let lines = Debrief(walk).lines(width: 120).map(\.text)
        #expect(lines.contains { $0.contains("[a7f3c2] Fix the door — store Manager · no due date") }, "\(lines)")
    }

    @Test func reviewOpensTheSameDebriefWithD() throws {
        let walk = try #require(Self.finishedWalk().walk)
        var review = ReviewWalkState(analysis: WalkAnalysis(walk), file: "/w.jsonl")
        _ = review.apply(.char("D"))
        #expect(review.debrief == DebriefState(walk))
        var canvas = Canvas(width: 80, height: 24)
        ReviewWalkScreen.render(review, into: &canvas)
        #expect(canvas.text.contains("Praise to pass on") || canvas.text.contains("Top tags"))
        _ = review.apply(.escape)
        #expect(review.debrief == nil)
    }
}

@Suite struct LeaderSnapshotTests {
    @Test func tagPicker() {
        var state = leaderWalk()
        state.press(.char("T"), .char(" "), .down, .down)
        state.typeKeys("ap")
        state.press(.down)
        assertSnapshot(render(state), named: "leader-tags-80x24")
        assertSnapshot(render(state, width: 120, height: 40), named: "leader-tags-120x40")
    }

    @Test func recoveryStrip() {
        var state = leaderWalk()
        state.press(.char("r"), .char("y"), .char("n"))
        assertSnapshot(render(state), named: "leader-recovery-80x24")
        assertSnapshot(render(state, width: 120, height: 40), named: "leader-recovery-120x40")
    }

    @Test func questionMarkShowsEveryKeyOverTheStripAndThePicker() {
        var state = leaderWalk()
        state.press(.char("r"), .char("?"))
        #expect(state.help != nil, "? opens the help from the recovery strip")
        let lines = ScreenParts.helpLines(map: state.keyMap, leading: state.helpLeading, extra: state.helpExtra).map(\.0).joined(separator: "\n")
        #expect(lines.contains("the highlighted step was done"), "the strip's own keys are in it")
        #expect(render(state, width: 120, height: 40).text.contains("the highlighted step was done"), "the help is on the screen")
        state.press(.escape)
        #expect(state.help == nil)
        if case .recovery? = state.panel {} else { Issue.record("the strip is still open under the help") }
        state.press(.escape, .char("T"))
        state.typeKeys("wait?")
        #expect(state.help != nil, "? opens the help from the tag picker")
        state.press(.escape)
        #expect(state.picker?.filter.text == "wait", "? is not typed into the filter")
    }

    @Test func actionForm() {
        var state = leaderWalk()
        state.press(.char("A"))
        state.typeKeys("Greet within 30 s")
        state.press(.tab)
        state.typeKeys("Store manager")
        state.press(.tab)
        state.typeKeys("+7d")
        assertSnapshot(render(state), named: "leader-action-80x24")
    }

    @Test func debrief() {
        var state = DebriefTests.finishedWalk()
        state.press(.char("q"), .char("f"))
        assertSnapshot(render(state), named: "leader-debrief-80x24")
        assertSnapshot(render(state, width: 120, height: 40), named: "leader-debrief-120x40")
    }

    @Test func marksOnTheWalkScreen() {
        var state = DebriefTests.finishedWalk()
        state.press(.home, .right)
        assertSnapshot(render(state, width: 120, height: 40), named: "leader-walk-marks-120x40")
    }
}

/// A verdict moves on; the leader's keys typed right after it are about the moment just judged.
@Suite struct PanelsAfterAVerdictTests {
    @Test func tagsAndRecoveryRightAfterAMiseryAreForThatMoment() {
        var state = WalkState(journey: storeJourneyWithTags, details: WalkDetails(operator: "Lee", role: .leader), now: at(0))
        state.run([.resized(width: 80, height: 24), .key(.enter)], at: at(0))
        state.press(.char("m"), .char("X"))
        #expect(state.currentStep?.touchpoint.id != "greeting", "the verdict moved on")
        state.press(.char("T"))
        #expect(state.panel?.touchpoint == "greeting")
        #expect(state.picker?.options.first?.kind == .misery, "misery tags first on the misery moment")
        state.press(.escape, .char("x"))
        state.press(.char("r"))
        #expect(state.panel?.touchpoint == state.steps[2].touchpoint.id, "recovery of the moment just judged")
        state.press(.escape, .char("p"))
        #expect(state.panel?.touchpoint == state.steps[2].touchpoint.id, "the leader's keys stay on the moment just judged for one another")
        state.press(.escape, .char("?"), .escape, .char("p"))
        #expect(state.panel?.touchpoint == state.currentStep?.touchpoint.id, "another key in between: the one on screen")
    }

    @Test func judgeTagThenCheckTheRecovery() {
        var state = WalkState(journey: storeJourneyWithTags, details: WalkDetails(operator: "Lee", role: .leader), now: at(0))
        state.run([.resized(width: 80, height: 24), .key(.enter)], at: at(0))
        state.press(.char("x"), .char("T"), .char(" "), .tab)
        #expect(state.walk?.moment(for: state.steps[0].touchpoint.id).tags.count == 1)
        state.press(.char("r"))
        #expect(state.panel?.touchpoint == state.steps[0].touchpoint.id, "the recovery of the misery just judged, after its tags")
        state.press(.escape, .right, .char("r"))
        #expect(state.panel == nil)
        #expect(state.message?.text.hasPrefix("Recovery is checked on moments of misery; \(state.steps[2].touchpoint.title) has no verdict yet") == true,
                "the refusal names the touchpoint: \(state.message?.text ?? "")")
    }

    @Test func aLongPraiseNameLeavesTheActionsOnTheVerdictLine() {
        var state = leaderWalk()
        state.fillForm("p", "The whole customer service team of the Main Street branch", "Stayed late")
        state.fillForm("A", "Call back", "Sam", "+7d")
        state.fillForm("A", "Fix the sign", "Sam", "+7d")
        #expect(state.currentMoment.actions.count == 2)
        let line = render(state).text.split(separator: "\n").first { $0.contains("Verdict") }.map(String.init) ?? ""
        #expect(line.contains("♥ The whole custo…") && line.contains("2 actions"), "\(line)")
    }
}
