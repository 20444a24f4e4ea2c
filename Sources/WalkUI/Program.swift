import Foundation

/// A full-screen mode as the program loop runs it (Bubble Tea's model, The Composable
/// Architecture's reducer): a value changed only by `apply`, which returns the work to do as
/// effects; the loop performs them and feeds their results back as actions.
protocol Program {
    /// What happens to the mode: terminal input, and the results of its effects (past tense).
    /// Not named `Action`: inside the walk's state that name is the leader's follow-up action.
    associatedtype ProgramAction
    /// Work for the loop's effect handler (write a record, open a screen, leave).
    associatedtype ProgramEffect

    /// The action that terminal input is for this mode.
    static func action(for input: ScreenInput) -> ProgramAction

    /// Applies one action at the given time and returns the work it asks for.
    mutating func apply(_ action: ProgramAction, now: Date) -> [ProgramEffect]

    /// The work to begin with, asked for once the first size is known (before the first frame).
    func begin() -> [ProgramEffect]

    /// Draws the mode into a canvas of the terminal's size.
    func render(into canvas: inout Canvas)

    /// Milliseconds to wait for input before a tick.
    var tickInterval: Int { get }

    /// Work to do each time a frame is on the screen (the review list asks for its fresher list).
    var afterFrame: [ProgramEffect] { get }
}

extension Program {
    func begin() -> [ProgramEffect] { [] }
    var afterFrame: [ProgramEffect] { [] }
}

/// Actions that have a case for each kind of terminal input (the walk's and the workshop's): their
/// program reads input as those cases.
protocol ScreenActions {
    static func key(_ key: Key) -> Self
    static var tick: Self { get }
    static func resized(width: Int, height: Int) -> Self
    static var interrupted: Self { get }
}

extension Program where ProgramAction: ScreenActions {
    static func action(for input: ScreenInput) -> ProgramAction {
        switch input {
        case .key(let key): return .key(key)
        case .tick: return .tick
        case .resized(let width, let height): return .resized(width: width, height: height)
        case .interrupted: return .interrupted
        }
    }
}

/// What an effect handler made of an effect.
enum Performed<Action> {
    /// These actions go back to the program, in order (their own effects are performed in turn).
    case then([Action])
    /// The mode is over: the effects already asked for are still performed, then the loop ends.
    case leave
    /// Work still finishing (a record's flush to disk): `likely` are the actions when it succeeds;
    /// `outcome` waits for it and gives nil when it did, or the actions to apply instead. The loop may
    /// prepare the frame of `likely` meanwhile, and shows it only once `outcome` said nil.
    case awaiting(likely: [Action], outcome: () -> [Action]?)

    /// Nothing to tell the program.
    static var done: Performed { .then([]) }
}

/// Performs one effect of a program, seeing the program as it is; returns what came of it.
typealias EffectHandler<P: Program> = (P.ProgramEffect, P) -> Performed<P.ProgramAction>
