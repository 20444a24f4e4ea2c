import JourneyKit

/// The review events `pull` fetched (SPEC 8.3): one file per walk, `team/reviews/AUTHOR/WALK-ID.jsonl`,
/// one event per line in the server's order, read-only (0400) and rewritten whole when events are
/// added. The member's own walks are under their own name, so the shopper sees a return offline.
extension TeamFiles {
    public var reviews: String { folder + "/reviews" }

    public func reviewPath(author: String, walkID: String) -> String { reviews + "/" + author + "/" + walkID + ".jsonl" }

    /// The events pulled for a walk, nil when none were.
    public func reviewTrail(author: String, walkID: String) -> ReviewTrail? {
        guard Self.isSafeName(author), Self.isSafeName(walkID),
              let bytes = try? PosixFile.read(reviewPath(author: author, walkID: walkID), limit: 16 << 20) else { return nil }
        let events = Self.reviewEvents(in: bytes)
        return events.isEmpty ? nil : ReviewTrail(events: events)
    }

    /// The review of one of this member's own walks (the member of the last pull), nil when none was pulled.
    public func ownReviewTrail(walkID: String) -> ReviewTrail? {
        guard let member = pullState()?.member else { return nil }
        return reviewTrail(author: member, walkID: walkID)
    }

    /// Every pulled review of this member's own walks, by walk id.
    public func ownReviewTrails() -> [String: ReviewTrail] {
        guard let member = pullState()?.member else { return [:] }
        var trails: [String: ReviewTrail] = [:]
        for file in PosixFile.list(reviews + "/" + member) where file.hasSuffix(".jsonl") {
            let walkID = String(file.dropLast(".jsonl".count))
            if let trail = reviewTrail(author: member, walkID: walkID) { trails[walkID] = trail }
        }
        return trails
    }

    /// Adds events to a walk's review file (those it holds already, by change number, are skipped).
    /// Returns how many were new.
    @discardableResult
    public func addReviewEvents(_ events: [ReviewEvent], author: String, walkID: String) throws(FileError) -> Int {
        guard Self.isSafeName(author), Self.isSafeName(walkID) else { return 0 }
        let path = reviewPath(author: author, walkID: walkID)
        let existing = (try? PosixFile.read(path, limit: 16 << 20)).map(Self.reviewEvents(in:)) ?? []
        let known = Set(existing.map(\.change))
        let new = events.filter { !known.contains($0.change) }
        guard !new.isEmpty else { return 0 }
        let all = (existing + new).sorted { $0.change < $1.change }
        var bytes: [UInt8] = []
        for event in all {
            bytes.append(contentsOf: JSONWriter.encode(event.json).utf8)
            bytes.append(0x0A)
        }
        try PosixFile.makeFolder(folder, mode: 0o700)
        try PosixFile.makeFolder(reviews, mode: 0o700)
        try PosixFile.makeFolder(reviews + "/" + author, mode: 0o700)
        try PosixFile.writeAtomically(bytes, to: path, mode: 0o400, exactMode: true, sync: false)
        return new.count
    }

    /// The events of a review file's lines; a line that is not an event is left out.
    static func reviewEvents(in bytes: [UInt8]) -> [ReviewEvent] {
        bytes.split(separator: 0x0A).compactMap { line in
            guard let value = JSONValue.parse(line), let change = value["change"]?.int, let by = value["by"]?.string,
                  let kind = value["kind"]?.string.flatMap(ReviewEvent.Kind.init(rawValue:)),
                  let at = value["at"]?.string.flatMap(Timestamp.parse), let revision = value["revision"]?.int else { return nil }
            return ReviewEvent(change: Int64(change), at: at, by: by, kind: kind, revision: revision, touchpoint: value["touchpoint"]?.string,
                               item: value["item"]?.int, text: value["text"]?.string, due: value["due"]?.string.flatMap(Timestamp.parse),
                               grade: value["grade"]?.int)
        }
    }

    /// Where the pulled reviews of a report's walks are found: read once, looked up per walk.
    public func reviewTrails() -> ReviewTrails { ReviewTrails(files: self, member: pullState()?.member) }
}

/// The pulled review of each walk of a data folder: a team copy's under its author, this machine's
/// own walks under the member who pulled.
public struct ReviewTrails: Sendable {
    let files: TeamFiles
    let member: String?
    let any: Bool

    init(files: TeamFiles, member: String?) {
        self.files = files
        self.member = member
        self.any = PosixFile.isFolder(files.reviews)
    }

    /// The review of a walk; `author` nil for a walk of this machine.
    public func trail(author: String?, walkID: String) -> ReviewTrail? {
        guard any, let owner = author ?? member else { return nil }
        return files.reviewTrail(author: owner, walkID: walkID)
    }
}
