/// The one rule for whether bytes are UTF-8 text, shared by every reader of bytes from outside
/// (walk file lines, the JSON inside them, journey files): overlong forms, surrogates, code points
/// past U+10FFFF and cut-off sequences are not text.
public enum UTF8Text {
    /// Whether a byte continues a scalar (10xxxxxx) rather than starting one.
    @inlinable
    public static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// The offset (from the start, 0-based) of the first byte that does not belong to valid UTF-8,
    /// or nil when the bytes are UTF-8 text.
    @inlinable
    public static func firstInvalidByte(in bytes: some Collection<UInt8>) -> Int? {
        if let found = bytes.withContiguousStorageIfAvailable({ firstInvalidByte(inBuffer: $0) }) { return found }
        return Array(bytes).withUnsafeBufferPointer { firstInvalidByte(inBuffer: $0) }
    }

    /// The bytes as text, or nil when they are not UTF-8 text.
    @inlinable
    public static func string(validating bytes: some Collection<UInt8>) -> String? {
        func text(_ buffer: UnsafeBufferPointer<UInt8>) -> String? {
            firstInvalidByte(inBuffer: buffer) == nil ? String(decoding: buffer, as: UTF8.self) : nil
        }
        if let found = bytes.withContiguousStorageIfAvailable(text) { return found }
        return Array(bytes).withUnsafeBufferPointer(text)
    }

    @usableFromInline
    static func firstInvalidByte(inBuffer bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F:
                index += 1
                continue
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            for offset in 1..<length where !isContinuation(bytes[index + offset]) { return index }
            let second = bytes[index + 1]
            if (byte == 0xE0 && second < 0xA0) || (byte == 0xED && second > 0x9F)
                || (byte == 0xF0 && second < 0x90) || (byte == 0xF4 && second > 0x8F) { return index }
            index += length
        }
        return nil
    }
}
