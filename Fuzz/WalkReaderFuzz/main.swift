import Foundation
import JourneyKit
import FuzzDriver
import Glibc
import JourneyStore

/// libFuzzer entry point: any bytes as a walk file. The reader must return a walk (with warnings) or a
/// clear error, never crash, and every record it reads must be written back the same (docs/fuzzing.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func walkReaderFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    do {
        let file = try LoadedWalk.parse(bytes, path: "fuzz.jsonl")
        let walk = file.walk
        check(walk.steps.isEmpty ? walk.position == 0 : walk.steps.indices.contains(walk.position), "position \(walk.position) outside the walk")
        let summary = walk.summary
        check(summary.magic + summary.neutral + summary.misery + summary.skipped + summary.split + summary.unrecorded == walk.steps.count, "the summary does not add up")
        for warning in file.warnings {
            check((1...max(1, lines.count)).contains(warning.line), "warning on line \(warning.line) of \(lines.count)")
            check(isPrintable(warning.description), "a warning would write control characters: \(warning.description.debugDescription)")
        }
        checkLimits(walk.header)
        // Ad-hoc touchpoints are cut like the journey's own.
        for step in walk.steps {
            check(withinLimit(step.touchpoint.title) && withinLimit(step.touchpoint.channel), "a touchpoint of the walk has a title or channel over the limit")
        }
        // The quick decoder gives the same walk and the same warnings (LoadedWalk.parse, `quickly`).
        do {
            let quick = try LoadedWalk.parse(bytes, path: "fuzz.jsonl", quickly: true)
            check(quick.walk == walk, "the quick decoder reads another walk")
            check(quick.warnings == file.warnings, "the quick decoder gives other warnings: \(quick.warnings) instead of \(file.warnings)")
        } catch {
            fatalError("the quick decoder refuses a walk the decoder loads: \(error)")
        }
    } catch {
        check(isPrintable(error.description), "an error would write control characters: \(error.description.debugDescription)")
        do {
            _ = try LoadedWalk.parse(bytes, path: "fuzz.jsonl", quickly: true)
            fatalError("the quick decoder loads a walk the decoder refuses: \(error)")
        } catch let quick {
            check(quick == error, "the quick decoder refuses with another error: \(quick) instead of \(error)")
        }
    }
    // Each line on its own: what is read is written back as a line that reads the same.
    for line in lines {
        // JSON nested too deep is named as such, and only then (docs/walk-file-format.md).
        let depth = nesting(line)
        let event: WalkEvent
        do {
            event = try WalkCodec.decode(bytes: line)
        } catch {
            switch error {
            case .nestedTooDeep:
                check(depth > maximumNesting, "a line nested \(depth) levels deep is said to nest more than \(maximumNesting)")
            case .notUTF8:
                break  // said first, whatever the nesting
            default:
                check(depth <= maximumNesting, "a line nested \(depth) levels deep is refused as \(error)")
            }
            continue
        }
        check(depth <= maximumNesting, "a line nested \(depth) levels deep was read")
        if case .started(let header) = event { checkLimits(header) }
        let written = WalkCodec.encode(event)
        check(!written.utf8.contains(0x0A), "an encoded record contains a newline")
        guard let again = try? WalkCodec.decode(bytes: Array(written.utf8)) else {
            fatalError("a record read from the file cannot be read back once written: \(written)")
        }
        check(WalkCodec.encode(again) == written, "a record changes when written twice: \(written)")
        // With its place in a chain (format 3) it reads the same.
        let chained = WalkCodec.encode(event, seq: 2, prev: SHA256.hex(line))
        check((try? WalkCodec.decode(bytes: Array(chained.utf8))) == again, "a record reads otherwise with its seq and prev: \(chained)")
    }
    checkChain(bytes)
    return 0
}

