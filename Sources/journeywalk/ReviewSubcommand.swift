import ArgumentParser
import CursesTerminal
import Foundation
import JourneyKit
import JourneyReports
import JourneyStore
import WalkUI

struct ReviewSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Browse saved walks: timeline, emotion curve, peak and end, everything each moment records; export from the screen.",
        discussion: "Without an argument, lists the walks in the data folder. A folder lists the walks in it; a walk file, id or id prefix opens that walk. E exports the walk open into the current folder, as a file only you can read (--mode changes that), without the walk file's path (unless --with-paths), with names replaced by Person 1, Person 2… under --redact."
    )

    @Argument(help: "A walk (file, id or id prefix) or a folder of walks.")
    var target: String?

    @OptionGroup var export: ExportOptions

    @OptionGroup var data: DataOptions

    func run() throws {
        Session.openWalks(data.locations)
        var folder = data.locations.walks
        if let target {
            if PosixFile.isFolder(target) {
                folder = target
            } else {
                let file: WalkFile
                do {
                    file = try WalkLibrary(folder: folder).find(target)
                } catch {
                    throw Session.fail(error.description)
                }
                let terminal = try Session.openTerminal()
                Review.runner(export.settings).run(walk: Review.state(for: file), terminal: terminal)
                try terminal.closeAfterScreen()
                return
            }
        }
        let list = Review.list(folder: folder)
        let terminal = try Session.openTerminal()
        Review.listRunner(locations: data.locations, settings: export.settings).run(list: list, terminal: terminal)
        try terminal.closeAfterScreen()
    }
}

/// The review screens' glue: listing walks, opening one, exporting reports.
enum Review {
    static func list(folder: String) -> ReviewListState {
        let (files, errors) = WalkLibrary(folder: folder).load()
        return ReviewListState(items: files.map(listing), notes: errors.map(\.description))
    }

    static func listing(_ file: WalkFile) -> WalkListing {
        let walk = file.walk
        let details = walk.header.details
        return WalkListing(
            path: file.path, walkID: walk.header.walkID, journeyID: walk.journey.id, journeyTitle: walk.journey.title,
            started: walk.header.started, startedText: Session.localMinute(walk.header.started),
            operator: details.operator, role: details.role?.rawValue ?? "", location: details.location,
            summary: walk.summary, finished: walk.isFinished, problems: file.warnings.count)
    }

    static func state(for file: WalkFile) -> ReviewWalkState {
        ReviewWalkState(
            analysis: WalkAnalysis(file.walk), file: file.path, problems: file.warnings.map(\.short),
            evidence: EvidenceCheck.statuses(for: [file.walk]))
    }

    static func runner(_ options: ExportSettings) -> ReviewRunner { ReviewRunner(
        open: { listing in
            do {
                return .success(state(for: try WalkFile.load(path: listing.path)))
            } catch {
                return .failure(ReviewFailure(String(describing: error)))
            }
        },
        export: { state, format in
            let path = state.analysis.walk.header.walkID + "." + format.fileExtension
            let input = ReportInput(
                walk: state.analysis.walk, file: options.withPaths ? state.file : nil, problems: state.problems,
                evidence: state.evidence, evidencePaths: options.withPaths)
            do throws(FileError) {
                try PosixFile.writeExport(Array(Report.render([input], as: format, redact: options.redact).utf8), to: path, mode: options.mode)
                return .success(PosixFile.absolute(path))
            } catch {
                return .failure(ReviewFailure(error.causeFirst))
            }
        })
    }
}
