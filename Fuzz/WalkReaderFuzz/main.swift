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
        let file = try WalkFile.parse(bytes, path: "fuzz.jsonl")
        let walk = file.walk
        check(walk.steps.isEmpty ? walk.position == 0 : walk.steps.indices.contains(walk.position), "position \(walk.position) outside the walk")
        let summary = walk.summary
        check(summary.magic + summary.neutral + summary.misery + summary.skipped + summary.split + summary.unrecorded == walk.steps.count, "the summary does not add up")
        for warning in file.warnings {
            check((1...max(1, lines.count)).contains(warning.line), "warning on line \(warning.line) of \(lines.count)")
            check(isPrintable(warning.description), "a warning would write control characters: \(warning.description.debugDescription)")
        }
    } catch {
        check(isPrintable(error.description), "an error would write control characters: \(error.description.debugDescription)")
    }
    // Each line on its own: what is read is written back as a line that reads the same.
    for line in lines {
        guard let event = try? WalkCodec.decode(bytes: line) else { continue }
        let written = WalkCodec.encode(event)
        check(!written.utf8.contains(0x0A), "an encoded record contains a newline")
        guard let again = try? WalkCodec.decode(bytes: Array(written.utf8)) else {
            fatalError("a record read from the file cannot be read back once written: \(written)")
        }
        check(WalkCodec.encode(again) == written, "a record changes when written twice: \(written)")
    }
    return 0
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
