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

    static func printError(_ text: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data((text + terminator).utf8))
    }

    static func openTerminal(theme: Theme = .dark) throws -> CursesTerminal {
        do {
            return try CursesTerminal.open(environment: environment, theme: theme)
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
        try report(outcome, path: recorder.journal?.path)
    }

    /// Continues an unfinished walk from its file. The walk is opened for writing (and locked)
    /// before the screen opens, so a walk busy elsewhere is refused with the terminal untouched;
    /// pass `terminal` when a screen is already up (it is closed before any message).
    static func resume(path: String, terminal openTerminal: CursesTerminal? = nil) throws {
        let file: WalkFile
        let journal: WalkJournal
        do {
            file = try WalkFile.load(path: path)
            guard !file.walk.isFinished else {
                openTerminal?.close()
                throw fail("\(path): this walk is already finished")
            }
            journal = try WalkJournal.reopen(path: path)
        } catch let error as WalkFileError {
            openTerminal?.close()
            throw fail(error.description)
        } catch let error as WalkJournal.Busy {
            openTerminal?.close()
            throw fail(error.description)
        } catch let error as FileError {
            openTerminal?.close()
            throw fail("cannot continue the walk: \(error)")
        }
        let terminal = try openTerminal ?? Session.openTerminal()
        let recorder = JournalRecorder(resuming: journal)
        let outcome: WalkOutcome
        if WorkshopState.isWorkshop(file.walk) {
            let state = WorkshopState(resuming: file.walk, warnings: file.warnings.map(\.short), now: Date())
            outcome = WorkshopRunner().run(state, terminal: terminal, recorder: recorder)
        } else {
            let state = WalkState(resuming: file.walk, warnings: file.warnings.map(\.short), now: Date())
            outcome = WalkRunner().run(state, terminal: terminal, recorder: recorder)
        }
        journal.close()
        terminal.close()
        for warning in file.warnings { printError("warning: \(warning)") }
        try report(outcome, path: path)
    }

    /// Says where the walk was saved, or how to resume it (with `--plain` after a plain walk); prints
    /// text that could not be saved, and exits non-zero after a signal or with such text.
    static func report(_ outcome: WalkOutcome, path: String?, plain: Bool = false) throws {
        if !outcome.unsaved.isEmpty { keepUnsaved(outcome) }
        guard let walk = outcome.walk, let path else {
            print("Walk not started; nothing was saved.")
            if let signal = outcome.signal { throw ExitCode(128 + signal) }
            return
        }
        if outcome.finished {
            print("Walk saved: \(path)")
        } else {
            print("Walk paused (not finished): \(path)")
            print("Resume it with: " + CommandHint.resume(walkPath: path, walkID: walk.header.walkID, environment: environment) + (plain ? " --plain" : ""))
        }
        print(walk.summary.line)
        if let signal = outcome.signal {
            printError("journeywalk: stopped by \(signalName(signal)); everything acknowledged is saved")
            throw ExitCode(128 + signal)
        }
        if !outcome.unsaved.isEmpty { throw ExitCode(1) }
    }

    /// Typed text that could not be written to the walk file: printed to standard error, to copy,
    /// and written to a private file in the temporary folder when that works (a full data disk is
    /// often not the disk of /tmp).
    static func keepUnsaved(_ outcome: WalkOutcome) {
        let titles = Dictionary(outcome.walk?.steps.map { ($0.touchpoint.id, $0.touchpoint.title) } ?? [], uniquingKeysWith: { first, _ in first })
        var text = ""
        for (id, note) in outcome.unsaved.sorted(by: { $0.key < $1.key }) {
            text += "--- \(titles[id] ?? id) (\(id))\n\(note)\n"
        }
        let walkID = outcome.walk?.header.walkID ?? "walk"
        let folder = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let saved = try? PosixFile.createPrivate(Array(text.utf8), in: folder, prefix: "journeywalk-unsaved-\(walkID)")
        printError("journeywalk: text you typed could not be written to the walk file; here it is, to copy:")
        printError(text, terminator: "")
        // The summary comes last, so it is on screen even after a long text.
        printError("journeywalk: the text above could not be written to the walk file" + (saved.map { "; a copy is in \($0)" } ?? ""))
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP (the terminal closed)"
        default: return "signal \(signal)"
        }
    }
}

extension CursesTerminal {
    /// Closes the screen; when a signal ended it, exits with 128 + the signal, as a shell expects.
    func closeAfterScreen() throws {
        close()
        if let signal = receivedSignal { throw ExitCode(128 + signal) }
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
        let journal = try WalkJournal.create(folder: walksFolder, walkID: id)
        var header = WalkHeader(
            walkID: id, journey: loaded.journey, journeyPath: loaded.path, journeyFingerprint: loaded.fingerprint,
            details: details, started: date)
        if WalkCodec.journeyCopyJSON(loaded.journey).utf8.count > WalkCodec.sharedCopyFrom {
            // A large journey is stored once beside the walks; if that fails, the header carries it.
            header.journeyCopy = try? JourneyCopies.store(loaded.journey, walksFolder: walksFolder)
        }
        do {
            try journal.append(.started(header))
        } catch {
            journal.close()
            unlink(journal.path)
            throw error
        }
        self.journal = journal
        return header
    }

    func record(_ event: WalkEvent) throws {
        guard let journal else { throw FileError(path: walksFolder, reason: "the walk has not started") }
        try journal.append(event)
    }
}
