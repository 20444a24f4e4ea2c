import Foundation
import JourneyKit

/// The walk journal format: one JSON object per line (JSON Lines), documented in docs/walk-file-format.md.
public enum WalkCodec {
    /// The format version this build writes; readers accept this and every earlier one.
    public static let formatVersion = 1

    /// One event as a line of JSON, without the newline.
    public static func encode(_ event: WalkEvent) -> String {
        JSONWriter.encode(value(of: event))
    }

    static func value(of event: WalkEvent) -> JSONWriter.Value {
        let at = JSONWriter.Value.string(Timestamp.format(event.at, fractional: true))
        switch event {
        case .started(let header):
            return .object([
                ("type", .string("walk")), ("format", .int(formatVersion)), ("walk", .string(header.walkID)),
                ("started", at), ("operator", .string(header.details.operator)),
                ("role", .optional(header.details.role?.rawValue)), ("location", .string(header.details.location)),
                ("channel", .string(header.details.channel)),
                ("journey", journeyValue(header)),
            ])
        case .rated(let change):
            var pairs: [(String, JSONWriter.Value)] = [
                ("type", .string("verdict")), ("at", at), ("touchpoint", .string(change.touchpoint)),
                ("verdict", .optional(change.rating?.verdict.rawValue)),
                ("intensity", .int(change.rating?.intensity ?? 0)),
            ]
            if let seconds = change.timerSeconds { pairs.append(("timer_seconds", .int(seconds))) }
            if change.undo { pairs.append(("undo", .bool(true))) }
            return .object(pairs)
        case .noted(let change):
            var pairs: [(String, JSONWriter.Value)] = [
                ("type", .string("note")), ("at", at), ("touchpoint", .string(change.touchpoint)), ("text", .string(change.text)),
            ]
            if change.undo { pairs.append(("undo", .bool(true))) }
            return .object(pairs)
        case .drafted(let change):
            return .object([("type", .string("draft")), ("at", at), ("touchpoint", .string(change.touchpoint)), ("text", .string(change.text))])
        case .moved(let touchpoint, _):
            return .object([("type", .string("move")), ("at", at), ("touchpoint", .string(touchpoint))])
        case .finished:
            return .object([("type", .string("finish")), ("at", at)])
        }
    }

    private static func journeyValue(_ header: WalkHeader) -> JSONWriter.Value {
        let journey = header.journey
        let stages: [JSONWriter.Value] = journey.stages.map { stage in
            .object([
                ("name", .string(stage.name)),
                ("touchpoints", .array(stage.touchpoints.map { touchpoint in
                    var pairs: [(String, JSONWriter.Value)] = [("id", .string(touchpoint.id)), ("title", .string(touchpoint.title))]
                    if let channel = touchpoint.channel { pairs.append(("channel", .string(channel))) }
                    if let prompt = touchpoint.prompt { pairs.append(("prompt", .string(prompt))) }
                    if !touchpoint.lookFor.isEmpty { pairs.append(("look_for", .array(touchpoint.lookFor.map { .string($0) }))) }
                    if let target = touchpoint.target { pairs.append(("target_seconds", .int(target))) }
                    if touchpoint.momentOfTruth { pairs.append(("moment_of_truth", .bool(true))) }
                    return .object(pairs)
                })),
            ])
        }
        var pairs: [(String, JSONWriter.Value)] = [
            ("id", .string(journey.id)), ("title", .string(journey.title)),
            ("version", journey.version.map { .int($0) } ?? .null),
            ("fingerprint", .string(header.journeyFingerprint)), ("path", .optional(header.journeyPath)),
        ]
        if let description = journey.description { pairs.append(("description", .string(description))) }
        if let promise = journey.promise { pairs.append(("promise", .string(promise))) }
        if let persona = journey.persona { pairs.append(("persona", .string(persona))) }
        pairs.append(("stages", .array(stages)))
        return .object(pairs)
    }

    /// Why a line could not be read.
    public enum LineProblem: Error, Equatable {
        case notJSON
        case unknownType(String)
        case missing(String)
        case newerFormat(Int)
    }

