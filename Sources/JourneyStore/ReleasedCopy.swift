import JourneyKit

/// The copy of an approved walk that a release gives the client (SPEC 8.3): the same records, with
/// the people's names replaced as `report --redact` replaces them (`Person 1`…), under a walk id of
/// its own, with its journey written in full and without the journey file's path. Drafts (text never
/// saved) are left out, and so is evidence unless the reviewer includes it. A new format-3 file, with
/// a chain of its own.
public enum ReleasedCopy {
    /// The copy's bytes and the SHA-256s of the evidence it keeps.
    public static func make(_ bytes: [UInt8], path: String, name: String, includingEvidence: Bool) throws(WalkLoadError) -> (bytes: [UInt8], evidence: [String]) {
        let loaded = try LoadedWalk.parse(bytes, path: path, keepingEvents: true)
        let redaction = PeopleRedaction(walks: [loaded.walk])
        let rename = redaction.placeholder(for:)
        var header = loaded.walk.header
        header.walkID = name
        header.details.operator = rename(header.details.operator)
        header.journeyCopy = nil
        header.journeyPath = nil
        var events: [WalkEvent] = [.started(header)]
        var evidence: [String] = []
        for event in loaded.events {
            switch event {
            case .drafted:
                continue
            case .attached(let change):
                guard includingEvidence else { continue }
                if !evidence.contains(change.evidence.sha256) { evidence.append(change.evidence.sha256) }
                events.append(event)
            case .praised(var change):
                change.praise = change.praise.map { Praise(to: rename($0.to), text: $0.text) }
                events.append(.praised(change))
            case .actionChanged(var change):
                change.action.owner = rename(change.action.owner)
                events.append(.actionChanged(change))
            default:
                events.append(event)
            }
        }
        return (encode(events), evidence)
    }

    /// A released copy as the client keeps it: its evidence records point at the files `pull`
    /// fetched (`folder/SHA256`), so reports find them; re-chained. Nil when it cannot be read.
    public static func localized(_ bytes: [UInt8], path: String, evidenceFolder folder: String) -> [UInt8]? {
        guard let loaded = try? LoadedWalk.parse(bytes, path: path, keepingEvents: true) else { return nil }
        var events: [WalkEvent] = [.started(loaded.walk.header)]
        for event in loaded.events {
            guard case .attached(var change) = event else {
                events.append(event)
                continue
            }
            change.evidence.path = folder + "/" + change.evidence.sha256.lowercased()
            events.append(.attached(change))
        }
        return encode(events)
    }

    /// Events as a format-3 file with a chain of its own.
    static func encode(_ events: [WalkEvent]) -> [UInt8] {
        var copy: [UInt8] = []
        var prev: String?
        for (offset, event) in events.enumerated() {
            let line = Array(WalkCodec.encode(event, seq: offset + 1, prev: prev).utf8)
            prev = SHA256.hex(line)
            copy += line
            copy.append(0x0A)
        }
        return copy
    }
}
