import Glibc
import JourneyKit
import Synchronization

/// Shared copies of large journeys, stored once beside the walks (`walks/journeys/NAME.json`)
/// instead of in every walk's header. A copy is named after a hash of its bytes, so it is written
/// once, never changed, and checked when read.
public struct SharedJourneyCopies: Sendable {
    /// Folders searched in order for a copy.
    public var folders: [String]

    public init(folders: [String]) { self.folders = folders }

    /// Where the copies of the walks in a folder are kept.
    public static func folder(forWalks walks: String) -> String { walks + "/journeys" }

    /// The copies a walk file can refer to: beside it, and beside the data folder's walks (for a
    /// walk moved to the trash or another folder of the same data folder).
    public static func near(walkFile path: String) -> SharedJourneyCopies {
        let parent = PosixFile.parentFolder(of: path)
        let base = parent.isEmpty ? "." : parent
        return SharedJourneyCopies(folders: [folder(forWalks: base), folder(forWalks: base + "/../walks")])
    }

    /// Stores a journey's copy in a walks folder (once: an existing identical copy is kept) and
    /// returns its name; nil when a different file already has that name.
    public static func store(_ journey: Journey, walksFolder: String) throws(FileError) -> String? {
        let bytes = Array(WalkCodec.journeyCopyJSON(journey).utf8)
        let name = Fingerprint.of(bytes).replacingOccurrences(of: ":", with: "-")
        let folder = folder(forWalks: walksFolder)
        let path = folder + "/" + name + ".json"
        if PosixFile.isFile(path) {
            return (try? PosixFile.read(path)) == bytes ? name : nil
        }
        try PosixFile.makeFolder(folder, mode: 0o700)
        try PosixFile.writeAtomically(bytes, to: path, mode: 0o600)
        return name
    }

    /// The journey of a copy, read once per process and checked against its name.
    public func journey(named name: String) throws(WalkCodec.LineProblem) -> Journey {
        if let cached = Self.cache.withLock({ $0[name] }) { return cached }
        guard name.hasPrefix("fnv1a64-"), name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw .journeyCopy(name: TerminalText.sanitize(name), problem: "has a name journeywalk does not write")
        }
        for folder in folders {
            let path = folder + "/" + name + ".json"
            guard PosixFile.isFile(path) else { continue }
            guard let bytes = try? PosixFile.read(path) else {
                throw .journeyCopy(name: name, problem: "cannot be read in \(folder)")
            }
            guard Fingerprint.of(bytes).replacingOccurrences(of: ":", with: "-") == name else {
                throw .journeyCopy(name: name, problem: "was changed since it was stored in \(folder) (its contents no longer match its name)")
            }
            guard let journey = WalkCodec.journey(copy: bytes) else {
                throw .journeyCopy(name: name, problem: "is not a journey copy (\(folder))")
            }
            Self.cache.withLock { $0[name] = journey }
            return journey
        }
        throw .journeyCopy(name: name, problem: "is missing from \(folders.first ?? "journeys/"); copy that folder along with the walk files")
    }

    private static let cache = Mutex<[String: Journey]>([:])
}
