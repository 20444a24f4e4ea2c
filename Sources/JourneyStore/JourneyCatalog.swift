import JourneyKit
import JourneySamples

/// The journeys a user can walk by id: the YAML files in the journey folders, then the journeys
/// walked before (from the walk files' copies), then the samples built into journeywalk.
public struct JourneyCatalog: Sendable {
    public var folders: [String]
    /// The walks whose journey copies are searched when no file in the folders has the id (nil: none).
    public var walksFolder: String?
    /// Whether the built-in samples are found by id when nothing else has it.
    public var includesSamples: Bool

    public init(folders: [String], walksFolder: String? = nil, includesSamples: Bool = false) {
        self.folders = folders
        self.walksFolder = walksFolder
        self.includesSamples = includesSamples
    }

    /// Everything a command can find a journey in: the journey folders, the walks, the samples.
    public init(locations: DataLocations) {
        self.init(folders: locations.journeyFolders, walksFolder: locations.walks, includesSamples: true)
    }

    /// One journey file found in a folder, loaded or with its problems.
    public struct Entry: Sendable {
        public var path: String
        public var result: Result<LoadedJourney, JourneyLoadError>

        /// The journey id, or the file name when the file does not load.
        public var id: String {
            if case .success(let loaded) = result { return loaded.journey.id }
            return PosixFile.stem(of: path)
        }
    }

    /// Where a journey found by id comes from, other than a file in the journey folders.
    public enum Origin: Equatable, Sendable {
        /// A journey file given by path, or found in a journey folder.
        case file
        /// The file the newest walk of this id was made from, still there (`walk` is that walk's file).
        case walkedFile(walk: String)
        /// The copy of the journey kept in the newest walk of this id (its file is gone or changed).
        case walkCopy(walk: String)
        /// A sample built into journeywalk (`journeywalk journeys install` writes it out).
        case sample
    }

    /// A journey found, and where.
    public struct Found: Sendable {
        public var loaded: LoadedJourney
        public var origin: Origin
    }

