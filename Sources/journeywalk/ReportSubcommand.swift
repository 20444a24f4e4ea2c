import ArgumentParser
import Foundation
import JourneyKit
import JourneyReports
import JourneyStore

extension ReportFormat: ExpressibleByArgument {}

struct ReportSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Export walks as text, Markdown, CSV, JSON, HTML or a Mermaid journey diagram.",
        discussion: """
            WALK is a walk file, a walk id or a unique start of one. --journey, --since and --all choose walks from the data folder.
            A damaged walk file is reported from what could be read, with what could not; a file that cannot be read at all is named on standard error, the other walks are still reported, and the exit status is 1.
            With -o, a new or existing file is replaced in one step and created with mode 600 (only you can read it; --mode changes that). A character device or a FIFO (/dev/stdout, a named pipe) is written into, not replaced. A symbolic link is followed only to a device or a FIFO: a link to a file is refused, so a link left under the report's name cannot send it elsewhere.
            The walk file's path is left out of reports unless --with-paths is given; so is the folder of attached evidence (its file name is kept). Each attached file is checked when the report is made: present, missing, or changed since it was attached.
            --redact replaces the names of people (the operator, whom praise goes to, action owners) with Person 1, Person 2…, the same name by the same placeholder throughout the report.
            """
    )

    @Argument(help: "Walk files, walk ids or id prefixes.")
    var walks: [String] = []

    @Option(name: .shortAndLong, help: "text, md, csv, json, html or mermaid.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Every walk of this journey id.")
    var journey: String?

    @Option(help: ArgumentHelp("Only walks started on or after this date (YYYY-MM-DD, UTC) or time (ISO-8601).", valueName: "date"))
    var since: String?

    @Flag(help: "Every walk in the data folder.")
    var all = false

    @OptionGroup var export: ExportOptions

    @OptionGroup var data: DataOptions

    func run() throws {
        Session.openWalks(data.locations)
        let library = WalkLibrary(folder: data.locations.walks)
        var sinceDate: Date?
        if let since {
            guard let date = Timestamp.parse(since) ?? Timestamp.parse(since + "T00:00:00Z") else {
                throw ValidationError("--since '\(since)' is not a date: use YYYY-MM-DD or 2026-11-22T10:15:03Z")
            }
            sinceDate = date
        }
        guard !walks.isEmpty || journey != nil || sinceDate != nil || all else {
            throw ValidationError("name the walks to report, or choose them with --journey, --since or --all")
        }
        var files: [WalkFile] = []
        var failed = false
        for reference in walks {
            do {
                files.append(try library.find(reference))
            } catch {
                failed = true
                Session.printError(error.description)
            }
        }
        if journey != nil || sinceDate != nil || all {
            let (loaded, errors) = library.load()
            for error in errors {
                failed = true
                Session.printError(error.description)
            }
            files += loaded.filter { file in
                (journey.map { file.walk.journey.id == $0 } ?? true) && (sinceDate.map { file.walk.header.started >= $0 } ?? true)
            }
        }
        if files.isEmpty, !failed {
            Session.printError("journeywalk: no walks match in \(library.folder)")
            throw ExitCode(1)
        }
        let evidence = EvidenceCheck.statuses(for: files.map(\.walk))
        let inputs = files.map { file in
            ReportInput(
                walk: file.walk, file: export.withPaths ? file.path : nil,
                problems: file.warnings.map { export.withPaths ? $0.description : $0.short },
                evidence: evidence, evidencePaths: export.withPaths)
        }
        for file in files {
            for warning in file.warnings { Session.printError("warning: \(warning)") }
        }
        let text = inputs.isEmpty ? "" : Report.render(inputs, as: format, redact: export.redact)
        if let output {
            do {
                try PosixFile.writeExport(Array(text.utf8), to: output, mode: export.mode.value)
            } catch {
                throw Session.fail("cannot write the report: \(error)")
            }
            Session.printError("Wrote \(Counted.text(inputs.count, "walk")) as \(format.rawValue) to \(output)")
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if failed { throw ExitCode(1) }
    }
}
