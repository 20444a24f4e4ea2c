import Foundation
import JourneyKit

/// Records a walk into its walk file through a `WalkFileWriter`: starts a new walk file (a new walk id that never collides, written under
/// a hidden name and linked into place, locked, mode 0600) or takes over one opened for resuming,
/// and appends each record with an fsync before it returns. The seam where a team's outbox will plug in.
public final class WalkFileRecorder: WorkshopRecorder {
    private let loaded: LoadedJourney?
    private let walksFolder: String
    /// The visit's start as stated with `walk --at`, for the header.
    private let statedStart: Date?
    /// A workshop's `--timebox` in seconds, for the header.
    private let workshopTimebox: Int?
    /// The team's assignment the walk is started from, for the header.
    private let assignment: WalkAssignment?
    /// The zone a new walk starts in (`TZ` as the C library reads it).
    private let zone: SystemTimeZone
    public private(set) var writer: WalkFileWriter?

    /// A recorder for a new walk of `loaded` in `walksFolder`; `statedStart` is `walk --at`'s, and
    /// `workshopTimebox` a workshop's `--timebox` in seconds. `zone` is the zone the walk starts in.
    public init(loaded: LoadedJourney, walksFolder: String, statedStart: Date? = nil, workshopTimebox: Int? = nil,
                zone: SystemTimeZone = .current, assignment: WalkAssignment? = nil) {
        self.zone = zone
        self.assignment = assignment
        self.loaded = loaded
        self.walksFolder = walksFolder
        self.statedStart = statedStart
        self.workshopTimebox = workshopTimebox
    }

    /// A recorder that appends to a walk opened (and locked) for resuming.
    public init(resuming writer: WalkFileWriter) {
        self.zone = SystemTimeZone.current
        self.loaded = nil
        self.statedStart = nil
        self.workshopTimebox = nil
        self.assignment = nil
        self.walksFolder = PosixFile.parentFolder(of: writer.path)
        self.writer = writer
    }

    public func start(_ details: WalkDetails, at date: Date) throws -> WalkHeader {
        guard let loaded else { throw FileError(path: walksFolder, reason: "no journey to start") }
        var header = WalkHeader(
            walkID: "", journey: loaded.journey, journeyPath: loaded.path, journeyFingerprint: loaded.fingerprint,
            details: details, started: date, statedStart: statedStart)
        // The zone the walk starts in (`TZ` as the C library reads it), so its reports show the
        // visit's local time wherever they are made: its name, and its offset at the visit's start.
        header.timeZoneID = zone.name
        header.utcOffset = zone.zone.offset(at: statedStart ?? date)
        header.workshopTimebox = workshopTimebox
        header.assignment = assignment
        if WalkCodec.journeyCopyJSON(loaded.journey).utf8.count > WalkCodec.sharedCopyFrom {
            // A large journey is stored once beside the walks; if that fails, the header carries it.
            header.journeyCopy = try? SharedJourneyCopies.store(loaded.journey, walksFolder: walksFolder)
        }
        let names = PosixFile.list(walksFolder)
        let created = try WalkFileWriter.createNew(folder: walksFolder, header: header) { candidate in
            PosixFile.isFile(walksFolder + "/" + candidate + ".jsonl") || WalkFileCatalog.isTaken(candidate, among: names)
        }
        writer = created.writer
        return created.header
    }

    public func record(_ event: WalkEvent) throws {
        guard let writer else { throw FileError(path: walksFolder, reason: "the walk has not started") }
        try writer.append(event)
    }

    public func recordFlushing(_ event: WalkEvent) throws -> RecordFlush {
        guard let writer else { throw FileError(path: walksFolder, reason: "the walk has not started") }
        return try writer.appendFlushing(event)
    }

    public func actionIDsInUse() -> Set<String> { ActionLedger(folder: walksFolder).ids() }

    public func record(together events: [WalkEvent]) throws {
        guard let writer else {
            // Not started: `record` says so with the walks folder.
            for event in events { try record(event) }
            return
        }
        try writer.append(contentsOf: events)
    }
}
