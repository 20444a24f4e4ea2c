import Foundation
import JourneyKit
@testable import WalkUI
import Testing

@Suite struct WalkScreenTests {
    @Test func briefing() {
        let state = WalkState(journey: storeJourney, details: WalkDetails(operator: "Café ★ naïve", role: .shopper, location: "Main Street"), now: at(0))
        assertSnapshot(render(state), named: "briefing-80x24")
    }

    /// A visit entered afterwards (`walk --at`): the briefing and then the walk say when it began.
    @Test func briefingAndWalkOfAVisitEnteredAfterwards() {
        var state = WalkState(journey: storeJourney, details: WalkDetails(operator: "Café ★ naïve", role: .shopper), now: at(0), statedStart: at(-86_400 - 3600))
        state.timeZone = TimeZone(identifier: "Europe/Paris") ?? .current
        let briefing = render(state)
        assertSnapshot(briefing, named: "briefing-stated-start-80x24")
        #expect(briefing.text.contains("Visit      2026-11-21 10:15:03, entered afterwards (walk --at)"))
        var header = storeHeader(details: state.details)
        header.statedStart = state.statedStart
        _ = state.apply(.started(header), now: at(0))
        #expect(render(state).text(row: 1).hasPrefix("  Visit 2026-11-21 10:15:03 (stated start)"), "\(render(state).text)")
    }

    @Test func aBriefingFieldIsEditedInPlaceBesideItsLabel() {
        var state = WalkState(journey: storeJourney, details: WalkDetails(operator: "Sam", role: .shopper, location: "Main Street"), now: at(0))
        state.run([.resized(width: 80, height: 24)], at: at(0))
        state.press(.char("j"), .char("j"), .char("e"))
        state.run(", north door".keys.map { .key($0) })
        let canvas = render(state)
        assertSnapshot(canvas, named: "briefing-editing-80x24")
        let row = (0..<24).first { canvas.text(row: $0).contains("Location") } ?? -1
        #expect(canvas.text(row: row).hasPrefix("  ▸ Location   Main Street, north door "), "typed beside its label:\n\(canvas.text)")
        #expect(canvas.text.components(separatedBy: "Main Street").count == 2, "the field once, not a second unlabelled line")
    }

    @Test func firstTouchpoint() {
        assertSnapshot(render(.walkingStore()), named: "walk-first-80x24")
    }

    @Test func touchpointWithVerdictsNoteAndOverTarget() {
        var state = WalkState.walkingStore()
        state.press(.char("M"))
        state.press(.char("e"))
        state.run("Hours were right".keys.map { .key($0) })
        state.press(.enter)
        // The note went to the moment just judged; Esc makes the keys act on the one on screen.
        state.press(.escape)
        state.press(.char("e"))
        state.run("Greeted after 45 s — staff busy restocking".keys.map { .key($0) })
        state.press(.enter)
        state.press([.char("t")], at: at(10))
        state.press([.char("t")], at: at(55))
        _ = state.apply(.tick, now: at(55))
        let canvas = render(state)
        assertSnapshot(canvas, named: "walk-progress-80x24")
        #expect(canvas.text.contains("Stage 2/3 · Touchpoint 2/5"))
        #expect(canvas.text.contains("◆ moment of truth"))
        #expect(canvas.text.contains("▲ missed by 0:15"))
    }

    @Test func smallTerminal() {
        var state = WalkState.walkingStore()
        state.press(.char("m"), .char("x"))
        _ = state.apply(.resized(width: 60, height: 16), now: at(10))
        assertSnapshot(render(state, width: 60, height: 16), named: "walk-60x16")
    }

    @Test func wideTerminalHasATimelinePanel() {
        var state = WalkState.walkingStore()
        state.press(.char("m"), .char("X"), .char("n"))
        _ = state.apply(.resized(width: 120, height: 30), now: at(10))
        assertSnapshot(render(state, width: 120, height: 30), named: "walk-120x30")
    }

    @Test func theSidePanelCountsSkippedMoments() {
        var state = WalkState.walkingStore()
        state.press(.char("m"), .char("s"), .char("x"))
        _ = state.apply(.resized(width: 100, height: 30), now: at(10))
        let canvas = render(state, width: 100, height: 30)
        let header = canvas.text(row: 2)
        #expect(header.contains("│ Timeline") && header.hasSuffix(" ★1 ●0 ✖1 ○1 ·2 "), "\(header)")
    }

