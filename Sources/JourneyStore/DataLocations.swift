/// Where journeywalk keeps its files: `$JOURNEYWALK_HOME` (default `$XDG_DATA_HOME/journeywalk`,
/// else `~/.local/share/journeywalk`), with `walks/` and `journeys/` inside; `--data-dir` overrides it.
public struct DataLocations: Equatable, Sendable {
    public var home: String
    /// Folders searched for journeys, in order: `./journeys`, then `home/journeys`.
    public var journeyFolders: [String]

    public init(home: String, journeyFolders: [String]? = nil) {
        self.home = home
        self.journeyFolders = journeyFolders ?? ["journeys", home + "/journeys"]
    }

    public var walks: String { home + "/walks" }
    /// The cache of evidence files' hashes (`EvidenceHashCache`).
    public var evidenceHashes: String { home + "/evidence-hashes" }

    /// Resolves the data folder from the option and the environment.
    public static func resolve(dataDir: String?, environment: [String: String]) -> DataLocations {
        if let dataDir, !dataDir.isEmpty { return DataLocations(home: dataDir) }
        if let home = environment["JOURNEYWALK_HOME"], !home.isEmpty { return DataLocations(home: home) }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return DataLocations(home: xdg + "/journeywalk") }
        let user = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return DataLocations(home: user + "/.local/share/journeywalk")
    }
}
