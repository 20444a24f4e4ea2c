import Foundation
import Glibc
import Testing

@Suite(.serialized) struct WorkshopEndToEndTests {
    @Test func aRoomVotesTakesBackRunsOutOfTimeAndGetsItsHandout() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        let binary = shellQuoted(journeywalkBinary)
        tmux.start(
            "cd \(shellQuoted(repositoryRoot)) && env JOURNEYWALK_HOME=\(shellQuoted(home)) NO_COLOR=1 \(binary) workshop gym-membership --room 'Room 4' --timebox 4s --operator Ana; echo EXIT=$?; sleep 600",
            width: 200, height: 60)
        let first = tmux.waitUntil { $0.contains("Touchpoint 1/") && $0.contains("Verdict · no votes yet") }
        #expect(first.found, "no workshop screen:\n\(first.screen)")
        #expect(first.screen.contains("██"), "the title in big letters at 200x60")
        #expect(first.screen.contains("Room 4 · Stage 1/"))

        tmux.send("m")
        #expect(tmux.waitFor("Verdict ★ magic · 1 of 1 vote").found)
        tmux.send("m")
        #expect(tmux.waitFor("Verdict ★ magic · 2 of 2 votes").found)
        tmux.send("x")
        #expect(tmux.waitFor("Verdict ★ magic · 2 of 3 votes").found)
        tmux.send("u")
        let undone = tmux.waitFor("Took back a ✖ misery vote")
        #expect(undone.found, "screen:\n\(undone.screen)")
        #expect(undone.screen.contains("Verdict ★ magic · 2 of 2 votes"))
        tmux.send("x")
        tmux.send("x")
        #expect(tmux.waitFor("Verdict ◐ split · no majority, 4 votes").found)

        // The four-second timebox runs out; the workshop says so and stays on the touchpoint.
        let up = tmux.waitFor("▲ TIME UP", timeout: 10)
        #expect(up.found, "screen:\n\(up.screen)")
        usleep(1_200_000)
        let later = tmux.capture()
        #expect(later.contains("Touchpoint 1/") && later.contains("▲ TIME UP"), "time up never moves on:\n\(later)")
        #expect(colourParameters(in: tmux.capture(escapes: true)).isEmpty, "NO_COLOR set but colours were sent")

        // A smaller projector: laid out again at once, the title as bold text.
        tmux.tmux("resize-window", "-t", "jw", "-x", "80", "-y", "24")
        let small = tmux.waitUntil { $0.contains("Question on social media") && $0.contains("Verdict ◐ split") }
        #expect(small.found, "after resize:\n\(small.screen)")

        tmux.send("q")
        #expect(tmux.waitFor("Most divided").found)
        tmux.send("q")
        let done = tmux.waitFor("EXIT=0")
        #expect(done.found, "after finishing:\n\(done.screen)")
        #expect(done.screen.contains("0 magic · 0 neutral · 0 misery · 1 split · 0 skipped"))
        // The handout's command runs as printed, pasted into a shell where journeywalk is not
        // installed (the binary under test is not on the PATH, as with `swift run`).
        // Read with wrapped rows joined: where the line wraps depends on how long the path is.
        let joined = tmux.captureJoined()
        let printed = (joined.components(separatedBy: "Handout: ").last?.components(separatedBy: "\n").first ?? "").trimmingCharacters(in: .whitespaces)
        #expect(printed.hasPrefix(journeywalkBinary + " report "), "\(printed)")
        let pasted = spawnAndWait(["sh", "-c", "cd \(shellQuoted(home)) && env PATH=/usr/bin:/bin JOURNEYWALK_HOME=\(shellQuoted(home)) " + printed])
        #expect(pasted.status == 0, "\(printed)\n\(pasted.output)")
        let handouts = (try? FileManager.default.contentsOfDirectory(atPath: home))?.filter { $0.hasSuffix(".html") } ?? []
        #expect(handouts.count == 1, "\(handouts)")

