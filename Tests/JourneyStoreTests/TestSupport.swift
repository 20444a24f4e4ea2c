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
