import Foundation
import Glibc
import Testing

/// The binary as the README installs it: copied alone into a folder of its own, run from an empty
/// folder with an empty data folder (no checkout, no journeys/ beside it).
struct FreshInstall {
    let root = temporaryFolder()
    var binary: String { root + "/bin/journeywalk" }
    var empty: String { root + "/empty" }
    var data: String { root + "/data" }

    init() throws {
        for folder in [root + "/bin", empty, data] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try Self.copyExecutable(journeywalkBinary, to: binary)
    }

    /// Copies the binary with `cp`, in a process of its own: the file is never open for writing in
    /// this test process, whose other threads start programs all the time. A program forked here
    /// while the copy was open would hold it (close-on-exec acts only at its exec), and running the
    /// copy then fails with ETXTBSY ("Text file busy"), as a loaded CI run once showed.
    static func copyExecutable(_ source: String, to destination: String) throws {
        let copied = spawnAndWait(["cp", source, destination])
        guard copied.status == 0, chmod(destination, 0o755) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cp \(source) \(destination): \(copied.output)"])
        }
    }

    /// Runs the installed binary in the empty folder; `journeywalk` in `command` stands for it.
    func run(_ arguments: String) -> (status: Int32, output: String) {
        spawnAndWait(["sh", "-c", "cd \(shellQuoted(empty)) && JOURNEYWALK_HOME=\(shellQuoted(data)) \(shellQuoted(binary)) \(arguments)"])
    }

    /// A shell command for tmux: the installed binary in the empty folder, then its exit status.
    func shell(_ arguments: String) -> String {
        "cd \(shellQuoted(empty)) && JOURNEYWALK_HOME=\(shellQuoted(data)) NO_COLOR=1 \(shellQuoted(binary)) \(arguments); echo EXIT=$?; sleep 600"
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// What the screen says, with tmux's line wrapping undone (long paths wrap at the pane's width).
/// A screen captured with wrapped rows joined (`Tmux.captureJoined`) as one line, to find a printed
/// line in it whatever column it wrapped at.
func unwrapped(_ screen: String) -> String { screen.replacingOccurrences(of: "\n", with: "") }

@Suite(.serialized) struct FreshInstallEndToEndTests {
    @Test func theSamplesTravelWithTheBinaryAndInstallWithoutReplacingEdits() throws {
        let install = try FreshInstall()
        defer { install.remove() }
        let list = install.run("journeys list")
        #expect(list.status == 0, "\(list.output)")
        for id in ["retail-store-visit", "phone-support-call", "online-order-return", "gym-membership"] {
            #expect(list.output.contains(id), "\(list.output)")
        }
        #expect(list.output.components(separatedBy: "(built in)").count == 6, "four samples and the note:\n\(list.output)")
        #expect(list.output.contains("`journeywalk journeys install` writes the samples into \(install.data)/journeys to edit"))

        let first = install.run("journeys install")
        #expect(first.status == 0)
        #expect(first.output.contains("Sample journeys in \(install.data)/journeys: 4 installed."), "\(first.output)")
        #expect(first.output.contains("Walk one with: journeywalk walk retail-store-visit"))
        let bytes = try String(contentsOfFile: install.data + "/journeys/retail-store-visit.yaml", encoding: .utf8)
        #expect(bytes == (try String(contentsOfFile: repositoryRoot + "/journeys/retail-store-visit.yaml", encoding: .utf8)))

        let edited = "title: My store visit\nid: retail-store-visit\nstages:\n  - name: In\n    touchpoints:\n      - title: Door\n"
        try edited.write(toFile: install.data + "/journeys/retail-store-visit.yaml", atomically: true, encoding: .utf8)
        let second = install.run("journeys install")
        #expect(second.status == 0)
        #expect(second.output.contains("kept       \(install.data)/journeys/retail-store-visit.yaml (yours differs"), "\(second.output)")
        #expect(second.output.contains("0 installed, 3 already there, 1 of yours kept."))
        #expect(try String(contentsOfFile: install.data + "/journeys/retail-store-visit.yaml", encoding: .utf8) == edited)

        let after = install.run("journeys list")
        #expect(after.output.contains("My store visit"))
        #expect(!after.output.contains("(built in)"), "every sample is a file now:\n\(after.output)")
    }

    @Test func theHintsOfJourneysNewAndListRunAsPrinted() throws {
        let install = try FreshInstall()
        defer { install.remove() }
        let created = install.run("journeys new 'Hotel check-in' --folder 'my journeys'")
        #expect(created.status == 0)
        let hint = try #require(created.output.components(separatedBy: "Edit it, then: journeywalk ").last?
            .trimmingCharacters(in: .newlines))
        #expect(hint == "journeys validate 'my journeys/hotel-check-in.yaml'")
        #expect(install.run(hint).output.contains("my journeys/hotel-check-in.yaml: ok"))

        let other = install.root + "/other data"
        try FileManager.default.createDirectory(atPath: other + "/journeys", withIntermediateDirectories: true)
        try "title: Broken\n".write(toFile: other + "/journeys/broken.yaml", atomically: true, encoding: .utf8)
        let list = install.run("journeys list --data-dir \(shellQuoted(other))")
        let validate = try #require(list.output.components(separatedBy: "`journeywalk ").first { $0.hasPrefix("journeys validate") }?
            .components(separatedBy: "`").first)
        #expect(validate == "journeys validate --data-dir '\(other)'", "\(list.output)")
        let checked = install.run(validate)
        #expect(checked.status == 1)
        #expect(checked.output.contains("\(other)/journeys/broken.yaml:"), "\(checked.output)")
    }

    @Test func theQuickStartWalksTheBuiltInSample() throws {
        let install = try FreshInstall()
        defer { install.remove() }
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start(install.shell("walk retail-store-visit"), width: 160, height: 30)
        let briefing = tmux.waitFor("Enter start")
        #expect(briefing.found, "no briefing:\n\(briefing.screen)")
        #expect(briefing.screen.contains("Retail store visit"))
        tmux.send("Enter")
        #expect(tmux.waitFor("Touchpoint 1/9").found)
        tmux.send("m")
        #expect(tmux.waitFor("Touchpoint 2/9").found)
        tmux.send("q")
        #expect(tmux.waitFor("Finish the walk?").found)
        tmux.send("l")
        let done = tmux.waitFor("EXIT=0")
        #expect(done.found, "after leaving:\n\(done.screen)")
        let walks = try FileManager.default.contentsOfDirectory(atPath: install.data + "/walks")
        let id = try #require(walks.first.map { String($0.dropLast(".jsonl".count)) })
        #expect(unwrapped(tmux.captureJoined()).contains("Resume it with: journeywalk resume \(id)"), "\(done.screen)")
        let header = try String(contentsOfFile: install.data + "/walks/\(id).jsonl", encoding: .utf8)
        #expect(header.contains("\"path\":null"), "a built-in sample has no file:\n\(header)")
    }

    @Test func theHomeScreenOffersTheSamplesWhenThereAreNone() throws {
        let install = try FreshInstall()
        defer { install.remove() }
        let tmux = Tmux()
        defer { tmux.stop() }
        // No journey file, but the samples are built in: listed to walk as they are, never "No journeys found".
        tmux.start(install.shell(""), width: 120, height: 30)
        let offer = tmux.waitFor("Install the 4 sample journeys")
        #expect(offer.found, "home:\n\(offer.screen)")
        #expect(!offer.screen.contains("No journeys found"), "\(offer.screen)")
        #expect(offer.screen.contains("Walk a built-in sample"), "\(offer.screen)")
        for id in ["gym-membership", "online-order-return", "phone-support-call", "retail-store-visit"] {
            #expect(offer.screen.contains(id + " · "), "\(id):\n\(offer.screen)")
        }
        tmux.send("Enter")
        let briefing = tmux.waitFor("Enter start")
        #expect(briefing.found && briefing.screen.contains("Gym membership"), "the first sample, walked as it is:\n\(briefing.screen)")
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0").found)
        #expect(!FileManager.default.fileExists(atPath: install.data + "/journeys"), "walking a sample installs nothing")

        tmux.tmux("kill-session", "-t", "jw")
        tmux.start(install.shell(""), width: 120, height: 30)
        #expect(tmux.waitFor("Install the 4 sample journeys").found)
        tmux.send("j", "j", "j", "j")
        #expect(tmux.waitUntil { $0.contains("▸ Install the 4 sample journeys") }.found, "the install line is selected")
        tmux.send("Enter")
        let installed = tmux.waitFor("4 installed")
        #expect(installed.found, "after installing:\n\(installed.screen)")
        #expect(installed.screen.contains("Walk a journey"))
        #expect(installed.screen.contains("Retail store visit"))
        #expect(FileManager.default.fileExists(atPath: install.data + "/journeys/gym-membership.yaml"))
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0").found)
    }

    @Test func aJourneyWalkedByPathIsWalkedAgainByIdAndEveryHintWorks() throws {
        let install = try FreshInstall()
        defer { install.remove() }
        let journey = install.root + "/elsewhere/hotel-check-in.yaml"
        try FileManager.default.createDirectory(atPath: install.root + "/elsewhere", withIntermediateDirectories: true)
        try "title: Hotel check-in\nstages:\n  - name: Arrival\n    touchpoints:\n      - title: Desk\n      - title: Key card\n"
            .write(toFile: journey, atomically: true, encoding: .utf8)
        let tmux = Tmux()
        defer { tmux.stop() }

        // Walked once by path…
        tmux.startWalk(install.shell("walk \(shellQuoted(journey))"), width: 160, height: 30, touchpoints: 2)
        tmux.send("m", "q")
        #expect(tmux.waitFor("Finish the walk?").found)
        tmux.send("f")
        #expect(tmux.waitFor("Final check").found, "Key card is not recorded")
        tmux.send("f")
        #expect(tmux.waitFor("What customers remember").found, "the debrief comes after the final check")
        tmux.send("Enter")
        #expect(tmux.waitFor("EXIT=0").found)

        // …then by id, from a folder without it; and listed.
        #expect(install.run("journeys list").output.contains("\(journey) (walked before)"))
        tmux.tmux("kill-session", "-t", "jw")
        tmux.start(install.shell("walk hotel-check-in"), width: 160, height: 30)
        let again = tmux.waitFor("Enter start")
        #expect(again.found, "walk by id:\n\(again.screen)")
        #expect(again.screen.contains("Hotel check-in"))
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0").found)

        // A walk outside the data folder: resumed by path, and the hint printed is that path.
        let walks = try FileManager.default.contentsOfDirectory(atPath: install.data + "/walks")
        let walk = install.data + "/walks/" + (walks.first ?? "")
        var text = try String(contentsOfFile: walk, encoding: .utf8)
        text = text.components(separatedBy: "\n").filter { !$0.contains("\"type\":\"finish") }.joined(separator: "\n")
        let outside = install.root + "/out side/copy.jsonl"
        try FileManager.default.createDirectory(atPath: install.root + "/out side", withIntermediateDirectories: true)
        try text.write(toFile: outside, atomically: true, encoding: .utf8)
        tmux.tmux("kill-session", "-t", "jw")
        tmux.start(install.shell("resume \(shellQuoted(outside))"), width: 160, height: 30)
        #expect(tmux.waitFor("Touchpoint 2/2").found)
        tmux.send("q")
        #expect(tmux.waitFor("Finish the walk?").found)
        tmux.send("l")
        let paused = tmux.waitFor("EXIT=0")
        let hint = try #require(unwrapped(tmux.captureJoined()).components(separatedBy: "Resume it with: ").dropFirst().first?
            .components(separatedBy: "1 magic").first, "no hint:\n\(paused.screen)")
        #expect(hint == "journeywalk resume '\(outside)'")

        // The hint, run as printed, continues that walk.
        let command = String(hint.dropFirst("journeywalk ".count))
        tmux.tmux("kill-session", "-t", "jw")
        tmux.start(install.shell(command), width: 160, height: 30)
        let resumed = tmux.waitFor("Touchpoint 2/2")
        #expect(resumed.found, "running the hint:\n\(resumed.screen)")
        tmux.send("q")
        #expect(tmux.waitFor("Finish the walk?").found)
        tmux.send("f")
        #expect(tmux.waitFor("Final check").found, "Key card is not recorded")
        tmux.send("f")
        #expect(tmux.waitFor("What customers remember").found, "the debrief comes after the final check")
        tmux.send("Enter")
        #expect(tmux.waitFor("EXIT=0").found)
        #expect(try String(contentsOfFile: outside, encoding: .utf8).contains("\"type\":\"finish"))
    }
}
