import ArgumentParser
import JourneyKit
import JourneyStore

struct VerifySubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the hash chain of walk files: that no record was changed, removed or inserted.",
        discussion: "WALK is a walk file, a walk id or the start of one. Prints one line per walk: 'chain intact, N records (format F)', or the first record whose seq or prev does not match ('record N: reason'). Walks of formats 1 and 2 carry no chain ('chain computed at push'). Exits 1 when a chain is broken."
    )

    @Argument(help: "Walk files, walk ids or unique id prefixes.")
    var walks: [String]

    @OptionGroup var data: DataOptions

    func run() throws {
        let locations = data.locations
        Session.openWalks(locations)
        let catalog = WalkFileCatalog(folder: locations.walks)
        var paths: [String] = []
        for walk in walks {
            do {
                paths.append(try catalog.path(of: walk))
            } catch {
                throw Session.fail(error.description)
            }
        }
        let checks: [WalkChainCheck]
        do {
            checks = try Self.checks(of: paths)
        } catch {
            throw Session.fail("\(error.path): cannot read the walk file: \(error.reason)")
        }
        for check in checks { Session.say(TerminalText.sanitize(check.summary)) }
        if !checks.allSatisfy(\.isIntact) { throw ExitCode(1) }
    }

    /// The checks of the walk files, in order, as values: where a comparison with the server's
    /// chain will join the file's own.
    static func checks(of paths: [String]) throws(FileError) -> [WalkChainCheck] {
        var checks: [WalkChainCheck] = []
        for path in paths { checks.append(try WalkChainCheck.check(path: path)) }
        return checks
    }
}
