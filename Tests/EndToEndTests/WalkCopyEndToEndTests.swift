import Foundation
import Glibc
import Testing

/// A file sync tool's second copy of a walk (`ID.sync-conflict-….jsonl`) is never written to and is
/// offered nowhere as a walk of its own: home screen, resume, submit, actions.
@Suite(.serialized) struct WalkCopyEndToEndTests {
    static let walkID = "20261101-100000-shop"
    static let conflict = ".sync-conflict-20261126-101010-ABCDEF"

    struct Folder {
        var home: String
        var walks: String { home + "/walks" }
        var own: String { walks + "/" + WalkCopyEndToEndTests.walkID + ".jsonl" }
        var copy: String { walks + "/" + WalkCopyEndToEndTests.walkID + WalkCopyEndToEndTests.conflict + ".jsonl" }
    }

    /// The store walk (touchpoints greeting, needs, payment) with `records` after its header:
    /// unfinished unless they finish it.
    static func walk(_ id: String, _ records: [String]) -> String {
        let journey = #"{"id":"shop","title":"Shop visit","version":1,"fingerprint":"fnv1a64:0","path":null,"stages":[{"name":"In the store","touchpoints":[{"id":"greeting","title":"Greeting"},{"id":"needs","title":"Understanding what you need"},{"id":"payment","title":"Queue and payment"}]}]}"#
        let header = #"{"type":"walk","format":2,"walk":"\#(id)","started":"2026-11-01T10:00:00.000Z","operator":"Ann","role":"leader","location":"North","channel":"store","journey":\#(journey)}"#
        return ([header] + records).joined(separator: "\n") + "\n"
    }

    static let magic = #"{"type":"verdict","at":"2026-11-01T10:01:00.000Z","touchpoint":"greeting","verdict":"magic","intensity":1}"#
    static let misery = #"{"type":"verdict","at":"2026-11-01T10:02:00.000Z","touchpoint":"needs","verdict":"misery","intensity":1}"#
    static let action = #"{"type":"action","at":"2026-11-01T10:02:30.000Z","touchpoint":"needs","id":"e9b92d","text":"Train the floor team","owner":"Zoë","due":null,"status":"open"}"#
    static let finish = #"{"type":"finish","at":"2026-11-01T10:05:00.000Z"}"#

    /// A data folder holding the walk as `ID.jsonl` and as a sync tool's copy of it.
    func folder(own: String, copy: String) throws -> Folder {
        let folder = Folder(home: temporaryFolder())
        try FileManager.default.createDirectory(atPath: folder.walks, withIntermediateDirectories: true)
        chmod(folder.walks, 0o700)
        try own.write(toFile: folder.own, atomically: true, encoding: .utf8)
        try copy.write(toFile: folder.copy, atomically: true, encoding: .utf8)
        return folder
    }

    func run(_ arguments: [String], _ folder: Folder, input: String? = nil) throws -> (status: Int32, output: String) {
        var stdin = "/dev/null"
        if let input {
            stdin = folder.home + "/input.txt"
            try input.write(toFile: stdin, atomically: true, encoding: .utf8)
        }
        return spawnAndWait([journeywalkBinary] + arguments + ["--data-dir", folder.home], stdin: stdin)
    }

