import Foundation
import JourneyKit
@testable import WalkUI
import Testing

/// The walk screen keeps the score and the verdict counts up to date one record at a time; they
/// must always equal counting the whole walk again.
@Suite struct ScoreTallyTests {
    @Test func theKeptScoreAndCountsEqualACountOfTheWholeWalk() {
        var state = WalkState.walking(shopJourney)
        var generator = SeededGenerator(seed: 7)
        let keys: [Key] = [.char("y"), .char("n"), .char("a"), .char("x"), .down, .up, .escape]
        var checked = 0
        var answered = 0
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
            if walk.moments.values.contains(where: { !$0.answers.isEmpty }) { answered += 1 }
        }
        #expect(checked == 600)
        #expect(answered > 100, "the keys did answer items (\(answered) steps with answers)")
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

/// A small repeatable generator (SplitMix64), so a failing sequence can be run again.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
