/// One QA check a reviewer sees on a walk (SPEC 8.3): what was checked, where, whether it passed,
/// and one line naming the touchpoint and checklist item it is about.
public struct ReviewCheck: Equatable, Sendable {
    /// What a check looks at; each kind is named after what a passed check says.
    public enum Kind: String, Equatable, Sendable, CaseIterable {
        /// A stated time (or the visit's stated start) is on the visit's day and inside the assignment window.
        case statedTime = "stated_time"
        /// A checklist item answered No has a comment.
        case commentOnNo = "comment_on_no"
        /// A timing over its target has a note on its moment.
        case noteOnMissedTarget = "note_on_missed_target"
        /// The answers agree with the verdict: no No on a magic moment, some No on a strong misery.
        case answersMatchVerdict = "answers_match_verdict"
        /// An evidence file is present with the size and SHA-256 it was attached with.
        case evidenceIntact = "evidence_intact"
        /// An evidence file (by SHA-256) is in no other walk of the team.
        case evidenceUnique = "evidence_unique"

        /// What the checks of this kind look for, as the text form's summary lines say it.
        public var label: String {
            switch self {
            case .statedTime: return "stated times on the visit's day and in the window"
            case .commentOnNo: return "No answers with a comment"
            case .noteOnMissedTarget: return "missed targets with a note"
            case .answersMatchVerdict: return "answers consistent with the verdict"
            case .evidenceIntact: return "evidence files present and unchanged"
            case .evidenceUnique: return "evidence files in no other walk of the team"
            }
        }
    }

    /// What was checked.
    public var kind: Kind
    /// False when the reviewer should look at it.
    public var passed: Bool
    /// The touchpoint's id and title; nil for a check of the whole visit (its stated start).
    public var touchpoint: String?
    public var touchpointTitle: String?
    /// The checklist item (0-based, as walk files number them) and its text, where the check is about one.
    public var item: Int?
    public var itemText: String?
    /// One line naming the touchpoint and item: `Greeting · item 2 "Did staff smile?": answered No without a comment`.
    public var message: String

    /// A check as `ReviewChecks.of` makes it (tests and screens build them too).
    public init(
        kind: Kind, passed: Bool, touchpoint: String? = nil, touchpointTitle: String? = nil,
        item: Int? = nil, itemText: String? = nil, message: String
    ) {
        self.kind = kind
        self.passed = passed
        self.touchpoint = touchpoint
        self.touchpointTitle = touchpointTitle
        self.item = item
        self.itemText = itemText
        self.message = message
    }
}