    @Test func aTallTerminalKeepsTheVerdictUnderTheChecklist() {
        var state = WalkState.walkingStore()
        state.press(.char("m"))
        _ = state.apply(.resized(width: 200, height: 60), now: at(10))
        let canvas = render(state, width: 200, height: 60)
        assertSnapshot(canvas, named: "walk-200x60")
        let lastItem = (0..<60).last { canvas.text(row: $0).contains("□ Name badge") } ?? -1
        let verdict = (0..<60).first { canvas.text(row: $0).hasPrefix("  Verdict") } ?? -1
        #expect(lastItem > 0 && verdict > lastItem && verdict - lastItem <= 6, "checklist ends on row \(lastItem), verdict on row \(verdict)")
        // As on 24 rows: a tall screen puts the lines where 24 rows put them.
        let small = render(state, width: 200, height: 24)
        #expect((0..<24).first { small.text(row: $0).hasPrefix("  Verdict") } == verdict)
    }

    @Test func aLongChecklistOnATallTerminalPushesTheVerdictDownAsFarAsItNeeds() {
        var journey = storeJourney
        journey.stages[0].touchpoints[0].checklist = (1...30).map { ChecklistItem("Item \($0)") }
        var state = WalkState(journey: journey, details: WalkDetails(), now: at(0))
        state.run([.resized(width: 200, height: 60), .key(.enter)], at: at(0))
        let canvas = render(state, width: 200, height: 60)
        let lastItem = (0..<60).last { canvas.text(row: $0).contains("□ Item 30") } ?? -1
        let verdict = (0..<60).first { canvas.text(row: $0).hasPrefix("  Verdict") } ?? -1
        #expect(lastItem > 0 && verdict == lastItem + 3, "a blank row and the timer between: item 30 on row \(lastItem), verdict on row \(verdict)")
    }

    @Test func editingANote() {
        var state = WalkState.walkingStore()
        state.press(.char("e"))
        state.run("Café ★ naïve".keys.map { .key($0) })
        state.press(.left, .left, .left)
        let canvas = render(state)
        assertSnapshot(canvas, named: "note-editing-80x24")
        #expect(canvas.text(row: 23).contains("Enter save"))
    }

    @Test func helpOverlay() {
        var state = WalkState.walkingStore()
        state.press(.char("?"))
        let canvas = render(state)
        assertSnapshot(canvas, named: "help-80x24")
        state.press(.pageDown, .pageDown)
        assertSnapshot(render(state), named: "help-scrolled-80x24")
    }

    @Test func confirmLeave() {
        var state = WalkState.walkingStore()
        state.press(.char("m"), .char("q"))
        assertSnapshot(render(state), named: "confirm-80x24")
    }

    @Test func tooSmall() {
        var state = WalkState.walkingStore()
        _ = state.apply(.resized(width: 40, height: 10), now: at(1))
        let canvas = render(state, width: 40, height: 10)
        assertSnapshot(canvas, named: "too-small-40x10")
        #expect(canvas.text.contains("Terminal too small: 40x10."))
    }

    @Test func textFromFilesNeverReachesTheScreenRaw() {
        var journey = storeJourney
        journey.title = "Evil\u{1B}[2J title"
        journey.stages[0].touchpoints[0].prompt = "Line\u{1B}]0;owned\u{07} \u{9B}31m red"
        journey.stages[0].touchpoints[0].checklist = [ChecklistItem("tab\there"), ChecklistItem("bell\u{07}")]
        var state = WalkState(journey: journey, details: WalkDetails(), now: at(0))
        state.run([.resized(width: 80, height: 24), .key(.enter)], at: at(0))
        state.press(.char("e"), .char("a"), .enter)
        let canvas = render(state)
        assertSnapshot(canvas, named: "hostile-text-80x24")
        for cell in canvas.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }

    @Test func everyFrameFitsItsCanvasAtManySizes() {
        var state = WalkState.walkingStore()
        state.press(.char("m"), .char("e"))
        state.run(String(repeating: "long note ", count: 30).keys.map { .key($0) })
        state.press(.enter)
        for width in [60, 61, 79, 80, 99, 100, 101, 140, 200] {
            for height in [16, 17, 24, 40] {
                _ = state.apply(.resized(width: width, height: height), now: at(10))
                let canvas = render(state, width: width, height: height)
                for row in 0..<height {
                    #expect(TerminalText.width(of: canvas.text(row: row)) == width, "\(width)x\(height) row \(row)")
                }
                #expect(canvas.text(row: height - 1).contains("? help"), "\(width)x\(height) footer")
                #expect(canvas.text.contains("Touchpoint 2/5"), "\(width)x\(height) progress")
            }
        }
    }

