import Foundation
import JourneyKit

/// The steps of a walk digest as one compact blob in the index: per step the touchpoint id, the
/// ad-hoc title, verdict and intensity, timer, target and checklist weights, as variable-length
/// integers and length-prefixed UTF-8. Also the outline of a journey version, the same way.
enum DigestCoding {
    struct Damaged: Error {}

    static func encode(_ steps: [WalkDigest.Step]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(steps.count * 32)
        put(steps.count, &out)
        for step in steps {
            put(step.touchpoint, &out)
            var flags = 0
            if step.adhocTitle != nil { flags |= 1 }
            if step.timer != nil { flags |= 2 }
            if step.target != nil { flags |= 4 }
            out.append(UInt8(flags))
            if let title = step.adhocTitle { put(title, &out) }
            let verdict: Int
            switch step.rating?.verdict {
            case nil: verdict = 0
            case .magic?: verdict = 1
            case .neutral?: verdict = 2
            case .misery?: verdict = 3
            case .skipped?: verdict = 4
            case .split?: verdict = 5
            }
            out.append(UInt8(verdict * 4 + (step.rating?.intensity ?? 0)))
            if let timer = step.timer { put(Int((max(0, timer) * 10).rounded()), &out) }
            if let target = step.target { put(max(0, target), &out) }
            put(max(0, step.yes), &out)
            put(max(0, step.asked), &out)
        }
        return out
    }

    static func decodeSteps(_ bytes: [UInt8]) throws(Damaged) -> [WalkDigest.Step] {
        var reader = Reader(bytes: bytes)
        let count = try reader.int()
        guard count <= bytes.count else { throw Damaged() }
        var steps: [WalkDigest.Step] = []
        steps.reserveCapacity(count)
        for _ in 0..<count {
            let touchpoint = try reader.string()
            let flags = try reader.byte()
            let adhoc = flags & 1 != 0 ? try reader.string() : nil
            let verdictByte = Int(try reader.byte())
            let rating: Rating?
            switch verdictByte / 4 {
            case 0: rating = nil
            case 1: rating = Rating(.magic, intensity: verdictByte % 4)
            case 2: rating = Rating(.neutral)
            case 3: rating = Rating(.misery, intensity: verdictByte % 4)
            case 4: rating = Rating(.skipped)
            case 5: rating = Rating(.split)
            default: throw Damaged()
            }
            let timer = flags & 2 != 0 ? Double(try reader.int()) / 10 : nil
            let target = flags & 4 != 0 ? try reader.int() : nil
            let yes = try reader.int()
            let asked = try reader.int()
            steps.append(WalkDigest.Step(touchpoint: touchpoint, adhocTitle: adhoc, rating: rating, timer: timer, target: target, yes: yes, asked: asked))
        }
        return steps
    }

    static func encode(_ entries: [JourneyOutline.Entry]) -> [UInt8] {
        var out: [UInt8] = []
        put(entries.count, &out)
        for entry in entries {
            put(entry.id, &out)
            put(entry.title, &out)
            put(entry.stage, &out)
            put(entry.target.map { $0 + 1 } ?? 0, &out)
        }
        return out
    }

    static func decodeOutline(_ bytes: [UInt8]) throws(Damaged) -> [JourneyOutline.Entry] {
        var reader = Reader(bytes: bytes)
        let count = try reader.int()
        guard count <= bytes.count else { throw Damaged() }
        var entries: [JourneyOutline.Entry] = []
        for _ in 0..<count {
            let id = try reader.string(), title = try reader.string(), stage = try reader.string()
            let target = try reader.int()
            entries.append(JourneyOutline.Entry(id: id, title: title, stage: stage, target: target > 0 ? target - 1 : nil))
        }
        return entries
    }

    private static func put(_ value: Int, _ out: inout [UInt8]) {
        var rest = UInt64(max(0, value))
        while rest >= 0x80 {
            out.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    private static func put(_ text: String, _ out: inout [UInt8]) {
        let utf8 = text.utf8
        put(utf8.count, &out)
        out.append(contentsOf: utf8)
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func byte() throws(Damaged) -> UInt8 {
            guard offset < bytes.count else { throw Damaged() }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func int() throws(Damaged) -> Int {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                value |= UInt64(next & 0x7F) << shift
                if next < 0x80 { break }
                shift += 7
                guard shift < 63 else { throw Damaged() }
            }
            guard value <= UInt64(Int.max) else { throw Damaged() }
            return Int(value)
        }

        mutating func string() throws(Damaged) -> String {
            let length = try int()
            guard length <= bytes.count - offset else { throw Damaged() }
            defer { offset += length }
            return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
        }
    }
}
