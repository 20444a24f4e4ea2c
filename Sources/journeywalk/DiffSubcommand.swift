import ArgumentParser
import JourneyKit
import JourneyReports
import JourneyStore

struct DiffSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two walks: verdicts, answers, score and timers per touchpoint, and the journey's changes.",
        discussion: "Touchpoints are matched by id, so walks of two versions of a journey can be compared: touchpoints added, removed or renamed between the versions are listed first. Lines of a walk file that cannot be read are named on standard error."
    )

    @Argument(help: "The first walk (file, id or id prefix).")
    var first: String

    @Argument(help: "The second walk.")
    var second: String

    @Option(name: .shortAndLong, help: "text, md or json.")
    var format: DiffFormat = .text

    @OptionGroup var data: DataOptions

    func run() throws {
        Session.openWalks(data.locations)
        let library = WalkFileCatalog(data.locations)
        var files: [LoadedWalk] = []
        for reference in [first, second] {
            do {
                files.append(try library.find(reference))
            } catch {
                throw Session.fail(error.description)
            }
        }
        for file in files {
            for warning in file.warnings { Session.printError("warning: \(warning)") }
        }
        if files[0].walk.journey.id != files[1].walk.journey.id {
            Session.printError("journeywalk: note: the walks are of different journeys (\(files[0].walk.journey.id), \(files[1].walk.journey.id)); touchpoints are matched by id")
        }
        StandardStreams.write(DiffReport.render(WalkDiff(before: files[0].walk, after: files[1].walk), as: format.report), what: "the differences")
    }
}

/// The formats `diff` prints: only these are offered, so help and behaviour agree.
enum DiffFormat: String, CaseIterable, ExpressibleByArgument {
    case text, md, json

    var report: CompareFormat {
        switch self {
        case .text: return .text
        case .md: return .md
        case .json: return .json
        }
    }
}
