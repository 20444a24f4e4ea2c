import JourneyKit

/// Leaving a walk, a feature of the walk's state: the final check of a walk being finished, the
/// debrief of a finished one, and the writing of every text typed and not on disk as a draft before
/// the walk is left. When the disk refuses, the walk stays and asks (try again, back to the text,
/// leave anyway), unless the leave is forced (a signal, a closed terminal): then it leaves and the
/// text goes back to the caller to print. The walk's state holds it and maps its effects.
public struct LeavingFeature: Equatable, Sendable {
    /// A leave in progress: how it ends, how many writes are still to come back, why one failed.
    public struct Writing: Equatable, Sendable {
        public var finished: Bool
        /// A signal or a closed terminal: leave even if the text cannot be written.
        public var forced: Bool
        public var outstanding: Int
        public var reason: String?
    }

    public private(set) var writing: Writing?
    /// What finishing found missing, while the final check is up.
    public internal(set) var finalCheck: FinalCheckPanel?
    /// The debrief shown when the walk has been finished, before leaving.
    public internal(set) var debrief: DebriefState?
    /// Whether finishing shows the debrief before leaving (a walk does; a workshop has its summary slide).
    public var debriefWhenFinished = true

    public enum Action: Equatable, Sendable {
        /// Leave, finished or for later, once these texts (by field) are written as drafts.
        case leave(finished: Bool, forced: Bool, texts: [Walk.DraftKey: String])
        /// A draft of the leave is on disk; `stillUnsaved` says whether any text is still not.
        case written(stillUnsaved: Bool)
        /// A write of the leave was refused, for this reason.
        case refused(reason: String, stillUnsaved: Bool)
    }

    public enum Effect: Equatable, Sendable {
        /// Write a text as its field's draft record.
        case writeDraft(Walk.DraftKey, String)
        /// Nothing typed is left off the disk (or the leave is forced): the walk is over for this session.
        case left(finished: Bool)
        /// A write was refused: the walk stays and asks.
        case ask(reason: String, finished: Bool)
    }

    public init() {}

    /// Whether a leave is waiting for its writes.
    public var isWriting: Bool { writing != nil }

    public mutating func apply(_ action: Action) -> [Effect] {
        switch action {
        case .leave(let finished, let forced, let texts):
            finalCheck = nil
            debrief = nil
            guard !texts.isEmpty else { return [.left(finished: finished)] }
            writing = Writing(finished: finished, forced: forced, outstanding: texts.count)
            // The texts typed in the editor first, in listing order, then those of the leader's panels.
            let typed = texts.filter { !$0.key.field.isPanelField }.sorted { $0.key.order < $1.key.order }
            let panels = texts.filter { $0.key.field.isPanelField }.sorted { ($0.key.touchpoint, $0.key.field.rawValue) < ($1.key.touchpoint, $1.key.field.rawValue) }
            return (typed + panels).map { .writeDraft($0.key, $0.value) }
        case .written(let stillUnsaved):
            guard writing != nil else { return [] }
            writing?.outstanding -= 1
            return settle(stillUnsaved: stillUnsaved)
        case .refused(let reason, let stillUnsaved):
            guard writing != nil else { return [] }
            writing?.outstanding -= 1
            writing?.reason = reason
            return settle(stillUnsaved: stillUnsaved)
        }
    }

    /// When every write of the leave has come back: leave if all is on disk (or forced), else ask.
    private mutating func settle(stillUnsaved: Bool) -> [Effect] {
        guard let done = writing, done.outstanding <= 0 else { return [] }
        writing = nil
        if !stillUnsaved || done.forced { return [.left(finished: done.finished)] }
        return [.ask(reason: done.reason ?? "the disk refused the write", finished: done.finished)]
    }
}
