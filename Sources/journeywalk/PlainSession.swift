import ArgumentParser
import Foundation
import Glibc
import JourneyKit
import JourneyStore
import WalkUI

/// How a walk is shown: on the full screen, or line by line (`--plain`, and always for TERM=dumb).
enum WalkDisplay: Equatable {
    case fullScreen
    case plain

    /// Plain when asked for or when the terminal cannot draw a screen; a refusal naming `--plain`
    /// when input or output is not a terminal, so nothing full-screen is written into a pipe.
    static func choose(plain: Bool, command: String, environment: [String: String]) throws -> WalkDisplay {
        if plain || environment["TERM"] == "dumb" { return .plain }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw Session.fail(
                "the full-screen walk needs a terminal (standard input and output are not one); "
                    + "`\(command) --plain` walks line by line, also with commands from a file: `\(command) --plain < answers.txt`")
        }
        return .fullScreen
    }

    /// A command as the user would retype it: sanitized, quoted when it has spaces or quotes.
    static func commandLine(_ words: [String]) -> String {
        words.map { word in
            let clean = TerminalText.sanitize(word)
            let plainWord = !clean.isEmpty && clean.allSatisfy { $0.isLetter || $0.isNumber || "-_./:@+=,".contains($0) }
            return plainWord ? clean : "'" + clean.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}

extension Session {
    /// Walks a journey line by line on standard input and output and reports where it was saved.
    static func walkPlain(_ loaded: LoadedJourney, details: WalkDetails, locations: DataLocations, statedStart: Date? = nil,
                          assignment: WalkAssignment? = nil) throws {
        let recorder = WalkFileRecorder(loaded: loaded, walksFolder: locations.walks, statedStart: statedStart, assignment: assignment)
        let state = Session.newWalk(loaded, details: details, statedStart: statedStart)
        if let assignment { TeamFiles(locations).markStarted(assignment.id) }
        let outcome = runPlain(state, recorder: recorder)
        try report(outcome.walkOutcome, path: recorder.writer?.path, plain: true)
        try failOnProblems(outcome)
    }

    /// Continues an unfinished walk line by line (or reopens a complete one to correct it);
    /// `review`: the pulled review of a returned walk, whose comments are said.
    static func resumePlain(path: String, review: ReviewTrail? = nil) throws {
        let (writer, file) = try openToContinue(path: path)
        let recorder = WalkFileRecorder(resuming: writer)
        var state = Session.leaderReady(WalkState(resuming: file.walk, events: file.events, warnings: file.warnings.map(\.short), now: Date()))
        if let review { state.showReview(review) }
        for warning in file.warnings { printError("warning: \(warning)") }
        let outcome = runPlain(state, recorder: recorder)
        try report(outcome.walkOutcome, path: path, plain: true)
        try failOnProblems(outcome)
    }

    /// The one unfinished walk to resume without a name; with several, a list and a refusal.
    static func onlyUnfinished(_ items: [HomeState.Item]) throws -> String {
        let paths = items.compactMap { item -> String? in
            guard case .unfinished(let path, _, _, _, _) = item else { return nil }
            return path
        }
        guard let first = paths.first, paths.count == 1 else {
            printError("journeywalk: \(paths.count) unfinished walks; name the one to resume: journeywalk resume WALK --plain")
            for item in items {
                guard case .unfinished(let path, let title, let started, let recorded, let total) = item else { continue }
                printError(TerminalText.sanitize("  \(PosixFile.stem(of: path))  \(title) · started \(started) · \(recorded)/\(total) recorded"))
            }
            throw ExitCode(1)
        }
        return first
    }

    /// Runs the plain walk on standard input and output; refusals name the input line when it is not typed.
    private static func runPlain(_ state: WalkState, recorder: WalkFileRecorder) -> PlainOutcome {
        let runner = PlainRunner(numbered: isatty(STDIN_FILENO) != 1, readEvidence: readEvidence)
        return runner.run(state, recorder: recorder, input: { readLine(strippingNewline: true) }, output: { line in
            say(line)
        })
    }

    /// A script whose lines were not all carried out ends with them on standard error and status 1.
    private static func failOnProblems(_ outcome: PlainOutcome) throws {
        guard isatty(STDIN_FILENO) != 1, !outcome.problems.isEmpty else { return }
        for problem in outcome.problems { printError("journeywalk: standard input " + problem) }
        throw ExitCode(1)
    }
}
