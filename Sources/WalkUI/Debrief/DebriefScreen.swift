import JourneyKit

/// Draws the debrief: one screen with what the walk says, scrolled when it is longer than the screen.
public enum DebriefScreen {
    public static func render(_ state: DebriefState, today: CalendarDay?, message: WalkState.Message?, into canvas: inout Canvas) {
        for row in 0..<canvas.height { canvas.put(String(repeating: " ", count: canvas.width), row: row, column: 0) }
        if canvas.width < minimumTerminalSize.width || canvas.height < minimumTerminalSize.height {
            ScreenParts.tooSmall(&canvas, needs: minimumTerminalSize, note: "Every recorded moment is saved.")
            return
        }
        ScreenParts.titleBar(&canvas, left: "journeywalk · Debrief · " + state.title, right: state.counts)
        var lines = state.debrief.lines(width: canvas.width - 2, today: today)
        let room = canvas.height - 5
        // When it does not fit, the blank lines between the parts go first.
        if lines.count > room { lines = lines.filter { !$0.text.isEmpty } }
        let offset = min(state.offset, max(0, lines.count - room))
        for (index, line) in lines[offset..<min(lines.count, offset + room)].enumerated() {
            canvas.put(line.text, row: 2 + index, column: 1, role: line.role, limit: canvas.width - 2, ellipsis: true)
        }
        if offset + room < lines.count {
            canvas.putRight("↓ more", row: canvas.height - 3, endColumn: canvas.width - 1, role: .dim)
        }
        ScreenParts.status(&canvas, message)
        ScreenParts.footer(&canvas, items: DebriefState.keys.footerItems)
    }
}
