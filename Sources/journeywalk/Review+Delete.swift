import JourneyIndex
import JourneyKit
import JourneyStore
import WalkUI

extension Review {
    /// The review runner of a list, with `d` moving a walk of the data folder into its trash and `C`
    /// comparing walks (and `a` there working out their agreement).
    static func listRunner(locations: DataLocations, settings: ExportSettings, source: WalkDigestSource) -> ReviewRunner {
        var runner = Review.runner(settings, reviews: reviews(locations))
        runner.compare = { request, grouping in
            guard let paths = request.paths else {
                return .success(source.comparison(journey: request.journey, grouping: grouping, filter: request.filter))
            }
            do throws(WalkComparison.MixedJourneys) {
                return .success(try WalkComparison.of(paths: paths, grouping: grouping))
            } catch {
                return .failure(ReviewFailure(error.description))
            }
        }
        runner.agreement = { request in
            guard let paths = request.paths else {
                return .success(source.agreement(journey: request.journey, filter: request.filter))
            }
            do throws(WalkComparison.MixedJourneys) {
                return .success(try WalkAgreement.of(paths: paths))
            } catch {
                return .failure(ReviewFailure(error.description))
            }
        }
        let trash = WalkTrash(locations: locations)
        runner.delete = { listing in
            do throws(TrashError) {
                try trash.delete(listing.path)
            } catch .teamCopy(let copy) {
                // The file's name, not its path, so the author shows on one line at 80 columns.
                let name = WalkCopies<String>.fileName(copy.path)
                return .failure(ReviewFailure("\(name): a team copy pulled from \(copy.author), read-only; not moved to the trash"))
            } catch {
                return .failure(ReviewFailure(error.description))
            }
            let restore = CommandHint.command(["restore", listing.walkID], locations: locations, environment: Session.environment)
            return .success("Moved to the trash: \(listing.walkID) (\(restore) brings it back)")
        }
        return runner
    }
}