    @Test func footerIsGeneratedFromTheKeyTable() {
        let canvas = render(.walkingStore())
        let footer = canvas.text(row: 23)
        for item in WalkKeys.walking.footerItems where item.priority <= 3 {
            #expect(footer.contains("\(item.key) \(item.name)"), "footer lacks \(item.key)")
        }
        // From 120 columns the field kit's first keys join; `?` lists every key.
        let wide = render(.walkingStore(), width: 120, height: 30)
        for item in WalkKeys.walking.footerItems where item.priority <= 5 {
            #expect(wide.text(row: 29).contains("\(item.key) \(item.name)"))
        }
    }
}

@Suite struct HomeScreenTests {
    static let items: [HomeState.Item] = [
        .journey(id: "gym-membership", title: "Gym membership, first enquiry to first month", path: "journeys/gym.yaml", stages: 4, touchpoints: 9),
        .journey(id: "retail-store-visit", title: "Retail store visit", path: "journeys/retail.yaml", stages: 3, touchpoints: 9),
        .unfinished(path: "/w/1.jsonl", title: "Retail store visit", started: "2026-11-22 10:15", recorded: 4, total: 9),
        .broken(path: "journeys/typo.yaml", problem: "2 problems"),
    ]

    @Test func homeScreen() {
        let state = HomeState(items: Self.items)
        var canvas = Canvas(width: 80, height: 24)
        HomeScreen.render(state, into: &canvas)
        assertSnapshot(canvas, named: "home-80x24")
    }

    /// The samples are built in: with no journey file they are listed to walk as they are (as
    /// `walk ID` does), never "No journeys found"; installing them is for editing.
    @Test func offersTheSamplesWhenNoJourneyFilesAreFound() {
        let samples: [HomeState.Item] = [
            .sample(id: "gym-membership", title: "Gym membership, first enquiry to first month", stages: 4, touchpoints: 9),
            .sample(id: "retail-store-visit", title: "Retail store visit", stages: 3, touchpoints: 9),
        ]
        let offer = HomeState.Item.installSamples(folder: "/home/sam/.local/share/journeywalk/journeys", count: 4)
        var state = HomeState(items: samples + [offer, .review(walks: 0)])
        #expect(state.selection == 0)
        #expect(state.apply(.enter) == .open(samples[0]))
        _ = state.apply(.down)
        _ = state.apply(.down)
        #expect(state.apply(.enter) == .open(offer))
        state.note("Sample journeys in /home/sam/.local/share/journeywalk/journeys: 4 installed.")
        var canvas = Canvas(width: 80, height: 24)
        HomeScreen.render(state, into: &canvas)
        assertSnapshot(canvas, named: "home-install-80x24")
        #expect(canvas.text.contains("Install the 4 sample journeys"))
        #expect(canvas.text.contains("retail-store-visit · 9 touchpoints"))
        #expect(!canvas.text.contains("No journeys found"))
        _ = state.apply(.down)
        #expect(state.message == nil, "the next key clears it")
    }

    /// SPEC 8.2: the home screen says how many walks wait in the team's queue (read from its folder,
    /// no connection), beside the unfinished walks in the title bar; nothing when none wait.
    @Test func theTitleBarSaysHowManyWalksWaitToBePushed() {
        var state = HomeState(items: Self.items)
        var canvas = Canvas(width: 80, height: 24)
        HomeScreen.render(state, into: &canvas)
        #expect(canvas.text(row: 0).hasSuffix("1 unfinished walk "))
        state.teamWaiting = 2
        canvas = Canvas(width: 80, height: 24)
        HomeScreen.render(state, into: &canvas)
        #expect(canvas.text(row: 0).hasSuffix("1 unfinished walk · 2 to push "), "\(canvas.text(row: 0))")
    }

    @Test func theSelectionStartsOnResumingAnUnfinishedWalk() {
        var state = HomeState(items: Self.items)
        #expect(state.selection == 2, "the unfinished walk, after the journeys")
        #expect(state.apply(.enter) == .open(Self.items[2]))
        let none = HomeState(items: Array(Self.items.prefix(2)) + [.review(walks: 3)])
        #expect(none.selection == 0, "without one: the first journey")
    }

    @Test func selectionSkipsBrokenFilesAndOpensItems() {
        var state = HomeState(items: Self.items)
        _ = state.apply(.char("g"))
        #expect(state.selection == 0)
        _ = state.apply(.char("G"))
        #expect(state.selection == 2)
        _ = state.apply(.down)
        #expect(state.selection == 2)
        #expect(state.apply(.enter) == .open(Self.items[2]))
        #expect(state.apply(.char("q")) == .quit)
    }
}
