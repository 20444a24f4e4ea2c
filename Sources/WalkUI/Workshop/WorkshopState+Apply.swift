import Foundation
import JourneyKit

extension WorkshopState {
    /// The work to begin with: create the walk file, so every vote has somewhere to go (nothing
    /// when the workshop is resumed).
    public func begin() -> [WorkshopEffect] {
        walk.walk == nil ? [.start(walk.details)] : []
    }

    /// Applies one action at the given time and returns the work the runner must do.
    public mutating func apply(_ action: WorkshopAction, now: Date) -> [WorkshopEffect] {
        self.now = now
        let effects: [WorkshopEffect]
        switch action {
        case .tick:
            _ = walk.apply(.tick, now: now)
            effects = []
        case .resized(let width, let height):
            effects = forward(.resized(width: width, height: height))
        case .started(let header):
            effects = forward(.started(header))
            let room = room.isEmpty ? "" : " in \(room)"
            message("Workshop started\(room): \(Counted.text(walk.steps.count, "touchpoint")). m n x: the room's votes, u takes one back")
        case .recorded(let events):
            effects = recorded(events)
        case .recordFailed(let events, let reason):
            effects = forward(.recordFailed(events.first, reason: reason))
        case .interrupted:
            effects = forward(.interrupted)
        case .key(let key):
            effects = handle(key)
        }
        followCurrentTouchpoint()
        return effects
    }

    /// Hands an action to the walk's own state machine and translates its effects.
    private mutating func forward(_ action: WalkAction) -> [WorkshopEffect] {
        walk.apply(action, now: now).compactMap { effect in
            switch effect {
            case .start(let details): return .start(details)
            case .record(let event): return .record([event])
            case .leave: return .leave
            // The workshop routes no evidence or action keys to the walk, so these never come.
            case .inspectEvidence, .findActionIDs: return nil
            }
        }
    }

    private mutating func message(_ text: String, _ kind: WalkState.Message.Kind = .info) {
        _ = walk.apply(.intent(.say(WalkState.Message(text: text, kind: kind))), now: now)
    }

    private mutating func handle(_ key: Key) -> [WorkshopEffect] {
        guard walk.walk != nil else {
            // The walk file could not be created: any key tries again, q or Esc leaves.
            if [.char("q"), .escape, .control("c")].contains(key) {
                // The walk is still on its briefing: leaving it there saves nothing and leaves.
                return forward(.intent(.command(.leave)))
            }
            return begin()
        }
        // The note editor, the question about text not saved, a screen too small: the walk's own.
        if walk.tooSmall || walk.editor != nil || walk.mode != .walking {
            return forward(.key(key))
        }
        if help != nil {
            let lines = ScreenParts.helpLines(map: keyMap, extra: LineEditor.keys.helpLines).count
            _ = help.take(key, lineCount: lines)
            return []
        }
        guard let command = keyMap.command(for: key) else {
            if case .char(let character) = key, !character.isWhitespace {
                message("'\(TerminalText.sanitize(String(character)))' does nothing here; ? shows the keys", .warning)
            }
            return []
        }
        return perform(command)
    }

    private mutating func perform(_ command: WorkshopCommand) -> [WorkshopEffect] {
        switch command {
        case .vote(let vote):
            return castVote(.vote(vote))
        case .takeBackVote:
            return castVote(.takeBack)
        case .pause, .addMinute:
            guard let step = currentStep else { return [] }
            var clock = countdown
            let effects = clock.apply(command == .pause ? .togglePause : .addMinute, now: now)
            countdowns[step.touchpoint.id] = clock
            switch command {
            case .pause:
                message(clock.paused ? "Countdown paused at \(TimeStandard.clock(seconds: clock.remaining(at: now))): p starts it again" : "Countdown running")
            default:
                message("A minute more: \(TimeStandard.clock(seconds: clock.timebox)) for this touchpoint")
            }
            return effects
        case .editNote:
            return forward(.intent(.command(.editNote)))
        case .next:
            guard current + 1 < walk.steps.count else { return showSummary() }
            return move(.next)
        case .previous:
            guard current > 0 else {
                message("This is the first touchpoint")
                return []
            }
            return move(.previous)
        case .first:
            return move(.first)
        case .last:
            return move(.last)
        case .summary:
            return showSummary()
        case .help:
            help = HelpOverlay()
            return []
        case .leaveNow:
            return forward(.intent(.command(.leaveForLater)))
        case .finish:
            return [.record([.finished(at: now)])]
        case .backToTouchpoints:
            screen = .touchpoint
            return []
        }
    }

    private mutating func showSummary() -> [WorkshopEffect] {
        screen = .summary
        message("The summary: q finishes the workshop, Esc goes back to the touchpoints")
        return []
    }

    private mutating func castVote(_ command: RoomVotes.Command) -> [WorkshopEffect] {
        guard let step = currentStep else { return [] }
        let discussed = Int(countdown.elapsed(at: now))
        let events = votes.apply(command, touchpoint: step.touchpoint.id, moment: currentMoment, discussed: discussed, now: now)
        guard !events.isEmpty else {
            message("No vote of this session to take back on this touchpoint")
            return []
        }
        return [.record(events)]
    }

    /// Moves as the walk does (its own command), which records the move.
    private mutating func move(_ command: WalkCommand) -> [WorkshopEffect] {
        forward(.intent(.command(command)))
    }

    /// Votes and their verdicts are the workshop's own; every other record goes to the walk.
    private mutating func recorded(_ events: [WalkEvent]) -> [WorkshopEffect] {
        var effects: [WorkshopEffect] = []
        for event in events {
            switch event {
            case .voted(let change):
                let before = walk.walk?.moment(for: change.touchpoint).votes ?? Votes()
                effects += forward(.kept(event))
                votes.recorded(change, before: before)
                let after = change.votes
                let cast = Vote.allCases.first { $0.count(in: after) != $0.count(in: before) }
                let what = cast.map { "\($0.glyph) \($0.rawValue) vote" } ?? "vote"
                message((change.undo ? "Took back a \(what)" : "Saved a \(what)") + " · " + Self.tallyText(after))
            case .rated:
                // The room's verdict: the walk keeps it (summary, score, undo) without moving on.
                effects += forward(.kept(event))
            default:
                effects += forward(.recorded(event))
            }
        }
        return effects
    }

    /// `★5 ●2 ✖1 → ★ magic`, `★2 ●0 ✖2 → ◐ split`, or `no votes`.
    static func tallyText(_ votes: Votes) -> String {
        guard let rating = votes.rating else { return "no votes" }
        return votes.glyphs + " → " + rating.glyph + " " + rating.label
    }

    /// Runs the countdown of the touchpoint on screen, and only that one.
    private mutating func followCurrentTouchpoint() {
        let running: Bool
        if case .walking = walk.mode, screen == .touchpoint, walk.walk != nil { running = true } else { running = false }
        let id = running ? currentStep?.touchpoint.id : nil
        guard id != shown else { return }
        if let old = shown { countdowns[old]?.hide(at: now) }
        if let id, let step = currentStep {
            var clock = countdowns[id] ?? Countdown(timebox: timebox(of: step.touchpoint))
            clock.show(at: now)
            countdowns[id] = clock
        }
        shown = id
    }
}
