import Foundation
import Glibc
import Testing

@Suite(.serialized) struct WalkEndToEndTests {
    @Test func walkKillResumeAndFinishInARealTerminal() throws {
        #expect(spawnAndWait(["tmux", "-V"]).status == 0, "tmux is needed for the end-to-end tests (apt-get install tmux)")
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        let binary = shellQuoted(journeywalkBinary)
        let env = "JOURNEYWALK_HOME=\(shellQuoted(home)) NO_COLOR="

        // Walk three touchpoints and write a note, then die without warning.
        tmux.start("cd \(shellQuoted(repositoryRoot)) && exec env \(env) \(binary) walk retail-store-visit --operator 'Café ★ naïve' --role shopper")
        let briefing = tmux.waitFor("Enter start")
        #expect(briefing.found, "no briefing:\n\(briefing.screen)")
        #expect(briefing.screen.contains("Café ★ naïve"))
        tmux.send("Enter")
        #expect(tmux.waitFor("Touchpoint 1/9").found)
        tmux.send("m")
        #expect(tmux.waitFor("Touchpoint 2/9").found)
        tmux.send("X")
        #expect(tmux.waitFor("Touchpoint 3/9").found)
        tmux.send("e")
        #expect(tmux.waitFor("Enter save").found)
        tmux.type("Door sign says 9–18, site says 10–18 ★")
        tmux.send("Enter")
        #expect(tmux.waitFor("Note saved").found)
        tmux.send("n")
        let beforeKill = tmux.waitUntil { $0.contains("Touchpoint 4/9") && timelineShowsThreeVerdicts($0) }
        #expect(beforeKill.found, "screen:\n\(beforeKill.screen)")
        #expect(timelineShowsThreeVerdicts(beforeKill.screen), "timeline panel:\n\(beforeKill.screen)")

        let walks = home + "/walks"
        let files = try FileManager.default.contentsOfDirectory(atPath: walks).filter { $0.hasSuffix(".jsonl") }
        #expect(files.count == 1)
        let path = walks + "/" + (files.first ?? "")
        let journal = try String(contentsOfFile: path, encoding: .utf8)
        #expect(journal.split(separator: "\n").count == 5, "header, three verdicts and a note:\n\(journal)")
        #expect(journal.contains("\"text\":\"Door sign says 9–18, site says 10–18 ★\""))
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(stat(walks, &info) == 0 && info.st_mode & 0o777 == 0o700)

        let pid = try #require(tmux.panePID)
        #expect(kill(pid, SIGKILL) == 0)
        usleep(200_000)
        // As if the power had gone in the middle of writing a fifth record.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"type\":\"verdict\",\"at\":\"2026-11-2".utf8))
        try handle.close()

        // Resume where it stopped and finish.
        tmux.start("cd \(shellQuoted(repositoryRoot)) && env \(env) \(binary) resume; echo EXIT=$?; sleep 600")
        let resumed = tmux.waitUntil { $0.contains("line 6 of the walk file: the last record was cut off") && timelineShowsThreeVerdicts($0) }
        #expect(resumed.found, "screen after resume:\n\(resumed.screen)")
        #expect(resumed.screen.contains("! "), "the cut-off line is shown as a warning")
        #expect(resumed.screen.contains("Touchpoint 4/9"))
        #expect(timelineShowsThreeVerdicts(resumed.screen), "timeline panel:\n\(resumed.screen)")
        for next in 5...9 {
            tmux.send("m")
            #expect(tmux.waitFor("Touchpoint \(next)/9").found)
        }
        tmux.send("M")
        #expect(tmux.waitFor("all touchpoints recorded: q to finish").found)
        tmux.send("q")
        #expect(tmux.waitFor("Finish the walk?").found)
        tmux.send("f")
        #expect(tmux.waitFor("What customers remember").found, "the debrief comes first")
        tmux.send("Enter")
        let done = tmux.waitFor("EXIT=0")
        #expect(done.found, "after finishing:\n\(done.screen)")
        #expect(done.screen.contains("Walk saved: \(path)"))
        #expect(done.screen.contains("7 magic · 1 neutral · 1 misery · 0 skipped · 0 unrecorded"))
        #expect(done.screen.contains("warning: \(path):6: the last record was cut off (33 bytes, no end of line) and was not loaded")
            || done.screen.replacingOccurrences(of: "\n", with: "").contains("the last record was cut off (33 bytes"))

