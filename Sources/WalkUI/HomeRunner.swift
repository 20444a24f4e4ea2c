/// Runs the home screen in the program loop until the user opens an item or quits.
public struct HomeRunner {
    public init() {}

    /// The item chosen, or nil when the user quit (or the input closed).
    public func run(_ initial: HomeState, terminal: Terminal) -> HomeState.Item? {
        ProgramLoop(terminal: terminal).run(HomeProgram(state: initial)) { _, _ in .leave }.program.chosen
    }
}
