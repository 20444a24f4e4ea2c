import JourneyKit
import JourneyStore

/// `verify` against the server: whether its copy of a walk holds the same records as the file.
public enum TeamVerify {
    public struct Comparison: Equatable, Sendable {
        /// One line for people, starting with the walk id.
        public var line: String
        /// False when a record differs (the file or the server's copy was changed).
        public var matches: Bool
    }

    public static func compare(_ server: TeamConnection, check: WalkChainCheck) async throws(TeamError) -> Comparison {
        let walkID = check.walkID
        let hashes = try await TeamPush.hashes(server, walkID: walkID)
        let links = check.chain.links
        if hashes.isEmpty { return Comparison(line: "\(walkID): not on the team server (journeywalk push \(walkID))", matches: true) }
        for (index, hash) in hashes.enumerated() where index < links.count && links[index].hash != hash {
            return Comparison(
                line: "\(walkID): record \(index + 1) differs from the team server's (this file's sha256 \(links[index].hash.prefix(12))…, the server's \(hash.prefix(12))…)",
                matches: false)
        }
        if hashes.count < links.count {
            return Comparison(line: "\(walkID): the team server holds records 1–\(hashes.count) of \(links.count), the same as this file's; journeywalk push sends the rest", matches: true)
        }
        if hashes.count > links.count {
            return Comparison(line: "\(walkID): the team server holds \(hashes.count) records, \(hashes.count - links.count) more than this file; the \(links.count) here are the same", matches: true)
        }
        return Comparison(line: "\(walkID): the team server holds the same \(Counted.text(links.count, "record"))", matches: true)
    }
}
