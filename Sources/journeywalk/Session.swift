import ArgumentParser
import CursesTerminal
import Foundation
import JourneyKit
import JourneyStore
import WalkUI

/// The glue between commands, the store and the screens: open the terminal, run a walk, report the result.
enum Session {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Prints an error to standard error and returns the exit status to throw.
    static func fail(_ message: String) -> ExitCode {
        printError("journeywalk: " + message)
        return ExitCode(1)
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func openTerminal() throws -> CursesTerminal {
        do {
            return try CursesTerminal.open(environment: environment)
        } catch {
            throw fail(error.description)
        }
    }

    /// Loads a journey by path or id, printing every problem as FILE:LINE:COLUMN: message.
    static func loadJourney(_ reference: String, catalog: JourneyCatalog) throws -> LoadedJourney {
        do {
            return try catalog.find(reference)
        } catch {
            for problem in error.problems { printError(problem.description) }
            throw ExitCode(1)
        }
    }

    /// The unfinished walks as home-screen items, most recent first.
    static func unfinishedItems(in locations: DataLocations) -> [HomeState.Item] {
        WalkLibrary(folder: locations.walks).unfinished().map { file in
            let walk = file.walk
            let summary = walk.summary
            return .unfinished(
                path: file.path, title: walk.journey.title, started: localMinute(walk.header.started),
                recorded: walk.steps.count - summary.unrecorded, total: walk.steps.count)
        }
    }

    /// A time as the user reads it: local time (honouring TZ) to the minute, `2026-11-22 11:15`.
    static func localMinute(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return Timestamp.format(date) }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min))"
    }

    /// Runs a new walk of a journey on an open terminal and reports where it was saved.
    static func walk(_ loaded: LoadedJourney, details: WalkDetails, locations: DataLocations, terminal: CursesTerminal) throws {
        let recorder = JournalRecorder(loaded: loaded, walksFolder: locations.walks)
        let state = WalkState(journey: loaded.journey, details: details, now: Date())
        let outcome = WalkRunner().run(state, terminal: terminal, recorder: recorder)
        terminal.close()
        report(outcome, path: recorder.journal?.path)
    }

    /// Continues an unfinished walk from its file.
    static func resume(path: String, locations: DataLocations, terminal: CursesTerminal) throws {
        let file: WalkFile
        let journal: WalkJournal
        do {
            file = try WalkFile.load(path: path)
            guard !file.walk.isFinished else {
                terminal.close()
                throw fail("\(path): this walk is already finished")
            }
            journal = try WalkJournal.reopen(path: path)
        } catch let error as WalkFileError {
            terminal.close()
            throw fail(error.description)
        } catch let error as FileError {
            terminal.close()
            throw fail("cannot continue the walk: \(error)")
        }
        let recorder = JournalRecorder(resuming: journal)
        let state = WalkState(resuming: file.walk, warnings: file.warnings.map(\.short), now: Date())
        let outcome = WalkRunner().run(state, terminal: terminal, recorder: recorder)
        terminal.close()
        for warning in file.warnings { printError("warning: \(warning)") }
        report(outcome, path: path)
    }

    private static func report(_ outcome: WalkOutcome, path: String?) {
        guard let walk = outcome.walk, let path else {
            print("Walk not started; nothing was saved.")
            return
        }
        if outcome.finished {
            print("Walk saved: \(path)")
        } else {
            print("Walk paused (not finished): \(path)")
            print("Resume it with: journeywalk resume \(walk.header.walkID)")
        }
        print(walk.summary.line)
    }
}

/// Sends a walk's changes to its journal file.
final class JournalRecorder: WalkRecorder {
    private let loaded: LoadedJourney?
    private let walksFolder: String
    private(set) var journal: WalkJournal?

    init(loaded: LoadedJourney, walksFolder: String) {
        self.loaded = loaded
        self.walksFolder = walksFolder
    }

    init(resuming journal: WalkJournal) {
        self.loaded = nil
        self.walksFolder = PosixFile.parentFolder(of: journal.path)
        self.journal = journal
    }

    func start(_ details: WalkDetails, at date: Date) throws -> WalkHeader {
        guard let loaded else { throw FileError(path: walksFolder, reason: "no journey to start") }
        let id = WalkJournal.makeWalkID(journeyID: loaded.journey.id, started: date) { candidate in
            PosixFile.isFile(walksFolder + "/" + candidate + ".jsonl")
        }
        let header = WalkHeader(
            walkID: id, journey: loaded.journey, journeyPath: loaded.path, journeyFingerprint: loaded.fingerprint,
            details: details, started: date)
        journal = try WalkJournal.create(folder: walksFolder, header: header)
        return header
    }

    func record(_ event: WalkEvent) throws {
        guard let journal else { throw FileError(path: walksFolder, reason: "the walk has not started") }
        try journal.append(event)
    }
}
