import Foundation

/// Where a walk's changes go: the runners call it for each record and show nothing as saved until it
/// returns. The walk file's writer (`WalkFileRecorder`, JourneyStore) is the one the product uses;
/// tests keep the records in memory; a team's outbox is to wrap the writer here.
public protocol WalkRecorder: AnyObject {
    /// Creates the walk file for these briefing details and writes its header.
    func start(_ details: WalkDetails, at: Date) throws -> WalkHeader
    /// Appends an event and flushes it to disk.
    func record(_ event: WalkEvent) throws
    /// Appends an event and starts flushing it to disk, for a caller with other work to do while it
    /// lands (the walk screen prepares its next frame): nothing is shown as saved before the flush's
    /// `wait()` says it is on disk. A thrown error means nothing was written.
    func recordFlushing(_ event: WalkEvent) throws -> RecordFlush
    /// The action ids already used in the walks beside this one, so a new one is unique.
    func actionIDsInUse() -> Set<String>
}

extension WalkRecorder {
    public func actionIDsInUse() -> Set<String> { [] }

    /// Writes and flushes before it returns.
    public func recordFlushing(_ event: WalkEvent) throws -> RecordFlush {
        try record(event)
        return .done
    }
}

/// Where a workshop's changes go: a walk recorder that can also write several events at once.
public protocol WorkshopRecorder: WalkRecorder {
    /// Appends events in one write, flushed to disk: all of them or none.
    func record(together events: [WalkEvent]) throws
}
