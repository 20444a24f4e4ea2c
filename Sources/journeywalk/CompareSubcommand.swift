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
            With --agreement (calibration: several people walked the same journey), per checklist item and per touchpoint verdict the share of pairs of answers that agree, Krippendorff's alpha (nominal) over all items and over all verdicts, and how often each walker's answers differ from the majority; N/A, unanswered, skipped and unrecorded are left out. Without --format, on a terminal, opens the matrix showing agreement (a toggles it).
            """
    )

    @Argument(help: "Walk files, walk ids or id prefixes, all of one journey.")
    var walks: [String] = []

    @Option(help: "Every walk of this journey id (read from the walk index).")
    var journey: String?

    @Option(help: ArgumentHelp("Every walk of this wave of the team's assignments (journeywalk assign --wave), yours and the pulled ones.", valueName: "name"))
    var wave: String?

    @Option(help: "One column per location, channel, operator, role or month (the month the visit began, in your time zone, TZ) instead of one per walk.")
    var by: CompareGrouping?

    @Option(name: .shortAndLong, help: "text, md, csv, json or html (with --agreement: text, md, csv or json), printed to standard output.")
    var format: CompareFormat?

    @Flag(help: "Calibration: how far the walkers agree, per checklist item and touchpoint verdict, with Krippendorff's alpha and each walker's answers that differ from the majority.")
    var agreement = false

    @OptionGroup var filters: FilterOptions

    @OptionGroup var data: DataOptions

    func validate() throws {
        if [!walks.isEmpty, journey != nil, wave != nil].filter({ $0 }).count != 1 {
            throw ValidationError("name the walks to compare, or choose them with --journey ID or --wave NAME (one of the three)")
        }
        if agreement, by != nil {
            throw ValidationError("--by does not apply to --agreement: agreement counts every walk chosen together")
        }
        if agreement, format == .html {
            throw ValidationError("--agreement prints text, md, csv or json")
        }
    }

    /// The walks compared: every walk of a journey (from the walk index), the walks of a wave of
    /// assignments (their files), or walks named one by one.
    enum Selection {
        case journey(String)
        case files([String])
    }

    func run() throws {
        let locations = data.locations
        Session.openWalks(locations)
        let filter = try filters.filter()
        let selection: Selection
        let source: WalkDigestSource? = journey.map { _ in Review.source(locations: locations, folder: locations.walks) }
        if let journey {
            if let notice = source?.notice { Session.printError("journeywalk: " + notice) }
            selection = .journey(journey)
        } else if let wave {
            let paths = WaveWalks.paths(wave: wave, locations: locations)
            guard !paths.isEmpty else { throw Session.fail("no walk of the wave `\(TerminalText.sanitize(wave))` in \(locations.walks) or the pulled team walks (journeywalk pull)") }
            selection = .files(paths)
        } else {
            let library = WalkFileCatalog(locations)
            let (paths, unknown) = Session.walkPaths(walks, in: library)
            if unknown > 0 { throw ExitCode(1) }
            selection = .files(paths)
        }
        let build: (CompareGrouping?) -> Result<Comparison, ReviewFailure> = { grouping in
            switch selection {
            case .journey(let journey):
                guard let source else { return .failure(ReviewFailure("the walk index is not open")) }
                return .success(source.comparison(journey: journey, grouping: grouping, filter: filter))
            case .files(let paths):
                do throws(WalkComparison.MixedJourneys) {
                    return .success(try WalkComparison.of(paths: paths, grouping: grouping, filter: filter))
                } catch {
                    return .failure(ReviewFailure(error.description))
                }
            }
        }
        let agree: () -> Result<Agreement, ReviewFailure> = {
            switch selection {
            case .journey(let journey):
                guard let source else { return .failure(ReviewFailure("the walk index is not open")) }
                return .success(source.agreement(journey: journey, filter: filter))
            case .files(let paths):
                do throws(WalkComparison.MixedJourneys) {
                    return .success(try WalkAgreement.of(paths: paths, filter: filter))
                } catch {
                    return .failure(ReviewFailure(error.description))
                }
            }
        }
        let onScreen = format == nil && isatty(STDOUT_FILENO) == 1
        if agreement, !onScreen {
            try printAgreement(agree, format: AgreementFormat(rawValue: (format ?? .text).rawValue) ?? .text, locations: locations)
            return
        }
        let comparison: Comparison
        switch build(by) {
        case .success(let built): comparison = built
        case .failure(let failure): throw Session.fail(failure.message)
        }
        for problem in comparison.problems { Session.printError("journeywalk: " + problem) }
        if comparison.walks == 0 {
            throw Session.fail(noWalks(locations))
        }
        if onScreen {
            var state = CompareState(comparison: comparison)
            if agreement {
                switch agree() {
                case .success(let worked): state.showAgreement(worked)
                case .failure(let failure): throw Session.fail(failure.message)
                }
            }
            let terminal = try Session.openTerminal()
            CompareRunner(regroup: build, agreement: agree).run(state, terminal: terminal)
            try terminal.closeAfterScreen()
        } else {
            var output = OutputBuffer(what: "the comparison")
            CompareReport.write(comparison, as: format ?? .text) { output.write($0) }
            output.flush()
        }
        if !comparison.problems.isEmpty { throw ExitCode(1) }
    }

    private func noWalks(_ locations: DataLocations) -> String {
        journey.map { "no walks of journey '\($0)' match in \(locations.walks)" } ?? "none of these walks could be compared"
    }

    /// `--agreement` with a format (or not on a terminal): the report on standard output.
    private func printAgreement(_ agree: () -> Result<Agreement, ReviewFailure>, format: AgreementFormat, locations: DataLocations) throws {
        let worked: Agreement
        switch agree() {
        case .success(let value): worked = value
        case .failure(let failure): throw Session.fail(failure.message)
        }
        for problem in worked.problems { Session.printError("journeywalk: " + problem) }
        if worked.walks == 0 { throw Session.fail(noWalks(locations)) }
        var output = OutputBuffer(what: "the agreement")
        AgreementReport.write(worked, as: format) { output.write($0) }
        output.flush()
        if !worked.problems.isEmpty { throw ExitCode(1) }
    }
}

/// The walks of a wave of the team's assignments (SPEC 8.4): the files, this machine's and the pulled
/// copies, whose header names an assignment of that wave. Only each file's first line is read.
enum WaveWalks {
    static func paths(wave: String, locations: DataLocations) -> [String] {
        let library = WalkFileCatalog(folder: locations.walks, team: TeamFiles(locations))
        let needle = Array(JSONWriter.encode(.string(wave)).utf8)
        let candidates = library.paths + library.teamCopies.map(\.path)
        let found = Parallel.map(candidates, perWorker: 256) { path -> String? in
            guard let line = PosixFile.firstLine(path), ByteSearch.contains(line, Array(#""wave":"#.utf8) + needle) else { return nil }
            guard case .started(let parsed)? = try? WalkCodec.decode(bytes: line, copies: SharedJourneyCopies.near(walkFile: path)) else { return nil }
            return parsed.assignment?.wave == wave ? path : nil
        }
        return found.compactMap { $0 }
    }
}
