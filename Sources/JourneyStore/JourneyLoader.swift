import JourneyKit
import Yams

/// Reads journey YAML files into `Journey` values, reporting every problem with its line and column.
public enum JourneyLoader {
    static let journeyKeys = ["title", "id", "version", "description", "promise", "persona", "pass_mark", "timebox", "tags", "stages"]
    static let stageKeys = ["name", "touchpoints"]
    static let touchpointKeys = ["id", "title", "channel", "prompt", "look_for", "target", "moment_of_truth", "timebox"]
    static let checklistItemKeys = ["item", "weight", "critical"]
    static let tagKeys = ["id", "label", "kind"]

    /// The largest journey file read: 10 MB. A larger file is refused before it is read.
    public static let maximumFileSize = 10_000_000
    /// The most touchpoints a journey may have: 10,000.
    public static let maximumTouchpoints = 10_000
    /// The most look_for items a touchpoint may have: 100.
    public static let maximumChecklistItems = 100
    /// The longest prose (description, promise, persona, prompt), in characters: 10,000.
    public static let maximumProseLength = 10_000
    /// The longest of any other text (titles, names, ids, channels, items, labels), in characters: 500.
    public static let maximumTextLength = 500
    static let proseKeys: Set<String> = ["description", "promise", "persona", "prompt"]

    /// Loads and validates a journey file.
    public static func load(path: String) throws(JourneyLoadError) -> LoadedJourney {
        let bytes: [UInt8]
        do {
            bytes = try PosixFile.read(path, limit: maximumFileSize)
        } catch {
            throw JourneyLoadError(problems: [JourneyProblem(file: path, line: 0, column: 0, message: "cannot read the file: \(error.reason)")])
        }
        return try load(bytes, path: path)
    }

    /// Validates the bytes of a journey file already read from `path`.
    static func load(_ bytes: [UInt8], path: String) throws(JourneyLoadError) -> LoadedJourney {
        let journey = try parse(bytes, file: path)
        return LoadedJourney(journey: journey, path: PosixFile.absolute(path), fingerprint: Fingerprint.of(bytes))
    }

    /// Validates journey file contents; `file` names the source in messages.
    public static func parse(_ bytes: [UInt8], file: String) throws(JourneyLoadError) -> Journey {
        var reader = JourneyReader(file: file)
        let text = try reader.decodeText(bytes)
        // Aliases are counted before the tree is built: a few KB can stand for billions of values.
        if let excess = YAMLExpansion.excess(in: text) {
            throw JourneyLoadError(problems: [reader.problem(excess.line, excess.column, excess.message)])
        }
        let root: Node
        do {
            // The basic resolver keeps every scalar a string: types are checked here, and no regex runs per key.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw JourneyLoadError(problems: [reader.problem(1, 1, "the file is empty: a journey needs a title and stages")])
            }
            root = node
        } catch let error as JourneyLoadError {
            throw error
        } catch {
            throw JourneyLoadError(problems: [reader.yamlProblem(error, text: text)])
        }
        let journey = reader.journey(from: root)
        guard reader.problems.isEmpty, let journey else {
            throw JourneyLoadError(problems: reader.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return journey
    }
}

/// The walk over a composed YAML tree that collects problems as it builds the journey.
struct JourneyReader {
    let file: String
    var problems: [JourneyProblem] = []
    private var touchpointIDs: [String: Int] = [:]
    private var touchpointCount = 0

    init(file: String) { self.file = file }

    func problem(_ line: Int, _ column: Int, _ message: String) -> JourneyProblem {
        JourneyProblem(file: file, line: line, column: column, message: message)
    }

    mutating func report(_ node: Node?, _ message: String) {
        problems.append(problem(node?.mark?.line ?? 1, node?.mark?.column ?? 1, message))
    }

