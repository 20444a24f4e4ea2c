import Foundation
import Glibc
import JourneyKit
@testable import JourneyStore

/// The repository root, found from this file's path.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

let fixtures = repositoryRoot + "/Tests/JourneyStoreTests/Fixtures"

/// A fresh private folder for one test, removed by the caller with `removeFolder`.
func temporaryFolder() -> String {
    var template = Array((NSTemporaryDirectory() + "journeywalk-test-XXXXXX").utf8CString)
    return template.withUnsafeMutableBufferPointer { buffer in
        String(cString: mkdtemp(buffer.baseAddress!))
    }
}

func removeFolder(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

extension WalkFileWriter {
    /// A new walk file under exactly the header's walk id (`createUnlessTaken`); fails with "File
    /// exists" when a file already has the name. The product always goes through `createNew`.
    static func create(folder: String, header: WalkHeader) throws(FileError) -> WalkFileWriter {
        guard let writer = try createUnlessTaken(folder: folder, header: header) else {
            throw FileError(path: folder + "/" + header.walkID + ".jsonl", errno: EEXIST)
        }
        return writer
    }
}

/// The lines (without "\n") of a format-3 walk file holding `events`, as the writer writes them:
/// each event's keys, then its seq and the SHA-256 of the line before.
func chainedLines(_ events: [WalkEvent]) -> [String] {
    var lines: [String] = []
    for (index, event) in events.enumerated() {
        lines.append(WalkCodec.encode(event, seq: index + 1, prev: lines.last.map { SHA256.hex(Array($0.utf8)) }))
    }
    return lines
}

/// A line the codec writes today as a line of a format-2 file: the same bytes but for the header's
/// format (format 3 adds only `seq` and `prev`, which `WalkCodec.encode(_:)` leaves out).
func formatTwo(_ line: String) -> String {
    let today = #"{"type":"walk","format":3,"#
    guard line.hasPrefix(today) else { return line }
    return #"{"type":"walk","format":2,"# + line.dropFirst(today.utf8.count)
}
