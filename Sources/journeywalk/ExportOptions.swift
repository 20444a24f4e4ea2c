import ArgumentParser
import Glibc
import JourneyStore

/// A file mode given in octal on the command line (`600`, `644`).
struct FileMode: ExpressibleByArgument, Equatable {
    var value: mode_t

    init(_ value: mode_t) { self.value = value }

    init?(argument: String) {
        guard (1...4).contains(argument.count), let value = mode_t(argument, radix: 8), value <= 0o777 else { return nil }
        self.value = value
    }

    var defaultValueDescription: String { String(value, radix: 8) }
}

/// How reports are written to files and what they may carry: shared by `report -o` and review's export.
struct ExportOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "File mode, in octal, of report files written (with -o, or with E in review): 600 lets only you read them, 644 everyone on this machine.",
        valueName: "mode"))
    var mode = FileMode(0o600)

    @Flag(help: "Put the walk file's path in reports (the HTML footer, JSON walk.file, the lines that could not be read) and the full paths of attached evidence (otherwise only their file names). Left out by default: reports are shared, and the path names your home folder.")
    var withPaths = false

    @Flag(help: "Replace the names of people (operator, whom praise goes to, action owners) with Person 1, Person 2…, the same name by the same placeholder throughout the report.")
    var redact = false

    var settings: ExportSettings { ExportSettings(mode: mode.value, withPaths: withPaths, redact: redact) }
}

/// The export choices as plain values (the home screen's review uses the defaults).
struct ExportSettings {
    var mode: mode_t = 0o600
    var withPaths = false
    var redact = false
}

extension Session {
    /// The walks folder of the data folder, made private (0700) when it was wider, saying so on standard error.
    static func openWalks(_ locations: DataLocations) {
        if let notice = PosixFile.tightenFolder(locations.walks) { printError("journeywalk: " + notice) }
    }
}
