import JourneyKit

/// What `journeywalk verify` finds in one walk file: its chain computed from its bytes and where the
/// records' own seq/prev stop agreeing with it. A value, so that a comparison with a server's copy
/// of the chain can be added beside the file's own check.
public struct WalkChainCheck: Sendable {
    /// The walk id the file is named after.
    public var walkID: String
    public var path: String
    /// The chain computed from the file's bytes.
    public var chain: WalkChain
    /// The first record that does not match (format 3 only; formats 1 and 2 have no chain written in them).
    public var firstBreak: WalkChain.Break?

    /// Reads and checks one walk file (a regular file; anything else is refused as a reader refuses it).
    public static func check(path: String) throws(FileError) -> WalkChainCheck {
        let bytes = try PosixFile.read(path)
        let chain = WalkChain(bytes: bytes)
        return WalkChainCheck(walkID: PosixFile.stem(of: path), path: path, chain: chain, firstBreak: chain.firstBreak(in: bytes))
    }

    /// Whether the file's chain holds: no break, or a format (1, 2) whose chain is only computed.
    public var isIntact: Bool { firstBreak == nil }

    /// One line for people: `WALK-ID: chain intact, N records (format F)`, `WALK-ID: chain computed at
    /// push, N records (format F)` (formats 1 and 2) or `WALK-ID: record N: reason`. Not sanitized.
    public var summary: String {
        if let firstBreak { return "\(walkID): \(firstBreak)" }
        let records = Counted.text(chain.links.count, "record")
        let format = chain.format ?? 0
        return format >= 3 ? "\(walkID): chain intact, \(records) (format \(format))" : "\(walkID): chain computed at push, \(records) (format \(format))"
    }
}
