import JourneyKit

extension WalkDigestSource {
    /// The saved walks as the home screen and `resume` count them: each walk once (`WalkCopies`, as
    /// compare and reports count them), so another copy of a walk is never offered to be resumed.
    public struct Unfinished: Sendable {
        /// The walks not finished (drafts), the most recently changed first (then by path).
        public var drafts: [WalkDigest]
        /// How many walks there are: files that are not another copy, as review lists them (team copies included).
        public var walks: Int
        /// The `*.jsonl` files that cannot be read at all (each named by review, compare and reports).
        public var unreadable = 0
        /// The copies left out, in the order found.
        public var copies: [WalkCopy]
    }

    /// The unfinished walks, each walk once, with the number of walks and the copies left out.
    public func unfinished() -> Unfinished {
        var copies = WalkCopies<WalkDigest>()
        var drafts: [WalkDigest] = []
        var walks = 0, unreadable = 0
        let isDraft = WalkFilter(status: .draft)
        func count(_ walk: WalkDigest) {
            walks += 1
            // A team copy is counted as a walk but never offered to be resumed: it is read-only.
            if walk.author == nil, isDraft.matches(walk) { drafts.append(walk) }
        }
        // A file named after its walk is counted at once; only the others are held to the end.
        forEach(filter: WalkFilter(), steps: false, ordered: false, walk: { walk in
            if let counted = copies.offer(walkID: walk.identity, path: walk.path, walk) { count(counted) }
        }, problem: { _ in unreadable += 1 })
        for walk in copies.finish() { count(walk) }
        drafts.sort { $0.lastChange != $1.lastChange ? $0.lastChange > $1.lastChange : $0.path < $1.path }
        return Unfinished(drafts: drafts, walks: walks, unreadable: unreadable, copies: copies.copies.sorted { $0.path < $1.path })
    }
}