        // The walk file: the trainer in the room, each tally on disk, the majority as the verdict.
        let walks = home + "/walks"
        let files = try FileManager.default.contentsOfDirectory(atPath: walks).filter { $0.hasSuffix(".jsonl") }
        #expect(files.count == 1)
        let path = walks + "/" + (files.first ?? "")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("\"role\":\"trainer\",\"location\":\"Room 4\",\"channel\":\"workshop\"") == true)
        let tallies = lines.filter { $0.hasPrefix("{\"type\":\"votes\"") }.map { line in
            ["magic", "neutral", "misery"].map { key in line.range(of: "\"\(key)\":").map { String(line[$0.upperBound...].prefix { $0.isNumber }) } ?? "?" }.joined(separator: "/")
        }
        #expect(tallies == ["1/0/0", "2/0/0", "2/0/1", "2/0/0", "2/0/1", "2/0/2"])
        #expect(lines.filter { $0.hasPrefix("{\"type\":\"votes\"") && $0.contains("\"undo\":true") }.count == 1)
        let verdicts = lines.filter { $0.hasPrefix("{\"type\":\"verdict\"") }
        #expect(verdicts.count == 2 && verdicts[0].contains("\"verdict\":\"magic\"") && verdicts[1].contains("\"verdict\":\"split\""), "\(verdicts)")
        #expect(lines.last?.hasPrefix("{\"type\":\"finish\"") == true)

        // The handout.
        let handout = spawnAndWait([journeywalkBinary, "report", path, "--format", "md"], environment: ["JOURNEYWALK_HOME": home, "PATH": "/usr/bin:/bin"])
        #expect(handout.status == 0, "\(handout.output)")
        #expect(handout.output.contains("| Question on social media | ◐ split |"))
        #expect(handout.output.contains("Role: trainer · Location: Room 4"))
    }

    @Test func badOptionsAndJourneysAreRefusedBeforeTheScreen() {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["JOURNEYWALK_HOME": home, "PATH": "/usr/bin:/bin", "TERM": "xterm-256color"]
        let timebox = spawnAndWait([journeywalkBinary, "workshop", "gym-membership", "--timebox", "soon"], environment: environment)
        #expect(timebox.status != 0)
        #expect(timebox.output.contains("--timebox 'soon' is not a duration: write it like 45s, 3m or 1m30s"), "\(timebox.output)")
        let theme = spawnAndWait([journeywalkBinary, "workshop", "gym-membership", "--theme", "sepia"], environment: environment)
        #expect(theme.status != 0 && theme.output.contains("sepia"), "\(theme.output)")
        let missing = spawnAndWait([journeywalkBinary, "workshop", "no-such-journey"], environment: environment)
        #expect(missing.status == 1 && missing.output.contains("no-such-journey"), "\(missing.output)")
        #expect(!missing.output.contains("\u{1B}["), "no screen was opened")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: home + "/walks"))?.isEmpty ?? true, "nothing saved")
    }

    @Test func aLightThemePaintsTheScreenWhite() {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start(
            "cd \(shellQuoted(repositoryRoot)) && env -u NO_COLOR JOURNEYWALK_HOME=\(shellQuoted(home)) TERM=xterm-256color \(shellQuoted(journeywalkBinary)) workshop gym-membership --theme light; echo EXIT=$?; sleep 600",
            width: 120, height: 40)
        let screen = tmux.waitFor("Verdict · no votes yet")
        #expect(screen.found, "screen:\n\(screen.screen)")
        let styled = tmux.capture(escapes: true)
        #expect(colourParameters(in: styled).contains(47), "a white background:\n\(styled.prefix(600))")
        tmux.send("C-c")
        #expect(tmux.waitFor("EXIT=0").found)
    }

    @Test func aResumedWorkshopKeepsTheRoomsTimebox() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        let run = "cd \(shellQuoted(repositoryRoot)) && env JOURNEYWALK_HOME=\(shellQuoted(home)) NO_COLOR=1 \(shellQuoted(journeywalkBinary))"
        tmux.start("\(run) workshop gym-membership --timebox 50s; \(run) resume; echo EXIT=$?; sleep 600", width: 120, height: 40)
        #expect(tmux.waitFor("timebox 0:50").found, "the session's timebox")
        tmux.send("m")
        #expect(tmux.waitFor("Verdict ★ magic · 1 of 1 vote").found)
        tmux.send("C-c")
        // Resumed on the same touchpoint, counting down from 0:50 again, not 3:00. The resumed
        // screen says so: the workshop's last frame can still be on screen while it exits, and a
        // Ctrl-C sent before `resume` has started would end the shell instead.
        let resumed = tmux.waitUntil { $0.contains("Resumed: 1 of 9") && $0.contains("Verdict ★ magic · 1 of 1 vote") && $0.contains("COUNTDOWN") }
        #expect(resumed.found, "resumed:\n\(resumed.screen)")
        #expect(resumed.screen.contains("timebox 0:50"), "\(resumed.screen)")
        tmux.send("C-c")
        #expect(tmux.waitFor("EXIT=0").found)
        let walks = home + "/walks"
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: walks).first { $0.hasSuffix(".jsonl") })
        let header = try String(contentsOfFile: walks + "/" + file, encoding: .utf8).prefix { $0 != "\n" }
        #expect(header.contains("\"workshop_timebox_seconds\":50,"), "\(header)")
    }
}
