import Foundation
import JourneyKit

/// The reviewer's queue as the program loop runs it.
struct QueueListProgram: Program {
    var state: QueueListState

    enum Action {
        case input(ScreenInput)
        case reloaded(Result<[QueueRow], ReviewFailure>, all: Bool)
        /// A walk opened from the queue came back with its row as the server last said it.
        case returned(QueueRow?)
        case openFailed(QueueRow, ReviewFailure)
    }

    enum Effect: Equatable {
        case open(QueueRow)
        case reload(all: Bool)
        case leave
    }

    static func action(for input: ScreenInput) -> Action { .input(input) }

    mutating func apply(_ action: Action, now: Date) -> [Effect] {
        switch action {
        case .input(.key(let key)):
            switch state.apply(key) {
            case .open(let row)?: return [.open(row)]
            case .reload(let all)?: return [.reload(all: all)]
            case .quit?: return [.leave]
            case nil: return []
            }
        case .input(.interrupted): return [.leave]
        case .input(.tick), .input(.resized): return []
        case .reloaded(.success(let rows), let all): state.replace(rows, all: all)
        case .reloaded(.failure(let failure), _): state.message = .init(text: "The queue was not refreshed: " + failure.message, kind: .error)
        case .returned(let row): if let row { state.update(row) }
        case .openFailed(let row, let failure): state.message = .init(text: "\(row.reference) did not open: " + failure.message, kind: .error)
        }
        return []
    }

    func render(into canvas: inout Canvas) { QueueScreen.render(state, now: Date(), into: &canvas) }

    var tickInterval: Int { 60_000 }
}

/// A walk opened from the queue as the program loop runs it.
struct QueueWalkProgram: Program {
    var state: QueueWalkState
    var wentBack = false

    enum Action {
        case input(ScreenInput)
        case recorded(QueueEvent, Result<(QueueRow, ReviewTrail), ReviewFailure>)
    }

    enum Effect: Equatable {
        case record(QueueEvent)
        case keepDraft(String?)
        case leave
    }

    static func action(for input: ScreenInput) -> Action { .input(input) }

    mutating func apply(_ action: Action, now: Date) -> [Effect] {
        switch action {
        case .input(.key(let key)):
            return state.apply(key, now: now).map { effect in
                switch effect {
                case .record(let event): return .record(event)
                case .keepDraft(let text): return .keepDraft(text)
                case .back:
                    wentBack = true
                    return .leave
                case .quit: return .leave
                }
            }
        case .input(.interrupted): return [.leave]
        case .input(.tick), .input(.resized): return []
        case .recorded(let event, .success(let (row, trail))):
            return state.recorded(event, row: row, trail: trail).compactMap { effect in
                if case .keepDraft(let text) = effect { return .keepDraft(text) }
                return nil
            }
        case .recorded(let event, .failure(let failure)):
            state.failed(event, failure)
            return []
        }
    }

    func render(into canvas: inout Canvas) { QueueScreen.render(state, into: &canvas) }

    var tickInterval: Int { 60_000 }
}

/// Runs the queue: the list, and a walk at a time opened from it; every reviewer's event goes to
/// the server through the desk before the screen says it is saved.
public struct QueueRunner {
    public var desk: QueueDesk

    public init(desk: QueueDesk) { self.desk = desk }

    public func run(_ initial: QueueListState, terminal: Terminal) {
        _ = ProgramLoop(terminal: terminal).run(QueueListProgram(state: initial)) { effect, _ in
            switch effect {
            case .leave:
                return .leave
            case .reload(let all):
                return .then([.reloaded(desk.list(all), all: all)])
            case .open(let row):
                switch desk.open(row) {
                case .failure(let failure):
                    return .then([.openFailed(row, failure)])
                case .success(let walk):
                    let end = ProgramLoop(terminal: terminal).run(QueueWalkProgram(state: QueueWalkState(walk, draft: desk.draft(row)))) { effect, program in
                        switch effect {
                        case .leave: return .leave
                        case .keepDraft(let text):
                            desk.keepDraft(program.state.walk.row, text)
                            return .done
                        case .record(let event):
                            return .then([.recorded(event, desk.record(program.state.walk.row, event))])
                        }
                    }
                    guard end.program.wentBack else { return .leave }
                    return .then([.returned(end.program.state.walk.row)])
                }
            }
        }
    }
}
