import JourneyKit

extension WalkCodec {
    /// A record in a few words for a message, from its line's bytes: `a verdict record of 2026-11-22T10:15:03.250Z`.
    public static func summary<Bytes: Collection>(ofLine line: Bytes) -> String where Bytes.Element == UInt8 {
        guard let value = JSONValue.parse(line), let type = value["type"]?.string else { return "a line that is not a record (\(line.count) bytes)" }
        let at = value["at"]?.string ?? value["started"]?.string
        return TerminalText.sanitize("a \(type) record" + (at.map { " of \($0)" } ?? ""))
    }
}
