import Foundation
import JourneyKit

/// The walk journal format: one JSON object per line (JSON Lines), documented in docs/walk-file-format.md.
public enum WalkCodec {
    /// The newest format version this build reads and writes; readers accept it and every earlier one.
    /// A file carries the oldest version that can read it: 1 when the journey copy is in the
    /// header, 2 when it refers to a shared copy beside the walks.
    public static let formatVersion = 2

    /// A journey whose copy is larger than this (in bytes of JSON) is stored once beside the
    /// walks instead of in every walk's header; hand-written journeys stay well below it.
    public static let sharedCopyFrom = 32 * 1024

    /// One event as a line of JSON, without the newline.
    public static func encode(_ event: WalkEvent) -> String {
        JSONWriter.encode(value(of: event))
    }

    static func value(of event: WalkEvent) -> JSONWriter.Value {
        let at = JSONWriter.Value.string(Timestamp.format(event.at, fractional: true))
        switch event {
        case .started(let header):
            return .object([
                ("type", .string("walk")), ("format", .int(header.journeyCopy == nil ? 1 : 2)), ("walk", .string(header.walkID)),
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
        var pairs: [(String, JSONWriter.Value)] = [
            ("id", .string(header.journey.id)), ("title", .string(header.journey.title)),
            ("version", header.journey.version.map { .int($0) } ?? .null),
            ("fingerprint", .string(header.journeyFingerprint)), ("path", .optional(header.journeyPath)),
        ]
        if let copy = header.journeyCopy {
            pairs.append(("copy", .string(copy)))
        } else {
            pairs += journeyContent(header.journey)
        }
        return .object(pairs)
    }

    /// A journey as the shared copy stores it: one JSON object, the same keys as in a header.
    public static func journeyCopyJSON(_ journey: Journey) -> String {
        JSONWriter.encode(.object([
            ("id", .string(journey.id)), ("title", .string(journey.title)),
            ("version", journey.version.map { .int($0) } ?? .null),
        ] + journeyContent(journey)))
    }

    /// Reads a shared journey copy written by `journeyCopyJSON`.
    public static func journey<Bytes: Collection>(copy bytes: Bytes) -> Journey? where Bytes.Element == UInt8 {
        JSONValue.parse(bytes).flatMap(journey(from:))
    }

    private static func journeyContent(_ journey: Journey) -> [(String, JSONWriter.Value)] {
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
        var pairs: [(String, JSONWriter.Value)] = []
        if let description = journey.description { pairs.append(("description", .string(description))) }
        if let promise = journey.promise { pairs.append(("promise", .string(promise))) }
        if let persona = journey.persona { pairs.append(("persona", .string(persona))) }
        pairs.append(("stages", .array(stages)))
        return pairs
    }

    /// The offset of the first byte that does not belong to valid UTF-8 (overlong forms and surrogates
    /// included), or nil when the bytes are UTF-8 text.
    static func firstInvalidUTF8<Bytes: Collection>(_ bytes: Bytes) -> Int? where Bytes.Element == UInt8 {
        let all = Array(bytes)
        var index = 0
        while index < all.count {
            let byte = all[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= all.count else { return index }
            for offset in 1..<max(1, length) where all[index + offset] & 0xC0 != 0x80 { return index }
            if length > 1 {
                let second = all[index + 1]
                if (byte == 0xE0 && second < 0xA0) || (byte == 0xED && second > 0x9F)
                    || (byte == 0xF0 && second < 0x90) || (byte == 0xF4 && second > 0x8F) { return index }
            }
            index += length
        }
        return nil
    }

    /// Why a line could not be read.
    public enum LineProblem: Error, Equatable {
        /// A byte (1-based offset in the line) that is not UTF-8: the record cannot be text.
        case notUTF8(byte: UInt8, offset: Int)
        case notJSON
        case unknownType(String)
        case missing(String)
        case newerFormat(Int)
        /// The header refers to a shared journey copy that is not there (or was changed).
        case journeyCopy(name: String, problem: String)
    }

    /// Decodes one journal line.
    public static func decode(_ line: Substring) throws(LineProblem) -> WalkEvent {
        try decode(bytes: line.utf8)
    }

    /// Decodes one journal line given as UTF-8 bytes; `copies` finds shared journey copies.
    public static func decode<Bytes: Collection>(bytes: Bytes, copies: JourneyCopies? = nil) throws(LineProblem) -> WalkEvent where Bytes.Element == UInt8 {
        guard let record = JSONValue.parse(bytes), case .object = record, let type = record["type"]?.string else {
            if let offset = firstInvalidUTF8(bytes) { throw .notUTF8(byte: Array(bytes)[offset], offset: offset + 1) }
            throw .notJSON
        }
        func text(_ key: String) -> String? { record[key]?.string }
        func time(_ key: String) throws(LineProblem) -> Date {
            guard let value = text(key), let date = Timestamp.parse(value) else { throw .missing(key) }
            return date
        }
        func touchpoint() throws(LineProblem) -> String {
            guard let id = text("touchpoint"), !id.isEmpty else { throw .missing("touchpoint") }
            return id
        }
        let undo = record["undo"]?.bool ?? false
        switch type {
        case "walk":
            if let format = record["format"]?.int, format > formatVersion { throw .newerFormat(format) }
            guard let walkID = text("walk") else { throw .missing("walk") }
            guard let journeyValue = record["journey"] else { throw .missing("journey") }
            let copy = journeyValue["stages"] == nil ? journeyValue["copy"]?.string : nil
            let journey: Journey
            if let copy {
                guard let copies else { throw .journeyCopy(name: copy, problem: "no folder to look for it in") }
                journey = try copies.journey(named: copy)
            } else {
                guard let inline = self.journey(from: journeyValue) else { throw .missing("journey") }
                journey = inline
            }
            let details = WalkDetails(
                operator: text("operator") ?? "", role: text("role").flatMap(WalkRole.init(rawValue:)),
                location: text("location") ?? "", channel: text("channel") ?? "")
            return .started(WalkHeader(
                walkID: walkID, journey: journey, journeyPath: journeyValue["path"]?.string,
                journeyFingerprint: journeyValue["fingerprint"]?.string ?? "", details: details, started: try time("started"),
                journeyCopy: copy))
        case "verdict":
            let id = try touchpoint()
            var rating: Rating?
            if let name = text("verdict") {
                guard let verdict = Verdict(rawValue: name) else { throw .missing("verdict") }
                rating = Rating(verdict, intensity: record["intensity"]?.int ?? 1)
            } else if record["verdict"]?.isNull != true {
                throw .missing("verdict")
            }
            return .rated(RatingChange(touchpoint: id, rating: rating, at: try time("at"), timerSeconds: record["timer_seconds"]?.int, undo: undo))
        case "note":
            return .noted(NoteChange(touchpoint: try touchpoint(), text: text("text") ?? "", at: try time("at"), undo: undo))
        case "draft":
            return .drafted(NoteChange(touchpoint: try touchpoint(), text: text("text") ?? "", at: try time("at")))
        case "move":
            return .moved(touchpoint: try touchpoint(), at: try time("at"))
        case "finish":
            return .finished(at: try time("at"))
        default:
            throw .unknownType(type)
        }
    }

    private static func journey(from value: JSONValue) -> Journey? {
        guard let id = value["id"]?.string, let title = value["title"]?.string, let stages = value["stages"]?.array else { return nil }
        var result: [Stage] = []
        for stage in stages {
            guard let name = stage["name"]?.string, let touchpoints = stage["touchpoints"]?.array else { return nil }
            var items: [Touchpoint] = []
            for tp in touchpoints {
                guard let tpID = tp["id"]?.string, let tpTitle = tp["title"]?.string else { return nil }
                items.append(Touchpoint(
                    id: tpID, title: tpTitle, channel: tp["channel"]?.string, prompt: tp["prompt"]?.string,
                    lookFor: tp["look_for"]?.array?.compactMap(\.string) ?? [], target: tp["target_seconds"]?.int,
                    momentOfTruth: tp["moment_of_truth"]?.bool ?? false))
            }
            result.append(Stage(name: name, touchpoints: items))
        }
        return Journey(
            id: id, title: title, version: value["version"]?.int, description: value["description"]?.string,
            promise: value["promise"]?.string, persona: value["persona"]?.string, stages: result)
    }
}

extension WalkCodec.LineProblem: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notUTF8(let byte, let offset):
            return "not valid UTF-8 text (byte 0x\(String(byte, radix: 16, uppercase: true)) at byte \(offset) of the line)"
        case .notJSON: return "not a complete JSON record"
        case .unknownType(let type): return "unknown record type '\(TerminalText.sanitize(type))' (written by a newer journeywalk?)"
        case .missing(let key): return "record without a valid '\(key)'"
        case .newerFormat(let version): return "walk format \(version) is newer than this journeywalk reads (\(WalkCodec.formatVersion)); upgrade journeywalk"
        case .journeyCopy(let name, let problem): return "the journey this walk was made with (\(name).json) \(problem)"
        }
    }
}