        let finished = try String(contentsOfFile: path, encoding: .utf8)
        #expect(finished.hasSuffix("\n"))
        #expect(finished.split(separator: "\n").last?.contains("\"type\":\"finish\"") == true)
        #expect(finished.components(separatedBy: "\"type\":\"verdict\",\"at\":\"2026-11-2\n").count == 2, "the damaged line stays, ended by a newline")
        #expect(try WalkFileCount(finished).verdicts == 9)

        let list = spawnAndWait([journeywalkBinary, "resume", "--data-dir", home])
        #expect(list.status == 1)
        #expect(list.output.contains("no unfinished walks"))
    }

    @Test func aWalkWhoseHeaderCannotBeWrittenLeavesNoBrokenWalk() throws {
        // A file-size limit of one block stops the new walk's header part-way: the write fails (EFBIG;
        // journeywalk ignores SIGXFSZ), the briefing says so, and no walk file is left half made.
        // (A kill -9 at that moment is the soak's part: bench/soak.)
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("cd \(shellQuoted(repositoryRoot)) && ulimit -f 1 && env JOURNEYWALK_HOME=\(shellQuoted(home)) \(shellQuoted(journeywalkBinary)) walk journeys/retail-store-visit.yaml; echo EXIT=$?; sleep 600")
        #expect(tmux.waitFor("Enter start").found)
        tmux.send("Enter")
        let refused = tmux.waitFor("NOT SAVED")
        #expect(refused.found && refused.screen.contains("File too large"), "the briefing says why:\n\(refused.screen)")
        #expect(refused.screen.contains("Walk details"), "still on the briefing")
        tmux.send("q")
        let ended = tmux.waitFor("EXIT=")
        #expect(ended.screen.contains("EXIT=0"), "\(ended.screen)")
        #expect(ended.screen.contains("nothing was saved"), "\(ended.screen)")
        let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: home + "/walks")) ?? []).filter { $0.hasSuffix(".new") }
        #expect(leftovers.isEmpty, "the hidden file the header was written to is removed: \(leftovers)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: home + "/walks")) ?? []
        for name in names where name.hasSuffix(".jsonl") {
            let report = spawnAndWait([journeywalkBinary, "report", home + "/walks/" + name, "--format", "json"])
            Issue.record("a walk file that was never started is left behind: \(name) (report: \(report.output))")
        }
        let resume = spawnAndWait([journeywalkBinary, "resume", "--data-dir", home])
        #expect(resume.output.contains("no unfinished walks"), "\(resume.output)")
    }

    @Test func homeScreenWalksAJourneyAndReviewsIt() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("cd \(shellQuoted(repositoryRoot)) && env JOURNEYWALK_HOME=\(shellQuoted(home)) \(shellQuoted(journeywalkBinary)); echo EXIT=$?; sleep 600")
        let screen = tmux.waitFor("Walk a journey")
        #expect(screen.found, "home:\n\(screen.screen)")
        #expect(screen.screen.contains("Review saved walks"))
        for id in ["gym-membership", "phone-support-call", "online-order-return", "retail-store-visit"] {
            #expect(screen.screen.contains(id))
        }
        tmux.send("j", "j", "Enter")
        #expect(tmux.waitFor("Briefing").found)
        #expect(tmux.capture().contains("Phone support call"))
        tmux.send("Enter")
        #expect(tmux.waitFor("Touchpoint 1/10").found)
        tmux.send("x", "q", "f")
        #expect(tmux.waitFor("Final check").found, "nine touchpoints are not recorded")
        tmux.send("f")
        #expect(tmux.waitFor("What customers remember").found, "the debrief comes next")
        tmux.send("Enter")
        let done = tmux.waitFor("EXIT=0")
        #expect(done.found, "after finishing:\n\(done.screen)")
        #expect(done.screen.contains("0 magic · 0 neutral · 1 misery · 0 skipped · 9 unrecorded"))
    }

    @Test func tooSmallThenResizedAndNoColour() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start(
            "cd \(shellQuoted(repositoryRoot)) && env JOURNEYWALK_HOME=\(shellQuoted(home)) NO_COLOR=1 \(shellQuoted(journeywalkBinary)) walk journeys/gym-membership.yaml; echo EXIT=$?; sleep 600",
            width: 40, height: 10)
        let small = tmux.waitFor("Terminal too small")
        #expect(small.found, "screen:\n\(small.screen)")
        tmux.tmux("resize-window", "-t", "jw", "-x", "100", "-y", "30")
        let big = tmux.waitFor("Enter start")
        #expect(big.found, "after resize:\n\(big.screen)")
        let styled = tmux.capture(escapes: true)
        #expect(colourParameters(in: styled).isEmpty, "NO_COLOR set but colours were sent")
        #expect(styled.contains("\u{1B}[7m") || styled.contains(";7m"), "reverse video still marks the title bar")
        tmux.send("q")
        let quit = tmux.waitFor("EXIT=0")
        #expect(quit.found)
        #expect(quit.screen.contains("Walk not started; nothing was saved."))
    }
}

