import ArgumentParser
import Foundation
import Glibc
import JourneyIndex
import JourneyKit
import JourneyReports
import JourneyStore
import WalkUI

extension CompareGrouping: ExpressibleByArgument {}
extension CompareFormat: ExpressibleByArgument {}

struct CompareSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "The same journey walked several times, side by side: consistency, flips, timers and scores.",
        discussion: """
            Touchpoints down, walks (or groups of walks, with --by) across; each cell the verdict (a group: the share of magic and misery), the timer against its target and the checklist score; per touchpoint the consistency (the share of walks agreeing with the most common of magic, neutral and misery) and whether it flips (magic in some walks, misery in others). Walks of different journey versions are matched by touchpoint id.
            Without --format, on a terminal, opens the full-screen matrix. Walk files that cannot be read in full are named on standard error, left out, and the exit status is 1.
            Each walk is counted once: when several files hold the same walk (a file sync tool's conflict copy), the one named after the walk (ID.jsonl) is kept, else the first by name, and each other copy is named on standard error and left out (exit status 1).
            """
    )

    @Argument(help: "Walk files, walk ids or id prefixes, all of one journey.")
    var walks: [String] = []

    @Option(help: "Every walk of this journey id (read from the walk index).")
    var journey: String?

    @Option(help: "One column per location, channel, operator, role or month (the month the visit began, in your time zone, TZ) instead of one per walk.")
    var by: CompareGrouping?

    @Option(name: .shortAndLong, help: "text, md, csv, json or html, printed to standard output.")
    var format: CompareFormat?

    @OptionGroup var filters: FilterOptions

    @OptionGroup var data: DataOptions

    func validate() throws {
        if walks.isEmpty == (journey == nil) {
            throw ValidationError("name the walks to compare, or choose them with --journey ID (not both)")
        }
    }

    func run() throws {
        let locations = data.locations
        Session.openWalks(locations)
        let filter = try filters.filter()
        let build: (CompareGrouping?) -> Result<Comparison, ReviewFailure>
        if let journey {
            let source = Review.source(locations: locations, folder: locations.walks)
            if let notice = source.notice { Session.printError("journeywalk: " + notice) }
            build = { .success(source.comparison(journey: journey, grouping: $0, filter: filter)) }
        } else {
            let library = WalkFileCatalog(locations)
            let (paths, unknown) = Session.walkPaths(walks, in: library)
            if unknown > 0 { throw ExitCode(1) }
            build = { grouping in
                do throws(WalkComparison.MixedJourneys) {
                    return .success(try WalkComparison.of(paths: paths, grouping: grouping, filter: filter))
                } catch {
                    return .failure(ReviewFailure(error.description))
                }
            }
        }
        let comparison: Comparison
        switch build(by) {
        case .success(let built): comparison = built
        case .failure(let failure): throw Session.fail(failure.message)
        }
        for problem in comparison.problems { Session.printError("journeywalk: " + problem) }
        if comparison.walks == 0 {
            throw Session.fail(journey.map { "no walks of journey '\($0)' match in \(locations.walks)" } ?? "none of these walks could be compared")
        }
        if format == nil, isatty(STDOUT_FILENO) == 1 {
            let terminal = try Session.openTerminal()
            CompareRunner(regroup: build).run(CompareState(comparison: comparison), terminal: terminal)
            try terminal.closeAfterScreen()
        } else {
            var output = OutputBuffer(what: "the comparison")
            CompareReport.write(comparison, as: format ?? .text) { output.write($0) }
            output.flush()
        }
        if !comparison.problems.isEmpty { throw ExitCode(1) }
    }
}
