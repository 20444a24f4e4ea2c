import Foundation
import JourneyKit

/// Everything the walk screen shows, changed only by `apply`; effects are returned for the runner.
public struct WalkState: Equatable, Sendable {
    /// Which screen of the walk is up.
    public enum Mode: Equatable, Sendable {
        case briefing
        case walking
        case confirmLeave
        /// Finishing found things missing (SPEC 7.2's final check): go to each, or complete anyway.
        case finalCheck
        /// A stated time earlier than the one stated before it in walking order: asked before it
        /// is written (it reorders the visit); the typed time stays in the editor meanwhile.
        case confirmStatedTime(StatedTimeQuestion)
        /// Leaving stopped because typed text could not be written (disk full, read-only): the
        /// operator chooses to try again, go back to the text, or leave with it printed to copy.
        case unsavedText(reason: String, finished: Bool)
        /// The walk is over for this session; `finished` is false when it was left to resume later.
        case done(finished: Bool)
    }

    /// What the line editor is editing.
    public enum EditTarget: Equatable, Sendable {
        case note(touchpoint: String)
        case field(BriefingField)
        /// A typed field of a moment other than its note: a checklist comment, an ad-hoc
        /// touchpoint's title, an evidence path, a stated time.
        case text(Walk.DraftKey)
        /// The channel of an ad-hoc touchpoint whose title is typed, inserted after `after`.
        case adhocChannel(after: String, title: String)

        /// What takes the text, for a sentence: `A note`, `A comment`, `The operator`.
        var holder: String {
            switch self {
            case .note: return "A note"
            case .field(let field): return "The " + field.label.lowercased()
            case .adhocChannel: return "A channel"
            case .text(let key):
                switch key.field {
                case .note: return "A note"
                case .adhoc: return "A touchpoint's title"
                case .evidence: return "A file path"
                case .statedTime: return "A stated time"
                default: return key.field.commentItem != nil ? "A comment" : "A field"
                }
            }
        }
    }

    /// The text being edited and what it is for.
    public struct Editing: Equatable, Sendable {
        public var target: EditTarget
        public var line: LineEditor
    }

    /// The briefing fields, in screen order.
    public enum BriefingField: Int, CaseIterable, Sendable {
        case `operator`, role, location, channel

        public var label: String {
            switch self {
            case .operator: return "Operator"
            case .role: return "Role"
            case .location: return "Location"
            case .channel: return "Channel"
            }
        }
    }

    /// A line under the screen: what just happened, or what went wrong.
    public struct Message: Equatable, Sendable {
        public enum Kind: Equatable, Sendable { case info, warning, error }
        public var text: String
        public var kind: Kind
        /// The same message in the plain walk's words (`PlainWords`), where `text` names the keys
        /// of the full screen; nil when `text` serves both.
        public var plain: String?

        public init(text: String, kind: Kind, plain: String? = nil) {
            self.text = text
            self.kind = kind
            self.plain = plain
        }
    }

    public internal(set) var mode: Mode
    public internal(set) var journey: Journey
    /// The touchpoints in walking order, flattened once.
    public internal(set) var steps: [Step]
    public internal(set) var details: WalkDetails
    public internal(set) var walk: Walk?
    public internal(set) var current: Int = 0
    public internal(set) var briefingField: BriefingField = .operator
    public internal(set) var editor: Editing?
    /// Typed text that is not its field's saved value: drafts, and text not on disk (`TextStore`).
    public internal(set) var texts = TextStore()
    /// The checklist while it has the keys (`c`): the panel open, when it is the checklist.
    public internal(set) var checklist: ChecklistPanel? {
        get {
            if case .checklist(let open)? = panel { return open }
            return nil
        }
        set {
            if let newValue {
                panel = .checklist(newValue)
            } else if case .checklist? = panel {
                panel = nil
            }
        }
    }
    /// Leaving: the final check, the debrief, the writes of a leave (`LeavingFeature`).
    public internal(set) var leaving = LeavingFeature()
    /// What finishing found missing, while the final check is up.
    public internal(set) var finalCheck: FinalCheckPanel? {
        get { leaving.finalCheck }
        set { leaving.finalCheck = newValue }
    }
    /// The zone stated times are typed and shown in: the one the walk recorded when it started (as
    /// review and reports show its times), else the reader's (TZ). Looked up only when a time is typed
    /// or shown: zones come from ICU's data, which is large to touch before the first frame.
    public var timeZone: TimeZone {
        get { chosenTimeZone ?? walk.map { LocalTime.zone(of: $0.header) } ?? LocalTime.reader }
        set { chosenTimeZone = newValue }
    }
    var chosenTimeZone: TimeZone?
    /// When the visit began, for a visit entered afterwards (`walk --at`): the walk file's stated
    /// start once the walk is started, else the one the briefing was opened with.
    public var statedStart: Date? { walk.map { $0.header.statedStart } ?? briefedStatedStart }
    var briefedStatedStart: Date?
    public internal(set) var help: HelpOverlay?
    public internal(set) var undoStack: [UndoEntry] = []
    /// The walk's score and verdict counts, recounted when a record changes them (not per frame:
    /// a walk can have thousands of touchpoints). The score is nil when no touchpoint has a checklist.
    public internal(set) var score: VisitScore?
    public internal(set) var summary = WalkSummary()
    /// The sums behind `score`, changed one answer at a time.
    var tally: VisitScore.Tally?
    /// The touchpoint whose verdict moved the walk on, while the keys that record something about
    /// a moment act on it (the one rule of SPEC 4 as this product reads it): right after a verdict,
    /// the note, tags, recovery, praise, action, checklist, split timer, stated time, evidence and
    /// insertion keys are about the moment just judged, not the touchpoint the verdict moved on to,
    /// and they keep it for one another. A move, another verdict, an undo or Esc forgets it; from
    /// then on they act on the touchpoint on screen. Every prompt and confirmation names the touchpoint.
    public internal(set) var justJudged: String?
    /// Whether plain mode has said the rule of `justJudged` (once a session: a screen reader
    /// would read it after every verdict).
    var saidJudgedRule = false
    /// The field kit: its timer, stated time, insertion and evidence commands, and the question it asked.
    public internal(set) var fieldKit = FieldKitFeature()
    /// The command that asked instead of acting right after a verdict (`FieldKitFeature.askedFirst`).
    public var askedFirst: WalkCommand? { fieldKit.askedFirst }
    public internal(set) var message: Message?
    /// The key tables keys are dispatched by (intents never look at them).
    public var keyTables = WalkKeyTables.standard

