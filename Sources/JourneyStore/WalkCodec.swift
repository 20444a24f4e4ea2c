import Foundation
import JourneyKit
import Synchronization

/// The walk journal format: one JSON object per line (JSON Lines), documented in docs/walk-file-format.md.
public enum WalkCodec {
    /// The format version this build writes; readers accept it and every earlier one. Version 1:
    /// verdicts, notes, drafts, moves, finish. Version 2 adds shared journey copies and the records
    /// of SPEC section 7 (answers, comments, timers, stated times, ad-hoc touchpoints, evidence,
    /// tags, recovery, praise, actions, votes, submit) and the journey keys of 7.1. Version 3 chains
    /// the lines: every record ends in its `seq` and the SHA-256 of the line before (`prev`; see `WalkChain`).
    public static let formatVersion = 3

    /// A journey whose copy is larger than this (in bytes of JSON) is stored once beside the
    /// walks instead of in every walk's header; hand-written journeys stay well below it.
    public static let sharedCopyFrom = 32 * 1024

    /// One event as a line of JSON, without the newline and without a place in a chain: a line of a
    /// format 1 or 2 file (a header says format 3 all the same).
    public static func encode(_ event: WalkEvent) -> String {
        JSONWriter.encode(.object(pairs(of: event)))
    }

    /// One event as a line of a format-3 file, without the newline: its keys, then its line number
    /// (`seq`, the header being 1) and the SHA-256 hex of the line before (`prev`, nil for the header).
    public static func encode(_ event: WalkEvent, seq: Int, prev: String?) -> String {
        var pairs = pairs(of: event)
        pairs.append(("seq", .int(seq)))
        if let prev { pairs.append(("prev", .string(prev))) }
        return JSONWriter.encode(.object(pairs))
    }

