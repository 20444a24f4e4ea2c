import JourneyKit

/// A journey read from a file, with where it came from and the fingerprint of its bytes.
public struct LoadedJourney: Equatable, Sendable {
    public var journey: Journey
    /// The journey file (absolute); nil for a sample built into journeywalk.
    public var path: String?
    public var fingerprint: String

    public init(journey: Journey, path: String?, fingerprint: String) {
        self.journey = journey
        self.path = path
        self.fingerprint = fingerprint
    }
}
