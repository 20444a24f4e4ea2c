import JourneyKit
import JourneyStore

extension WalkDigestSource {
    /// The agreement (SPEC 8.4) of every walk of a journey that passes the filter: the walks are
    /// chosen from the index as `comparison` chooses them (each walk once; walks that could not be
    /// read in full named in `problems` and left out), then their files are read for the answers,
    /// which the index does not keep.
    public func agreement(journey: String, filter: WalkFilter) -> Agreement {
        var wanted = filter
        wanted.journey = journey
        var copies = WalkCopies<WalkDigest>()
        var problems: [String] = []
        var paths: [String] = []
        func add(_ walk: WalkDigest) {
            guard walk.problems.isEmpty else {
                for problem in walk.problems { problems.append(problem + WalkAgreement.leftOut) }
                return
            }
            paths.append(walk.path)
        }
        forEach(filter: wanted, steps: false, walk: { walk in
            if let counted = copies.offer(walkID: walk.identity, path: walk.path, walk) { add(counted) }
        }, problem: { problems.append($0 + WalkAgreement.leftOut) })
        for walk in copies.finish() { add(walk) }
        for copy in copies.copies { problems.append(copy.problem) }
        return WalkAgreement.read(paths, journey: journey, problems: problems)
    }
}

/// The agreement of walks read from their files: every walk of a journey (from the index's
/// choice), or walks named one by one (`compare --agreement WALK…`, marked walks in review).
public enum WalkAgreement {
    static let leftOut = " (left out of the agreement)"

    /// Walk files read at once: as many whole walks are in memory at most.
    static let batchSize = 2048

    /// The agreement of walk files; those that cannot be read in full are left out and named, each
    /// walk is counted once (`WalkCopies`), and only walks that pass the filter are counted.
    /// A file in a folder `team/walks/AUTHOR/` is taken as a team copy of that author.
    public static func of(paths: [String], filter: WalkFilter = WalkFilter()) throws(WalkComparison.MixedJourneys) -> Agreement {
        var problems: [String] = []
        var walks: [(file: LoadedWalk, identity: String)] = []
        var journeys: [String] = []
        for (path, outcome) in zip(paths, Parallel.map(paths, perWorker: 16, load)) {
            switch outcome {
            case .failure(let unreadable): problems.append(unreadable.message + leftOut)
            case .success(let file):
                let walk = file.walk
                let header = walk.header
                let visit = header.statedStart ?? header.started
                let name = header.details.operator, place = header.details.location
                let matches = filter.matches(
                    journeyID: walk.journey.id, operator: name, location: place, status: walk.status, visitStart: visit,
                    searchText: WalkFilter.searchText(
                        journeyTitle: walk.journey.title, journeyID: walk.journey.id, operator: name,
                        role: header.details.role?.rawValue ?? "", location: place, walkID: header.walkID))
                guard matches else { continue }
                if !journeys.contains(walk.journey.id) { journeys.append(walk.journey.id) }
                walks.append((file, WalkCopies<String>.identity(walkID: header.walkID, author: TeamCopy.at(path)?.author)))
            }
        }
        guard journeys.count <= 1 else { throw WalkComparison.MixedJourneys(journeys: journeys) }
        var builder = AgreementBuilder(journeyID: journeys.first ?? "")
        for problem in problems { builder.note(problem) }
        let (counted, copies) = WalkCopies.choose(walks, walkID: \.identity, path: \.file.path)
        for copy in copies { builder.note(copy.problem) }
        for (file, _) in counted { add(file, to: &builder, journey: nil) }
        return builder.build()
    }

    /// The agreement of the walk files of one journey chosen from the index (`problems`: what was
    /// left out while choosing), read on every core a batch at a time.
    static func read(_ paths: [String], journey: String, problems: [String]) -> Agreement {
        var builder = AgreementBuilder(journeyID: journey)
        for problem in problems { builder.note(problem) }
        var start = 0
        while start < paths.count {
            let batch = Array(paths[start..<min(paths.count, start + batchSize)])
            start += batch.count
            for outcome in Parallel.map(batch, perWorker: 16, load) {
                switch outcome {
                case .success(let file): add(file, to: &builder, journey: journey)
                case .failure(let unreadable): builder.note(unreadable.message + leftOut)
                }
            }
        }
        return builder.build()
    }

    /// A walk counted, unless it was read only in part or (changed since the index chose it) is
    /// now a walk of another journey.
    private static func add(_ file: LoadedWalk, to builder: inout AgreementBuilder, journey: String?) {
        guard file.warnings.isEmpty else {
            for warning in file.warnings { builder.note(warning.description + leftOut) }
            return
        }
        if let journey, file.walk.journey.id != journey {
            builder.note("\(file.path): now a walk of journey '\(file.walk.journey.id)'" + leftOut)
            return
        }
        builder.add(file.walk)
    }

    /// A message that can cross threads: why a file could not be read.
    struct Unreadable: Error {
        var message: String
    }

    private static func load(_ path: String) -> Result<LoadedWalk, Unreadable> {
        do {
            return .success(try LoadedWalk.load(path: path, quickly: true))
        } catch {
            return .failure(Unreadable(message: error.description))
        }
    }
}
