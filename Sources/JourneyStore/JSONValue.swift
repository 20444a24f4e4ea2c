import JourneyKit

/// A parsed JSON value. Walk files are read with this small parser rather than Foundation's
/// decoder: a walk list reads thousands of files, and this is several times faster per line.
enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(Fields)

    /// The members of an object in the order read. Records have a handful of keys, so a search
    /// through them is quicker than hashing; a key given twice reads as its last value.
    struct Fields: Equatable, Sendable, ExpressibleByDictionaryLiteral {
        var pairs: [(key: String, value: JSONValue)]

        init(pairs: [(key: String, value: JSONValue)]) { self.pairs = pairs }

        init(dictionaryLiteral elements: (String, JSONValue)...) {
            pairs = elements.map { (key: $0.0, value: $0.1) }
        }

        subscript(key: String) -> JSONValue? {
            for index in pairs.indices.reversed() where pairs[index].key == key { return pairs[index].value }
            return nil
        }

        /// Equal when they map the same keys to the same values, whatever the order.
        static func == (a: Fields, b: Fields) -> Bool {
            Dictionary(a.pairs, uniquingKeysWith: { _, last in last }) == Dictionary(b.pairs, uniquingKeysWith: { _, last in last })
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var int: Int? {
        if case .number(let value) = self, value == value.rounded(), abs(value) < 1e15 { return Int(value) }
        return nil
    }

    var double: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    var isNull: Bool { self == .null }

    /// How many levels objects and arrays may nest (the outer object is the first; a walk record
    /// nests a few); deeper text is not parsed, so a hostile line cannot exhaust the stack.
    static let maximumDepth = 64

    /// Whether objects and arrays in the text (outside strings) nest deeper than `maximumDepth`:
    /// said of a line that did not parse, so the reader learns why. A line of exactly
    /// `maximumDepth` levels is read, and is not said to be too deep.
    static func nestsTooDeep<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > maximumDepth { return true }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return false
    }

    /// Parses one complete JSON text; nil when it is not valid JSON (or has trailing content).
    static func parse<Bytes: Collection>(_ bytes: Bytes) -> JSONValue? where Bytes.Element == UInt8 {
        parse(bytes, leavingRaw: nil)?.value
    }

    /// Parses one complete JSON text, except the value of `rawKey` in the outer object, which is
    /// only found (its byte range is returned) and left for the caller: a walk header's journey
    /// is the same bytes in thousands of walks, and is parsed once.
    static func parse<Bytes: Collection>(_ bytes: Bytes, leavingRaw rawKey: String?) -> (value: JSONValue, raw: Range<Int>?)? where Bytes.Element == UInt8 {
        func run(_ pointer: UnsafeBufferPointer<UInt8>) -> (value: JSONValue, raw: Range<Int>?)? {
            var parser = Parser(bytes: pointer)
            parser.rawKey = rawKey
            guard let value = parser.value(depth: 0) else { return nil }
            parser.skipSpace()
            return parser.index == pointer.count ? (value, parser.raw) : nil
        }
        if let result = bytes.withContiguousStorageIfAvailable(run) { return result }
        return Array(bytes).withUnsafeBufferPointer(run)
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        /// A key of the outer object whose value is skipped over, and where that value lies.
        var rawKey: String?
        var raw: Range<Int>?

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
        }

        /// A value inside `depth` objects and arrays: an object or array there is level `depth + 1`,
        /// refused past `maximumDepth`; a string, number or word may be anywhere.
        mutating func value(depth: Int) -> JSONValue? {
            skipSpace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"): return depth < JSONValue.maximumDepth ? object(depth: depth) : nil
            case UInt8(ascii: "["): return depth < JSONValue.maximumDepth ? array(depth: depth) : nil
            case UInt8(ascii: "\""): return string().map { .string($0) }
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        mutating func literal(_ word: StaticString, _ result: JSONValue) -> JSONValue? {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return nil }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return nil }
            index += count
            return result
        }

        mutating func object(depth: Int) -> JSONValue? {
            index += 1
            var fields: [(key: String, value: JSONValue)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(Fields(pairs: fields)) }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                if depth == 0, let rawKey, key == rawKey {
                    skipSpace()
                    let start = index
                    guard skipValue(depth: depth + 1) else { return nil }
                    raw = start..<index
                } else {
                    guard let item = value(depth: depth + 1) else { return nil }
                    fields.append((key, item))
                }
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(Fields(pairs: fields)) }
                return nil
            }
        }

        /// Moves past one value without building it: strings (with their escapes), numbers and
        /// words as runs, objects and arrays by their brackets. The caller parses it properly later.
        mutating func skipValue(depth: Int) -> Bool {
            var nesting = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                        index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                    }
                    guard index < bytes.count else { return false }
                    index += 1
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    nesting += 1
                    // This object or array is level `depth + nesting` (the outer object is level 1).
                    guard depth + nesting <= JSONValue.maximumDepth else { return false }
                    index += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard nesting > 0 else { return true }
                    nesting -= 1
                    index += 1
                case UInt8(ascii: ","):
                    if nesting == 0 { return true }
                    index += 1
                default:
                    index += 1
                }
                if nesting == 0, byte != UInt8(ascii: ",") {
                    // A complete string or container at the top: the value ends here, unless it is a
                    // number or word still running.
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") { return true }
                }
            }
            return nesting == 0
        }

        mutating func array(depth: Int) -> JSONValue? {
            index += 1
            var items: [JSONValue] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                return nil
            }
        }

        mutating func number() -> JSONValue? {
            let start = index
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            var digits = 0
            while index < bytes.count {
                let byte = bytes[index]
                if (byte >= 0x30 && byte <= 0x39) { digits += 1 } else if !(byte == 0x2E || byte == 0x65 || byte == 0x45 || byte == 0x2B || byte == 0x2D) { break }
                index += 1
            }
            guard digits > 0 else { return nil }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            return Double(text).map { .number($0) }
        }

        /// A string starting at the opening quote; escapes decoded, invalid UTF-8 rejected.
        mutating func string() -> String? {
            index += 1
            let start = index
            var plain = true
            var ascii = true
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    if plain {
                        let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                        index += 1
                        // ASCII needs no validation (and most of a walk file is ASCII).
                        return ascii ? String(decoding: slice, as: UTF8.self) : UTF8Text.string(validating: slice)
                    }
                    break
                }
                if byte >= 0x80 { ascii = false }
                if byte == UInt8(ascii: "\\") { plain = false; break }
                if byte < 0x20 { return nil }
                index += 1
            }
            // Slow path with escapes.
            index = start
            var scalars = String.UnicodeScalarView()
            var run: [UInt8] = []
            func flush() -> Bool {
                guard !run.isEmpty else { return true }
                guard let text = UTF8Text.string(validating: run) else { return false }
                scalars.append(contentsOf: text.unicodeScalars)
                run.removeAll(keepingCapacity: true)
                return true
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return flush() ? String(scalars) : nil
                case UInt8(ascii: "\\"):
                    guard flush(), index < bytes.count else { return nil }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        guard var code = hex4() else { return nil }
                        if (0xD800...0xDBFF).contains(code) {
                            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
                            index += 2
                            guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { return nil }
                        scalars.append(scalar)
                    default:
                        return nil
                    }
                default:
                    guard byte >= 0x20 else { return nil }
                    run.append(byte)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                index += 1
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: return nil
                }
                value = value * 16 + digit
            }
            return value
        }
    }
}
