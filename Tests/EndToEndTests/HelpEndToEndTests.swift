import Foundation
import Testing

/// What `--help` says is what the command does: the real binary, its help and its refusals.
@Suite struct HelpEndToEndTests {
    let journey = repositoryRoot + "/journeys/retail-store-visit.yaml"

    func environment(_ home: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["JOURNEYWALK_HOME"] = home
        environment["TERM"] = "xterm-256color"
        return environment
    }

    /// The output with every run of white space as one space, so wrapping does not matter.
    func flat(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func diffOffersOnlyTheFormatsItPrints() {
        let help = spawnAndWait([journeywalkBinary, "diff", "--help"])
        #expect(help.status == 0)
        #expect(flat(help.output).contains("-f, --format <format> text, md or json. (values: text, md, json; default: text)"), "\(help.output)")
        for format in ["csv", "html"] {
            let refused = spawnAndWait([journeywalkBinary, "diff", "a", "b", "--format", format])
            #expect(refused.status == 64)
            #expect(refused.output.hasPrefix("Error: The value '\(format)' is invalid for '--format <format>'. Please provide one of 'text', 'md' or 'json'."), "\(refused.output)")
        }
    }

    @Test func datesAndMonthsAreSaidToBeInTheReadersTimeZone() {
        for command in ["compare", "review", "report"] {
            let help = flat(spawnAndWait([journeywalkBinary, command, "--help"]).output)
            #expect(!help.contains("UTC"), "\(command) --help: \(help)")
            #expect(help.contains("--since <date> Only walks whose visit began on or after this date (YYYY-MM-DD, a day in your time zone, TZ) or time (ISO-8601)."), "\(command) --help: \(help)")
            if command != "report" {
                #expect(help.contains("(YYYY-MM-DD, a day in your time zone, TZ, the day included)"), "\(command) --help: \(help)")
            }
        }
        let compare = flat(spawnAndWait([journeywalkBinary, "compare", "--help"]).output)
        #expect(compare.contains("or month (the month the visit began, in your time zone, TZ)"))
    }

    @Test func actionsHelpShowsTheListsOptions() {
        let help = spawnAndWait([journeywalkBinary, "actions", "--help"])
        #expect(help.status == 0)
        let text = flat(help.output)
        #expect(text.contains("--owner <name> Only actions of this owner"), "\(help.output)")
        #expect(text.contains("--status <status> open, done, dropped or all. (default: open)"))
        #expect(text.contains("-f, --format <format> text, csv or json. (default: text)"))
        #expect(text.contains("USAGE: journeywalk actions [--owner <name>] [--status <status>] [--format <format>]"))
    }

    @Test func reportWithoutWalksSaysItsOwnUsage() {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = spawnAndWait([journeywalkBinary, "report"], environment: environment(home))
        #expect(result.status == 64)
        #expect(result.output.hasPrefix("""
            Error: name the walks to report, or choose them with --journey, --since or --all
            Usage: journeywalk report [<walks> ...] [--format <format>]
            """), "\(result.output)")
        let badDate = spawnAndWait([journeywalkBinary, "report", "--since", "soon"], environment: environment(home))
        #expect(badDate.status == 64)
        #expect(badDate.output.contains("\nUsage: journeywalk report "), "\(badDate.output)")
        let badFilter = spawnAndWait([journeywalkBinary, "compare", "--journey", "retail-store-visit", "--until", "soon"], environment: environment(home))
        #expect(badFilter.status == 64)
        #expect(badFilter.output.contains("\nUsage: journeywalk compare "), "\(badFilter.output)")
    }

    @Test func resumingASubmittedWalkIsRefusedFirstInBothModes() throws {
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let input = home + "/answers.txt"
        try "start\nm\nfinish\nfinish anyway\n".write(toFile: input, atomically: true, encoding: .utf8)
        #expect(spawnAndWait([journeywalkBinary, "walk", journey, "--plain"], environment: environment(home), stdin: input).status == 0)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: home + "/walks").first { $0.hasSuffix(".jsonl") })
        let id = String(name.dropLast(".jsonl".count))
        #expect(spawnAndWait([journeywalkBinary, "submit", id], environment: environment(home)).status == 0)
        for plain in [false, true] {
            let result = spawnAndWait([journeywalkBinary, "resume", id] + (plain ? ["--plain"] : []), environment: environment(home), stdin: input)
            #expect(result.status == 1)
            #expect(result.output.hasPrefix("journeywalk: \(home)/walks/\(name): walk \(id) was submitted on "), "\(result.output)")
            #expect(result.output.hasSuffix(" and is read-only; it cannot be changed or submitted again\n"), "\(result.output)")
            #expect(!result.output.contains("terminal"), "\(result.output)")
        }
    }
}
