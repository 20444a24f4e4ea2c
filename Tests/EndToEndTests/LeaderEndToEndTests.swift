import Foundation
import Glibc
import Testing

@Suite(.serialized) struct LeaderEndToEndTests {
    /// A leader walks, tags a misery moment, checks its recovery, passes praise on, adds an action,
    /// reads the debrief, then lists and closes the action from the command line.
    @Test func tagRecoveryPraiseActionDebriefThenActionsFromTheCommandLine() throws {
        #expect(spawnAndWait(["tmux", "-V"]).status == 0, "tmux is needed for the end-to-end tests (apt-get install tmux)")
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        let binary = shellQuoted(journeywalkBinary)
        let env = "JOURNEYWALK_HOME=\(shellQuoted(home)) NO_COLOR= TZ=UTC"

        tmux.startWalk("cd \(shellQuoted(repositoryRoot)) && env \(env) \(binary) walk retail-store-visit --operator Lee --role leader; echo EXIT=$?; sleep 600", width: 80, height: 24)
        tmux.send("x")
        #expect(tmux.waitFor("Touchpoint 2/9").found)
        tmux.send("Left")
        #expect(tmux.waitFor("Touchpoint 1/9").found)

        // Tags: the misery tags first, filtered as typed, two chosen, saved with Tab.
        tmux.send("T")
        let picker = tmux.waitFor("Chosen none yet")
        #expect(picker.found && picker.screen.contains("[ ] ✖ Kept waiting"), "picker:\n\(picker.screen)")
        tmux.send("Space")
        tmux.type("apol")
        #expect(tmux.waitFor("2 of 21").found)
        tmux.send("Space", "Tab")
        let tagged = tmux.waitFor("Tags saved on Find opening hours online: Kept waiting · No apology")
        #expect(tagged.found, "after saving the tags:\n\(tagged.screen)")
        #expect(tagged.screen.contains("[Kept waiting]  [No apology]"))

        // Recovery: apology done, reassurance not done.
        tmux.send("r")
        #expect(tmux.waitFor("Recovery · Find opening hours online").found)
        tmux.send("y")
        #expect(tmux.waitFor("1 of 3 steps done").found)
        tmux.send("n")
        #expect(tmux.waitUntil { $0.contains("✘ not done") && $0.contains("✔ done") }.found)
        tmux.send("Escape")

        // Praise and an action.
        tmux.send("p")
        #expect(tmux.waitFor("Praise to pass on").found)
        tmux.type("Amira")
        tmux.send("Tab")
        tmux.type("Called back within the hour")
        tmux.send("Enter")
        #expect(tmux.waitFor("Praise saved on Find opening hours online for Amira").found)
        tmux.send("A")
        #expect(tmux.waitFor("New action").found)
        tmux.type("Put the opening hours on the door")
        tmux.send("Enter")
        tmux.type("Store manager")
        tmux.send("Enter")
        tmux.type("2020-01-31")
        tmux.send("Enter")
        // The status line of 80 columns cuts the message (with …) in the due date.
        let saved = tmux.waitFor("saved on Find opening hours online for Store manager, due Fri 2…")
        #expect(saved.found, "after the action:\n\(saved.screen)")
        let id = try #require(saved.screen.components(separatedBy: "Action ").last?.prefix(6)).description

        // Finish: through the final check (touchpoints not recorded), then the debrief, then the walk is left.
        tmux.send("q")
        #expect(tmux.waitFor("Finish the walk?").found)
        tmux.send("f")
        #expect(tmux.waitFor("Final check").found)
        tmux.send("f")
        let debrief = tmux.waitFor("What customers remember")
        #expect(debrief.found, "no debrief:\n\(debrief.screen)")
        #expect(debrief.screen.contains("✖ Kept waiting ×1"))
        #expect(debrief.screen.contains("✖ Find opening hours online: ✔ apology ✘ reassurance · restitution"))
        #expect(debrief.screen.contains("♥ Amira: Called back within the hour"))
        #expect(debrief.screen.contains("[\(id)] Put the opening hours on the door — Store manager · due"))
        tmux.send("Enter")
        #expect(tmux.waitFor("EXIT=0").found)

        let walks = home + "/walks"
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: walks).first { $0.hasSuffix(".jsonl") })
        let path = walks + "/" + file
        let journal = try String(contentsOfFile: path, encoding: .utf8)
        #expect(journal.contains("\"type\":\"tags\",") && journal.contains("\"tags\":[\"kept-waiting\",\"no-apology\"]"))
        #expect(journal.contains("\"apology\":true,\"reassurance\":false,\"restitution\":null"))
        #expect(journal.contains("\"to\":\"Amira\",\"text\":\"Called back within the hour\""))
        #expect(journal.contains("\"id\":\"\(id)\",\"text\":\"Put the opening hours on the door\",\"owner\":\"Store manager\",\"due\":\"2020-01-31\",\"status\":\"open\""))

        // From the command line: listed as overdue, closed by a prefix, then gone from the open list.
        let cli = ["env", "JOURNEYWALK_HOME=" + home, "TZ=UTC", journeywalkBinary]
        let listed = spawnAndWait(cli + ["actions"])
        #expect(listed.status == 0)
        #expect(listed.output.contains("\(id)  2020-01-31 overdue  open"), "\(listed.output)")
        #expect(listed.output.contains("Find opening hours online · Retail store visit ·"))
        let csv = spawnAndWait(cli + ["actions", "--format", "csv", "--owner", "store MANAGER"])
        #expect(csv.output.contains("\(id),open,true,2020-01-31,Store manager,Put the opening hours on the door,"), "\(csv.output)")
        let spaced = spawnAndWait(cli + ["actions", "--owner", " store   manager "])
        #expect(spaced.output.contains("\(id)  2020-01-31 overdue  open"), "runs of spaces are one space: \(spaced.output)")
        let unknown = spawnAndWait(cli + ["actions", "done", "zzzz"])
        #expect(unknown.status == 1)
        #expect(unknown.output.contains("no action has the id 'zzzz'") && unknown.output.contains("nothing was changed"), "\(unknown.output)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == journal)
        let done = spawnAndWait(cli + ["actions", "done", String(id.prefix(4))])
        #expect(done.status == 0, "\(done.output)")
        #expect(done.output.contains("Action \(id) Put the opening hours on the door (Store manager) is done now"), "\(done.output)")
        let after = try String(contentsOfFile: path, encoding: .utf8)
        #expect(after.hasPrefix(journal))
        // The walk is of format 3: the record closing the action is chained to the walk's last line.
        let records = journal.split(separator: "\n").count
        #expect(after.dropFirst(journal.count).contains("\"id\":\"\(id)\"") && after.contains("\"status\":\"done\",\"seq\":\(records + 1),\"prev\":\"") && after.hasSuffix("\"}\n"))
        let verified = spawnAndWait(cli + ["verify", path])
        #expect(verified.status == 0 && verified.output.hasSuffix(": chain intact, \(records + 1) records (format 3)\n"), "\(verified.output)")
        #expect(spawnAndWait(cli + ["actions"]).output.contains("No open actions"))
        #expect(spawnAndWait(cli + ["actions", "--status", "done", "--format", "json"]).output.contains("\"status\":\"done\""))
    }
}