    func contents(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    /// The refusal for the copy, as printed (`--data-dir` named, since the test's data folder is not the default).
    func refusal(_ folder: Folder) -> String {
        let copyName = Self.walkID + Self.conflict
        return "journeywalk: \(folder.copy): another copy of walk \(Self.walkID), left out by compare and reports (kept: \(folder.own)); nothing is written to it. "
            + "Keep one: compare them with `journeywalk diff \(Self.walkID) \(copyName) --data-dir \(folder.home)`, "
            + "then `journeywalk delete \(copyName) --data-dir \(folder.home)` (or delete the other file to keep this one)\n"
    }

    @Test func resumeListsAndResumesTheWalkOnceAndNeverWritesToTheCopy() throws {
        let folder = try folder(own: Self.walk(Self.walkID, [Self.magic]), copy: Self.walk(Self.walkID, [Self.magic]))
        defer { try? FileManager.default.removeItem(atPath: folder.home) }
        let copyBefore = contents(folder.copy)

        // Without WALK: one unfinished walk, resumed; the copy named on standard error.
        let resumed = try run(["resume", "--plain"], folder, input: "x\nleave\n")
        #expect(resumed.status == 0, "\(resumed.output)")
        #expect(resumed.output.hasPrefix("journeywalk: \(folder.copy): another copy of walk \(Self.walkID) (kept: \(folder.own)); left out\n"), "\(resumed.output)")
        #expect(resumed.output.contains("Walk paused (not finished): \(folder.own)\n"), "\(resumed.output)")
        #expect(contents(folder.own).contains(#""touchpoint":"needs","verdict":"misery""#))

        // Named: by the copy's name, its path, or a start of the id that both files share.
        for reference in [Self.walkID + Self.conflict, folder.copy] {
            let refused = try run(["resume", reference, "--plain"], folder, input: "m\nleave\n")
            #expect(refused.status == 1, "\(reference): \(refused.output)")
            #expect(refused.output == refusal(folder), "\(reference): \(refused.output)")
        }
        let byFullScreen = try run(["resume", Self.walkID + Self.conflict], folder)
        #expect(byFullScreen.status == 1 && byFullScreen.output == refusal(folder), "refused before the display is chosen: \(byFullScreen.output)")
        let byPrefix = try run(["resume", "20261101", "--plain"], folder, input: "leave\n")
        #expect(byPrefix.status == 0, "the start of the id names the walk's own file: \(byPrefix.output)")
        #expect(byPrefix.output.contains("Walk paused (not finished): \(folder.own)\n"), "\(byPrefix.output)")
        #expect(contents(folder.copy) == copyBefore, "nothing was written to the copy")

        // Two walks of their own and the copy: the list names each walk once.
        try Self.walk("20261102-100000-shop", []).write(toFile: folder.walks + "/20261102-100000-shop.jsonl", atomically: true, encoding: .utf8)
        let several = try run(["resume", "--plain"], folder)
        #expect(several.status == 1)
        #expect(several.output.contains("journeywalk: 2 unfinished walks; name the one to resume"), "\(several.output)")
        #expect(!several.output.contains("  \(Self.walkID + Self.conflict)  Shop visit"), "\(several.output)")
        #expect(several.output.contains("  \(Self.walkID)  Shop visit · started "), "\(several.output)")
        #expect(several.output.contains("  20261102-100000-shop  Shop visit · started "), "\(several.output)")

        // The copy can be deleted, as the refusal says; the walk's own file stays.
        let deleted = try run(["delete", Self.walkID + Self.conflict, "--yes"], folder)
        #expect(deleted.status == 0, "\(deleted.output)")
        #expect(!FileManager.default.fileExists(atPath: folder.copy) && FileManager.default.fileExists(atPath: folder.own))
    }

    @Test func aSubmittedWalkStaysReadOnlyThroughItsCopy() throws {
        // The copy was made before the walk was finished and submitted.
        let folder = try folder(own: Self.walk(Self.walkID, [Self.magic, Self.finish]), copy: Self.walk(Self.walkID, [Self.magic]))
        defer { try? FileManager.default.removeItem(atPath: folder.home) }
        let submitted = try run(["submit", Self.walkID], folder)
        #expect(submitted.status == 0, "\(submitted.output)")
        let copyBefore = contents(folder.copy)

        let none = try run(["resume", "--plain"], folder, input: "m\n")
        #expect(none.status == 1)
        #expect(none.output.contains("no unfinished walks in \(folder.walks)"), "the copy is not an unfinished walk: \(none.output)")
        let resumed = try run(["resume", Self.walkID + Self.conflict, "--plain"], folder, input: "m\nx\nleave\n")
        #expect(resumed.status == 1)
        #expect(resumed.output == refusal(folder), "\(resumed.output)")
        let submitCopy = try run(["submit", Self.walkID + Self.conflict], folder)
        #expect(submitCopy.status == 1)
        #expect(submitCopy.output == refusal(folder), "\(submitCopy.output)")
        #expect(contents(folder.copy) == copyBefore, "nothing was written to the copy")
    }

    @Test func actionsCountEachWalkOnceAndCloseInTheKeptFile() throws {
        let records = [Self.magic, Self.misery, Self.action, Self.finish]
        let folder = try folder(own: Self.walk(Self.walkID, records), copy: Self.walk(Self.walkID, records))
        defer { try? FileManager.default.removeItem(atPath: folder.home) }
        let copyBefore = contents(folder.copy)
        let named = "journeywalk: \(folder.copy): another copy of walk \(Self.walkID) (kept: \(folder.own)); left out\n"

        let listed = try run(["actions"], folder)
        #expect(listed.status == 1, "a copy left out is a problem, as in compare: \(listed.output)")
        #expect(listed.output.components(separatedBy: "e9b92d").count == 2, "listed once: \(listed.output)")
        #expect(listed.output.contains("1 action."), "\(listed.output)")
        #expect(listed.output.components(separatedBy: named).count == 2, "the copy named once: \(listed.output)")
        let json = try run(["actions", "--format", "json"], folder)
        #expect(json.output.components(separatedBy: #""id":"e9b92d""#).count == 2, "\(json.output)")

        let done = try run(["actions", "done", "e9b9"], folder)
        #expect(done.status == 0, "\(done.output)")
        #expect(done.output.contains("is done now; recorded in walk \(Self.walkID)."), "\(done.output)")
        #expect(contents(folder.own).contains(#""id":"e9b92d","text":"Train the floor team","owner":"Zoë","due":null,"status":"done""#), "written to the kept file")
        #expect(contents(folder.copy) == copyBefore, "nothing was written to the copy")

        let open = try run(["actions"], folder)
        #expect(open.output.contains("No open actions in "), "the copy's stale open entry is not listed: \(open.output)")
        let again = try run(["actions", "drop", "e9b92d"], folder)
        #expect(again.status == 0)
        #expect(again.output.contains("is dropped now"), "\(again.output)")
        #expect(contents(folder.copy) == copyBefore)

        // An action only the copy holds is not closed there.
        let onlyInCopy = #"{"type":"action","at":"2026-11-01T10:03:00.000Z","touchpoint":"greeting","id":"c0ffee","text":"Thank Bo","owner":"Ann","due":null,"status":"open"}"#
        try Self.walk(Self.walkID, records + [onlyInCopy]).write(toFile: folder.copy, atomically: true, encoding: .utf8)
        let refused = try run(["actions", "done", "c0ffee"], folder)
        #expect(refused.status == 1)
        #expect(refused.output == refusal(folder), "\(refused.output)")
    }

    @Test func theHomeScreenOffersTheWalkOnceAndCountsEachWalkOnce() throws {
        // One unfinished walk with its copy; one finished walk whose copy is still unfinished.
        let folder = try folder(own: Self.walk(Self.walkID, [Self.magic]), copy: Self.walk(Self.walkID, [Self.magic]))
        defer { try? FileManager.default.removeItem(atPath: folder.home) }
        let second = "20261102-100000-shop"
        try Self.walk(second, [Self.magic, Self.finish]).write(toFile: folder.walks + "/\(second).jsonl", atomically: true, encoding: .utf8)
        try Self.walk(second, [Self.magic]).write(toFile: folder.walks + "/\(second)\(Self.conflict).jsonl", atomically: true, encoding: .utf8)
        let copyBefore = contents(folder.copy)
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("cd \(shellQuoted(repositoryRoot)) && \(shellQuoted(journeywalkBinary)) --data-dir \(shellQuoted(folder.home)); echo EXIT=$?; sleep 600")
        let home = tmux.waitFor("Review saved walks")
        #expect(home.found, "home:\n\(home.screen)")
        #expect(home.screen.contains("1 unfinished walk"), "home:\n\(home.screen)")
        #expect(home.screen.components(separatedBy: "Shop visit").count == 2, "one line to resume: \(home.screen)")
        #expect(home.screen.contains("1/3 recorded · "), "home:\n\(home.screen)")
        #expect(home.screen.contains("2 walks"), "four files, two walks:\n\(home.screen)")
        // The journeys in ./journeys come first; the walk to resume follows them.
        tmux.send("G", "k", "Enter")
        #expect(tmux.waitFor("Touchpoint 2/3").found, "resumed:\n\(tmux.capture())")
        tmux.send("x")
        #expect(tmux.waitFor("Touchpoint 3/3").found)
        tmux.send("q")
        #expect(tmux.waitFor("Finish the walk?").found)
        tmux.send("l")
        let ended = tmux.waitFor("EXIT=")
        #expect(ended.screen.contains("EXIT=0"), "\(ended.screen)")
        #expect(ended.screen.contains("Walk paused (not finished): \(folder.own)"), "\(ended.screen)")
        #expect(contents(folder.own).contains(#""touchpoint":"needs","verdict":"misery""#))
        #expect(contents(folder.copy) == copyBefore, "nothing was written to the copy")
    }

    @Test func aCopyOpenedInReviewSaysItIsOne() throws {
        let folder = try folder(own: Self.walk(Self.walkID, [Self.magic]), copy: Self.walk(Self.walkID, [Self.magic]))
        defer { try? FileManager.default.removeItem(atPath: folder.home) }
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("\(shellQuoted(journeywalkBinary)) review \(shellQuoted(folder.copy)) --data-dir \(shellQuoted(folder.home)); echo EXIT=$?; sleep 600", width: 120, height: 30)
        let screen = tmux.waitFor("Esc back")
        #expect(screen.screen.contains("this file is another copy of walk \(Self.walkID) (kept: "), "\(screen.screen)")
        tmux.send("Escape")
        #expect(tmux.waitFor("EXIT=0").found)
    }
}