    /// The touchpoint that the keys recording something about a moment act on now: the one just
    /// judged (`justJudged`), else the one on screen.
    public var recordingTarget: Step? {
        if let justJudged, let index = walk?.index(of: justJudged), steps.indices.contains(index) { return steps[index] }
        return currentStep
    }
    public internal(set) var tooSmall = false
    /// Seconds spent on each touchpoint before the current visit to it.
    public internal(set) var timeSpent: [String: Int] = [:]
    public internal(set) var enteredAt: Date
    public internal(set) var now: Date
    /// The panel that has the keys, if any: the checklist, or a leader's (tags, recovery, praise, action).
    public internal(set) var panel: WalkPanel?
    /// The debrief shown when the walk has been finished, before leaving.
    public internal(set) var debrief: DebriefState? {
        get { leaving.debrief }
        set { leaving.debrief = newValue }
    }
    /// Whether finishing shows the debrief before leaving (a walk does; a workshop has its summary slide).
    public var debriefWhenFinished: Bool {
        get { leaving.debriefWhenFinished }
        set { leaving.debriefWhenFinished = newValue }
    }
    /// The leader's panels: which opens, what their records say, where new action ids come from.
    public internal(set) var leader = LeaderPanels()
    /// Where new action ids come from (`LeaderPanels.actionIDs`; the caller seeds it).
    public var actionIDs: ActionIDs {
        get { leader.actionIDs }
        set { leader.actionIDs = newValue }
    }
    /// The operator's time zone, seconds ahead of UTC, for due dates such as `fri` and `+7d`.
    public var secondsFromGMT = 0
    /// The reviewer's comments of a returned walk (SPEC 8.3), given once when the walk opens
    /// (`showReview`): drawn on the touchpoints and checklist items they concern.
    public internal(set) var review: ReviewComments?
    /// The return's notice over the walk when it opens (`showReview`): its message, the comments on
    /// the whole walk and the touchpoints with comments; scrolled as help is, any other key closes it.
    public internal(set) var returnNotice: HelpOverlay?
    /// The open return's due time as the walk shows it, formatted once when it is given.
    public internal(set) var returnDue: String?

    /// A new walk of a journey, on its briefing screen; `statedStart` is when a visit entered
    /// afterwards began (`walk --at`), shown from the briefing on.
    public init(journey: Journey, details: WalkDetails, now: Date, statedStart: Date? = nil) {
        self.mode = .briefing
        self.journey = journey
        self.steps = journey.steps
        self.details = details
        self.enteredAt = now
        self.now = now
        self.briefedStatedStart = statedStart
    }

    /// A walk continued from its journal, at the touchpoint where it stopped.
    public init(resuming walk: Walk, warnings: [String], now: Date) {
        self.mode = .walking
        self.journey = walk.journey
        self.steps = walk.steps
        self.details = walk.header.details
        self.walk = walk
        self.current = walk.position
        self.enteredAt = now
        self.now = now
        for (id, moment) in walk.moments {
            if let seconds = moment.timerSeconds { timeSpent[id] = seconds }
        }
        // The touchpoint it stopped on, not judged yet: its stopwatch goes on from the time the file
        // shows was spent there (from arriving to the last record), not from 0:00.
        if let id = currentStep?.touchpoint.id, walk.moment(for: id).rating == nil {
            timeSpent[id] = max(timeSpent[id] ?? 0, Int(walk.lastChange.timeIntervalSince(walk.arrivedAt)))
        }
        texts.apply(.opened(walk))
        recount(score: true, summary: true)
        let recorded = walk.steps.count - walk.summary.unrecorded
        if let warning = warnings.first {
            message = Message(text: warnings.count > 1 ? "\(warning) (+\(warnings.count - 1) more)" : warning, kind: .warning)
        } else if walk.isFinished {
            message = Message(
                text: "Reopened a complete walk to correct it: each change is saved; q f finishes it again", kind: .info,
                plain: "Reopened a complete walk to correct it: each change is saved; finish completes it again")
        } else {
            message = Message(text: "Resumed: \(recorded) of \(Counted.text(walk.steps.count, "touchpoint")) recorded", kind: .info)
        }
    }

