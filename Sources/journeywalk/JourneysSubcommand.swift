import ArgumentParser
import JourneyKit
import JourneyStore

struct JourneysSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journeys",
        abstract: "List, check and create journey definitions.",
        subcommands: [List.self, Validate.self, New.self, Install.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the journeys found in ./journeys and $JOURNEYWALK_HOME/journeys.",
            discussion: "Also lists the journeys walked before from files elsewhere, and the samples built into journeywalk: `journeywalk walk ID` finds them all by id."
        )

        @OptionGroup var data: DataOptions

        func run() throws {
            let locations = data.locations
            let catalog = JourneyCatalog(locations: locations)
            let entries = catalog.entries()
            var rows: [[String]] = [["ID", "TITLE", "STAGES", "TOUCHPOINTS", "FILE"]]
            var broken = 0
            for entry in entries {
                switch entry.result {
                case .success(let loaded):
                    let journey = loaded.journey
                    rows.append([journey.id, TerminalText.sanitize(journey.title), "\(journey.stages.count)", "\(journey.touchpointCount)", TerminalText.sanitize(entry.path)])
                case .failure(let error):
                    broken += 1
                    rows.append([TerminalText.sanitize(entry.id), "(invalid: \(Counted.text(error.problems.count, "problem")))", "-", "-", TerminalText.sanitize(entry.path)])
                }
            }
            let others = catalog.others(excluding: Set(entries.map(\.id)))
            for found in others {
                let journey = found.loaded.journey
                let source: String
                switch found.origin {
                case .file, .walkedFile: source = (found.loaded.path ?? "") + " (walked before)"
                case .walkCopy(let walk): source = "(copy kept in walk \(PosixFile.stem(of: walk)))"
                case .sample: source = "(built in)"
                }
                rows.append([journey.id, TerminalText.sanitize(journey.title), "\(journey.stages.count)", "\(journey.touchpointCount)", TerminalText.sanitize(source)])
            }
            let widths = rows[0].indices.map { column in rows.map { TerminalText.width(of: $0[column]) }.max() ?? 0 }
            for row in rows {
                let cells = row.enumerated().map { index, cell in
                    index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - TerminalText.width(of: cell))
                }
                Session.say(cells.joined(separator: "  "))
            }
            if others.contains(where: { $0.origin == .sample }) {
                let environment = Session.environment
                Session.say("")
                Session.say("(built in): a sample inside journeywalk. `\(CommandHint.command(["walk", "ID"], locations: locations, environment: environment))` walks one as it is; `\(CommandHint.command(["journeys", "install"], locations: locations, environment: environment))` writes the samples into \(TerminalText.sanitize(PosixFile.absolute(locations.home)))/journeys to edit.")
            }
            if broken > 0 {
                let validate = CommandHint.command(["journeys", "validate"], locations: locations, environment: Session.environment)
                Session.printError("\(broken) journey file\(broken == 1 ? " has" : "s have") problems: `\(validate)` shows them")
            }
        }
    }

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the sample journeys into $JOURNEYWALK_HOME/journeys, to walk and to edit.",
            discussion: "A file that is there already is never replaced: one you changed is kept as it is (remove it and install again for the shipped version)."
        )

        @OptionGroup var data: DataOptions

        func run() throws {
            let folder = data.locations.home + "/journeys"
            let outcomes: [SampleInstaller.Outcome]
            do {
                outcomes = try SampleInstaller.install(into: folder)
            } catch {
                throw Session.fail("cannot install the sample journeys: \(error)")
            }
            for line in SampleInstaller.report(outcomes, folder: folder) { Session.say(line) }
            let first = SampleInstaller.sampleIDs.contains("retail-store-visit") ? "retail-store-visit" : SampleInstaller.sampleIDs.first ?? "ID"
            let locations = data.locations
            Session.say("Walk one with: \(CommandHint.command(["walk", first], locations: locations, environment: Session.environment))")
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check journey files without walking them.",
            discussion: "Prints every problem as FILE:LINE:COLUMN: message and exits with status 1 when there is any. Without files, checks every journey in the journey folders."
        )

        @Argument(help: "Journey files to check.")
        var files: [String] = []

        @OptionGroup var data: DataOptions

        func run() throws {
            let paths = files.isEmpty ? JourneyCatalog(folders: data.locations.journeyFolders).files : files
            guard !paths.isEmpty else { throw Session.fail("no journey files to check") }
            var failed = 0
            for path in paths {
                do {
                    let loaded = try JourneyLoader.load(path: path)
                    Session.say("\(path): ok (\(Counted.text(loaded.journey.stages.count, "stage")), \(Counted.text(loaded.journey.touchpointCount, "touchpoint")))")
                } catch {
                    failed += 1
                    for problem in error.problems { Session.say(problem.description) }
                }
            }
            if failed > 0 {
                Session.printError("\(failed) of \(Counted.text(paths.count, "journey file")) failed validation")
                throw ExitCode(1)
            }
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a journey file to edit, from a template.")

        @Argument(help: "The journey's title, such as \"Hotel check-in\".")
        var name: String

        @Option(help: "Folder to create it in.")
        var folder: String = "journeys"

        func run() throws {
            let id = Slug.make(name)
            guard !id.isEmpty else { throw Session.fail("'\(name)' gives an empty id; use letters or digits") }
            let path = folder + "/" + id + ".yaml"
            guard !PosixFile.isFile(path) else { throw Session.fail("\(path) exists already; choose another name") }
            do {
                try PosixFile.makeFolder(folder, mode: 0o755)
                try JourneyTemplate.write(title: name, id: id, to: path)
            } catch {
                throw Session.fail(error.description)
            }
            Session.say("Created \(path). Edit it, then: journeywalk journeys validate \(CommandHint.shellQuoted(path))")
        }
    }
}
