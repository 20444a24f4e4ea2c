import Foundation
import JourneyKit

/// The list of saved walks as the program loop runs it: the list, the message of the last thing
/// done (shown until the next input), and whether a fresher list is still being made.
struct ReviewListProgram: Program {
    var list: ReviewListState
    var message: WalkState.Message?
    /// Asked for after each frame while true (the walk index is brought up to date after the first frame).
    var waitingForFreshList: Bool
    /// Rows of the terminal, for the list's page keys.
    var height = minimumTerminalSize.height

    init(list: ReviewListState, waitingForFreshList: Bool) {
        self.list = list
        self.waitingForFreshList = waitingForFreshList
    }

    enum Action {
        case input(ScreenInput)
        /// A walk could not be opened, or walks could not be compared.
        case failed(ReviewFailure)
        /// The walk was moved to the trash (what to tell the user), or why not.
        case deleted(WalkListing, Result<String, ReviewFailure>)
        /// Where the fresher list stands (`waiting` is not sent back: nothing changes).
        case freshList(ReviewRunner.FreshList)
    }

    enum Effect: Equatable {
        /// Open the walk; its screen runs until it is left.
        case open(WalkListing)
        /// Compare walks; the compare screen runs until it is left.
        case compare(ReviewListState.CompareRequest)
        /// Move the walk to the trash (asked and confirmed).
        case delete(WalkListing)
        /// Ask whether the fresher list is made.
        case askFreshList
        case leave
    }

    static func action(for input: ScreenInput) -> Action { .input(input) }

    mutating func apply(_ action: Action, now: Date) -> [Effect] {
        switch action {
        case .input(let input):
            message = nil
            switch input {
            case .interrupted: return [.leave]
            case .tick: return []
            case .resized(_, let rows):
                height = rows
                return []
            case .key(let key):
                switch list.apply(key, page: ReviewListScreen.pageSize(height: height)) {
                case .quit?: return [.leave]
                case .open(let listing)?: return [.open(listing)]
                case .compare(let request)?: return [.compare(request)]
                case .delete(let listing)?: return [.delete(listing)]
                case nil: return []
                }
            }
        case .failed(let failure):
            message = .init(text: failure.message, kind: .error)
        case .deleted(let listing, .success(let text)):
            list.removeWalk(path: listing.path)
            message = .init(text: text, kind: .info)
        case .deleted(_, .failure(let failure)):
            message = .init(text: failure.message, kind: .error)
        case .freshList(.waiting):
            break
        case .freshList(.unchanged):
            waitingForFreshList = false
        case .freshList(.walks(let items, let notes)):
            waitingForFreshList = false
            list.replaceItems(items, notes: notes)
        }
        return []
    }

    func render(into canvas: inout Canvas) {
        ReviewListScreen.render(list, message: message, into: &canvas)
    }

    /// Short while the fresher list is awaited, so it is asked for again soon.
    var tickInterval: Int { waitingForFreshList ? 20 : 60_000 }

    var afterFrame: [Effect] { waitingForFreshList ? [.askFreshList] : [] }
}
