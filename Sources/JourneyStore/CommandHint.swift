import Glibc
import JourneyKit

/// Commands printed for the user to run next, written so that they work as printed: by walk id only
/// where the id finds the walk in the same environment, else by path or with `--data-dir`.
public enum CommandHint {
    /// `journeywalk resume ID` for a walk in the walks folder the environment points to, else
    /// `journeywalk resume PATH` (absolute, quoted for a shell when needed).
    public static func resume(walkPath: String, walkID: String, environment: [String: String]) -> String {
        let defaults = DataLocations.resolve(dataDir: nil, environment: environment)
        let folder = PosixFile.parentFolder(of: walkPath)
        if PosixFile.isSameFolder(folder, defaults.walks), PosixFile.stem(of: walkPath) == walkID {
            return "journeywalk resume " + shellQuoted(walkID)
        }
        return "journeywalk resume " + shellQuoted(PosixFile.absolute(walkPath))
    }

    /// `journeywalk COMMAND ARGUMENTS…`, with `--data-dir` when `locations` is not the data folder the
    /// environment gives; `program` is the word that runs journeywalk (`program(executable:environment:)`).
    public static func command(_ words: [String], locations: DataLocations, environment: [String: String], program: String = "journeywalk") -> String {
        var words = [program] + words
        let defaults = DataLocations.resolve(dataDir: nil, environment: environment)
        if !PosixFile.isSameFolder(locations.home, defaults.home), locations.home != defaults.home {
            words += ["--data-dir", PosixFile.absolute(locations.home)]
        }
        return words.map(shellQuoted).joined(separator: " ")
    }

    /// Why another copy of a walk is not written to, with `diff` and `delete` commands that work as
    /// printed: by file name in the walks folder of `locations` (with `--data-dir` when needed), else by path.
    public static func refusal(_ copy: WalkCopy, locations: DataLocations, environment: [String: String]) -> String {
        func inWalks(_ path: String) -> Bool {
            let folder = PosixFile.parentFolder(of: path)
            return folder == locations.walks || PosixFile.isSameFolder(folder, locations.walks)
        }
        let inFolder = inWalks(copy.path) && inWalks(copy.kept)
        func reference(_ path: String) -> String { inFolder ? PosixFile.stem(of: path) : PosixFile.absolute(path) }
        return copy.refusal(
            diff: command(["diff", reference(copy.kept), reference(copy.path)], locations: locations, environment: environment),
            delete: command(["delete", reference(copy.path)], locations: locations, environment: environment))
    }

    /// The word that runs the journeywalk at `executable` from a shell with this environment:
    /// `journeywalk` when the first `journeywalk` on the `PATH` is that file, else its absolute path
    /// (a binary not installed: run from the build folder, as `swift run journeywalk` does, or from
    /// a folder that is not on the `PATH`).
    public static func program(executable: String, environment: [String: String]) -> String {
        let name = "journeywalk"
        for folder in (environment["PATH"] ?? "").split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (folder.isEmpty ? "." : String(folder)) + "/" + name
            guard PosixFile.isFile(candidate), access(candidate, X_OK) == 0 else { continue }
            // The shell runs the first one it finds: this journeywalk, or another.
            if PosixFile.isSameFile(candidate, executable) { return name }
            break
        }
        return PosixFile.absolute(executable)
    }

    /// A word as a POSIX shell reads it: as is when it is plain, else in single quotes.
    public static func shellQuoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            (scalar.value < 0x80 && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || "-_./:=@%+,".unicodeScalars.contains(scalar)
        }
        if plain { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
