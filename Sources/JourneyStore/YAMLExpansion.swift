import CYaml
import JourneyKit

/// How much a YAML text expands to once its aliases are followed, counted from libyaml's events
/// before any tree is built: each use of an alias counts the whole node it names again. A few KB
/// of nested anchors and aliases can stand for billions of nodes (a "billion laughs"); building,
/// hashing or checking such a tree would take minutes and gigabytes, so it is refused first.
enum YAMLExpansion {
    /// The most YAML values (scalars, lists, mappings, keys included) a journey may expand to:
    /// 200,000: a journey of 10,000 touchpoints with a title each needs 30,000, the benchmarks'
    /// 5,000 touchpoints with prompts and checklists about 75,000.
    static let maximumNodes = 200_000
    /// The most bytes of scalar text a journey may expand to: 10 MB, the size of the largest file.
    static let maximumTextBytes = JourneyLoader.maximumFileSize

    /// Where the expansion went past a limit (1-based line and column), and which limit.
    struct Excess: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// Counts the expanded nodes and text of the text's first document; nil when it is within the
    /// limits or cannot be parsed (the composer then reports the YAML error itself).
    static func excess(in text: String, maximumNodes: Int = maximumNodes, maximumTextBytes: Int = maximumTextBytes) -> Excess? {
        // Only an alias can make a document larger than its text.
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer -> Excess? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var counter = Counter(maximumNodes: maximumNodes, maximumTextBytes: maximumTextBytes)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let done = event.type == YAML_STREAM_END_EVENT || event.type == YAML_DOCUMENT_END_EVENT
                if let excess = counter.take(event) { return excess }
                if done { return nil }
            }
        }
    }

    /// The running count: one frame per open list or mapping, and the expanded size of each anchor.
    private struct Counter {
        let maximumNodes: Int
        let maximumTextBytes: Int
        var frames: [(anchor: String?, nodes: Int, bytes: Int)] = []
        var anchors: [String: (nodes: Int, bytes: Int)] = [:]
        var nodes = 0
        var bytes = 0

        mutating func take(_ event: yaml_event_t) -> Excess? {
            switch event.type {
            case YAML_SCALAR_EVENT:
                let length = event.data.scalar.length
                let anchor = Self.name(event.data.scalar.anchor)
                if let anchor { anchors[anchor] = (1, length) }
                return add(nodes: 1, bytes: length, at: event.start_mark)
            case YAML_SEQUENCE_START_EVENT:
                // The list itself counts in its parent, before its own frame opens.
                let excess = add(nodes: 1, bytes: 0, at: event.start_mark)
                frames.append((Self.name(event.data.sequence_start.anchor), 0, 0))
                return excess
            case YAML_MAPPING_START_EVENT:
                let excess = add(nodes: 1, bytes: 0, at: event.start_mark)
                frames.append((Self.name(event.data.mapping_start.anchor), 0, 0))
                return excess
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = frames.popLast() else { return nil }
                // The collection's own node was counted in its parent's frame when it opened.
                if let anchor = frame.anchor { anchors[anchor] = (frame.nodes + 1, frame.bytes) }
                if !frames.isEmpty {
                    frames[frames.count - 1].nodes += frame.nodes
                    frames[frames.count - 1].bytes += frame.bytes
                }
                return nil
            case YAML_ALIAS_EVENT:
                // An unknown anchor is the composer's error to report.
                guard let anchor = Self.name(event.data.alias.anchor), let size = anchors[anchor] else { return nil }
                return add(nodes: size.nodes, bytes: size.bytes, at: event.start_mark)
            default:
                return nil
            }
        }

        /// Adds to the whole and to the innermost open collection.
        private mutating func add(nodes count: Int, bytes length: Int, at mark: yaml_mark_t) -> Excess? {
            nodes += count
            bytes += length
            if !frames.isEmpty {
                frames[frames.count - 1].nodes += count
                frames[frames.count - 1].bytes += length
            }
            let line = Int(mark.line) + 1
            let column = Int(mark.column) + 1
            if nodes > maximumNodes {
                return Excess(line: line, column: column, message: "the journey expands to more than \(Counted.grouped(maximumNodes)) YAML values here (each use of an alias counts the whole value it names); a journey may have at most \(Counted.grouped(maximumNodes))")
            }
            if bytes > maximumTextBytes {
                return Excess(line: line, column: column, message: "the journey's text expands to more than \(maximumTextBytes / 1_000_000) MB here (each use of an alias counts the whole value it names); a journey may have at most \(maximumTextBytes / 1_000_000) MB of text")
            }
            return nil
        }

        private static func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            guard let pointer else { return nil }
            return String(cString: pointer)
        }
    }
}
