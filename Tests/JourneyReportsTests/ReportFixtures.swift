import Foundation
import JourneyKit
import JourneyReports
import Testing

func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_795_342_503 + seconds) }

/// A journey whose text tries every trick: markup, formulas, quotes, commas, control characters.
let trickyJourney = Journey(
    id: "retail-store-visit", title: "Retail <store> & \"visit\"", version: 3,
    promise: "Friendly experts, in ten minutes",
    stages: [
        Stage(name: "Before the visit", touchpoints: [
            Touchpoint(id: "find-opening-hours", title: "Find opening hours online", channel: "web", target: 120),
            Touchpoint(id: "check-stock", title: "=HYPERLINK(\"http://evil\")", channel: "web"),
        ]),
        Stage(name: "In the store", touchpoints: [
            Touchpoint(id: "greeting", title: "Greeting: first 30 s; #1 moment", channel: "store", target: 30, momentOfTruth: true),
            Touchpoint(id: "needs", title: "Understanding what you need", channel: "store"),
            Touchpoint(id: "payment", title: "Queue, and payment", channel: "store", target: 180),
        ]),
        Stage(name: "After", touchpoints: [
            Touchpoint(id: "follow-up", title: "Follow-up email", channel: "email"),
        ]),
    ])

func trickyWalk(finished: Bool = true) -> Walk {
    var walk = Walk(header: WalkHeader(
        walkID: "20261122-101503-retail-store-visit", journey: trickyJourney, journeyPath: "/j/retail.yaml",
        journeyFingerprint: "fnv1a64:00000000000000ff",
        details: WalkDetails(operator: "Zoë, \"Z\"", role: .shopper, location: "Main St <12>", channel: "store"), started: at(0)))
    walk.apply(.rated(RatingChange(touchpoint: "find-opening-hours", rating: Rating(.magic), at: at(95), timerSeconds: 95)))
    walk.apply(.noted(NoteChange(touchpoint: "find-opening-hours", text: "Hours right <b>first</b> time & on the door", at: at(96))))
    walk.apply(.rated(RatingChange(touchpoint: "check-stock", rating: Rating(.skipped), at: at(120))))
    walk.apply(.rated(RatingChange(touchpoint: "greeting", rating: Rating(.misery, intensity: 2), at: at(300), timerSeconds: 52)))
    walk.apply(.noted(NoteChange(touchpoint: "greeting", text: "=1+1 nobody looked up\u{1B}[31m; <script>alert(1)</script>", at: at(301))))
    walk.apply(.rated(RatingChange(touchpoint: "needs", rating: Rating(.magic, intensity: 2), at: at(600), timerSeconds: 240)))
    walk.apply(.rated(RatingChange(touchpoint: "payment", rating: Rating(.neutral), at: at(900), timerSeconds: 200)))
    walk.apply(.noted(NoteChange(touchpoint: "payment", text: "-2 tills open, \"quick\"\nline two", at: at(901))))
    if finished { walk.apply(.finished(at: at(1000))) }
    return walk
}

let trickyInput = ReportInput(walk: trickyWalk(), file: "/data/walks/20261122-101503-retail-store-visit.jsonl")

private let snapshotFolder: String = {
    var url = URL(fileURLWithPath: #filePath)
    url.deleteLastPathComponent()
    return url.path + "/__Snapshots__"
}()

/// Compares report text with its snapshot file; a missing one is recorded and the test fails until reviewed.
func assertReportSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let path = snapshotFolder + "/" + name
    guard ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] != "1", let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        Issue.record("Recorded snapshot \(name); review \(path) and run again", sourceLocation: sourceLocation)
        return
    }
    #expect(text == expected, "report differs from \(path)", sourceLocation: sourceLocation)
}
