import JourneyStore
import WalkUI

extension Review {
    /// The review runner of a list, with `d` moving a walk of the data folder into its trash.
    static func listRunner(locations: DataLocations, settings: ExportSettings) -> ReviewRunner {
        var runner = Review.runner(settings)
        let trash = WalkTrash(locations: locations)
        runner.delete = { listing in
            do throws(TrashError) {
                try trash.delete(listing.path)
            } catch {
                return .failure(ReviewFailure(error.description))
            }
            let restore = CommandHint.command(["restore", listing.walkID], locations: locations, environment: Session.environment)
            return .success("Moved to the trash: \(listing.walkID) (\(restore) brings it back)")
        }
        return runner
    }
}
