import JourneyKit

extension WalkFileCatalog {
    /// A journey as a walk's header keeps it: the copy taken when the walk started.
    public struct WalkedJourney: Sendable {
        /// The walk file whose header holds the copy.
        public var walkPath: String
        public var header: WalkHeader
    }

    /// The journeys walked in this folder, one per journey id, each from its newest walk.
    /// Reads only the header line of each file; files that are not walks are passed over.
    public func walkedJourneys() -> [WalkedJourney] {
        var seen = Set<String>()
        var found: [WalkedJourney] = []
        for path in paths.reversed() {
            guard let walked = Self.walkedJourney(in: path), seen.insert(walked.header.journey.id).inserted else { continue }
            found.append(walked)
        }
        return found.sorted { $0.header.journey.id < $1.header.journey.id }
    }

    /// The newest walk of a journey id, with its copy of the journey.
    public func newestWalk(ofJourney id: String) -> WalkedJourney? {
        // File names start with the start time, so the last name is the newest walk.
        for path in paths.reversed() {
            if let walked = Self.walkedJourney(in: path), walked.header.journey.id == id { return walked }
        }
        return nil
    }

    static func walkedJourney(in path: String) -> WalkedJourney? {
        guard let line = PosixFile.firstLine(path), case .started(let header)? = try? WalkCodec.decode(bytes: line, copies: SharedJourneyCopies.near(walkFile: path)) else { return nil }
        return WalkedJourney(walkPath: path, header: header)
    }
}