    private static func pairs(of event: WalkEvent) -> [(String, JSONWriter.Value)] {
        let at = JSONWriter.Value.string(Timestamp.format(event.at, fractional: true))
        switch event {
        case .started(let header):
            var pairs: [(String, JSONWriter.Value)] = [
                ("type", .string("walk")), ("format", .int(formatVersion)), ("walk", .string(header.walkID)),
                ("started", at), ("operator", .string(header.details.operator)),
                ("role", .optional(header.details.role?.rawValue)), ("location", .string(header.details.location)),
                ("channel", .string(header.details.channel)),
            ]
            if let stated = header.statedStart { pairs.append(("stated_start", .string(Timestamp.format(stated, fractional: true)))) }
            if let zone = header.timeZoneID { pairs.append(("time_zone", .string(zone))) }
            if let offset = header.utcOffset { pairs.append(("utc_offset", .string(LocalTime.offsetText(offset)))) }
            if let timebox = header.workshopTimebox { pairs.append(("workshop_timebox_seconds", .int(timebox))) }
            if let assignment = header.assignment {
                // `id` first: the team's server reads it from the header's bytes.
                pairs.append(("assignment", .object([
                    ("id", .int(Int(assignment.id))), ("window", .optional(assignment.window)), ("due", .optional(assignment.due)),
                ] + (assignment.wave.map { [("wave", JSONWriter.Value.string($0))] } ?? []))))
            }
            pairs.append(("journey", journeyValue(header)))
            return pairs
        default:
            // Every other kind writes its own keys after its type, its time and its touchpoint.
            let record = event.record
            let touchpoint = record.touchpointID.map { [("touchpoint", JSONWriter.Value.string($0))] } ?? []
            return [("type", .string(type(of: record).type)), ("at", at)] + touchpoint + record.fields
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
                    if !touchpoint.checklist.isEmpty {
                        // The short form (a string) for plain items, as in the journey file; the long form otherwise.
                        pairs.append(("look_for", .array(touchpoint.checklist.map { item in
                            item.weight == 1 && !item.critical ? .string(item.item)
                                : .object([("item", .string(item.item)), ("weight", .int(item.weight)), ("critical", .bool(item.critical))])
                        })))
                    }
                    if let target = touchpoint.target { pairs.append(("target_seconds", .int(target))) }
                    if touchpoint.momentOfTruth { pairs.append(("moment_of_truth", .bool(true))) }
                    if let timebox = touchpoint.timebox { pairs.append(("timebox_seconds", .int(timebox))) }
                    return .object(pairs)
                })),
            ])
        }
        var pairs: [(String, JSONWriter.Value)] = []
        if let description = journey.description { pairs.append(("description", .string(description))) }
        if let promise = journey.promise { pairs.append(("promise", .string(promise))) }
        if let persona = journey.persona { pairs.append(("persona", .string(persona))) }
        if let passMark = journey.passMark { pairs.append(("pass_mark", .int(passMark))) }
        if let timebox = journey.timebox { pairs.append(("timebox_seconds", .int(timebox))) }
        if !journey.tags.isEmpty {
            pairs.append(("tags", .array(journey.tags.map { .object([("id", .string($0.id)), ("label", .string($0.label)), ("kind", .string($0.kind.rawValue))]) })))
        }
        pairs.append(("stages", .array(stages)))
        return pairs
    }

    /// Why a line could not be read.
    public enum LineProblem: Error, Equatable {
        /// A byte (1-based offset in the line) that is not UTF-8: the record cannot be text.
        case notUTF8(byte: UInt8, offset: Int)
        case notJSON
        /// JSON whose objects and arrays nest deeper than the reader goes (`JSONValue.maximumDepth`).
        case nestedTooDeep
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
    public static func decode<Bytes: Collection>(bytes: Bytes, copies: SharedJourneyCopies? = nil) throws(LineProblem) -> WalkEvent where Bytes.Element == UInt8 {
        // A header's journey is left unparsed here: the same bytes come back in every walk of that
        // journey version, and are parsed once per process (`headerJourney`).
        let isHeader = bytes.starts(with: headerStart)
        let parsed = JSONValue.parse(bytes, leavingRaw: isHeader ? "journey" : nil)
        var rawJourney: (value: JSONValue, journey: Journey?)?
        var rawJourneyIsJSON = true
        if let range = parsed?.raw {
            rawJourney = Self.headerJourney(Array(bytes.dropFirst(range.lowerBound).prefix(range.count)))
            rawJourneyIsJSON = rawJourney != nil
        }
        guard let parsed, rawJourneyIsJSON, case .object = parsed.value, let type = parsed.value["type"]?.string else {
            if let offset = UTF8Text.firstInvalidByte(in: bytes) { throw .notUTF8(byte: Array(bytes)[offset], offset: offset + 1) }
            if JSONValue.nestsTooDeep(bytes) { throw .nestedTooDeep }
            throw .notJSON
        }
        let record = parsed.value
        func text(_ key: String) -> String? { record[key]?.string }
        func time(_ key: String) throws(LineProblem) -> Date {
            guard let value = text(key), let date = Timestamp.parse(value) else { throw .missing(key) }
            return date
        }
        guard type == StartRecord.type else {
            guard let kind = kinds[type] else { throw .unknownType(type) }
            do {
                return try kind.init(reading: RecordKeys(record: record)).event
            } catch {
                switch error {
                case .missing(let key): throw .missing(key)
                }
            }
        }
        if let format = record["format"]?.int, format > formatVersion { throw .newerFormat(format) }
        guard let walkID = text("walk") else { throw .missing("walk") }
        guard let journeyValue = rawJourney?.value ?? record["journey"] else { throw .missing("journey") }
        let copy = journeyValue["stages"] == nil ? journeyValue["copy"]?.string : nil
        let journey: Journey
        if let copy {
            guard let copies else { throw .journeyCopy(name: copy, problem: "no folder to look for it in") }
            journey = try copies.journey(named: copy)
        } else {
            guard let inline = rawJourney?.journey ?? self.journey(from: journeyValue) else { throw .missing("journey") }
            journey = inline
        }
        let details = WalkDetails(
            operator: cut(text("operator")) ?? "", role: text("role").flatMap(WalkRole.init(rawValue:)),
            location: cut(text("location")) ?? "", channel: cut(text("channel")) ?? "")
        var statedStart: Date?
        if text("stated_start") != nil { statedStart = try time("stated_start") }
        var header = WalkHeader(
            walkID: walkID, journey: journey, journeyPath: journeyValue["path"]?.string,
            journeyFingerprint: journeyValue["fingerprint"]?.string ?? "", details: details, started: try time("started"),
            journeyCopy: copy, statedStart: statedStart)
        // The zone the walk started in (optional): an unknown identifier is kept as written.
        header.timeZoneID = text("time_zone")
        if let offset = text("utc_offset") {
            guard let seconds = LocalTime.offset(from: offset) else { throw .missing("utc_offset") }
            header.utcOffset = seconds
        }
        if let timebox = record["workshop_timebox_seconds"] {
            guard let seconds = timebox.int, seconds > 0 else { throw .missing("workshop_timebox_seconds") }
            header.workshopTimebox = seconds
        }
        if let assignment = record["assignment"] {
            guard let id = assignment["id"]?.int, id > 0 else { throw .missing("assignment") }
            header.assignment = WalkAssignment(id: Int64(id), window: cut(assignment["window"]?.string), due: cut(assignment["due"]?.string),
                                               wave: cut(assignment["wave"]?.string))
        }
        return .started(header)
    }

    /// The kinds of record after the header, by their `type`.
    private static let kinds: [String: any RecordKind.Type] = Dictionary(uniqueKeysWithValues: WalkEvent.kinds.map { ($0.type, $0) })

    /// A line's keys as the record kinds read them; texts shown to people are cut as a journey's are.
    private struct RecordKeys: RecordFields {
        let record: JSONValue
        func string(_ key: String) -> String? { record[key]?.string }
        func shownText(_ key: String) -> String? { cut(record[key]?.string) }
        func int(_ key: String) -> Int? { record[key]?.int }
        func double(_ key: String) -> Double? { record[key]?.double }
        func bool(_ key: String) -> Bool? { record[key]?.bool }
        func isNull(_ key: String) -> Bool { record[key]?.isNull == true }
        func strings(_ key: String) -> [String]? { record[key]?.array?.compactMap(\.string) }
    }

    /// How a header line starts (`{"type":"walk"`), as journeywalk writes it.
    private static let headerStart = Array(#"{"type":"walk""#.utf8)

    /// A header's journey value parsed, with its journey; nil when the bytes are not JSON.
    /// Parsed once per process for the same bytes.
    private static func headerJourney(_ bytes: [UInt8]) -> (value: JSONValue, journey: Journey?)? {
        // Found by a 64-bit FNV-1a of the bytes, then the bytes themselves compared.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        if let known = headerJourneys.withLock({ $0[hash] }), known.bytes == bytes { return (known.value, known.journey) }
        guard let value = JSONValue.parse(bytes) else { return nil }
        let journey = value["stages"] == nil ? nil : journey(from: value)
        headerJourneys.withLock { cache in
            if cache.count >= 64 { cache.removeAll() }
            cache[hash] = (bytes, value, journey)
        }
        return (value, journey)
    }

    private static let headerJourneys = Mutex<[UInt64: (bytes: [UInt8], value: JSONValue, journey: Journey?)]>([:])

    /// Text of a walk file cut to the length a journey file may have (`JourneyLoader.maximumTextLength`,
    /// or `maximumProseLength` for prose), ending in `…` when cut: a walk is never refused for a long
    /// text, but screens and reports get no more than a journey could give them. The file keeps it all.
    static func cut(_ text: String?, prose: Bool = false) -> String? {
        guard let text else { return nil }
        let limit = prose ? JourneyLoader.maximumProseLength : JourneyLoader.maximumTextLength
        guard text.unicodeScalars.count > limit, text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    private static func journey(from value: JSONValue) -> Journey? {
        guard let id = value["id"]?.string, let title = cut(value["title"]?.string), let stages = value["stages"]?.array else { return nil }
        var result: [Stage] = []
        for stage in stages {
            guard let name = cut(stage["name"]?.string), let touchpoints = stage["touchpoints"]?.array else { return nil }
            var items: [Touchpoint] = []
            for tp in touchpoints {
                guard let tpID = tp["id"]?.string, let tpTitle = cut(tp["title"]?.string) else { return nil }
                var checklist: [ChecklistItem] = []
                for entry in tp["look_for"]?.array ?? [] {
                    if let text = cut(entry.string) {
                        checklist.append(ChecklistItem(text))
                    } else if let text = cut(entry["item"]?.string) {
                        checklist.append(ChecklistItem(text, weight: max(1, entry["weight"]?.int ?? 1), critical: entry["critical"]?.bool ?? false))
                    } else {
                        return nil
                    }
                }
                items.append(Touchpoint(
                    id: tpID, title: tpTitle, channel: cut(tp["channel"]?.string), prompt: cut(tp["prompt"]?.string, prose: true),
                    checklist: checklist, target: tp["target_seconds"]?.int,
                    momentOfTruth: tp["moment_of_truth"]?.bool ?? false, timebox: tp["timebox_seconds"]?.int))
            }
            result.append(Stage(name: name, touchpoints: items))
        }
        var tags: [TagDefinition] = []
        for tag in value["tags"]?.array ?? [] {
            guard let id = tag["id"]?.string, let label = cut(tag["label"]?.string),
                  let kind = tag["kind"]?.string.flatMap(TagDefinition.Kind.init(rawValue:)) else { return nil }
            tags.append(TagDefinition(id: id, label: label, kind: kind))
        }
        return Journey(
            id: id, title: title, version: value["version"]?.int, description: cut(value["description"]?.string, prose: true),
            promise: cut(value["promise"]?.string, prose: true), persona: cut(value["persona"]?.string, prose: true), passMark: value["pass_mark"]?.int,
            timebox: value["timebox_seconds"]?.int, tags: tags, stages: result)
    }
}

extension WalkCodec.LineProblem: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notUTF8(let byte, let offset):
            return "not valid UTF-8 text (byte 0x\(String(byte, radix: 16, uppercase: true)) at byte \(offset) of the line)"
        case .notJSON: return "not a complete JSON record"
        case .nestedTooDeep: return "JSON nested more than \(JSONValue.maximumDepth) levels deep, deeper than any walk record and than journeywalk reads"
        case .unknownType(let type): return "unknown record type '\(TerminalText.sanitize(type))' (written by a newer journeywalk?)"
        case .missing(let key): return "record without a valid '\(key)'"
        case .newerFormat(let version): return "walk format \(version) is newer than this journeywalk reads (\(WalkCodec.formatVersion)); upgrade journeywalk"
        case .journeyCopy(let name, let problem): return "the journey this walk was made with (\(name).json) \(problem)"
        }
    }
}
