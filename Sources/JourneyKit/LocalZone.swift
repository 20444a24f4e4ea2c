import Foundation

/// A time zone as local times are typed and read in it: its offset from UTC at any instant, and
/// the named zone where it has one. A zone known only by its offsets (a POSIX `TZ` rule such as
/// `<-03>3`, which the C library reads) is shown at the fixed offset in force at each time.
public struct LocalZone: Sendable {
    /// The named zone (`Europe/Paris`); nil for a zone known only by its offsets.
    public let named: TimeZone?
    private let offsets: @Sendable (Date) -> Int

    /// A zone Foundation knows (named, or a fixed offset).
    public init(_ zone: TimeZone) {
        named = zone
        offsets = { zone.secondsFromGMT(for: $0) }
    }

    /// A zone known only by its offsets from UTC, in seconds, at each instant.
    public init(offsets: @escaping @Sendable (Date) -> Int) {
        named = nil
        self.offsets = offsets
    }

    /// The offset from UTC, in seconds, in force at `date`.
    public func offset(at date: Date) -> Int { offsets(date) }

    /// The zone to show `date` in: the named zone, or the fixed offset in force then.
    public func timeZone(at date: Date) -> TimeZone {
        named ?? TimeZone(secondsFromGMT: offset(at: date)) ?? TimeZone(secondsFromGMT: 0) ?? .current
    }

    /// The instants a wall-clock time names (`wall`: its seconds since 1970 counted as if it were
    /// UTC), earliest first: one; two in the hour the clocks go back; none in the hour they skip.
    public func instants(ofWall wall: Int) -> [Date] {
        // Offsets change at most a few times a year: those a day either side cover any change.
        let candidates = Set([wall - 86_400, wall, wall + 86_400].map { offset(at: Date(timeIntervalSince1970: TimeInterval($0))) })
        return candidates.compactMap { candidate -> Date? in
            let instant = Date(timeIntervalSince1970: TimeInterval(wall - candidate))
            return offset(at: instant) == candidate ? instant : nil
        }.sorted()
    }

    /// For a wall-clock time the clocks skipped: the offsets before and after the change, and the
    /// instant it names at the offset before (shown at the offset after, later by the change).
    public func skipped(wall: Int) -> (before: Int, after: Int, becomes: Date) {
        let before = offset(at: Date(timeIntervalSince1970: TimeInterval(wall - 86_400)))
        let after = offset(at: Date(timeIntervalSince1970: TimeInterval(wall + 86_400)))
        return (before, after, Date(timeIntervalSince1970: TimeInterval(wall - before)))
    }
}
