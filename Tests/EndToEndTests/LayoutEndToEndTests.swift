import Foundation
import Glibc
import Testing

/// The screen as a real terminal shows it: curses measures some characters differently from the canvas.
@Suite(.serialized) struct LayoutEndToEndTests {
    @Test func theTitleBarKeepsEveryDigitWhateverTheTitleHolds() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        // Flags and an emoji with a skin tone: curses gives them more columns than one character each.
        var yaml = "title: \"Visit 🇬🇧🇫🇷 👍🏽 and a long title that goes on and on for a while, longer and longer\"\nstages:\n  - name: Only\n    touchpoints:\n"
        for number in 1...10_000 { yaml += "      - title: Stop \(number)\n" }
        let journey = home + "/big.yaml"
        try yaml.write(toFile: journey, atomically: true, encoding: .utf8)
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("env JOURNEYWALK_HOME=\(shellQuoted(home)) \(shellQuoted(journeywalkBinary)) walk \(shellQuoted(journey)); echo EXIT=$?; sleep 600", width: 120, height: 30)
        #expect(tmux.waitFor("Enter start", timeout: 30).found)
        tmux.send("Enter")
        #expect(tmux.waitFor("Touchpoint 1/10000").found)
        tmux.send("G")
        let last = tmux.waitFor("Stop 10000")
        let bar = last.screen.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        #expect(bar.hasSuffix("Stage 1/1 · Touchpoint 10000/10000") || bar.hasSuffix("Stage 1/1 · Touchpoint 10000/10000 "), "title bar: \(bar)")
        tmux.send("q", "l")
        #expect(tmux.waitFor("EXIT=0").found)
    }
}
