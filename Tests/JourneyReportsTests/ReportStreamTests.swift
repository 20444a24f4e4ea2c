import Foundation
import JourneyKit
@testable import JourneyReports
import Testing

@Suite struct ReportStreamTests {
    /// What `report` writes for these walks, a walk at a time, as it does for `--all`.
    func streamed(_ inputs: [ReportInput], as format: ReportFormat) throws -> String {
        let stream = try #require(ReportStream(format: format))
        var text = ""
        var held: String?
        var written = 0
        for input in inputs {
            let piece = stream.render(input)
            written += 1
            if written == 1 {
                held = piece
            } else {
                if let first = held {
                    text += stream.head(count: 2) + stream.join(first, first: true)
                    held = nil
                }
                text += stream.join(piece, first: false)
            }
        }
        if let first = held { text += stream.head(count: 1) + stream.join(first, first: true) }
        return text + stream.tail(count: written)
    }

    @Test(arguments: [ReportFormat.json, .csv, .text, .md])
    func aStreamedReportIsByteForByteTheWholeOne(format: ReportFormat) throws {
        let unfinished = ReportInput(walk: trickyWalk(finished: false), file: nil, problems: ["line 9 of the walk file: cut off"])
        for inputs in [[trickyInput], [trickyInput, unfinished], [trickyInput, unfinished, trickyInput]] {
            #expect(try streamed(inputs, as: format) == Report.render(inputs, as: format), "\(format) of \(inputs.count)")
        }
    }

    @Test func formatsWithAHeadAndFootAreNotStreamed() {
        #expect(ReportStream(format: .html) == nil)
        #expect(ReportStream(format: .mermaid) == nil)
    }
}