    /// Counts the score and the verdicts again from the walk.
    mutating func recount(score countScore: Bool, summary countSummary: Bool) {
        guard let walk else { return }
        if countScore {
            tally = walk.steps.contains { !$0.touchpoint.checklist.isEmpty } ? VisitScore.Tally(walk) : nil
            score = tally?.score(walk)
        }
        if countSummary { summary = walk.summary }
    }

    // MARK: - Derived

    public var currentStep: Step? { steps.indices.contains(current) ? steps[current] : nil }
    public var currentMoment: Moment {
        guard let id = currentStep?.touchpoint.id, let walk else { return Moment() }
        return walk.moment(for: id)
    }
    public var isLast: Bool { current == steps.count - 1 }

    /// The question asked before an earlier stated time is written, while it is up.
    public var statedTimeQuestion: StatedTimeQuestion? {
        if case .confirmStatedTime(let question) = mode { return question }
        return nil
    }

    /// Seconds on the current touchpoint's stopwatch, all visits together.
    public var timerSeconds: Int {
        guard let id = currentStep?.touchpoint.id else { return 0 }
        return (timeSpent[id] ?? 0) + max(0, Int(now.timeIntervalSince(enteredAt)))
    }

    /// Help lines shown before the key table's own: those of the panel that has the keys.
    public var helpLeading: [HelpLine] { panel?.helpLines ?? [] }

    /// Help lines shown after the key table's own: the editor's keys while walking.
    public var helpExtra: [HelpLine] {
        if mode == .briefing { return [] }
        return LineEditor.keys.helpLines
    }

    /// Every line of the help overlay, as it is drawn and scrolled.
    var helpLineCount: Int { ScreenParts.helpLines(map: keyMap, leading: helpLeading, extra: helpExtra).count }

    /// Whether a command belongs to the screen the walk is on (the standard table of the mode lists
    /// it), whatever keys are bound: how callers of intents know what can be done now.
    public func offers(_ command: WalkCommand) -> Bool {
        keyMap(from: .standard).bindings.contains { $0.command == command }
    }

    /// The key table in force, for dispatch, footer and help.
    public var keyMap: KeyMap<WalkCommand> { keyMap(from: keyTables) }

    /// The table of these tables for the screen the walk is on.
    private func keyMap(from keyTables: WalkKeyTables) -> KeyMap<WalkCommand> {
        switch mode {
        case .briefing: return keyTables.briefing
        case .confirmLeave: return keyTables.confirmLeave
        case .unsavedText: return keyTables.unsavedText
        case .finalCheck: return keyTables.finalCheck
        case .confirmStatedTime: return keyTables.confirmStatedTime
        case .walking, .done: return checklist != nil ? keyTables.checklist : keyTables.walking
        }
    }
}

/// What happens to a walk: keys, the clock, and the results of the runner's work.
public enum WalkAction: Equatable, Sendable {
    case key(Key)
    case tick
    case resized(width: Int, height: Int)
    /// The runner created the walk file and wrote its header.
    case started(WalkHeader)
    /// The runner wrote an event to disk.
    case recorded(WalkEvent)
    /// A parent feature wrote a record of its own (a workshop room's votes and their verdict): the
    /// walk folds it in and keeps its counts and undo stack in step, without moving or saying anything.
    case kept(WalkEvent)
    /// The runner could not write; the change is not shown as made.
    case recordFailed(WalkEvent?, reason: String)
    /// The runner read a file to attach as evidence: its path, size and SHA-256.
    case evidenceRead(touchpoint: String, Evidence)
    /// The runner refused a path as evidence (missing, a folder, unreadable); nothing changes.
    case evidenceRefused(touchpoint: String, reason: String)
    /// The runner is reading a file to attach: bytes read so far of its size.
    case evidenceProgress(path: String, read: Int64, size: Int64)
    /// A signal arrived or the terminal closed: save what is typed and leave, whatever happens.
    case interrupted
    /// A change asked for by what it means, not by a key (plain mode).
    case intent(WalkIntent)
    /// The runner found the action ids already used in the data folder.
    case actionIDsFound(Set<String>)
}

/// Work for the runner; its results come back as actions.
public enum WalkEffect: Equatable, Sendable {
    /// Create the walk file with these briefing details.
    case start(WalkDetails)
    /// Append this event to the walk file and flush it to disk.
    case record(WalkEvent)
    /// Read the file at a typed path (size and SHA-256) to attach it to a touchpoint as evidence.
    case inspectEvidence(touchpoint: String, path: String)
    /// The walk is over for this session.
    case leave
    /// Find the action ids already used in the data folder (once, when the first action form opens).
    case findActionIDs
}