/// The chain of any bytes: one link per complete line, in order, each hashing its own bytes and
/// pointing at the one before; a break names one of the links (or record 1) in printable words.
func checkChain(_ bytes: [UInt8]) {
    let chain = WalkChain(bytes: bytes)
    var start = 0
    var previous: String?
    for (index, link) in chain.links.enumerated() {
        check(link.seq == index + 1 && link.bytes.lowerBound == start && link.prev == previous, "link \(index + 1) is out of place: \(link)")
        check(link.bytes.upperBound < bytes.count && bytes[link.bytes.upperBound] == 0x0A && !bytes[link.bytes].contains(0x0A), "link \(link.seq) is not one line")
        check(link.hash == SHA256.hex(bytes[link.bytes]), "link \(link.seq) does not hash its line")
        previous = link.hash
        start = link.bytes.upperBound + 1
    }
    check(!bytes[start...].contains(0x0A), "a complete line is not a link")
    if let found = chain.firstBreak(in: bytes) {
        check((1...max(1, chain.links.count)).contains(found.seq), "a break at record \(found.seq) of \(chain.links.count)")
        check(isPrintable(found.description), "a break would write control characters: \(found.description.debugDescription)")
    } else {
        check(chain.format != nil, "a file without a walk header has an intact chain")
    }
}

/// The header's fields and its journey's texts are cut when read to what a journey file may hold
/// (docs/walk-file-format.md, "Reading, damage and versions"); a zone's offset is under a day.
func checkLimits(_ header: WalkHeader) {
    let details = header.details
    check(withinLimit(details.operator) && withinLimit(details.location) && withinLimit(details.channel),
          "a header field over the limit: \(details.operator.count), \(details.location.count), \(details.channel.count) characters")
    let journey = header.journey
    check(withinLimit(journey.title) && [journey.description, journey.promise, journey.persona].allSatisfy { withinLimit($0, prose: true) },
          "the journey copy has a text over its limit")
    check(journey.tags.allSatisfy { withinLimit($0.label) }, "a tag label over the limit")
    for stage in journey.stages {
        check(withinLimit(stage.name), "a stage name over the limit")
        for touchpoint in stage.touchpoints {
            check(withinLimit(touchpoint.title) && withinLimit(touchpoint.channel) && withinLimit(touchpoint.prompt, prose: true)
                  && touchpoint.checklist.allSatisfy { withinLimit($0.item) }, "a touchpoint text of the journey copy over its limit")
        }
    }
    if let offset = header.utcOffset {
        check(abs(offset) < 86_400 && offset % 60 == 0, "a zone offset of \(offset) seconds")
    }
    // The zone a review shows the walk in, from any name or offset the header gives.
    let zone = LocalTime.zone(of: header, otherwise: TimeZone(secondsFromGMT: 0)!)
    let shown = LocalTime.minute(header.started, zone)
    check(isPrintable(shown), "a time shown with control characters: \(shown.debugDescription)")
}

/// True when text is no longer than a walk file may make it (docs/journey-format.md, "Limits").
func withinLimit(_ text: String?, prose: Bool = false) -> Bool {
    (text?.count ?? 0) <= (prose ? JourneyLoader.maximumProseLength : JourneyLoader.maximumTextLength)
}

/// How deep the reader lets objects and arrays nest (docs/walk-file-format.md; the constant,
/// `JSONValue.maximumDepth`, is internal to JourneyStore).
let maximumNesting = 64

/// How deep objects and arrays nest in a line, outside strings.
func nesting(_ line: ArraySlice<UInt8>) -> Int {
    var depth = 0
    var deepest = 0
    var inString = false
    var escaped = false
    for byte in line {
        if inString {
            if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
            continue
        }
        switch byte {
        case 0x22: inString = true
        case 0x5B, 0x7B: depth += 1; deepest = max(deepest, depth)
        case 0x5D, 0x7D: depth -= 1
        default: break
        }
    }
    return deepest
}

/// True when text has no control characters (C0, DEL, C1) and no bidirectional overrides.
func isPrintable(_ text: String) -> Bool {
    TerminalText.sanitize(text) == text
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

// SwiftPM names this file's top-level code the executable's entry point; it hands over to libFuzzer.
var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in walkReaderFuzz(data, size) })
