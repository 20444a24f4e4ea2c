import JourneyKit
import JourneyStore

extension WalkDigestSource {
    /// Every walk of a journey that passes the filter, compared. Walk files that could not be read,
    /// and walks with lines that could not be read (a cut-off last record), are left out and named
    /// in `problems` (`FILE:LINE: message`), never counted; so is each other copy of a walk
    /// (`WalkCopies`).
    public func comparison(journey: String, grouping: CompareGrouping?, filter: WalkFilter) -> Comparison {
        var builder = ComparisonBuilder(journeyID: journey, grouping: grouping)
        var wanted = filter
        wanted.journey = journey
        var copies = WalkCopies<WalkDigest>()
        func add(_ walk: WalkDigest) {
            guard walk.problems.isEmpty else {
                for problem in walk.problems { builder.note(problem + " (left out of the comparison)") }
                return
            }
            guard let outline = outline(walk.outlineKey) else {
                builder.note("\(walk.path): the journey of this walk is missing from the index (left out of the comparison)")
                return
            }
            builder.add(walk, outline: outline)
        }
        // The builder orders the columns itself: walks held back by `copies` can be added last.
        forEach(filter: wanted, steps: true, walk: { walk in
            if let counted = copies.offer(walkID: walk.identity, path: walk.path, walk) { add(counted) }
        }, problem: { builder.note($0 + " (left out of the comparison)") })
        for walk in copies.finish() { add(walk) }
        for copy in copies.copies { builder.note(copy.problem) }
        return builder.build()
    }
}

/// Comparisons of walks named one by one (`compare WALK…`, marked walks in review).
public enum WalkComparison {
    /// Walks of different journeys cannot be compared.
    public struct MixedJourneys: Error, Equatable, Sendable, CustomStringConvertible {
        public var journeys: [String]
        public var description: String {
            "these walks are of different journeys (\(journeys.joined(separator: ", "))); compare walks of one journey"
        }
    }

    /// Compares walk files; those that cannot be read in full are left out and named.
    /// A file in a folder `team/walks/AUTHOR/` is taken as a team copy of that author.
    public static func of(paths: [String], grouping: CompareGrouping?, filter: WalkFilter = WalkFilter()) throws(MixedJourneys) -> Comparison {
        var outcomes: [DigestReader.Outcome] = []
        DigestReader.read(paths) { paths, batch in
            for (path, outcome) in zip(paths, batch) {
                guard case .walk(var walk, let outline, let copy) = outcome else {
                    outcomes.append(outcome)
                    continue
                }
                guard filter.matches(walk) else { continue }
                walk.author = TeamCopy.at(path)?.author
                outcomes.append(.walk(walk, outline, copy: copy))
            }
        }
        var journeys: [String] = []
        for case .walk(let walk, _, _) in outcomes where !journeys.contains(walk.journeyID) { journeys.append(walk.journeyID) }
        guard journeys.count <= 1 else { throw MixedJourneys(journeys: journeys) }
        var builder = ComparisonBuilder(journeyID: journeys.first ?? "", grouping: grouping)
        var walks: [(walk: WalkDigest, outline: JourneyOutline)] = []
        for outcome in outcomes {
            switch outcome {
            case .walk(let walk, let outline, _): walks.append((walk, outline))
            case .unreadable(let message): builder.note(message + " (left out of the comparison)")
            }
        }
        let (counted, copies) = WalkCopies.choose(walks, walkID: \.walk.identity, path: \.walk.path)
        for copy in copies { builder.note(copy.problem) }
        for (walk, outline) in counted {
            if walk.problems.isEmpty {
                builder.add(walk, outline: outline)
            } else {
                for problem in walk.problems { builder.note(problem + " (left out of the comparison)") }
            }
        }
        return builder.build()
    }
}
