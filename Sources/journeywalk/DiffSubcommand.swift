import ArgumentParser
import JourneyKit
import JourneyReports
import JourneyStore

struct DiffSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two walks: verdicts, answers, score and timers per touchpoint, and the journey's changes.",
        discussion: "Touchpoints are matched by id, so walks of two versions of a journey can be compared: touchpoints added, removed or renamed between the versions are listed first. WALK@N is the walk as it was submitted the Nth time (its revision N; a walk a reviewer returned is submitted again as revision 2), so `journeywalk diff WALK@1 WALK@2` shows what the shopper corrected. Lines of a walk file that cannot be read are named on standard error."
    )

    @Argument(help: "The first walk (file, id or id prefix; WALK@N: its revision N).")
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
            let (name, revision) = Self.revision(of: reference)
            do {
                var file = try library.find(name)
                if let revision {
                    let events = try LoadedWalk.parse(try PosixFile.read(file.path), path: file.path, keepingEvents: true).events
                    guard let walk = Walk.revision(revision, header: file.walk.header, events: events) else {
                        throw Session.fail("\(file.path): walk \(file.walkID) has \(file.walk.revision == 0 ? "never been submitted" : "only \(Counted.text(file.walk.revision, "revision"))"): there is no revision \(revision)")
                    }
                    file.walk = walk
                }
                files.append(file)
            } catch let error as ExitCode {
                throw error
            } catch let error as WalkLoadError {
                throw Session.fail(error.description)
            } catch let error as FileError {
                throw Session.fail(error.description)
            } catch {
                throw Session.fail("\(error)")
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

extension DiffSubcommand {
    /// `WALK@N` as the walk and its revision; any other reference as it is.
    static func revision(of reference: String) -> (walk: String, revision: Int?) {
        guard let at = reference.lastIndex(of: "@"), at != reference.startIndex else { return (reference, nil) }
        let number = reference[reference.index(after: at)...]
        guard !number.isEmpty, number.count <= 6, number.allSatisfy(\.isASCII), let revision = Int(number), revision >= 1 else { return (reference, nil) }
        return (String(reference[..<at]), revision)
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
