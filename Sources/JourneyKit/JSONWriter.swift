/// A minimal JSON writer that keeps keys in the order given, so walk files and reports read naturally.
public struct JSONWriter {
    public private(set) var text = ""

    public init() {}

    /// A JSON value to write.
    public indirect enum Value {
        case string(String)
        case int(Int)
        /// A number written with a decimal point (`95.0`).
        case double(Double)
        case bool(Bool)
        case null
        case array([Value])
        case object([(String, Value)])
    }

    /// A string as JSON, quotes included (for writers that build large documents by hand).
    public static func quoted(_ string: String) -> String {
        var writer = JSONWriter()
        writer.writeString(string)
        return writer.text
    }

    public static func encode(_ value: Value) -> String {
        var writer = JSONWriter()
        writer.write(value)
        return writer.text
    }

    public mutating func write(_ value: Value) {
        switch value {
        case .string(let string): writeString(string)
        case .int(let number): text += String(number)
        case .double(let number):
            if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
                text += String(Int(number)) + ".0"
            } else {
                text += number.isFinite ? String(number) : "null"
            }
        case .bool(let flag): text += flag ? "true" : "false"
        case .null: text += "null"
        case .array(let items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                write(item)
            }
            text += "]"
        case .object(let pairs):
            text += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { text += "," }
                writeString(pair.0)
                text += ":"
                write(pair.1)
            }
            text += "}"
        }
    }

    private mutating func writeString(_ string: String) {
        // Most strings are printable ASCII without quotes or backslashes: written as they are.
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            text += "\""
            text += string
            text += "\""
            return
        }
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if Self.escapesAsCode(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}

extension JSONWriter {
    /// Characters written as `\uXXXX` although JSON allows them raw: C0 and C1 controls and DEL
    /// (an 8-bit CSI, U+009B, drives a terminal like ESC [), the line and paragraph separators,
    /// and the bidirectional marks, embeddings, overrides and isolates that reorder what a reader sees.
    static func escapesAsCode(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}

extension JSONWriter.Value {
    /// A string, or null when absent.
    public static func optional(_ string: String?) -> Self { string.map { .string($0) } ?? .null }
}
