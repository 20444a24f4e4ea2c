import Foundation
import JourneyKit

extension WalkCodec {
    /// Decodes the records a walk is mostly made of (verdict, answer, timer, note, move, finish, submit)
    /// when they are written exactly as journeywalk writes them: its key order, no spaces, plain ASCII
    /// strings without escapes, plain numbers, and in format 3 the chain's `seq` and `prev` last (read
    /// over, as `decode` ignores them). No JSON tree is built. Anything else (another key
    /// order, an escape, a damaged or cut-off line, a value `decode` would refuse) gives nil, and the
    /// line is read by `decode`, so what a line reads as and every problem message stay `decode`'s.
    static func quickDecode(_ line: ArraySlice<UInt8>) -> WalkEvent? {
        line.withUnsafeBufferPointer { buffer in
            var cursor = QuickCursor(bytes: buffer)
            return cursor.record()
        }
    }
}

/// Reads one record of the shapes `WalkCodec.encode` writes, front to back.
private struct QuickCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func record() -> WalkEvent? {
        guard skip(#"{"type":"#), let type = plain() else { return nil }
        guard skip(#","at":"#), let atText = plain(), let at = Timestamp.parse(atText) else { return nil }
        let event: WalkEvent
        switch type {
        case "finish": event = .finished(at: at)
        case "submit": event = .submitted(at: at)
        default:
            guard skip(#","touchpoint":"#), let touchpoint = plain(), !touchpoint.isEmpty else { return nil }
            switch type {
            case "verdict":
                guard skip(#","verdict":"#) else { return nil }
                var verdict: Verdict?
                if !skip("null") {
                    guard let name = plain(), let known = Verdict(rawValue: name) else { return nil }
                    verdict = known
                }
                guard skip(#","intensity":"#), let intensity = integer() else { return nil }
                var timer: Int?
                if skip(#","timer_seconds":"#) {
                    guard let seconds = integer() else { return nil }
                    timer = seconds
                }
                guard let undo = undo() else { return nil }
                event = .rated(RatingChange(
                    touchpoint: touchpoint, rating: verdict.map { Rating($0, intensity: intensity) }, at: at, timerSeconds: timer, undo: undo))
            case "answer":
                guard skip(#","item":"#), let item = integer(), skip(#","answer":"#) else { return nil }
                var answer: Answer?
                if !skip("null") {
                    guard let name = plain(), let known = Answer(rawValue: name) else { return nil }
                    answer = known
                }
                guard let undo = undo() else { return nil }
                event = .answered(AnswerChange(touchpoint: touchpoint, item: item, answer: answer, at: at, undo: undo))
            case "timer":
                guard skip(#","seconds":"#), let seconds = decimal(), skip(#","running":"#), let running = boolean(),
                      let undo = undo() else { return nil }
                event = .timed(TimerChange(touchpoint: touchpoint, seconds: seconds, running: running, at: at, undo: undo))
            case "note":
                guard skip(#","text":"#), let text = plain(), let undo = undo() else { return nil }
                event = .noted(NoteChange(touchpoint: touchpoint, text: text, at: at, undo: undo))
            case "move":
                event = .moved(touchpoint: touchpoint, at: at)
            default:
                return nil
            }
        }
        // Format 3: the line's place in the chain, which reading ignores.
        if skip(#","seq":"#) {
            guard integer() != nil, skip(#","prev":"#), hexDigest() else { return nil }
        }
        // The record ends here, and so does the line.
        guard skip("}"), index == bytes.count else { return nil }
        return event
    }

    /// Steps over `text` when the bytes continue with it.
    mutating func skip(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        let start = text.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] { return false }
        index += count
        return true
    }

    /// A string of printable ASCII without escapes, from its opening quote.
    mutating func plain() -> String? {
        guard index < bytes.count, bytes[index] == 0x22 else { return nil }
        let start = index + 1
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte == 0x22 { break }
            guard byte >= 0x20, byte < 0x7F, byte != 0x5C else { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        index = end + 1
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// A whole number of one to nine digits, without a sign or leading zero.
    mutating func integer() -> Int? {
        var value = 0
        let start = index
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, index - start < 9 {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        guard index > start, bytes[start] != 0x30 || index - start == 1, !continuesNumber() else { return nil }
        return value
    }

    /// Digits with an optional fraction (`12`, `12.5`), read as `decode` reads them.
    mutating func decimal() -> Double? {
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, index - start < 15 { index += 1 }
            return index - from
        }
        let whole = digits()
        guard whole > 0, bytes[start] != 0x30 || whole == 1 else { return nil }
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            guard digits() > 0 else { return nil }
        }
        guard !continuesNumber() else { return nil }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }

    /// Whether a number goes on past what was read (more digits, a fraction or an exponent).
    func continuesNumber() -> Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        return (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x65 || byte == 0x45 || byte == 0x2B || byte == 0x2D
    }

    /// A SHA-256 as 64 lower-case hex digits in quotes.
    mutating func hexDigest() -> Bool {
        guard bytes.count - index >= 66, bytes[index] == 0x22, bytes[index + 65] == 0x22 else { return false }
        for offset in 1...64 {
            let byte = bytes[index + offset]
            guard (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) else { return false }
        }
        index += 66
        return true
    }

    mutating func boolean() -> Bool? {
        if skip("true") { return true }
        if skip("false") { return false }
        return nil
    }

    /// The optional `undo` at the end of a record; nil when it is there but not a boolean.
    mutating func undo() -> Bool? {
        guard skip(#","undo":"#) else { return false }
        return boolean()
    }
}
