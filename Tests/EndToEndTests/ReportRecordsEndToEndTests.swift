import Foundation
import Testing

/// `journeywalk report` on a walk of the second wave: evidence checked against the file system when
/// the report is made, and `--redact` replacing names, through the real binary.
@Suite(.serialized) struct ReportRecordsEndToEndTests {
    static let receipt = "receipt 42.50 EUR\n"
    static let receiptDigest = "25a20175e20e3115856ccb678c4e76062df8bdf6f725db456021395584ccd34d"

    /// A home with one walk whose greeting has a receipt attached (the file beside it), praise and an action.
    private func makeHome() throws -> (home: String, walk: String, receipt: String) {
        let home = temporaryFolder()
        try FileManager.default.createDirectory(atPath: home + "/walks", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let receipt = home + "/receipt.txt"
        try Self.receipt.write(toFile: receipt, atomically: true, encoding: .utf8)
        let walk = home + "/walks/20261122-101503-shop.jsonl"
        let lines = [
            #"{"type":"walk","format":2,"walk":"20261122-101503-shop","started":"2026-11-22T10:15:03.000Z","operator":"Zoë Martin","role":"leader","location":"Main St","channel":"store","journey":{"id":"shop","title":"Shop","version":1,"fingerprint":"fnv1a64:0123456789abcdef","path":null,"stages":[{"name":"Buy","touchpoints":[{"id":"greet","title":"Greeting"}]}]}}"#,
            #"{"type":"verdict","at":"2026-11-22T10:16:00.000Z","touchpoint":"greet","verdict":"misery","intensity":1}"#,
            #"{"type":"evidence","at":"2026-11-22T10:16:01.000Z","touchpoint":"greet","path":"\#(receipt)","bytes":\#(Self.receipt.utf8.count),"sha256":"\#(Self.receiptDigest)"}"#,
            #"{"type":"praise","at":"2026-11-22T10:16:02.000Z","touchpoint":"greet","to":"Amira","text":"Stayed calm"}"#,
            #"{"type":"action","at":"2026-11-22T10:16:03.000Z","touchpoint":"greet","id":"a1b2c3","text":"Second till","owner":"Zoë Martin","due":null,"status":"open"}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: walk, atomically: true, encoding: .utf8)
        return (home, walk, receipt)
    }

    private func evidence(_ output: String) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let moments = try #require(object["moments"] as? [[String: Any]])
        return try #require((moments.first?["evidence"] as? [[String: Any]])?.first)
    }

    @Test func evidenceIsCheckedWhenTheReportIsMade() throws {
        let (home, walk, receipt) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let present = spawnAndWait([journeywalkBinary, "report", walk, "--format", "json", "--data-dir", home])
        #expect(present.status == 0, "\(present.output)")
        #expect(try evidence(present.output)["status"] as? String == "present")
        #expect(try evidence(present.output)["path"] as? String == "receipt.txt", "the folder is left out of shared reports")
        let withPaths = spawnAndWait([journeywalkBinary, "report", walk, "--format", "json", "--with-paths", "--data-dir", home])
        #expect(try evidence(withPaths.output)["path"] as? String == receipt)

        try "receipt 42.50 GBP\n".write(toFile: receipt, atomically: true, encoding: .utf8)
        let changed = spawnAndWait([journeywalkBinary, "report", walk, "--format", "json", "--data-dir", home])
        #expect(try evidence(changed.output)["status"] as? String == "changed")
        let text = spawnAndWait([journeywalkBinary, "report", walk, "--format", "text", "--data-dir", home])
        #expect(text.output.contains("! Evidence: receipt.txt · 18 bytes · sha256 25a20175e20e… · CHANGED since attached"), "\(text.output)")

        try FileManager.default.removeItem(atPath: receipt)
        let missing = spawnAndWait([journeywalkBinary, "report", walk, "--format", "csv", "--data-dir", home])
        #expect(missing.status == 0)
        #expect(missing.output.contains("receipt.txt (missing)"))
    }

    @Test func redactReplacesNamesInEveryFormat() throws {
        let (home, walk, _) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        for format in ["text", "md", "csv", "json", "html", "mermaid"] {
            let result = spawnAndWait([journeywalkBinary, "report", walk, "--format", format, "--redact", "--data-dir", home])
            #expect(result.status == 0, "\(format): \(result.output)")
            #expect(!result.output.contains("Zoë") && !result.output.contains("Amira"), "\(format): \(result.output)")
            #expect(result.output.contains("Person 1"), "\(format)")
            if format != "mermaid" { #expect(result.output.contains("Person 2"), "\(format)") }
        }
    }

    @Test func reviewShowsTheMomentsRecordsInARealTerminal() throws {
        let (home, _, receipt) = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.removeItem(atPath: receipt)
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("cd \(shellQuoted(home)) && \(shellQuoted(journeywalkBinary)) review 20261122 --redact --data-dir \(shellQuoted(home)); echo EXIT=$?; sleep 600", width: 120, height: 40)
        let panel = tmux.waitFor("Evidence: receipt.txt · MISSING")
        #expect(panel.found, "review:\n\(panel.screen)")
        #expect(panel.screen.contains("DRAFT"))
        #expect(panel.screen.contains("Praise → Amira: Stayed calm"))
        #expect(panel.screen.contains("Action: Second till — Zoë Martin [open]"))
        #expect(panel.screen.contains("Recovery: apology ? · reassurance ? · restitution ?"))
        tmux.send("Enter")
        let overlay = tmux.waitFor("Any key closes this.")
        #expect(overlay.found, "overlay:\n\(overlay.screen)")
        tmux.send("q")
        // The screen is the operator's own; what leaves it under --redact names nobody.
        tmux.send("E")
        #expect(tmux.waitFor("Export this walk").found)
        tmux.send("m")
        let exported = tmux.waitFor("Exported to")
        #expect(exported.found, "after export:\n\(exported.screen)")
        let markdown = try String(contentsOfFile: home + "/20261122-101503-shop.md", encoding: .utf8)
        #expect(!markdown.contains("Zoë") && !markdown.contains("Amira"))
        #expect(markdown.contains("Person 2: Stayed calm"), "\(markdown)")
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0").found)
    }
}
