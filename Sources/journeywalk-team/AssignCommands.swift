import ArgumentParser
import Foundation
import JourneyKit
import JourneyStore
import JourneyTeam

/// `journeywalk assign …`: a visit for a shopper (SPEC 8.4), checked by the server for role and rotation.
struct AssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign a visit: a journey for a shopper at a location, by a day, in a window of hours.",
        discussion: "The team's rotation_days (default 60) refuses a shopper at a location they walked or were assigned within that many days, naming the earlier visit; --force assigns anyway and the server records why. The journey travels with the assignment, so the shopper walks it offline after journeywalk pull."
    )
    @Argument(help: "The journey: a file or an id (as journeywalk walk takes it).") var journey: String
    @Option(name: .customLong("to"), help: ArgumentHelp("The shopper's login name.", valueName: "name")) var shopper: String
    @Option(help: "Where: a store, a branch, a phone number, a website.") var location: String
    @Option(help: ArgumentHelp("The day it is due: 2026-12-10, +7d, fri.", valueName: "date")) var due: String
    @Option(help: ArgumentHelp("The hours to walk it in, 18:00-21:00.", valueName: "from-to")) var window: String?
    @Option(help: ArgumentHelp("The wave it belongs to (walks of one wave are compared for calibration).", valueName: "name")) var wave: String?
    @Flag(help: "Assign even when it breaks rotation (recorded).") var force = false
    @Option(help: ArgumentHelp("Why rotation is broken (with --force).", valueName: "text")) var reason: String?
    @OptionGroup var data: DataOptions

    func run() async throws {
        let session = data.session
        let day: CalendarDay?
        do { day = try DueDate.parse(due, today: ReaderTime.today) } catch { throw TeamError("--due: \(error.description)") }
        guard let day else { throw TeamError("--due is empty: 2026-12-10, +7d, fri") }
        var hours: (start: String, end: String)?
        if let window {
            let parts = window.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let minutes = WalkAssignment(id: 1, window: parts.joined(separator: "-")).windowMinutes, minutes.start != minutes.end else {
                throw TeamError("--window `\(TerminalText.sanitize(window))` is not a window of hours: 18:00-21:00")
            }
            hours = (parts[0], parts[1])
        }
        if reason != nil, !force { throw TeamError("--reason goes with --force") }
        let trimmed = location.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw TeamError("--location is empty") }
        let loaded: LoadedJourney
        do { loaded = try JourneyCatalog(locations: session.locations).find(journey) } catch { throw TeamError(error.description) }
        let id = try await session.with { server async throws(TeamError) in
            _ = try await TeamSchema.requireTeam(server)
            return try await TeamAssignments.assign(server, journey: loaded, shopper: shopper, location: trimmed, due: day.iso, window: hours,
                                                    wave: wave, force: force ? (reason ?? "forced") : nil)
        }
        say("Assignment \(id): \(TerminalText.sanitize(loaded.journey.title)) for \(TerminalText.sanitize(shopper)) at \(TerminalText.sanitize(trimmed)), due \(day.iso)"
            + (hours.map { " between \($0.start) and \($0.end)" } ?? ""))
    }
}

struct AssignmentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assignments",
        abstract: "The team's assignments you may see (a shopper: their own), due first; cancel one.",
        discussion: "Offline, --mine lists the assignments of the last journeywalk pull.",
        subcommands: [AssignmentCancel.self]
    )
    @Flag(help: "Only your own.") var mine = false
    @Flag(help: "Cancelled ones too.") var all = false
    @Option(help: "text or json") var format: OutputFormat = .text
    @OptionGroup var data: DataOptions

    func run() async throws {
        let session = data.session
        var listed: [TeamAssignments.Listed]
        var offline: String?
        do throws(TeamError) {
            listed = try await session.with { server async throws(TeamError) in
                _ = try await TeamSchema.requireTeam(server)
                return try await TeamAssignments.list(server, mine: mine, cancelled: all)
            }
        } catch {
            guard error.status == TeamError.unreachable, mine else { throw error }
            offline = error.description
            listed = session.files.pulledAssignments().map { TeamAssignments.Listed(assignment: $0, walk: nil, walkState: nil) }
        }
        if let offline { note(offline + "; the assignments of the last pull:") }
        let today = ReaderTime.today
        if format == .json {
            say(JSONWriter.encode(.array(listed.map { item in
                var pairs: [(String, JSONWriter.Value)] = []
                if case .object(let fields) = item.assignment.json { pairs = fields }
                pairs.append(("overdue", .bool(item.walk == nil && item.assignment.isOverdue(today: today))))
                pairs.append(("walk", .optional(item.walk)))
                pairs.append(("walk_state", .optional(item.walkState)))
                return .object(pairs)
            })))
            return
        }
        guard !listed.isEmpty else {
            say(mine ? "No assignments for you" : "No assignments")
            return
        }
        let rows = listed.map { item -> [String] in
            let a = item.assignment
            let status = a.cancelled ? "cancelled" : item.walkState.map { "walked: " + $0.replacingOccurrences(of: "_", with: " ") }
                ?? (a.isOverdue(today: today) ? "OVERDUE" : "open")
            return [String(a.id), a.due, a.window ?? "any time", a.shopper, a.journeyTitle, a.location, status + (a.forced == nil ? "" : " (forced)")]
        }
        say(TextTable.render(header: ["ID", "DUE", "WINDOW", "SHOPPER", "JOURNEY", "LOCATION", "STATUS"], rows: rows))
    }
}

struct AssignmentCancel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel an assignment (an admin or a reviewer).")
    @Argument(help: "The assignment's id.") var id: Int64
    @OptionGroup var data: DataOptions

    func run() async throws {
        try await data.session.with { server async throws(TeamError) in
            _ = try await TeamSchema.requireTeam(server)
            try await TeamAssignments.cancel(server, id: id)
        }
        say("Cancelled assignment \(id)")
    }
}

/// A table of text for the terminal: columns as wide as their widest cell (at most 40), cells sanitized.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let cleaned = rows.map { $0.map { TerminalText.sanitize($0) } }
        var widths = header.map(\.count)
        for row in cleaned { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = min(max(widths[index], cell.count), 40) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let cut = cell.count > widths[index] ? String(cell.prefix(widths[index] - 1)) + "…" : cell
                return index == cells.count - 1 ? cut : cut.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(header)] + cleaned.map(line)).joined(separator: "\n")
    }
}
