import JourneyKit

/// The hash chain of a walk file (SPEC §8.2, format 3): each complete line's SHA-256, computed from the
/// file's bytes, and the first line whose own `seq` and `prev` disagree with it. Lines are read by a
/// scan of their tail (`,"seq":N,"prev":"HEX"}`, the header's `,"seq":1}`), never as JSON trees.
///
/// A byte changed inside record N (anywhere but its own seq and prev) leaves N's tail as it was, so the
/// break is found at record N + 1, whose `prev` no longer matches N's bytes. A change to the last
/// record is found only when it leaves the line no longer JSON (the last line is the one line parsed);
/// otherwise only a copy of the chain kept elsewhere (the server's) can tell.
public struct WalkChain: Sendable {
    /// One complete line of a walk file (ending in "\n"); a last line without "\n" is not a link.
    public struct Link: Equatable, Sendable {
        /// 1-based line number.
        public var seq: Int
        /// SHA-256 hex of the line's bytes, without the "\n".
        public var hash: String
        /// The previous link's hash; nil for seq 1.
        public var prev: String?
        /// The line's byte range in the file, without the "\n".
        public var bytes: Range<Int>

        public init(seq: Int, hash: String, prev: String?, bytes: Range<Int>) {
            self.seq = seq
            self.hash = hash
            self.prev = prev
            self.bytes = bytes
        }
    }

    public var links: [Link]
    /// The file's format from its header (1 when the header has none), nil when line 1 is not a header.
    public var format: Int?

    /// The chain of a walk file's bytes: every complete line hashed, whatever its format.
    public init(bytes: [UInt8]) {
        var links: [Link] = []
        var format: Int?
        bytes.withUnsafeBufferPointer { buffer in
            let firstEnd = Self.lineEnd(in: buffer, from: 0)
            format = Self.headerFormat(buffer, 0..<firstEnd)
            var start = 0
            var previous: String?
            while start < buffer.count {
                let end = start == 0 ? firstEnd : Self.lineEnd(in: buffer, from: start)
                guard end < buffer.count else { break }
                let hash = Self.hash(buffer, start..<end)
                links.append(Link(seq: links.count + 1, hash: hash, prev: previous, bytes: start..<end))
                previous = hash
                start = end + 1
            }
        }
        self.links = links
        self.format = format
    }

    /// Where a chain stops being true.
    public struct Break: Equatable, Sendable, CustomStringConvertible {
        /// The first link that does not match.
        public var seq: Int
        /// Why, e.g. "its seq is 7, the line is the 6th".
        public var reason: String

        public init(seq: Int, reason: String) {
            self.seq = seq
            self.reason = reason
        }

        /// "record 6: …".
        public var description: String { "record \(seq): \(reason)" }
    }

