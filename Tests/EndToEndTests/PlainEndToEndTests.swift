import Foundation
import Glibc
import Testing

/// Plain mode run for real: commands from a file (no terminal at all) and typed with TERM=dumb.
@Suite(.serialized) struct PlainEndToEndTests {
    let journey = repositoryRoot + "/journeys/retail-store-visit.yaml"

    /// Writes lines to a file and returns its path.
    func answers(_ lines: [String], in folder: String, name: String = "answers.txt") throws -> String {
        let path = folder + "/" + name
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func walkFiles(_ home: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: home + "/walks")) ?? []).filter { $0.hasSuffix(".jsonl") }.map { home + "/walks/" + $0 }
    }

    /// A command line with no terminal: the environment has a TERM, but standard input is a file.
    func environment(_ home: String, term: String = "xterm-256color") -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["JOURNEYWALK_HOME"] = home
        environment["TERM"] = term
        return environment
    }

    @Test func commandsFromAFileRecordTheWalkLeaveItAndResumeIt() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let first = try answers([
            "operator Café ★ naïve", "role shopper", "start", "m", "strong misery",
            "note Door sign says 9–18, site says 10–18 ★", "n",
        ], in: home)
        let walked = spawnAndWait([journeywalkBinary, "walk", journey, "--plain"], environment: environment(home), stdin: first)
        #expect(walked.status == 0, "output:\n\(walked.output)")
        #expect(!walked.output.contains("\u{1B}"), "no escape sequences in plain mode")
        #expect(walked.output.hasPrefix("Briefing · Retail store visit\n"))
        #expect(walked.output.contains("Operator: Café ★ naïve\n"))
        #expect(walked.output.contains("\nSaved ★ magic: Find opening hours online. Until you move, note, tags, answer, timer, at and attach are about it (here: this one).\n"), "the rule, said once")
        #expect(walked.output.contains("\nSaved ✖✖ strong misery: Check whether the store has gift ideas in stock\n"))
        #expect(walked.output.contains("\nNote saved on Check whether the store has gift ideas in stock\n"), "right after its verdict, the note is for it")
        #expect(walked.output.contains("\nStage 2/3 · Touchpoint 4/9 · In the store\nGreeting · moment of truth\nchannel: store · target: 30s\n"))
        #expect(walked.output.contains("End of input: leaving the walk for later; everything recorded is saved and it can be resumed.\n"))

        let files = walkFiles(home)
        #expect(files.count == 1)
        let path = try #require(files.first)
        let journal = try String(contentsOfFile: path, encoding: .utf8)
        let records = journal.split(separator: "\n")
        #expect(records.count == 5, "header, three verdicts and a note:\n\(journal)")
        #expect(records.first?.contains("\"operator\":\"Café ★ naïve\",\"role\":\"shopper\"") == true)
        #expect(records.dropFirst().map { $0.prefix(18) } == ["{\"type\":\"verdict\",", "{\"type\":\"verdict\",", "{\"type\":\"note\",\"at", "{\"type\":\"verdict\","])
        #expect(records[2].contains("\"verdict\":\"misery\",\"intensity\":2"))
        #expect(records[3].contains("\"text\":\"Door sign says 9–18, site says 10–18 ★\""))
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)

        // The hint printed is the command that continues it.
        let id = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        #expect(walked.output.contains("Walk paused (not finished): \(path)\nResume it with: journeywalk resume \(id) --plain\n"))
        let second = try answers(["show", "x", "finish", "finish anyway"], in: home, name: "more.txt")
        let resumed = spawnAndWait([journeywalkBinary, "resume", id, "--plain"], environment: environment(home), stdin: second)
        #expect(resumed.status == 0, "output:\n\(resumed.output)")
        #expect(resumed.output.hasPrefix("Resumed: 3 of 9 touchpoints recorded\n"))
        #expect(resumed.output.contains("\nSaved ✖ misery: Greeting. Until you move"))
        #expect(resumed.output.contains("Walk saved: \(path)\n"))
        #expect(resumed.output.contains("1 magic · 1 neutral · 2 misery · 0 skipped · 5 unrecorded"))
        let finished = try String(contentsOfFile: path, encoding: .utf8)
        #expect(finished.split(separator: "\n").last?.hasPrefix("{\"type\":\"finish\"") == true)
    }

    @Test func aCompleteWalkReopensToBeCorrectedAndUndoReachesBackAcrossResumes() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let walked = spawnAndWait([journeywalkBinary, "walk", journey, "--plain"], environment: environment(home),
                                  stdin: try answers(["start", "m", "x", "finish", "finish anyway"], in: home))
        #expect(walked.status == 0, "output:\n\(walked.output)")
        let path = try #require(walkFiles(home).first)
        let id = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent

        let first = spawnAndWait([journeywalkBinary, "resume", id, "--plain"], environment: environment(home),
                                 stdin: try answers(["undo", "leave"], in: home, name: "first.txt"))
        #expect(first.status == 0, "output:\n\(first.output)")
        #expect(first.output.hasPrefix("Reopened a complete walk to correct it: each change is saved; finish completes it again\n"))
        #expect(first.output.contains("Undone: Check whether the store has gift ideas in stock is not recorded again"), "output:\n\(first.output)")
        #expect(first.output.contains("Walk saved, still complete (reopened and corrected): \(path)\n"))

        let second = spawnAndWait([journeywalkBinary, "resume", id, "--plain"], environment: environment(home),
                                  stdin: try answers(["undo", "finish", "finish anyway"], in: home, name: "second.txt"))
        #expect(second.status == 0, "output:\n\(second.output)")
        #expect(second.output.contains("Undone: Find opening hours online is not recorded again"), "output:\n\(second.output)")
        #expect(second.output.contains("Walk saved: \(path)\n"))
        let journal = try String(contentsOfFile: path, encoding: .utf8)
        #expect(journal.components(separatedBy: "{\"type\":\"finish\"").count == 3, "finished twice:\n\(journal)")

        let submitted = spawnAndWait([journeywalkBinary, "submit", id], environment: environment(home))
        #expect(submitted.status == 0, "output:\n\(submitted.output)")
        let refused = spawnAndWait([journeywalkBinary, "resume", id, "--plain"], environment: environment(home),
                                   stdin: try answers(["m"], in: home, name: "third.txt"))
        #expect(refused.status != 0)
        #expect(refused.output.contains(id), "the refusal names the walk:\n\(refused.output)")
    }

    @Test func linesNotUnderstoodAreNamedAndTheExitStatusSaysSo() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let input = try answers(["# a mystery shop on Main Street", "", "m", "dance", "x", "finish", "finish anyway"], in: home)
        let result = spawnAndWait([journeywalkBinary, "walk", journey, "--plain"], environment: environment(home), stdin: input)
        #expect(result.status == 1)
        #expect(result.output.contains("Line 4: unknown command 'dance'; commands: magic (m), "))
        #expect(result.output.contains("journeywalk: standard input line 4: unknown command 'dance'\n"))
        #expect(result.output.contains("Walk saved: "))
        #expect(result.output.contains("1 magic · 0 neutral · 1 misery · 0 skipped · 7 unrecorded"))
        #expect(walkFiles(home).count == 1)
    }

    @Test func aTextLongerThanItsFieldKeepsItsStartSaysSoAndCountsAsAProblemOfItsLine() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let long = String(repeating: "A", count: 12_000)
        let input = try answers([
            "start", "note " + long, "answer no 1 " + String(repeating: "C", count: 10_500), "comment 2 " + String(repeating: "D", count: 10_000),
            "praise Sam: " + String(repeating: "P", count: 10_001), "action " + String(repeating: "T", count: 10_003) + " | Sam", "leave",
        ], in: home)
        let result = spawnAndWait([journeywalkBinary, "walk", journey, "--plain"], environment: environment(home), stdin: input)
        #expect(result.status == 1, "output:\n\(result.output)")
        #expect(result.output.contains("\nNote saved on Find opening hours online\nWarning: A note holds at most 10,000 characters; the rest (2,000 characters) was not taken\n"))
        #expect(result.output.contains("\nWarning: A comment holds at most 10,000 characters; the rest (500 characters) was not taken\n"))
        #expect(result.output.contains("\nWarning: Praise holds at most 10,000 characters; the rest (1 character) was not taken\n"))
        #expect(result.output.contains("\nWarning: An action's text holds at most 10,000 characters; the rest (3 characters) was not taken\n"))
        #expect(!result.output.contains("line 4:"), "a text of exactly 10,000 characters is whole:\n\(result.output.suffix(2_000))")
        // Standard output is written as it is said (no C library buffer), so the walk's last words
        // come before the problems on standard error, as on a terminal.
        #expect(result.output.contains("""
            0 magic · 0 neutral · 0 misery · 0 skipped · 9 unrecorded
            journeywalk: standard input line 2: A note holds at most 10,000 characters; the rest (2,000 characters) was not taken
            journeywalk: standard input line 3: A comment holds at most 10,000 characters; the rest (500 characters) was not taken
            journeywalk: standard input line 5: Praise holds at most 10,000 characters; the rest (1 character) was not taken
            journeywalk: standard input line 6: An action's text holds at most 10,000 characters; the rest (3 characters) was not taken

            """), "output:\n\(result.output.suffix(2_000))")
        #expect(result.output.contains("\nWalk paused (not finished): \(home)/walks/"))

        let path = try #require(walkFiles(home).first)
        let journal = try String(contentsOfFile: path, encoding: .utf8)
        #expect(journal.contains("\"text\":\"" + String(repeating: "A", count: 10_000) + "\""), "the first 10,000 characters are kept")
        #expect(journal.contains("\"" + String(repeating: "C", count: 10_000) + "\""))
        #expect(journal.contains("\"" + String(repeating: "D", count: 10_000) + "\""))
        #expect(journal.contains("\"" + String(repeating: "P", count: 10_000) + "\""))
        #expect(journal.contains("\"" + String(repeating: "T", count: 10_000) + "\""))
        #expect(!journal.contains(String(repeating: "A", count: 10_001)) && !journal.contains(String(repeating: "P", count: 10_001)))
    }

    @Test func withoutPlainAFileAsInputIsRefusedNamingPlain() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let input = try answers(["m"], in: home)
        let result = spawnAndWait([journeywalkBinary, "walk", journey], environment: environment(home), stdin: input)
        #expect(result.status == 1)
        #expect(result.output == "journeywalk: the full-screen walk needs a terminal (standard input and output are not one); `journeywalk walk \(journey) --plain` walks line by line, also with commands from a file: `journeywalk walk \(journey) --plain < answers.txt`\n")
        #expect(walkFiles(home).isEmpty)

        let none = spawnAndWait([journeywalkBinary, "resume", "--plain"], environment: environment(home), stdin: input)
        #expect(none.status == 1)
        #expect(none.output.contains("no unfinished walks in \(home)/walks"))
        // Two walks left for later: resume without --plain names it; with --plain, asks which one.
        for _ in 0..<2 {
            #expect(spawnAndWait([journeywalkBinary, "walk", journey, "--plain"], environment: environment(home), stdin: input).status == 0)
            sleep(1)
        }
        let resume = spawnAndWait([journeywalkBinary, "resume"], environment: environment(home), stdin: input)
        #expect(resume.status == 1)
        #expect(resume.output.contains("`journeywalk resume --plain` walks line by line"))
        let several = spawnAndWait([journeywalkBinary, "resume", "--plain"], environment: environment(home), stdin: input)
        #expect(several.status == 1)
        #expect(several.output.hasPrefix("journeywalk: 2 unfinished walks; name the one to resume: journeywalk resume WALK --plain\n"))
        for path in walkFiles(home) {
            #expect(several.output.contains("  \(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)  Retail store visit · started "))
        }
        #expect(several.output.contains(" · 1/9 recorded\n"))
    }

    @Test func termDumbWalksPlainWithoutBeingAsked() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let input = try answers(["", "s", "leave"], in: home)
        let result = spawnAndWait([journeywalkBinary, "walk", journey], environment: environment(home, term: "dumb"), stdin: input)
        #expect(result.status == 0, "output:\n\(result.output)")
        #expect(result.output.contains("Saved ○ skipped: Find opening hours online."))
        #expect(!result.output.contains("\u{1B}"))
        #expect(walkFiles(home).count == 1)
    }

    @Test func termDumbInARealTerminalIsALineByLineWalk() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("env TERM=dumb JOURNEYWALK_HOME=\(shellQuoted(home)) \(shellQuoted(journeywalkBinary)) walk \(shellQuoted(journey)) --operator Sam; echo EXIT=$?; sleep 600")
        let briefing = tmux.waitFor("Type start or an empty line")
        #expect(briefing.found, "screen:\n\(briefing.screen)")
        #expect(briefing.screen.contains("Operator: Sam"))
        tmux.send("Enter")
        #expect(tmux.waitFor("Stage 1/3 · Touchpoint 1/9").found)
        tmux.type("M")
        tmux.send("Enter")
        #expect(tmux.waitFor("Saved ★★ strong magic: Find opening hours online").found)
        tmux.type("dance")
        tmux.send("Enter")
        let refused = tmux.waitFor("Unknown command 'dance'")
        #expect(refused.found, "screen:\n\(refused.screen)")
        #expect(!refused.screen.contains("Line 3"), "typed input is not numbered")
        tmux.type("finish")
        tmux.send("Enter")
        #expect(tmux.waitFor("Final check: 8 items").found)
        tmux.type("finish anyway")
        tmux.send("Enter")
        let done = tmux.waitFor("EXIT=")
        #expect(done.found, "screen:\n\(done.screen)")
        #expect(done.screen.contains("EXIT=0"), "a typo typed at a terminal does not fail the walk")
        #expect(done.screen.contains("1 magic · 0 neutral · 0 misery · 0 skipped · 8 unrecorded"))
        for glyph in ["─", "│", "┌", "▸", "□"] {
            #expect(!done.screen.contains(glyph), "no box drawing or cursor marks: \(glyph)")
        }
        #expect(walkFiles(home).count == 1)
    }
}
