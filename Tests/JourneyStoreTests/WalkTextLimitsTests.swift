import Foundation
import JourneyKit
@testable import JourneyStore
import Testing

/// Texts of a walk file are cut when read to what a journey file may hold (docs/walk-file-format.md):
/// the walk still loads, screens and reports get at most 500 characters (10,000 for prose), the file keeps all.
@Suite struct WalkTextLimitsTests {
    @Test func longHeaderFieldsAndTitlesAreCutWhenRead() throws {
        var header = try String(contentsOfFile: fixtures + "/walks/header-only.jsonl", encoding: .utf8)
        let location = String(repeating: "Main Street ", count: 500_000)
        let title = String(repeating: "Greeting ", count: 11_112)
        let prompt = String(repeating: "Look around. ", count: 700)
        header = header.replacingOccurrences(of: #""location":"Main Street""#, with: #""location":""# + location + #"""#)
        header = header.replacingOccurrences(of: #""title":"Greeting""#, with: #""title":""# + title + #"""#)
        header = header.replacingOccurrences(
            of: #""prompt":"Search for the store"#, with: #""prompt":""# + prompt + "Search for the store")
        let walk = try LoadedWalk.parse(Array(header.utf8), path: "/w/long.jsonl").walk
        let details = walk.header.details
        #expect(details.location.count == 500)
        #expect(details.location == String(location.prefix(499)) + "…")
        let greeting = try #require(walk.journey.steps.first { $0.touchpoint.id == "greeting" }?.touchpoint)
        #expect(greeting.title == String(title.prefix(499)) + "…")
        // Prose up to 10,000 characters is kept whole.
        #expect(walk.journey.steps.contains { $0.touchpoint.prompt?.hasPrefix(prompt) == true })
        // Cut once, the text is read the same again: writing it back and reading it changes nothing.
        #expect(WalkCodec.cut(details.location) == details.location)
    }
}