    /// Decodes one journal line.
    public static func decode(_ line: Substring) throws(LineProblem) -> WalkEvent {
        let record: Record
        do {
            record = try JSONDecoder().decode(Record.self, from: Data(line.utf8))
        } catch {
            throw .notJSON
        }
        func time(_ text: String?, _ key: String) throws(LineProblem) -> Date {
            guard let text, let date = Timestamp.parse(text) else { throw .missing(key) }
            return date
        }
        func touchpoint() throws(LineProblem) -> String {
            guard let id = record.touchpoint, !id.isEmpty else { throw .missing("touchpoint") }
            return id
        }
        switch record.type {
        case "walk":
            if let format = record.format, format > formatVersion { throw .newerFormat(format) }
            guard let walkID = record.walk else { throw .missing("walk") }
            guard let journey = record.journey else { throw .missing("journey") }
            let started = try time(record.started, "started")
            let details = WalkDetails(
                operator: record.operator ?? "", role: record.role.flatMap(WalkRole.init(rawValue:)),
                location: record.location ?? "", channel: record.channel ?? "")
            return .started(WalkHeader(
                walkID: walkID, journey: journey.journey, journeyPath: journey.path,
                journeyFingerprint: journey.fingerprint ?? "", details: details, started: started))
        case "verdict":
            let id = try touchpoint()
            var rating: Rating?
            if let name = record.verdict {
                guard let verdict = Verdict(rawValue: name) else { throw .missing("verdict") }
                rating = Rating(verdict, intensity: record.intensity ?? 1)
            }
            return .rated(RatingChange(
                touchpoint: id, rating: rating, at: try time(record.at, "at"),
                timerSeconds: record.timer_seconds, undo: record.undo ?? false))
        case "note":
            return .noted(NoteChange(touchpoint: try touchpoint(), text: record.text ?? "", at: try time(record.at, "at"), undo: record.undo ?? false))
        case "draft":
            return .drafted(NoteChange(touchpoint: try touchpoint(), text: record.text ?? "", at: try time(record.at, "at")))
        case "move":
            return .moved(touchpoint: try touchpoint(), at: try time(record.at, "at"))
        case "finish":
            return .finished(at: try time(record.at, "at"))
        default:
            throw .unknownType(record.type)
        }
    }

    // The decoded shape of any journal line; keys are as written in the file.
    private struct Record: Decodable {
        var type: String
        var format: Int?
        var walk: String?
        var started: String?
        var `operator`: String?
        var role: String?
        var location: String?
        var channel: String?
        var journey: JourneyRecord?
        var at: String?
        var touchpoint: String?
        var verdict: String?
        var intensity: Int?
        var timer_seconds: Int?
        var undo: Bool?
        var text: String?
    }

    private struct JourneyRecord: Decodable {
        var id: String
        var title: String
        var version: Int?
        var fingerprint: String?
        var path: String?
        var description: String?
        var promise: String?
        var persona: String?
        var stages: [StageRecord]

        var journey: Journey {
            Journey(
                id: id, title: title, version: version, description: description, promise: promise, persona: persona,
                stages: stages.map { stage in
                    Stage(name: stage.name, touchpoints: stage.touchpoints.map { tp in
                        Touchpoint(
                            id: tp.id, title: tp.title, channel: tp.channel, prompt: tp.prompt, lookFor: tp.look_for ?? [],
                            target: tp.target_seconds, momentOfTruth: tp.moment_of_truth ?? false)
                    })
                })
        }
    }

    private struct StageRecord: Decodable {
        var name: String
        var touchpoints: [TouchpointRecord]
    }

    private struct TouchpointRecord: Decodable {
        var id: String
        var title: String
        var channel: String?
        var prompt: String?
        var look_for: [String]?
        var target_seconds: Int?
        var moment_of_truth: Bool?
    }
}

extension WalkCodec.LineProblem: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notJSON: return "not a complete JSON record"
        case .unknownType(let type): return "unknown record type '\(TerminalText.sanitize(type))' (written by a newer journeywalk?)"
        case .missing(let key): return "record without a valid '\(key)'"
        case .newerFormat(let version): return "walk format \(version) is newer than this journeywalk reads (\(WalkCodec.formatVersion)); upgrade journeywalk"
        }
    }
}