    /// For format 3: the first line whose own seq/prev disagree with its place and the previous line's
    /// bytes; `bytes` are those the chain was made from. A line without seq/prev (not JSON, or a record
    /// added by hand) is a break, except a record cut off by a crash and closed with "\n" when the walk
    /// was resumed: a line that is not JSON, followed by a line that chains to its bytes (or by none).
    /// A line 1 that is not a walk header is a break at record 1. Formats 1 and 2: nil (their chain is computed).
    public func firstBreak(in bytes: [UInt8]) -> Break? {
        guard let format else {
            return Break(seq: 1, reason: bytes.isEmpty ? "the file is empty, without a walk header" : "line 1 is not a walk header")
        }
        guard format >= 3 else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Break? in
            for (index, link) in links.enumerated() {
                guard link.bytes.upperBound <= buffer.count else { return Break(seq: link.seq, reason: "the line is past the end of the bytes given") }
                let next = index + 1 < links.count ? links[index + 1] : nil
                if let problem = Self.problem(with: link, next: next, in: buffer) { return Break(seq: link.seq, reason: problem) }
            }
            return nil
        }
    }

    /// What is wrong with one link's own seq and prev, if anything.
    private static func problem(with link: Link, next: Link?, in buffer: UnsafeBufferPointer<UInt8>) -> String? {
        let line = link.bytes
        switch tail(buffer, line) {
        case nil:
            let isJSON = JSONValue.parse(UnsafeBufferPointer(rebasing: buffer[line]), leavingRaw: "journey") != nil
            // A record cut off by a crash and closed by the writer on resume: the next line's prev vouches for its bytes.
            if !isJSON, link.seq > 1, next.map({ chains(over: link, $0, in: buffer) }) ?? true { return nil }
            return isJSON ? "it carries no seq and prev" : "it is not a complete JSON record and carries no seq and prev"
        case let (seq, prev)?:
            if seq != link.seq { return "its seq is \(seq), the line is the \(ordinal(link.seq))" }
            switch (link.prev, prev) {
            case (nil, nil): break
            case (nil, .some): return "it is the header and carries a prev"
            case (.some, nil): return "it carries a seq but no prev"
            case let (expected?, written?):
                guard matches(buffer, written, expected) else {
                    let shown = isHex(buffer, written) ? short(String(decoding: UnsafeBufferPointer(rebasing: buffer[written]), as: UTF8.self)) : "not a SHA-256 hex digest"
                    return "its prev is \(shown), the line before hashes to \(short(expected))"
                }
            }
            // The last line is the one no later link vouches for: it is checked as JSON.
            if next == nil, JSONValue.parse(UnsafeBufferPointer(rebasing: buffer[line]), leavingRaw: "journey") == nil {
                return "it is not a complete JSON record"
            }
            return nil
        }
    }

    /// Whether `next` carries the seq after `link` and `link`'s hash as its prev.
    private static func chains(over link: Link, _ next: Link, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let (seq, prev) = tail(buffer, next.bytes), seq == link.seq + 1, let prev else { return false }
        return matches(buffer, prev, link.hash)
    }

    // MARK: Reading lines

    /// The index of the "\n" that ends the line starting at `start`, or the end of the bytes.
    static func lineEnd(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < buffer.count, buffer[index] != 0x0A { index += 1 }
        return index
    }

    /// The SHA-256 hex of a line's bytes.
    static func hash(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var hash = SHA256()
        hash.update(UnsafeBufferPointer(rebasing: buffer[range]))
        return hash.hexDigest()
    }

    private static let formatStart = Array(#"{"type":"walk","format":"#.utf8)

    /// The format a header line says (1 when it says none), nil when the line is not a walk header.
    static func headerFormat(_ buffer: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Int? {
        // As journeywalk writes it: read without parsing the journey.
        if line.count > formatStart.count, formatStart.indices.allSatisfy({ buffer[line.lowerBound + $0] == formatStart[$0] }) {
            var index = line.lowerBound + formatStart.count
            var value = 0
            while index < line.upperBound, index - line.lowerBound - formatStart.count < 9, buffer[index] >= 0x30, buffer[index] <= 0x39 {
                value = value * 10 + Int(buffer[index] - 0x30)
                index += 1
            }
            if index > line.lowerBound + formatStart.count, index < line.upperBound, buffer[index] == 0x2C { return value }
        }
        guard let parsed = JSONValue.parse(UnsafeBufferPointer(rebasing: buffer[line]), leavingRaw: "journey"),
              parsed.value["type"]?.string == "walk" else { return nil }
        return parsed.value["format"]?.int ?? 1
    }

    /// A line's own place in the chain, read from its tail: `,"seq":N,"prev":"HEX"}` (the range of HEX)
    /// or `,"seq":N}`; nil when the line is not an object that ends so.
    static func tail(_ buffer: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> (seq: Int, prev: Range<Int>?)? {
        let start = line.lowerBound
        var index = line.upperBound - 1
        guard index - start >= 8, buffer[start] == 0x7B, buffer[index] == 0x7D else { return nil }
        var prev: Range<Int>?
        if buffer[index - 1] == 0x22 {
            // `"HEX"}`: the opening quote, within a hash's length and a little.
            let close = index - 1
            var open = close - 1
            while open > start, close - open <= 130, buffer[open] != 0x22, buffer[open] != 0x5C { open -= 1 }
            guard open > start, buffer[open] == 0x22, ends(buffer, at: open, with: prevKey, after: start) else { return nil }
            prev = open + 1..<close
            index = open - prevKey.count
        }
        // The digits of seq, then its key.
        var digitsStart = index
        while digitsStart - 1 > start, index - digitsStart < 18, buffer[digitsStart - 1] >= 0x30, buffer[digitsStart - 1] <= 0x39 { digitsStart -= 1 }
        guard digitsStart < index, ends(buffer, at: digitsStart, with: seqKey, after: start) else { return nil }
        var seq = 0
        for position in digitsStart..<index { seq = seq * 10 + Int(buffer[position] - 0x30) }
        return (seq, prev)
    }

    private static let seqKey = Array(#","seq":"#.utf8)
    private static let prevKey = Array(#","prev":"#.utf8)

    /// Whether the bytes just before `end` are `key`, all after `start`.
    private static func ends(_ buffer: UnsafeBufferPointer<UInt8>, at end: Int, with key: [UInt8], after start: Int) -> Bool {
        guard end - key.count > start else { return false }
        for (offset, byte) in key.enumerated() where buffer[end - key.count + offset] != byte { return false }
        return true
    }

    /// Whether the bytes in `range` are the text `hex`.
    private static func matches(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ hex: String) -> Bool {
        var utf8 = hex.utf8.makeIterator()
        for index in range {
            guard utf8.next() == buffer[index] else { return false }
        }
        return utf8.next() == nil
    }

    private static func isHex(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.count == 64 && range.allSatisfy { (buffer[$0] >= 0x30 && buffer[$0] <= 0x39) || (buffer[$0] >= 0x61 && buffer[$0] <= 0x66) }
    }

    /// A hash shown by its first 8 digits.
    private static func short(_ hex: String) -> String { String(hex.prefix(8)) + "…" }

    /// 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st.
    static func ordinal(_ number: Int) -> String {
        let suffix: String
        switch (number % 10, number % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(number)\(suffix)"
    }
}
