import Glibc
import JourneyKit
import JourneySamples

/// Writes the built-in sample journeys into a journeys folder, never replacing a file that is there.
public enum SampleInstaller {
    /// What happened to one sample.
    public enum Outcome: Equatable, Sendable {
        /// Written: the file was not there.
        case installed(path: String)
        /// Already there with the same bytes.
        case unchanged(path: String)
        /// A file of that name is there with other contents (the user's changes): left as it is.
        case keptYours(path: String)
    }

    /// How many samples are built in.
    public static var count: Int { SampleJourneys.all.count }

    /// The samples' journey ids, by file name.
    public static var sampleIDs: [String] { SampleJourneys.all.map(\.id) }

    /// Lines that say what an install did: one per sample, then a summary.
    public static func report(_ outcomes: [Outcome], folder: String) -> [String] {
        var lines: [String] = []
        var installed = 0
        var unchanged = 0
        var kept = 0
        for outcome in outcomes {
            switch outcome {
            case .installed(let path):
                installed += 1
                lines.append("installed  \(TerminalText.sanitize(path))")
            case .unchanged(let path):
                unchanged += 1
                lines.append("unchanged  \(TerminalText.sanitize(path)) (already installed)")
            case .keptYours(let path):
                kept += 1
                lines.append("kept       \(TerminalText.sanitize(path)) (yours differs from the sample and was not replaced; remove it and install again to get the sample)")
            }
        }
        var parts = ["\(installed) installed"]
        if unchanged > 0 { parts.append("\(unchanged) already there") }
        if kept > 0 { parts.append("\(kept) of yours kept") }
        lines.append("Sample journeys in \(TerminalText.sanitize(folder)): " + parts.joined(separator: ", ") + ".")
        return lines
    }

    /// Installs every sample into `folder` (created with mode 0755 if needed).
    public static func install(into folder: String) throws(FileError) -> [Outcome] {
        try PosixFile.makeFolder(folder, mode: 0o755)
        var outcomes: [Outcome] = []
        for sample in SampleJourneys.all {
            outcomes.append(try install(sample.bytes, to: folder + "/" + sample.fileName))
        }
        return outcomes
    }

    static func install(_ bytes: [UInt8], to path: String) throws(FileError) -> Outcome {
        // O_EXCL: a file that appears meanwhile is never replaced.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 {
            let code = errno
            guard code == EEXIST else { throw FileError(path: path, errno: code) }
            guard PosixFile.isFile(path) else { throw FileError(path: path, reason: "exists and is not a regular file; left as it is") }
            let existing = try PosixFile.read(path)
            return existing == bytes ? .unchanged(path: path) : .keptYours(path: path)
        }
        do throws(FileError) {
            try PosixFile.writeAll(fd, bytes, path: path)
            guard fsync(fd) == 0 else { throw FileError(path: path, errno: errno) }
            close(fd)
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
        PosixFile.syncFolder(PosixFile.parentFolder(of: path))
        return .installed(path: path)
    }
}
