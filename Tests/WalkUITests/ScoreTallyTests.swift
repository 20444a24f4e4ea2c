import Foundation
import JourneyKit
@testable import WalkUI
import Testing

/// The walk screen keeps the score and the verdict counts up to date one record at a time; they
/// must always equal counting the whole walk again.
@Suite struct ScoreTallyTests {
    @Test func theKeptScoreAndCountsEqualACountOfTheWholeWalk() {
        var state = WalkState.walking(shopJourney)
        var generator = SystemRandomNumberGenerator()
        let keys: [Key] = [.char("y"), .char("n"), .char("a"), .char("x"), .down, .up, .escape]
        var checked = 0
        for step in 0..<600 {
            let roll = Int.random(in: 0..<10, using: &generator)
            var pressed: [Key]
            switch roll {
            case 0: pressed = [.char("m")]
            case 1: pressed = [.char("X")]
            case 2: pressed = [.left]
            case 3: pressed = [.right]
            case 4: pressed = [.char("u")]
            case 5: pressed = [.char("c")]
            default: pressed = [keys[Int.random(in: 0..<keys.count, using: &generator)]]
            }
            // A No opens its comment: leave it with Esc so the keys go on answering.
            if state.editor != nil { pressed = [.escape] + pressed }
            state.run(pressed.map { .key($0) }, at: at(Double(step)))
            guard let walk = state.walk else { continue }
            #expect(state.score == VisitScore(walk), "after step \(step): \(pressed)")
            #expect(state.summary == walk.summary, "after step \(step): \(pressed)")
            checked += 1
        }
        #expect(checked == 600)
        #expect(state.walk.map { !$0.moment(for: "greeting").answers.isEmpty || !$0.moment(for: "browse").answers.isEmpty } == true,
                "the keys did answer items")
    }

    @Test func aCriticalNoFailsAndTakingItBackPassesAgain() {
        var state = WalkState.walking(shopJourney)
        state.press(.char("c"), .char("y"), .char("y"), .char("n"))
        #expect(state.score?.criticalFailed == ["greeting"])
        #expect(state.score?.passed == false)
        state.press(.escape, .char("u"))
        #expect(state.score?.criticalFailed == [])
        #expect(state.score?.percent == 100)
        #expect(state.score == state.walk.map(VisitScore.init))
    }
}
