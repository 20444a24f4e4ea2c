import JourneyKit

/// The journeys a user can walk by id: the YAML files in the journey folders.
public struct JourneyCatalog: Sendable {
    public var folders: [String]

    public init(folders: [String]) { self.folders = folders }

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
        if (PosixFile.exists(reference) && !PosixFile.isFolder(reference)) || reference.contains("/") || reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") {
            return try JourneyLoader.load(path: reference)
        }
        // Files named after the id first (the usual case, one parse), then the others; each parsed once.
        let files = self.files
        let named = files.filter { PosixFile.stem(of: $0) == reference }
        var namedResult: Result<LoadedJourney, JourneyLoadError>?
        for path in named + files.filter({ PosixFile.stem(of: $0) != reference }) {
            let result = Result { () throws(JourneyLoadError) in try JourneyLoader.load(path: path) }
            if case .success(let loaded) = result, loaded.journey.id == reference { return loaded }
            if namedResult == nil, named.contains(path) { namedResult = result }
        }
        // A file named after the id that does not load: its problems say more than "not found".
        if let namedResult { return try namedResult.get() }
        let places = folders.joined(separator: " or ")
        throw JourneyLoadError(problems: [JourneyProblem(
            file: reference, line: 0, column: 0,
            message: "no journey file or journey id '\(TerminalText.sanitize(reference))' in \(places); `journeywalk journeys list` shows the journeys"
        )])
    }
}
