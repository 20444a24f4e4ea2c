import ArgumentParser
import Foundation
import JourneyKit
import JourneyStore
import JourneyTeam

extension TeamStats.Grouping: ExpressibleByArgument {}

/// `journeywalk team stats`: the team's figures of SPEC 8.4, from the server (what the member may
/// read: a reviewer every submitted walk, a shopper their own), or offline from the pulled walks and reviews.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Submitted walks per shopper, location or month: how many, the share returned, the share on time, mean grade, mean score.",
        discussion: "On time: first submitted before the walk was due (an assignment's due day, else the team's hours to the client after the visit). Offline, the walks and reviews of the last pull are counted."
    )
    @Option(help: "team, shopper, location or month") var by: TeamStats.Grouping = .team
    @Option(help: "text or json") var format: OutputFormat = .text
    @OptionGroup var data: DataOptions

    func run() async throws {
        let session = data.session
        var walks: [TeamStats.Walk]
        do throws(TeamError) {
            walks = try await session.with { server async throws(TeamError) in
                _ = try await TeamSchema.requireTeam(server)
                return try await TeamStatsQuery.walks(server)
            }
        } catch {
            guard error.status == TeamError.unreachable else { throw error }
            note(error.description + "; the figures of the last pull:")
            walks = TeamStatsQuery.pulled(session)
        }
        let stats = TeamStats(walks, by: by)
        say(format == .json ? JSONWriter.encode(stats.json) : (stats.groups.isEmpty ? "No submitted walks" : stats.text))
    }
}

/// Where the statistics' walks come from.
enum TeamStatsQuery {
    /// The submitted walks the member may read, with their review's facts, from the server.
    static func walks(_ server: TeamConnection) async throws(TeamError) -> [TeamStats.Walk] {
        try await TeamReview.statsWalks(server)
    }

    /// The same from this machine's files: the member's walks and the pulled copies that have a pulled review.
    static func pulled(_ session: TeamSession) -> [TeamStats.Walk] {
        let files = session.files
        let member = files.pullState()?.member
        var walks: [TeamStats.Walk] = []
        for author in PosixFile.list(files.reviews) where TeamFiles.isSafeName(author) {
            for file in PosixFile.list(files.reviews + "/" + author) where file.hasSuffix(".jsonl") {
                let walkID = String(file.dropLast(".jsonl".count))
                guard let trail = files.reviewTrail(author: author, walkID: walkID), trail.state != nil else { continue }
                let path = author == member ? session.locations.walks + "/" + walkID + ".jsonl" : files.copyPath(author: author, walkID: walkID)
                guard let walk = try? LoadedWalk.load(path: path, quickly: true).walk else { continue }
                let visit = walk.header.statedStart ?? walk.header.started
                let due = walk.header.assignment?.due.flatMap { ReaderTime.midnight(of: $0, next: true) } ?? visit.addingTimeInterval(24 * 3600)
                let firstSubmit = trail.events.first { $0.kind == .submit }?.at
                walks.append(TeamStats.Walk(shopper: author, location: walk.header.details.location, month: ReaderTime.month(visit),
                                            returned: trail.events.contains { $0.kind == .return }, onTime: firstSubmit.map { $0 <= due },
                                            grade: trail.grade, score: VisitScore(walk).percent))
            }
        }
        return walks
    }
}
