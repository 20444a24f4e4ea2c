@testable import WalkUI
import Testing

@Suite struct CanvasChangesTests {
    @Test func onlyRowsThatDifferAreSent() {
        var frame = Canvas(width: 200, height: 60)
        for row in 0..<60 { frame.put(String(repeating: "█▀ ", count: 66), row: row, column: 0, role: .heading) }
        #expect(frame.rowsChanged(since: nil) == nil, "no frame on the screen yet: draw it all")
        #expect(frame.rowsChanged(since: frame) == [])
        var next = frame
        next.put("7", row: 30, column: 100)
        next.paint(row: 41, from: 3, to: 4, role: .misery)
        #expect(next.rowsChanged(since: frame) == [30, 41])
        #expect(next.rowsChanged(since: Canvas(width: 80, height: 24)) == nil, "another size: draw it all")
    }

    @Test func aVoteOnTheProjectorChangesAFewRows() {
        var state = WorkshopState.started()
        state.press(.char("m"), at: at(5))
        let before = render(state, width: 200, height: 60)
        state.press(.char("x"), at: at(5))
        let after = render(state, width: 200, height: 60)
        let rows = after.rowsChanged(since: before) ?? []
        #expect(!rows.isEmpty && rows.count <= 12, "\(rows)")
    }

    @Test func aJoinedEmojiTakesTheColumnsItsPartsAreDrawnIn() {
        var canvas = Canvas(width: 12, height: 1)
        let end = canvas.put("a👨\u{200D}👧b", row: 0, column: 0)
        #expect(end == 6)
        #expect(canvas.text(row: 0) == "a👨👧b      ")
    }
}
