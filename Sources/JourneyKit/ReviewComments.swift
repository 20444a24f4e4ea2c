import Foundation

/// The reviewer's comments on a walk (SPEC 8.3), placed on what they concern: the whole walk, a
/// touchpoint, or a checklist item of a touchpoint. Built once from the pulled `ReviewTrail` and the
/// walk's touchpoints when a screen opens the walk, so drawing a touchpoint is a dictionary look-up,
/// never a pass over the events.
public struct ReviewComments: Equatable, Sendable {
    /// One comment as the screens say it.
    public struct Comment: Equatable, Sendable {
        public var by: String
        public var text: String
        /// The revision it was written about, when older than the walk's latest (nil: the latest).
        public var earlierRevision: Int?
        /// Where it was written when the walk has no such place to show it on: `item 7` of a
        /// checklist with fewer items, or a touchpoint the walk does not have (its id).
        public var place: String?

        public init(by: String, text: String, earlierRevision: Int? = nil, place: String? = nil) {
            self.by = by
            self.text = text
            self.earlierRevision = earlierRevision
            self.place = place
        }

        /// `Reviewer (rita): Say which hours the website showed`; an older one
        /// `Reviewer (rita, revision 1): …`. Not sanitized: the screens and plain mode do that.
        public var line: String {
            let who = by + (earlierRevision.map { ", revision \($0)" } ?? "")
            return "Reviewer (\(who)): " + (place.map { $0 + ": " } ?? "") + text
        }
    }

    /// Where the walk stands with the team (nil for a trail without a state).
    public let state: ReviewTrail.State?
    /// The walk's latest revision the team has.
    public let revision: Int
    /// The return the walk stands under while it is returned: who, the due time, the message.
    public let openReturn: ReviewEvent?
    /// The last event that is not a comment (who claimed, approved, released or excluded it).
    public let last: ReviewEvent?
    /// The grade and coaching line of the latest revision's approval.
    public let grade: Int?
    public let coaching: String?
    /// Comments on the whole walk (and on touchpoints the walk does not have), in order; the open
    /// return's message is `openReturn.text`, not one of them.
    public let onWalk: [Comment]
    /// Comments on a touchpoint as a whole (and on its items past the end of its checklist), by id.
    private let onTouchpoint: [String: [Comment]]
    /// Comments on checklist items by touchpoint id and item index from 0 (the walk's numbering;
    /// the reviewer named them from 1).
    private let onItem: [String: [Int: [Comment]]]

    /// The comments of a trail on a walk with these touchpoints. `latestOnly` keeps those about the
    /// latest revision: the ones a returned walk is corrected for.
    public init(_ trail: ReviewTrail, touchpoints: [Touchpoint], latestOnly: Bool = false) {
        state = trail.state
        revision = trail.revision
        openReturn = trail.openReturn
        last = trail.events.last { $0.kind != .comment }
        grade = trail.grade
        coaching = trail.coaching
        let checklists = Dictionary(touchpoints.map { ($0.id, $0.checklist.count) }, uniquingKeysWith: { first, _ in first })
        var onWalk: [Comment] = []
        var onTouchpoint: [String: [Comment]] = [:]
        var onItem: [String: [Int: [Comment]]] = [:]
        for event in trail.events where event.kind == .comment || event.kind == .return {
            guard let text = event.text, event != trail.openReturn else { continue }
            if latestOnly, event.revision != trail.revision { continue }
            var comment = Comment(by: event.by, text: text, earlierRevision: event.revision < trail.revision ? event.revision : nil)
            guard let touchpoint = event.touchpoint else {
                onWalk.append(comment)
                continue
            }
            guard let items = checklists[touchpoint] else {
                comment.place = touchpoint + (event.item.map { ", item \($0)" } ?? "")
                onWalk.append(comment)
                continue
            }
            if let item = event.item, item >= 1, item <= items {
                onItem[touchpoint, default: [:]][item - 1, default: []].append(comment)
            } else {
                if let item = event.item { comment.place = "item \(item)" }
                onTouchpoint[touchpoint, default: []].append(comment)
            }
        }
        self.onWalk = onWalk
        self.onTouchpoint = onTouchpoint
        self.onItem = onItem
    }

    /// The comments on a touchpoint as a whole.
    public func on(_ touchpoint: String) -> [Comment] { onTouchpoint[touchpoint] ?? [] }

    /// The comments on a checklist item, `index` from 0 as the walk keeps answers.
    public func on(_ touchpoint: String, item index: Int) -> [Comment] { onItem[touchpoint]?[index] ?? [] }

    /// Every comment on a touchpoint: on it as a whole, then on its items in order.
    public func all(on touchpoint: String) -> [Comment] {
        on(touchpoint) + (onItem[touchpoint] ?? [:]).sorted { $0.key < $1.key }.flatMap(\.value)
    }

    /// How many comments a touchpoint has, on it and on its items.
    public func count(on touchpoint: String) -> Int {
        (onTouchpoint[touchpoint]?.count ?? 0) + (onItem[touchpoint]?.values.reduce(0) { $0 + $1.count } ?? 0)
    }

    /// The touchpoints with comments.
    public var touchpoints: Set<String> { Set(onTouchpoint.keys).union(onItem.keys) }

    /// Whether nothing is said on the walk, its touchpoints or items, and no return message.
    public var isEmpty: Bool { onWalk.isEmpty && onTouchpoint.isEmpty && onItem.isEmpty && openReturn?.text == nil }
}
