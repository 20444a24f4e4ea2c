import Foundation
import Glibc
import Testing

/// The child processes of a process, from /proc (the shell in a tmux pane runs journeywalk as one).
func childProcesses(of parent: pid_t) -> [pid_t] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { name -> pid_t? in
        guard let pid = pid_t(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 && pid_t(fields[1]) == parent ? pid : nil
    }
}

/// The only walk file in a walks folder.
func onlyWalkFile(in walks: String) throws -> String {
    let files = try FileManager.default.contentsOfDirectory(atPath: walks).filter { $0.hasSuffix(".jsonl") }
    #expect(files.count == 1, "walk files: \(files)")
    return walks + "/" + (files.first ?? "")
}

@Suite(.serialized) struct HardeningEndToEndTests {
    let binary = shellQuoted(journeywalkBinary)

    /// `TZ` is read as the C library reads it: a POSIX rule (`<-03>3`), a leading colon, a rule with
    /// summer time; a zone it does not know is said; dates far off, times the clocks skipped or that
    /// happened twice are refused; a clock time after a duration on the night the clocks go back
    /// stays on that night.
    @Test func timeZonesAreReadAsTheCLibraryReadsThem() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let input = home + "/visit.txt"
        try "start\nm\nleave\n".write(toFile: input, atomically: true, encoding: .utf8)
        func walk(_ tz: String, at: String, stdin: String? = nil) throws -> (status: Int32, output: String, header: String) {
            let walks = home + "/walks"
            try? FileManager.default.removeItem(atPath: walks)
            let environment = ProcessInfo.processInfo.environment.merging(["JOURNEYWALK_HOME": home, "TZ": tz]) { $1 }
            let result = spawnAndWait([journeywalkBinary, "walk", "retail-store-visit", "--plain", "--at", at], environment: environment, stdin: stdin ?? input)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: walks).filter { $0.hasSuffix(".jsonl") }) ?? []
            let journal = try files.first.map { try String(contentsOfFile: walks + "/" + $0, encoding: .utf8) } ?? ""
            return (result.status, result.output, journal)
        }

        let minusThree = try walk("<-03>3", at: "2025-12-05 22:00")
        #expect(minusThree.status == 0, "\(minusThree.output)")
        #expect(minusThree.output.contains("Visit: 2025-12-05 22:00 (UTC-03:00)"), "\(minusThree.output)")
        #expect(minusThree.header.contains("\"stated_start\":\"2025-12-06T01:00:00.000Z\""), "\(minusThree.header)")
        #expect(minusThree.header.contains("\"utc_offset\":\"-03:00\"") && !minusThree.header.contains("\"time_zone\""), "\(minusThree.header)")

        // Five minutes ago in Paris, which read as UTC would be in the future.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/Paris"))
        let fiveMinutesAgo = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 300)
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: fiveMinutesAgo)
        let two = { (value: Int?) in String(format: "%02d", value ?? 0) }
        let parisText = "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute))"
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let stamp = "\"stated_start\":\"" + iso.string(from: fiveMinutesAgo) + "\""
        for tz in [":Europe/Paris", "CET-1CEST,M3.5.0,M10.5.0/3"] {
            let paris = try walk(tz, at: parisText)
            #expect(paris.status == 0, "\(tz): \(paris.output)")
            #expect(paris.header.contains(stamp), "\(tz): \(paris.header)")
            #expect(paris.header.contains("\"time_zone\":\"Europe/Paris\"") == (tz == ":Europe/Paris"), "\(tz): \(paris.header)")
        }
        let summer = try walk("CET-1CEST,M3.5.0,M10.5.0/3", at: "2025-07-01 10:00")
        #expect(summer.header.contains("\"stated_start\":\"2025-07-01T08:00:00.000Z\"") && summer.header.contains("\"utc_offset\":\"+02:00\""), "\(summer.header)")

        let unknown = try walk("Not/AZone", at: "2025-12-05 22:00")
        #expect(unknown.status == 0, "\(unknown.output)")
        #expect(unknown.output.contains("journeywalk: TZ='Not/AZone' is not a time zone this system knows"), "\(unknown.output)")
        #expect(unknown.header.contains("\"time_zone\":\"UTC\""), "\(unknown.header)")

        for (at, message) in [("0001-01-01 00:00", "'0001-01-01 00:00': the year must be from 2000 to 2100; accepted: "),
                              ("2025-03-30 02:30", "2025-03-30 02:30 did not exist in Europe/Paris: the clocks went forward that night"),
                              ("2025-10-26 02:30", "say which with its offset, 2025-10-26 02:30+02:00 (the first) or 2025-10-26 02:30+01:00 (the second)")] {
            let refused = try walk("Europe/Paris", at: at)
            #expect(refused.status == 1 && refused.header.isEmpty, "\(at): \(refused.output)")
            #expect(refused.output.hasPrefix("journeywalk: --at: ") && refused.output.contains(message), "\(at): \(refused.output)")
        }
        #expect(try walk("Europe/Paris", at: "2025-10-26 02:30+01:00").header.contains("\"stated_start\":\"2025-10-26T01:30:00.000Z\""))

        // Judge, then say when (what is recorded right after a verdict is about the moment just judged).
        try "start\nm\nat +31m\nm\nat 03:10\nleave\n".write(toFile: input, atomically: true, encoding: .utf8)
        let night = try walk("Europe/Paris", at: "2025-10-26 01:59")
        #expect(night.status == 0, "\(night.output)")
        let stated = night.header.split(separator: "\n").filter { $0.contains("\"type\":\"stated\"") }
        #expect(stated.count == 2 && stated[0].contains("\"stated_at\":\"2025-10-26T00:30:00.000Z\"") && stated[1].contains("\"stated_at\":\"2025-10-26T02:10:00.000Z\""),
                "02:30 summer time, then 03:10 winter time the same night: \(stated)")
    }

    /// Walks of one journey started at once (most in the same second): each gets its own id and
    /// keeps its first verdict, none says NOT SAVED.
    @Test func walksStartedAtOnceEachKeepTheirFirstVerdict() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let script = "for i in 1 2 3 4 5 6; do printf 'start\\nm\\nleave\\n' | JOURNEYWALK_HOME=\(shellQuoted(home)) TZ=UTC \(binary) walk retail-store-visit --plain "
            + "> \(shellQuoted(home))/out$i 2>&1 & done; wait"
        let result = spawnAndWait(["/bin/sh", "-c", script])
        #expect(result.status == 0, "\(result.output)")
        let outputs = try (1...6).map { try String(contentsOfFile: home + "/out\($0)", encoding: .utf8) }
        #expect(outputs.allSatisfy { !$0.contains("NOT SAVED") }, "\(outputs)")
        let files = try FileManager.default.contentsOfDirectory(atPath: home + "/walks").filter { $0.hasSuffix(".jsonl") }
        #expect(files.count == 6, "\(files)")
        for file in files {
            let journal = try String(contentsOfFile: home + "/walks/" + file, encoding: .utf8)
            #expect(journal.contains("\"type\":\"verdict\""), "\(file): \(journal)")
        }
    }

    @Test func aSecondProcessCannotResumeAWalkThatIsOpen() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        let env = "JOURNEYWALK_HOME=\(shellQuoted(home))"
        tmux.startWalk("cd \(shellQuoted(repositoryRoot)) && exec env \(env) \(binary) walk retail-store-visit")
        tmux.send("m")
        #expect(tmux.waitFor("Touchpoint 2/9").found)
        let path = try onlyWalkFile(in: home + "/walks")
        let walkID = PosixPath.stem(path)

        var environment = ProcessInfo.processInfo.environment
        environment["JOURNEYWALK_HOME"] = home
        environment["TERM"] = "xterm-256color"
        // Plain mode, so the second process needs no terminal of its own to try.
        let second = spawnAndWait([journeywalkBinary, "resume", walkID, "--plain"], environment: environment)
        #expect(second.status == 1)
        let pid = try #require(tmux.panePID)
        #expect(second.output.contains("\(path): this walk is open for writing in another journeywalk (process \(pid): "), "\(second.output)")
        #expect(second.output.contains("walk retail-store-visit"), "the holder's command line is shown: \(second.output)")
        // Nothing changed for the first process: it keeps recording.
        tmux.send("x")
        #expect(tmux.waitFor("Touchpoint 3/9").found)
        let journal = try String(contentsOfFile: path, encoding: .utf8)
        #expect(journal.split(separator: "\n").count == 3, "\(journal)")
        tmux.send("q")
        tmux.send("l")
        var exited = false
        for _ in 0..<200 where !exited {
            exited = kill(pid, 0) != 0
            usleep(25_000)
        }
        #expect(exited, "the first process leaves normally")
    }

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func aSignalWhileTypingKeepsTheNoteAndRestoresTheTerminal(signal: Int32) throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        let env = "JOURNEYWALK_HOME=\(shellQuoted(home))"
        tmux.startWalk("cd \(shellQuoted(repositoryRoot)) && env \(env) \(binary) walk retail-store-visit; echo EXIT=$?; sleep 600")
        tmux.send("e")
        #expect(tmux.waitFor("Enter save").found)
        tmux.type("Half a thought ★")
        #expect(tmux.waitFor("Half a thought ★").found)
        let shell = try #require(tmux.panePID)
        let walker = try #require(childProcesses(of: shell).first, "journeywalk runs under the pane's shell")
        #expect(kill(walker, signal) == 0)
        let after = tmux.waitFor("EXIT=\(128 + signal)")
        #expect(after.found, "after the signal:\n\(after.screen)")
        #expect(after.screen.contains("Walk paused (not finished)"))
        #expect(after.screen.contains("Resume it with: journeywalk resume"))
        #expect(tmux.tmux("display-message", "-p", "-t", "jw", "#{alternate_on}").output.trimmingCharacters(in: .whitespacesAndNewlines) == "0",
                "curses mode was left")
        let journal = try String(contentsOfFile: try onlyWalkFile(in: home + "/walks"), encoding: .utf8)
        #expect(journal.contains("{\"type\":\"draft\""), "\(journal)")
        #expect(journal.contains("\"text\":\"Half a thought ★\""), "\(journal)")
    }

    @Test func controlZSuspendsAndFgRedraws() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("cd \(shellQuoted(repositoryRoot)) && exec env JOURNEYWALK_HOME=\(shellQuoted(home)) PS1='READY> ' bash --norc --noprofile -i")
        #expect(tmux.waitFor("READY>").found)
        tmux.type("\(binary) walk retail-store-visit")
        tmux.send("Enter")
        #expect(tmux.waitFor("Enter start").found)
        tmux.send("Enter")
        #expect(tmux.waitFor("Touchpoint 1/9").found)
        tmux.send("C-z")
        let stopped = tmux.waitFor("Stopped")
        #expect(stopped.found, "the shell got its prompt back:\n\(stopped.screen)")
        #expect(!stopped.screen.contains("Touchpoint 1/9"), "curses mode was left")
        tmux.type("fg")
        tmux.send("Enter")
        let back = tmux.waitFor("Touchpoint 1/9")
        #expect(back.found, "the walk is redrawn after fg:\n\(back.screen)")
        tmux.send("m")
        #expect(tmux.waitFor("Touchpoint 2/9").found, "and takes keys again")
    }

    @Test func aFullDiskNeverLosesTheTextBeingTyped() throws {
        guard getuid() == 0 else {
            print("skipped aFullDiskNeverLosesTheTextBeingTyped: mounting a small tmpfs needs root")
            return
        }
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        guard spawnAndWait(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", home]).status == 0 else {
            print("skipped aFullDiskNeverLosesTheTextBeingTyped: this machine does not allow mounting a tmpfs")
            return
        }
        defer { spawnAndWait(["umount", "-l", home]) }
        let scratch = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let tmux = Tmux()
        defer { tmux.stop() }
        let env = "JOURNEYWALK_HOME=\(shellQuoted(home)) TMPDIR=\(shellQuoted(scratch))"
        tmux.startWalk("cd \(shellQuoted(repositoryRoot)) && env \(env) \(binary) walk retail-store-visit; echo EXIT=$?; sleep 600", width: 100, height: 40)
        // Fill the disk, then type a note longer than a page so it needs a block the disk does not have.
        let (after, note) = typeANoteTheDiskRefuses(tmux, cause: "NOT SAVED (try again): No space left on device") {
            let filler = open(home + "/filler", O_WRONLY | O_CREAT, 0o600)
            let block = [UInt8](repeating: 0x2E, count: 4096)
            while write(filler, block, block.count) > 0 {}
            close(filler)
        }
        #expect(after.screen.replacingOccurrences(of: "\n", with: "").contains("the text above could not be written to the walk file; a copy is in \(scratch)/journeywalk-unsaved-"))
        let copies = try FileManager.default.contentsOfDirectory(atPath: scratch).filter { $0.hasPrefix("journeywalk-unsaved-") }
        let copy = try #require(copies.first)
        let kept = try String(contentsOfFile: scratch + "/" + copy, encoding: .utf8)
        #expect(kept.contains(note), "the copy holds the whole text")
        var info = stat()
        #expect(stat(scratch + "/" + copy, &info) == 0 && info.st_mode & 0o777 == 0o600)
        // Everything acknowledged before the disk filled is still there.
        let journal = try String(contentsOfFile: try onlyWalkFile(in: home + "/walks"), encoding: .utf8)
        #expect(journal.contains("\"verdict\":\"magic\""))
        #expect(journal.hasSuffix("\n"), "no half line left behind")
    }

    /// Judges the first touchpoint, then types a 5,000-character note that the disk refuses (after
    /// `prepare`), checks the refusal names `cause`, and leaves with Ctrl-C and "leave anyway".
    /// Returns the screen after journeywalk exited 1, and the note.
    func typeANoteTheDiskRefuses(_ tmux: Tmux, cause: String, prepare: () -> Void = {}) -> (after: (found: Bool, screen: String), note: String) {
        tmux.send("m")
        #expect(tmux.waitFor("Touchpoint 2/9").found)
        prepare()
        let note = "Queue " + String(repeating: "and waiting ", count: 420) + "END"
        tmux.send("e")
        #expect(tmux.waitFor("Enter save").found)
        tmux.type(note)
        #expect(tmux.waitFor("waiting END").found)
        tmux.send("Enter")
        let refused = tmux.waitFor("NOT SAVED")
        #expect(refused.found, "the write is refused, the walk goes on:\n\(refused.screen)")
        #expect(refused.screen.contains(cause), "the cause comes first:\n\(refused.screen)")
        tmux.send("C-c")
        let dialog = tmux.waitFor("Text not saved")
        #expect(dialog.found, "screen:\n\(dialog.screen)")
        tmux.send("l")
        let after = tmux.waitFor("EXIT=1")
        #expect(after.found, "after leaving:\n\(after.screen)")
        return (after, note)
    }

    @Test func theFileSizeLimitIsAFullDiskNotAKill() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let scratch = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let tmux = Tmux()
        defer { tmux.stop() }
        // 8 KiB: the walk's header (about 4 KB) fits, a 5,000-character note after it does not.
        let env = "JOURNEYWALK_HOME=\(shellQuoted(home)) TMPDIR=\(shellQuoted(scratch))"
        tmux.startWalk("cd \(shellQuoted(repositoryRoot)) && (ulimit -f 8; env \(env) \(binary) walk retail-store-visit); echo EXIT=$?; sleep 600", width: 100, height: 40)
        let (after, _) = typeANoteTheDiskRefuses(tmux, cause: "File too large")
        #expect(!after.screen.contains("Touchpoint 2/9"), "the terminal is back to the shell:\n\(after.screen)")
        let journal = try String(contentsOfFile: try onlyWalkFile(in: home + "/walks"), encoding: .utf8)
        #expect(journal.contains("\"verdict\":\"magic\""))
        #expect(journal.hasSuffix("\n"), "no half line left behind")
    }
}

enum PosixPath {
    static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".jsonl") ? String(name.dropLast(6)) : name
    }
}