    /// UTF-8 text of the file, or the position of the first byte that is not UTF-8.
    func decodeText(_ bytes: [UInt8]) throws(JourneyLoadError) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw JourneyLoadError(problems: [problem(1, 1, "the file is empty: a journey needs a title and stages")])
        }
        if let offset = UTF8Text.firstInvalidByte(in: body) {
            let before = body.prefix(offset)
            let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
            let line = 1 + before.count(where: { $0 == 0x0A })
            let column = 1 + before[lineStart...].count(where: { !UTF8Text.isContinuation($0) })
            let byte = body[body.startIndex + offset]
            throw JourneyLoadError(problems: [problem(line, column, "the file is not UTF-8 text (byte 0x\(String(byte, radix: 16, uppercase: true)) here); save it as UTF-8")])
        }
        return String(decoding: body, as: UTF8.self)
    }

    func yamlProblem(_ error: Error, text: String) -> JourneyProblem {
        guard let yamlError = error as? YamlError else {
            return problem(1, 1, "not valid YAML")
        }
        switch yamlError {
        case .scanner(_, let what, let mark, _), .parser(_, let what, let mark, _), .composer(_, let what, let mark, _):
            return problem(mark.line, mark.column, "not valid YAML: \(what)")
        case .reader(let what, let offset, _, _):
            let (line, column) = position(ofUTF8Offset: offset ?? 0, in: text)
            return problem(line, column, "not valid YAML: \(what)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let name = duplicates.first ?? ""
            let first = context.mark
            // Yams marks the first use; point at the repeat, where the user has to act.
            let lines = yamlLines(text)
            let indent = String(repeating: " ", count: max(0, first.column - 1))
            var line = first.line
            for index in lines.indices.dropFirst(max(0, first.line)) where lines[index].hasPrefix(indent + name + ":") {
                line = index + 1
                break
            }
            return problem(line, first.column, "duplicate key '\(TerminalText.sanitize(name))' (first on line \(first.line))")
        default:
            return problem(1, 1, "not valid YAML")
        }
    }

    /// The lines of the text as YAML counts them: a line ends at LF, CR LF, CR, NEL, LS or PS.
    private func yamlLines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { JourneyReader.lineBreaks.contains($0) }
    }

    private static let lineBreaks: Set<Character> = ["\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"]

    /// Line and column (1-based) of a UTF-8 offset, counting line breaks as YAML does.
    private func position(ofUTF8Offset offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        var passed = 0
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            if passed >= offset { break }
            passed += UTF8.width(scalar)
            switch scalar {
            case "\n":
                if !afterCarriageReturn { line += 1 }
                column = 1
            case "\r", "\u{85}", "\u{2028}", "\u{2029}":
                line += 1
                column = 1
            default:
                column += 1
            }
            afterCarriageReturn = scalar == "\r"
        }
        return (line, column)
    }

    // MARK: - The journey tree

    mutating func journey(from root: Node) -> Journey? {
        guard let mapping = mapping(root, what: "the journey", keys: JourneyLoader.journeyKeys) else { return nil }
        let title = requiredText(mapping, "title", owner: "the journey", ownerNode: root)
        var id = PosixFile.stem(of: file)
        if !Slug.isValid(id) { id = Slug.make(id) }
        if let idNode = mapping["id"] {
            if let text = text(idNode, key: "id") {
                if Slug.isValid(text) { id = text } else {
                    report(idNode, "id '\(TerminalText.sanitize(text))' may only use a-z, 0-9 and '-'")
                }
            }
        }
        var version: Int?
        if let node = mapping["version"] {
            if case .scalar(let scalar) = node, let value = Int(scalar.string), scalar.style == .plain, value >= 0 {
                version = value
            } else {
                report(node, "version must be a whole number, such as 3")
            }
        }
        let description = optionalText(mapping, "description")
        let promise = optionalText(mapping, "promise")
        let persona = optionalText(mapping, "persona")
        var passMark: Int?
        if let node = mapping["pass_mark"] {
            if case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string), (0...100).contains(value) {
                passMark = value
            } else {
                report(node, "pass_mark must be a whole number from 0 to 100 (a percent), such as 85")
            }
        }
        let timebox = duration(mapping, "timebox")
        var tags: [TagDefinition] = []
        if let listNode = mapping["tags"] {
            if case .sequence(let list) = listNode {
                var seen: [String: Int] = [:]
                for node in list {
                    guard let tag = tag(from: node) else { continue }
                    if let first = seen[tag.id] {
                        report(node, "duplicate tag id '\(tag.id)' (first on line \(first))")
                    } else {
                        seen[tag.id] = node.mark?.line ?? 0
                        tags.append(tag)
                    }
                }
            } else if !isNull(listNode) {
                report(listNode, "tags must be a list such as - {id: no-parking, label: No parking nearby, kind: misery}, found \(kind(of: listNode))")
            }
        }
        var stages: [Stage] = []
        if let stagesNode = mapping["stages"] {
            if case .sequence(let list) = stagesNode {
                if list.isEmpty { report(stagesNode, "stages is empty: a journey needs at least one stage") }
                for (index, node) in list.enumerated() {
                    if let stage = stage(from: node, number: index + 1) { stages.append(stage) }
                }
            } else if isNull(stagesNode) {
                report(stagesNode, "stages is empty: a journey needs at least one stage")
            } else {
                report(stagesNode, "stages must be a list of stages, found \(kind(of: stagesNode))")
            }
        } else {
            report(root, "missing required key 'stages' in the journey")
        }
        guard let title else { return nil }
        return Journey(
            id: id, title: title, version: version, description: description, promise: promise, persona: persona,
            passMark: passMark, timebox: timebox, tags: tags, stages: stages)
    }

    /// A duration key (`timebox`): 45s, 2m, 1h30m.
    private mutating func duration(_ mapping: [String: Node], _ key: String) -> Int? {
        guard let node = mapping[key] else { return nil }
        if case .scalar(let scalar) = node, let seconds = TimeStandard.seconds(from: scalar.string) { return seconds }
        let shown = node.scalar.map { "'\(TerminalText.sanitize($0.string))'" } ?? kind(of: node)
        report(node, "bad \(key) \(shown): use a duration such as 45s, 3m or 1h30m")
        return nil
    }

    /// A journey's own tag: `{id: no-parking, label: No parking nearby, kind: misery}`.
    private mutating func tag(from node: Node) -> TagDefinition? {
        guard let mapping = mapping(node, what: "a tag", keys: JourneyLoader.tagKeys) else { return nil }
        let id = requiredText(mapping, "id", owner: "a tag", ownerNode: node)
        let label = requiredText(mapping, "label", owner: "a tag", ownerNode: node)
        var kind: TagDefinition.Kind?
        if let kindNode = mapping["kind"] {
            kind = kindNode.scalar.flatMap { TagDefinition.Kind(rawValue: $0.string) }
            if kind == nil { report(kindNode, "tag kind must be magic or misery") }
        } else {
            report(node, "missing required key 'kind' in a tag (magic or misery)")
        }
        if let id, !Slug.isValid(id) {
            report(mapping["id"] ?? node, "tag id '\(TerminalText.sanitize(id))' may only use a-z, 0-9 and '-'")
            return nil
        }
        guard let id, let label, let kind else { return nil }
        return TagDefinition(id: id, label: label, kind: kind)
    }

    /// A checklist item: a string (weight 1), or `{item: …, weight: 3, critical: true}`.
    private mutating func checklistItem(from node: Node) -> ChecklistItem? {
        if case .scalar = node {
            guard let text = text(node, key: "look_for"), !text.trimmingSpaces.isEmpty else { return nil }
            return ChecklistItem(text)
        }
        guard let mapping = mapping(node, what: "a look_for item", keys: JourneyLoader.checklistItemKeys) else { return nil }
        let item = requiredText(mapping, "item", owner: "a look_for item", ownerNode: node)
        var weight = 1
        if let weightNode = mapping["weight"] {
            if case .scalar(let scalar) = weightNode, scalar.style == .plain, let value = Int(scalar.string), value > 0 {
                weight = value
            } else {
                report(weightNode, "weight must be a positive whole number, such as 3")
            }
        }
        var critical = false
        if let criticalNode = mapping["critical"] {
            switch criticalNode.scalar?.string.lowercased() {
            case "true"?: critical = true
            case "false"?: critical = false
            default: report(criticalNode, "critical must be true or false")
            }
        }
        guard let item else { return nil }
        return ChecklistItem(item, weight: weight, critical: critical)
    }

    private mutating func stage(from node: Node, number: Int) -> Stage? {
        let owner = "stage \(number)"
        guard let mapping = mapping(node, what: owner, keys: JourneyLoader.stageKeys) else { return nil }
        let name = requiredText(mapping, "name", owner: owner, ownerNode: node)
        var touchpoints: [Touchpoint] = []
        if let listNode = mapping["touchpoints"] {
            if case .sequence(let list) = listNode {
                if list.isEmpty { report(listNode, "touchpoints of \(owner) is empty: a stage needs at least one touchpoint") }
                for touchpointNode in list {
                    touchpointCount += 1
                    if touchpointCount > JourneyLoader.maximumTouchpoints {
                        report(touchpointNode, "a journey may have at most \(Counted.grouped(JourneyLoader.maximumTouchpoints)) touchpoints; this is one more")
                        break
                    }
                    if let touchpoint = touchpoint(from: touchpointNode, stage: owner) { touchpoints.append(touchpoint) }
                }
            } else if isNull(listNode) {
                report(listNode, "touchpoints of \(owner) is empty: a stage needs at least one touchpoint")
            } else {
                report(listNode, "touchpoints must be a list, found \(kind(of: listNode))")
            }
        } else {
            report(node, "missing required key 'touchpoints' in \(owner)")
        }
        guard let name else { return nil }
        return Stage(name: name, touchpoints: touchpoints)
    }

    private mutating func touchpoint(from node: Node, stage: String) -> Touchpoint? {
        let owner = "a touchpoint of \(stage)"
        guard let mapping = mapping(node, what: owner, keys: JourneyLoader.touchpointKeys) else { return nil }
        let title = requiredText(mapping, "title", owner: owner, ownerNode: node)
        var id = title.map(Slug.make) ?? ""
        var idNode = node
        if let explicit = mapping["id"], let text = text(explicit, key: "id") {
            idNode = explicit
            if Slug.isValid(text) { id = text } else {
                report(explicit, "id '\(TerminalText.sanitize(text))' may only use a-z, 0-9 and '-'")
            }
        }
        if id.isEmpty { id = "touchpoint-\(touchpointIDs.count + 1)" }
        if let firstLine = touchpointIDs[id] {
            if mapping["id"] == nil {
                report(idNode, "duplicate touchpoint id '\(id)', made from the title (first used on line \(firstLine)); give this touchpoint an id")
            } else {
                report(idNode, "duplicate touchpoint id '\(id)' (first used on line \(firstLine))")
            }
        } else {
            touchpointIDs[id] = idNode.mark?.line ?? 0
        }
        let channel = optionalText(mapping, "channel")
        let prompt = optionalText(mapping, "prompt")
        var checklist: [ChecklistItem] = []
        if let listNode = mapping["look_for"] {
            if case .sequence(let list) = listNode {
                if list.count > JourneyLoader.maximumChecklistItems {
                    report(list[JourneyLoader.maximumChecklistItems], "look_for has \(Counted.grouped(list.count)) items; a touchpoint may have at most \(JourneyLoader.maximumChecklistItems)")
                }
                for node in list.prefix(JourneyLoader.maximumChecklistItems) {
                    if let item = checklistItem(from: node) { checklist.append(item) }
                }
            } else if !isNull(listNode) {
                report(listNode, "look_for must be a list of things to check, found \(kind(of: listNode))")
            }
        }
        var target: Int?
        if let node = mapping["target"] {
            if case .scalar(let scalar) = node, let seconds = TimeStandard.seconds(from: scalar.string) {
                target = seconds
            } else {
                let shown = node.scalar.map { "'\(TerminalText.sanitize($0.string))'" } ?? kind(of: node)
                report(node, "bad target \(shown): use a duration such as 45s, 2m or 1h30m")
            }
        }
        var momentOfTruth = false
        if let node = mapping["moment_of_truth"] {
            switch node.scalar?.string.lowercased() {
            case "true"?: momentOfTruth = true
            case "false"?: momentOfTruth = false
            default: report(node, "moment_of_truth must be true or false")
            }
        }
        let timebox = duration(mapping, "timebox")
        guard let title else { return nil }
        return Touchpoint(
            id: id, title: title, channel: channel, prompt: prompt, checklist: checklist, target: target,
            momentOfTruth: momentOfTruth, timebox: timebox)
    }

    // MARK: - Typed access with problems

    private mutating func mapping(_ node: Node, what: String, keys: [String]) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            report(node, "\(what) must be a mapping of keys (\(keys.prefix(2).joined(separator: ", ")), …), found \(kind(of: node))")
            return nil
        }
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report(key, "keys must be plain names, found \(kind(of: key))")
                continue
            }
            let name = scalar.string
            fields[name] = value
            if !keys.contains(name) {
                var message = "unknown key '\(TerminalText.clip(TerminalText.sanitize(name), to: 60))' in \(what)"
                if let guess = closest(to: name, among: keys) { message += " (did you mean '\(guess)'?)" }
                report(key, message)
            }
        }
        return fields
    }

    private mutating func requiredText(_ mapping: [String: Node], _ key: String, owner: String, ownerNode: Node) -> String? {
        guard let node = mapping[key] else {
            report(ownerNode, "missing required key '\(key)' in \(owner)")
            return nil
        }
        guard let value = text(node, key: key) else { return nil }
        if value.trimmingSpaces.isEmpty {
            report(node, "\(key) is empty in \(owner)")
            return nil
        }
        return value
    }

    private mutating func optionalText(_ mapping: [String: Node], _ key: String) -> String? {
        guard let node = mapping[key], !isNull(node) else { return nil }
        return text(node, key: key).flatMap { $0.isEmpty ? nil : $0 }
    }

    private mutating func text(_ node: Node, key: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(node, "\(key) must be text, found \(kind(of: node))")
            return nil
        }
        if isNull(node) { return "" }
        let limit = JourneyLoader.proseKeys.contains(key) ? JourneyLoader.maximumProseLength : JourneyLoader.maximumTextLength
        // Counted in scalars first: cheap, and never fewer than the characters.
        if scalar.string.unicodeScalars.count > limit {
            let length = scalar.string.trimmingSpaces.count
            if length > limit {
                report(node, "\(key) is \(Counted.grouped(length)) characters long; it may have at most \(Counted.grouped(limit))")
                return nil
            }
        }
        return scalar.string.trimmingSpaces
    }

    private func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "'\(TerminalText.clip(TerminalText.sanitize(scalar.string), to: 30))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private func closest(to name: String, among keys: [String]) -> String? {
        let scored = keys.map { ($0, editDistance(name.lowercased(), $0)) }.min { $0.1 < $1.1 }
        guard let (key, distance) = scored, distance <= max(2, name.count / 3) else { return nil }
        return key
    }

    private func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
