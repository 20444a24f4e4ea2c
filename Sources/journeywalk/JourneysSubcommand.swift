import ArgumentParser
import JourneyKit
import JourneyStore

struct JourneysSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journeys",
        abstract: "List, check and create journey definitions.",
        subcommands: [List.self, Validate.self, New.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the journeys found in ./journeys and $JOURNEYWALK_HOME/journeys.")

        @OptionGroup var data: DataOptions

        func run() throws {
            let catalog = JourneyCatalog(folders: data.locations.journeyFolders)
            let entries = catalog.entries()
            guard !entries.isEmpty else {
                print("No journeys in \(catalog.folders.joined(separator: " or ")). Create one with `journeywalk journeys new NAME`.")
                return
            }
            var rows: [[String]] = [["ID", "TITLE", "STAGES", "TOUCHPOINTS", "FILE"]]
            var broken = 0
            for entry in entries {
                switch entry.result {
                case .success(let loaded):
                    let journey = loaded.journey
                    rows.append([journey.id, TerminalText.sanitize(journey.title), "\(journey.stages.count)", "\(journey.touchpointCount)", entry.path])
                case .failure(let error):
                    broken += 1
                    rows.append([entry.id, "(invalid: \(Counted.text(error.problems.count, "problem")))", "-", "-", entry.path])
                }
            }
            let widths = rows[0].indices.map { column in rows.map { TerminalText.width(of: $0[column]) }.max() ?? 0 }
            for row in rows {
                let cells = row.enumerated().map { index, cell in
                    index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - TerminalText.width(of: cell))
                }
                print(cells.joined(separator: "  "))
            }
            if broken > 0 {
                Session.printError("\(broken) journey file\(broken == 1 ? " has" : "s have") problems: `journeywalk journeys validate` shows them")
            }
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
                    print("\(path): ok (\(Counted.text(loaded.journey.stages.count, "stage")), \(Counted.text(loaded.journey.touchpointCount, "touchpoint")))")
                } catch {
                    failed += 1
                    for problem in error.problems { print(problem.description) }
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
            print("Created \(path). Edit it, then: journeywalk journeys validate \(path)")
        }
    }
}
