import Foundation
import Glibc
import Testing

/// An Esc that comes with more input (an Alt chord, a pasted colour sequence) is never Esc followed
/// by commands: in the note editor it neither closes the editor nor records a verdict, and on the
/// walk screen it records nothing. A lone Esc still cancels the editor.
@Suite(.serialized) struct EscapeSequenceEndToEndTests {
    let binary = shellQuoted(journeywalkBinary)

    /// The records of the walk file after the header, one type (and verdict) per line.
    func records(_ path: String) throws -> [String] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        return lines.map { line in
            let type = line.range(of: #""type":"[a-z]+""#, options: .regularExpression).map { String(line[$0]) } ?? String(line)
            let verdict = line.range(of: #""verdict":"[a-z]+""#, options: .regularExpression).map { "," + String(line[$0]) } ?? ""
            return type + verdict
        }
    }

    @Test func altChordsAndPastedEscapeSequencesAreNotEscAndCommands() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        let env = "JOURNEYWALK_HOME=\(shellQuoted(home)) NO_COLOR="
        tmux.startWalk("cd \(shellQuoted(repositoryRoot)) && exec env \(env) \(binary) walk retail-store-visit")
        tmux.send("m")
        #expect(tmux.waitFor("Touchpoint 2/9").found)
        let path = try onlyWalkFile(in: home + "/walks")

        // In the note editor: Alt-x, then text pasted with a colour sequence in it.
        tmux.send("e")
        #expect(tmux.waitFor("Enter save").found)
        tmux.type("abc")
        tmux.send("M-x")
        tmux.tmux("send-keys", "-t", "jw", "-H", "1b", "5b", "33", "31", "6d")
        tmux.type("RED")
        let editing = tmux.waitFor("abcRED")
        #expect(editing.found, "the editor is still open with the text typed around them:\n\(editing.screen)")
        #expect(editing.screen.contains("Enter save"), "\(editing.screen)")
        #expect(try records(path) == [#""type":"verdict","verdict":"magic""#], "nothing recorded: no misery, no draft")

        // A lone Esc still cancels the editor, keeping the text as a draft.
        tmux.send("Escape")
        let cancelled = tmux.waitFor("the draft is kept")
        #expect(cancelled.found, "\(cancelled.screen)")
        #expect(!cancelled.screen.contains("Enter save"), "\(cancelled.screen)")

        // On the walk screen a stray colour sequence records nothing: its `m` is not magic.
        tmux.tmux("send-keys", "-t", "jw", "-H", "1b", "5b", "33", "31", "6d")
        tmux.send("M-x")
        tmux.send("Right")
        #expect(tmux.waitFor("Touchpoint 3/9").found)
        usleep(300_000)
        let screen = tmux.capture()
        #expect(!screen.contains("Touchpoint 4/9"), "\(screen)")
        #expect(try records(path) == [#""type":"verdict","verdict":"magic""#, #""type":"draft""#, #""type":"move""#])
        let journal = try String(contentsOfFile: path, encoding: .utf8)
        #expect(journal.contains(#""text":"abcRED""#), "\(journal)")
    }
}
