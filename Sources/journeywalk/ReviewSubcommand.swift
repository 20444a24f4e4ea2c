import ArgumentParser
import CursesTerminal
import Foundation
import JourneyIndex
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

    @OptionGroup var filters: FilterOptions

    @OptionGroup var export: ExportOptions

    @OptionGroup var data: DataOptions

    func run() throws {
        Session.openWalks(data.locations)
        var folder = data.locations.walks
        if let target {
            if PosixFile.isFolder(target) {
                folder = target
            } else {
                let file: LoadedWalk
                do {
                    file = try WalkFileCatalog(data.locations).find(target)
                } catch {
                    throw Session.fail(error.description)
                }
                let terminal = try Session.openTerminal()
                let reviews = Review.reviews(data.locations)
                Review.runner(export.settings, reviews: reviews).run(walk: Review.state(for: file, reviews: reviews), terminal: terminal)
                try terminal.closeAfterScreen()
                return
            }
        }
        let filter = try filters.filter()
        // The first frame is drawn from the index as it is; the walk files are checked against it
        // right after (one stat each), and the list is read again if any changed.
        let source = Review.source(locations: data.locations, folder: folder, refreshLater: true)
        let list = Review.list(source, filter: filter.line, upToDate: false)
        let terminal = try Session.openTerminal()
        var runner = Review.listRunner(locations: data.locations, settings: export.settings, source: source)
        if source.refreshPending { runner.freshList = { Review.freshList(source) } }
        runner.run(list: list, terminal: terminal)
        try terminal.closeAfterScreen()
    }
}

/// The review screens' glue: listing walks, opening one, exporting reports.
enum Review {
    /// The walks of a folder: through the walk index for the data folder's walks (with the team
    /// copies pulled into the data folder, each marked with its author), else from the files.
    /// Every command that reads the data folder's walks as a set (review's list, compare, report's
    /// `--journey`/`--since`/`--all`, the home screen) gets them here.
    static func source(locations: DataLocations, folder: String, refreshLater: Bool = false) -> WalkDigestSource {
        let indexed = PosixFile.isSameFolder(folder, locations.walks) || folder == locations.walks
        return WalkDigestSource(
            walksFolder: folder, indexPath: indexed ? WalkIndex.path(home: locations.home) : nil, team: indexed ? TeamFiles(locations) : nil,
            refreshLater: refreshLater)
    }

    /// The list read again once the index put off by `refreshLater` is up to date (the refresh starts
    /// on the first call, after the first frame).
    static func freshList(_ source: WalkDigestSource) -> ReviewRunner.FreshList {
        source.startRefresh()
        switch source.refreshOutcome() {
        case .running: return .waiting
        case .unchanged: return .unchanged
        case .changed:
            let fresh = list(source)
            return .walks(fresh.items, notes: fresh.notes)
        }
    }

    /// The list of walks, read from the source (the index answers without opening the walk files,
    /// in its own order: the list sorts them).
    /// With `upToDate` false, an index whose refresh was put off answers as it is (the first frame).
    static func list(_ source: WalkDigestSource, filter: String = "", upToDate: Bool = true) -> ReviewListState {
        var items: [WalkListing] = []
        var notes: [String] = []
        source.forEach(filter: WalkFilter(), steps: false, ordered: false, upToDate: upToDate, walk: { items.append(WalkListing($0)) }, problem: { notes.append($0) })
        if let notice = source.notice { notes.insert(notice, at: 0) }
        return ReviewListState(items: items, notes: notes, filter: filter)
    }

    /// The team's pulled review of a walk file (SPEC 8.3): a team copy's under its author, a walk of
    /// the data folder under the member who pulled; none for another copy of a walk or a file elsewhere.
    static func reviews(_ locations: DataLocations) -> (LoadedWalk) -> ReviewTrail? {
        let trails = TeamFiles(locations).reviewTrails()
        let walks = locations.walks
        return { file in
            if let team = TeamCopy.at(file.path) { return trails.trail(author: team.author, walkID: file.walkID) }
            guard WalkFileCatalog.copy(path: file.path, walkID: file.walkID) == nil,
                  PosixFile.isSameFolder(PosixFile.parentFolder(of: PosixFile.absolute(file.path)), walks) else { return nil }
            return trails.trail(author: nil, walkID: file.walkID)
        }
    }

    /// `reviews`: where the walk's pulled review is found (`reviews(_:)`), read once as it opens.
    static func state(for file: LoadedWalk, reviews: (LoadedWalk) -> ReviewTrail?) -> ReviewWalkState {
        var problems = file.warnings.map(\.short)
        // Opened from a `⧉ copy` line (or by its name): say so first, as the list did.
        if let team = TeamCopy.at(file.path) {
            problems.insert("team copy pulled from \(team.author): read-only", at: 0)
        } else if let copy = WalkFileCatalog.copy(path: file.path, walkID: file.walkID) {
            problems.insert("this file is " + copy.problem.dropFirst(copy.path.count + 2), at: 0)
        }
        return ReviewWalkState(
            analysis: WalkAnalysis(file.walk), file: file.path, problems: problems,
            evidence: EvidenceCheck.statuses(for: [file.walk]), review: reviews(file))
    }

    static func runner(_ options: ExportSettings, reviews: @escaping (LoadedWalk) -> ReviewTrail?) -> ReviewRunner { ReviewRunner(
        open: { listing in
            do {
                return .success(state(for: try LoadedWalk.load(path: listing.path), reviews: reviews))
            } catch {
                return .failure(ReviewFailure(String(describing: error)))
            }
        },
        export: { state, format in
            let path = state.analysis.walk.header.walkID + "." + format.fileExtension
            let input = ReportInput(
                walk: state.analysis.walk, file: options.withPaths ? state.file : nil, problems: state.problems,
                evidence: state.evidence, evidencePaths: options.withPaths, review: state.reviewTrail)
            do throws(FileError) {
                try PosixFile.writeExport(Array(Report.render([input], as: format, redact: options.redact).utf8), to: path, mode: options.mode)
                return .success(PosixFile.absolute(path))
            } catch {
                return .failure(ReviewFailure(error.causeFirst))
            }
        })
    }
}