/// Counts complete verdict records in a journal.
struct WalkFileCount {
    var verdicts: Int
    init(_ text: String) throws {
        verdicts = text.split(separator: "\n").filter { $0.hasPrefix("{\"type\":\"verdict\"") && $0.hasSuffix("}") }.count
    }
}

@Suite struct CommandLineTests {
    @Test func anUnsetTermIsAClearError() {
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("env -u TERM \(shellQuoted(journeywalkBinary)) walk \(shellQuoted(repositoryRoot + "/journeys/gym-membership.yaml")); echo EXIT=$?; sleep 600")
        let screen = tmux.waitFor("EXIT=")
        #expect(screen.screen.contains("TERM is not set"))
        #expect(screen.screen.contains("EXIT=1"))
    }

    @Test func interactiveCommandsRefuseWithoutATerminal() {
        let result = spawnAndWait([journeywalkBinary, "walk", repositoryRoot + "/journeys/retail-store-visit.yaml", "--data-dir", temporaryFolder()])
        #expect(result.status == 1)
        #expect(result.output.contains("needs a terminal"))
        #expect(!result.output.contains("\u{1B}"))
    }

    @Test func validateNamesFileLineAndColumn() {
        let bad = repositoryRoot + "/Tests/JourneyStoreTests/Fixtures/bad/unknown-keys.yaml"
        let good = repositoryRoot + "/journeys/phone-support-call.yaml"
        let result = spawnAndWait([journeywalkBinary, "journeys", "validate", good, bad])
        #expect(result.status == 1)
        #expect(result.output.contains("\(good): ok (5 stages, 10 touchpoints)"))
        #expect(result.output.contains("\(bad):2:1: unknown key 'versoin' in the journey (did you mean 'version'?)"))
        #expect(!result.output.contains("Fatal error"))
    }

    @Test func walkWithABadJourneyFailsBeforeTheScreen() {
        let bad = repositoryRoot + "/Tests/JourneyStoreTests/Fixtures/bad/not-utf8.yaml"
        let result = spawnAndWait([journeywalkBinary, "walk", bad])
        #expect(result.status == 1)
        #expect(result.output == "\(bad):1:11: the file is not UTF-8 text (byte 0xE9 here); save it as UTF-8\n")
    }

    @Test func listShowsTheShippedJourneys() {
        let result = spawnAndWait(["sh", "-c", "cd \(shellQuoted(repositoryRoot)) && \(shellQuoted(journeywalkBinary)) journeys list --data-dir /nonexistent"])
        #expect(result.status == 0)
        for id in ["retail-store-visit", "phone-support-call", "online-order-return", "gym-membership"] {
            #expect(result.output.contains(id))
        }
        #expect(result.output.hasPrefix("ID "))
    }
}

/// The SGR parameters in terminal output that set a colour (30–37, 40–47, 90–97, 100–107, 38, 48).
func colourParameters(in text: String) -> [Int] {
    var found: [Int] = []
    var rest = Substring(text)
    while let start = rest.range(of: "\u{1B}[") {
        rest = rest[start.upperBound...]
        guard let end = rest.firstIndex(where: { !($0.isNumber || $0 == ";") }) else { break }
        if rest[end] == "m" {
            let parameters = rest[..<end].split(separator: ";").compactMap { Int($0) }
            found += parameters.filter { (30...37).contains($0) || (40...47).contains($0) || (90...97).contains($0) || (100...107).contains($0) || $0 == 38 || $0 == 48 }
        }
        rest = rest[end...]
    }
    return found
}

/// The side panel (100 columns) lists the first three touchpoints with their verdict glyphs.
func timelineShowsThreeVerdicts(_ screen: String) -> Bool {
    screen.contains("★  Find opening hours online") && screen.contains("✖✖ Check whether the store")
        && screen.contains("●  Arrival and first impression")
}

