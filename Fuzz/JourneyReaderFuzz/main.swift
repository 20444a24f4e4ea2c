import JourneyKit
import FuzzDriver
import Glibc
import JourneyStore

/// libFuzzer entry point: any bytes as a journey file. The reader must return a journey or problems,
/// never crash, and keep the promises `journeys validate` makes (see docs/fuzzing.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func journeyReaderFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        let journey = try JourneyLoader.parse(bytes, file: "fuzz.yaml")
        check(!journey.title.isEmpty, "a journey loaded without a title")
        check(!journey.stages.isEmpty, "a journey loaded without stages")
        check(journey.touchpointCount <= JourneyLoader.maximumTouchpoints, "a journey loaded with \(journey.touchpointCount) touchpoints")
        check(withinLimit(journey.title) && [journey.description, journey.promise, journey.persona].allSatisfy { withinLimit($0, prose: true) },
              "a journey loaded with a text over its limit")
        var ids: Set<String> = []
        for stage in journey.stages {
            check(!stage.name.isEmpty, "a stage loaded without a name")
            check(!stage.touchpoints.isEmpty, "a stage loaded without touchpoints")
            check(withinLimit(stage.name), "a stage name over the limit")
            for touchpoint in stage.touchpoints {
                check(Slug.isValid(touchpoint.id), "touchpoint id '\(touchpoint.id)' is not a slug")
                check(ids.insert(touchpoint.id).inserted, "touchpoint id '\(touchpoint.id)' is used twice")
                check(touchpoint.checklist.count <= JourneyLoader.maximumChecklistItems, "a touchpoint loaded with \(touchpoint.checklist.count) items")
                check(withinLimit(touchpoint.title) && withinLimit(touchpoint.channel) && withinLimit(touchpoint.prompt, prose: true)
                      && touchpoint.checklist.allSatisfy { withinLimit($0.item) }, "a touchpoint text over its limit")
            }
        }
        check(Slug.isValid(journey.id), "journey id '\(journey.id)' is not a slug")
    } catch {
        check(!error.problems.isEmpty, "a journey was refused without a problem")
        for problem in error.problems {
            check(problem.file == "fuzz.yaml", "a problem names another file: \(problem)")
            check(problem.line >= 1 && problem.column >= 1, "a problem without a position: \(problem)")
            check(!problem.message.isEmpty, "a problem without a message")
            check(isPrintable(problem.description), "a problem would write control characters to the terminal: \(problem.description.debugDescription)")
        }
    }
    return 0
}

/// True when text is no longer than a journey file may make it (docs/journey-format.md, "Limits").
func withinLimit(_ text: String?, prose: Bool = false) -> Bool {
    (text?.count ?? 0) <= (prose ? JourneyLoader.maximumProseLength : JourneyLoader.maximumTextLength)
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
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in journeyReaderFuzz(data, size) })
