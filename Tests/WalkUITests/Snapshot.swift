import Foundation
import Testing
import WalkUI

private let snapshotFolder: String = {
    var url = URL(fileURLWithPath: #filePath)
    url.deleteLastPathComponent()
    return url.path + "/__Snapshots__"
}()

/// Compares a canvas with its snapshot file. A missing snapshot is written and the test fails
/// until it is reviewed; `SNAPSHOT_RECORD=1` rewrites every snapshot.
func assertSnapshot(_ canvas: Canvas, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let path = snapshotFolder + "/" + name + ".txt"
    let actual = canvas.snapshot
    let record = ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"
    guard !record, let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
        try? actual.write(toFile: path, atomically: true, encoding: .utf8)
        Issue.record("Recorded snapshot \(name); review \(path) and run again", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var diff: [String] = []
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let e = index < expectedLines.count ? String(expectedLines[index]) : "<none>"
            let a = index < actualLines.count ? String(actualLines[index]) : "<none>"
            if e != a { diff.append("line \(index + 1)\n  expected: \(e)\n  actual:   \(a)") }
        }
        let shown = diff.prefix(12).joined(separator: "\n")
        Issue.record("Snapshot \(name) differs:\n\(shown)", sourceLocation: sourceLocation)
    }
}