    /// Paths of `.yaml`/`.yml` files in the folders, in folder order then by name.
    public var files: [String] {
        var seen = Set<String>()
        var paths: [String] = []
        for folder in folders where PosixFile.isFolder(folder) {
            for name in PosixFile.list(folder) where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let path = folder + "/" + name
                let absolute = PosixFile.absolute(path)
                // Anything but a folder is listed: a FIFO or a device named .yaml is then reported, not skipped.
                if PosixFile.exists(path), !PosixFile.isFolder(path), seen.insert(absolute).inserted { paths.append(path) }
            }
        }
        return paths
    }

    /// Every journey file, loaded.
    public func entries() -> [Entry] {
        files.map { path in
            Entry(path: path, result: Result { () throws(JourneyLoadError) in try JourneyLoader.load(path: path) })
        }
    }

    /// Finds a journey by path or by id; the error says where it looked.
    public func find(_ reference: String) throws(JourneyLoadError) -> LoadedJourney {
        try locate(reference).loaded
    }

    /// Finds a journey by path or by id, and says where it was found.
    public func locate(_ reference: String) throws(JourneyLoadError) -> Found {
        if (PosixFile.exists(reference) && !PosixFile.isFolder(reference)) || reference.contains("/") || reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") {
            return Found(loaded: try JourneyLoader.load(path: reference), origin: .file)
        }
        // Files named after the id first (the usual case, one parse), then the others; each parsed once.
        // Another file is parsed only when it could have the id (see `couldHaveID`), so files about
        // other journeys, even slow or broken ones, cost a read, not a parse.
        let files = self.files
        let named = files.filter { PosixFile.stem(of: $0) == reference }
        var namedResult: Result<LoadedJourney, JourneyLoadError>?
        for path in named + files.filter({ PosixFile.stem(of: $0) != reference }) {
            let isNamed = named.contains(path)
            guard let bytes = try? PosixFile.read(path, limit: JourneyLoader.maximumFileSize) else {
                if isNamed, namedResult == nil {
                    namedResult = Result { () throws(JourneyLoadError) in try JourneyLoader.load(path: path) }
                }
                continue
            }
            if !isNamed, !Self.couldHaveID(reference, bytes: bytes, path: path) { continue }
            let result = Result { () throws(JourneyLoadError) in try JourneyLoader.load(bytes, path: path) }
            if case .success(let loaded) = result, loaded.journey.id == reference { return Found(loaded: loaded, origin: .file) }
            if namedResult == nil, isNamed { namedResult = result }
        }
        // A file named after the id that does not load: its problems say more than "not found".
        if let namedResult { return Found(loaded: try namedResult.get(), origin: .file) }
        if let walksFolder, let walked = WalkFileCatalog(folder: walksFolder).newestWalk(ofJourney: reference) {
            return try Self.journey(walked)
        }
        if includesSamples, let sample = Self.sample(reference) { return sample }
        var places = folders.joined(separator: " or ")
        if walksFolder != nil { places += ", among the journeys walked before" }
        if includesSamples { places += " or the built-in samples" }
        throw JourneyLoadError(problems: [JourneyProblem(
            file: reference, line: 0, column: 0,
            message: "no journey file or journey id '\(TerminalText.sanitize(reference))' in \(places); `journeywalk journeys list` shows the journeys"
        )])
    }

    /// Whether a journey file not named after `id` could still have it: its own id made from the file
    /// name, or the id spelled in the text (a slug cannot be split across lines or quoted in pieces;
    /// only an escape in a double-quoted string could spell it otherwise, so a backslash counts too).
    static func couldHaveID(_ id: String, bytes: [UInt8], path: String) -> Bool {
        let stem = PosixFile.stem(of: path)
        if (Slug.isValid(stem) ? stem : Slug.make(stem)) == id { return true }
        if bytes.contains(UInt8(ascii: "\\")) { return true }
        let needle = Array(id.utf8)
        guard let first = needle.first, needle.count <= bytes.count else { return false }
        var index = bytes.startIndex
        while let start = bytes[index...].firstIndex(of: first) {
            if bytes[start...].starts(with: needle) { return true }
            index = start + 1
        }
        return false
    }

    /// The journeys found by id beyond the folders' files: walked before, then built-in samples,
    /// leaving out ids in `excluding` (the files' ids) and ids found earlier.
    public func others(excluding ids: Set<String>) -> [Found] {
        var taken = ids
        var found: [Found] = []
        if let walksFolder {
            for walked in WalkFileCatalog(folder: walksFolder).walkedJourneys() where !taken.contains(walked.header.journey.id) {
                guard let journey = try? Self.journey(walked) else { continue }
                taken.insert(walked.header.journey.id)
                found.append(journey)
            }
        }
        if includesSamples {
            for sample in SampleJourneys.all where !taken.contains(sample.id) {
                if let journey = Self.sample(sample.id) { found.append(journey) }
            }
        }
        return found
    }

    /// A journey walked before: its file when it is still there with the same id, else the walk's copy.
    /// A file that is there but no longer loads gives its problems (they are what the user must fix).
    static func journey(_ walked: WalkFileCatalog.WalkedJourney) throws(JourneyLoadError) -> Found {
        let header = walked.header
        if let path = header.journeyPath, PosixFile.isFile(path) {
            let loaded = try JourneyLoader.load(path: path)
            if loaded.journey.id == header.journey.id { return Found(loaded: loaded, origin: .walkedFile(walk: walked.walkPath)) }
        }
        let copy = LoadedJourney(journey: header.journey, path: header.journeyPath, fingerprint: header.journeyFingerprint)
        return Found(loaded: copy, origin: .walkCopy(walk: walked.walkPath))
    }

    /// A built-in sample by journey id.
    static func sample(_ id: String) -> Found? {
        guard let sample = SampleJourneys.all.first(where: { $0.id == id }),
              let journey = try? JourneyLoader.parse(sample.bytes, file: "built-in " + sample.fileName),
              journey.id == id
        else { return nil }
        return Found(loaded: LoadedJourney(journey: journey, path: nil, fingerprint: Fingerprint.of(sample.bytes)), origin: .sample)
    }
}