/// A report says only what happened: a touchpoint judged after two seconds on screen, with no split
/// timer started, has no timer reading and meets no target, in the CSV as on every other page.
@Suite struct TruthfulTimerEndToEndTests {
    @Test func timeOnScreenIsNoTimerReadingInTheReport() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("cd \(shellQuoted(repositoryRoot)) && env JOURNEYWALK_HOME=\(shellQuoted(home)) NO_COLOR= \(shellQuoted(journeywalkBinary)) walk retail-store-visit; echo EXIT=$?; sleep 600")
        #expect(tmux.waitFor("Enter start").found)
        tmux.send("Enter")
        #expect(tmux.waitFor("Touchpoint 1/9").found)
        usleep(2_100_000)
        tmux.send("m")
        #expect(tmux.waitFor("Touchpoint 2/9").found)
        tmux.send("s")
        #expect(tmux.waitFor("Touchpoint 3/9").found)
        tmux.send("q")
        #expect(tmux.waitFor("f finish").found)
        tmux.send("f")
        #expect(tmux.waitFor("Final check").found)
        tmux.send("f")
        #expect(tmux.waitFor("debrief").found)
        tmux.send("Enter")
        #expect(tmux.waitFor("EXIT=0").found)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: home + "/walks").first { $0.hasSuffix(".jsonl") })
        let report = spawnAndWait([journeywalkBinary, "report", home + "/walks/" + file, "--format", "csv"], environment: ["JOURNEYWALK_HOME": home])
        #expect(report.status == 0, "\(report.output)")
        let rows = report.output.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(rows.first)
        func cell(_ row: Int, _ column: String) -> String? {
            guard let index = header.firstIndex(of: column), rows.indices.contains(row), rows[row].indices.contains(index) else { return nil }
            return rows[row][index]
        }
        for row in [1, 2] {
            #expect(cell(row, "timer_reading_seconds") == "", "row \(row): no stopwatch ran")
            #expect(cell(row, "timer_met") == "", "row \(row): nothing to judge")
            #expect(cell(row, "timer_seconds") == "")
        }
        #expect(cell(1, "verdict") == "magic" && cell(2, "verdict") == "skipped")
        #expect(Int(cell(1, "on_screen_seconds") ?? "").map { $0 >= 2 } == true, "the time on screen is kept as such: \(cell(1, "on_screen_seconds") ?? "nil")")
    }
}

/// The one rule after a verdict in the real binary: a photo attached right after `x` goes to the
/// moment just judged, and the confirmation says so; after Esc, to the touchpoint on screen.
@Suite struct KeysAfterAVerdictEndToEndTests {
    @Test func evidenceAttachedRightAfterAVerdictGoesToTheMomentJustJudged() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let photo = home + "/shelf.jpg"
        try "jpg".write(toFile: photo, atomically: true, encoding: .utf8)
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("cd \(shellQuoted(repositoryRoot)) && env JOURNEYWALK_HOME=\(shellQuoted(home)) NO_COLOR= \(shellQuoted(journeywalkBinary)) walk retail-store-visit; echo EXIT=$?; sleep 600", width: 100, height: 30)
        #expect(tmux.waitFor("Enter start").found)
        tmux.send("Enter")
        #expect(tmux.waitFor("Touchpoint 1/9").found)
        tmux.send("x")
        #expect(tmux.waitFor("e T c t a @ act on it; Esc: this one").found)
        tmux.send("a")
        #expect(tmux.waitFor("To: Find opening hours online (just judged)").found)
        tmux.type(photo)
        tmux.send("Enter")
        let attached = tmux.waitFor("Attached shelf.jpg to Find opening hours online")
        #expect(attached.found, "\(attached.screen)")
        #expect(attached.screen.contains("Touchpoint 2/9"), "the walk stays on the next touchpoint")
        tmux.send("Escape")
        #expect(tmux.waitFor("Keys act on Check whether the store has gift ideas in stock again").found)
        tmux.send("a")
        #expect(tmux.waitFor("To: Check whether the store has gift ideas in stock").found)
        tmux.type(photo)
        tmux.send("Enter")
        #expect(tmux.waitFor("Attached shelf.jpg to Check whether the store has gift ideas in stock").found)
        tmux.send("C-c")
        #expect(tmux.waitFor("EXIT=").found)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: home + "/walks").first { $0.hasSuffix(".jsonl") })
        let evidence = try String(contentsOfFile: home + "/walks/" + file, encoding: .utf8).split(separator: "\n").filter { $0.contains("\"type\":\"evidence\"") }
        #expect(evidence.count == 2)
        #expect(evidence.first?.contains("\"touchpoint\":\"find-opening-hours\"") == true, "\(evidence)")
        #expect(evidence.last?.contains("\"touchpoint\":\"check-stock-online\"") == true, "\(evidence)")
    }
}
