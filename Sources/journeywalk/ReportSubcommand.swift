import ArgumentParser
import Foundation
import JourneyIndex
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
            --journey, --since and --all report each walk once: when several files hold the same walk (a file sync tool's conflict copy), the one named after the walk (ID.jsonl) is reported, else the first by name, and each other copy is named on standard error (exit status 1).
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

    @Option(help: ArgumentHelp("Only walks whose visit began on or after this date (YYYY-MM-DD, a day in your time zone, TZ) or time (ISO-8601).", valueName: "date"))
    var since: String?

    @Flag(help: "Every walk in the data folder.")
    var all = false

    @OptionGroup var export: ExportOptions

    @OptionGroup var data: DataOptions

    /// Checked while parsing, so a refusal comes with the report's own usage line.
    func validate() throws {
        _ = try parsedSince()
        guard !walks.isEmpty || journey != nil || since != nil || all else {
            throw ValidationError("name the walks to report, or choose them with --journey, --since or --all")
        }
    }

    /// `--since` as a time, or a usage error when it is not a date.
    private func parsedSince() throws -> Date? {
        guard let since else { return nil }
        guard let date = WalkFilter.date(since, endOfDay: false) else {
            throw ValidationError("--since '\(since)' is not a date: use YYYY-MM-DD (a day in your time zone) or 2026-11-22T10:15:03Z")
        }
        return date
    }

    func run() throws {
        Session.openWalks(data.locations)
        let library = WalkFileCatalog(data.locations)
        let sinceDate = try parsedSince()
        var (paths, unknown) = Session.walkPaths(walks, in: library)
        var failed = unknown > 0
        // The author of each team copy reported (`walk.author` in JSON): named ones are looked at.
        var authors: [String: String] = [:]
        for path in paths { if let copy = TeamCopy.at(path) { authors[path] = copy.author } }
        if journey != nil || sinceDate != nil || all {
            // The walk index chooses the files without opening them; a file that cannot be read is named.
            let source = Review.source(locations: data.locations, folder: library.folder)
            if let notice = source.notice { Session.printError("journeywalk: " + notice) }
            // The visit's start, as stated with `walk --at`, as compare and review filter it.
            var chosen: [(walkID: String, path: String)] = []
            source.forEach(filter: WalkFilter(since: sinceDate, journey: journey), steps: false, walk: { walk in
                // A team copy is the walk (AUTHOR, ID): never another copy of a walk with its id.
                chosen.append((walk.identity, walk.path))
                if let author = walk.author { authors[walk.path] = author }
            }, problem: { problem in
                failed = true
                Session.printError(problem)
            })
            // Each walk once: a walk named on the command line too, or a second copy of a walk file.
            let (counted, copies) = WalkCopies.choose(chosen, walkID: \.walkID, path: \.path)
            for copy in copies {
                failed = true
                Session.printError(copy.problem)
            }
            let named = Set(paths.map(PosixFile.absolute))
            paths += counted.map(\.path).filter { !named.contains(PosixFile.absolute($0)) }
        }
        // Walks are read and rendered a batch at a time on every core, and written in order as they
        // come, so that no more than a batch of walks is held.
        var output = ReportOutput(toStandardOutput: output == nil)
        // Redaction numbers people across the whole report, so a redacted report is rendered in one piece.
        let stream = export.redact ? nil : ReportStream(format: format)
        var whole: [ReportInput] = []
        var written = 0
        var held: String?
        let withPaths = export.withPaths
        var start = 0
        let hashes = EvidenceHashCache(file: data.locations.evidenceHashes)
        defer { hashes.save() }
        let reviews = TeamFiles(data.locations).reviewTrails()
        // A reader gone or a full disk stops the report: nothing more could be written.
        while start < paths.count, !StandardStreams.outputFailed {
            let batch = Array(paths[start..<min(paths.count, start + 512)])
            start += batch.count
            let batchAuthors = batch.map { authors[$0] }
            let loaded = Parallel.map(Array(zip(batch, batchAuthors)), perWorker: 8) { item -> Result<(warnings: [LoadedWalk.Warning], piece: String?, input: ReportInput), WalkLoadError> in
                let (path, author) = item
                return Result { () throws(WalkLoadError) in try LoadedWalk.load(path: path) }.map { file in
                    let input = ReportInput(
                        walk: file.walk, file: withPaths ? file.path : nil, problems: file.warnings.map { withPaths ? $0.description : $0.short },
                        evidence: EvidenceCheck.statuses(for: [file.walk], hashes: hashes), evidencePaths: withPaths, author: author,
                        review: reviews.trail(author: author, walkID: file.walkID))
                    return (file.warnings, stream?.render(input), input)
                }
            }
            for result in loaded {
                switch result {
                case .failure(let error):
                    failed = true
                    Session.printError(error.description)
                case .success(let (warnings, piece, input)):
                    for warning in warnings { Session.printError("warning: \(warning)") }
                    guard let stream, let piece else {
                        whole.append(input)
                        continue
                    }
                    written += 1
                    // The head depends on how many walks there are: hold the first until a second comes.
                    if written == 1 {
                        held = piece
                    } else {
                        if let first = held {
                            output.write(stream.head(count: 2) + stream.join(first, first: true))
                            held = nil
                        }
                        output.write(stream.join(piece, first: false))
                    }
                }
            }
        }
        if let stream {
            if let first = held { output.write(stream.head(count: 1) + stream.join(first, first: true)) }
            if written > 0 { output.write(stream.tail(count: written)) }
        } else if !whole.isEmpty {
            written = whole.count
            output.write(Report.render(whole, as: format, redact: export.redact))
        }
        if written == 0, !failed {
            Session.printError("journeywalk: no walks match in \(library.folder)")
            throw ExitCode(1)
        }
        if let path = self.output {
            do {
                try PosixFile.writeExport(output.collected, to: path, mode: export.mode.value)
            } catch {
                throw Session.fail("cannot write the report: \(error)")
            }
            Session.printError("Wrote \(Counted.text(written, "walk")) as \(format.rawValue) to \(path)")
        } else {
            output.flush()
        }
        if failed { throw ExitCode(1) }
    }
}

/// Where a report goes: standard output in 64 KB writes, or bytes kept for one atomic write to a file.
struct ReportOutput {
    let toStandardOutput: Bool
    private var stdout = OutputBuffer(what: "the report")
    private(set) var collected: [UInt8] = []

    init(toStandardOutput: Bool) { self.toStandardOutput = toStandardOutput }

    mutating func write(_ text: String) {
        if toStandardOutput { stdout.write(text) } else { collected.append(contentsOf: text.utf8) }
    }

    mutating func flush() { stdout.flush() }
}
