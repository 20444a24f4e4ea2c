import Foundation
import JourneyKit
@testable import WalkUI

/// A fixed clock for tests: 2026-11-22T10:15:03Z plus the given seconds.
func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_795_342_503 + seconds) }

let storeJourney = Journey(
    id: "retail-store-visit", title: "Retail store visit", version: 3,
    description: "A mystery shopper's visit, from finding the store online\nto leaving with a gift.",
    promise: "Friendly experts help you find the right gift in ten minutes.",
    persona: "First-time visitor buying a gift",
    stages: [
        Stage(name: "Before the visit", touchpoints: [
            Touchpoint(
                id: "find-opening-hours", title: "Find opening hours online", channel: "web",
                prompt: "Search for the store and check today's opening hours.",
                lookFor: ["Hours are on the first results page", "Hours match the sign on the door"], target: 120),
        ]),
        Stage(name: "In the store", touchpoints: [
            Touchpoint(
                id: "greeting", title: "Greeting", channel: "store",
                prompt: "Start the stopwatch as you step inside; stop it when someone acknowledges you.",
                lookFor: ["Acknowledged within 30 seconds", "Eye contact and a smile", "Name badge"], target: 30, momentOfTruth: true),
            Touchpoint(id: "needs", title: "Understanding what you need", channel: "store", prompt: "Ask for help choosing a gift."),
            Touchpoint(id: "payment", title: "Queue and payment", channel: "store", target: 180),
        ]),
        Stage(name: "After the visit", touchpoints: [
            Touchpoint(id: "follow-up", title: "Follow-up email", channel: "email"),
        ]),
    ])

func storeHeader(
    details: WalkDetails = WalkDetails(operator: "Café ★ naïve", role: .shopper, location: "Main Street", channel: "store"),
    journey: Journey = storeJourney
) -> WalkHeader {
    WalkHeader(walkID: "20261122-101503-retail-store-visit", journey: journey, journeyPath: "/j/retail.yaml", journeyFingerprint: "fnv1a64:0", details: details, started: at(0))
}

extension WalkState {
    /// Applies actions through the walk's own effect handler (`WalkEffectHandler`, as the program loop and
    /// plain mode perform them), with a disk that accepts every record and the shop's files.
    mutating func run(_ actions: [WalkAction], at time: Date = at(10)) {
        let work = WalkEffectHandler(recorder: AcceptingRecorder(journey: journey), readEvidence: shopFiles, clock: { time })
        for action in actions { _ = work.perform(action, on: &self) }
    }

    /// Presses keys one by one, with the disk accepting every record.
    mutating func press(_ keys: Key...) { run(keys.map { .key($0) }) }

    /// A state already walking the store journey.
    static func walkingStore() -> WalkState {
        var state = WalkState(journey: storeJourney, details: WalkDetails(operator: "Café ★ naïve", role: .shopper), now: at(0))
        state.run([.resized(width: 80, height: 24), .key(.enter)], at: at(0))
        return state
    }
}

/// A disk that accepts every record: the walk file is the store journey's header (of `journey`).
final class AcceptingRecorder: WalkRecorder {
    let journey: Journey
    /// The records written after the header, in order.
    private(set) var events: [WalkEvent] = []
    init(journey: Journey) { self.journey = journey }
    func start(_ details: WalkDetails, at date: Date) throws -> WalkHeader { storeHeader(details: details, journey: journey) }
    func record(_ event: WalkEvent) throws { events.append(event) }
}

/// Evidence files in tests: any path ending in .jpg is a 2,048-byte photo; any other is missing.
func shopFiles(_ path: String, _ progress: EvidenceProgress) throws -> Evidence {
    guard path.hasSuffix(".jpg") else { throw MemoryRecorder.Failure(description: "/shop/\(path): no such file") }
    return Evidence(path: "/shop/" + path, bytes: 2048, sha256: String(repeating: "ab", count: 32))
}

func render(_ state: WalkState, width: Int = 80, height: Int = 24) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    WalkScreen.render(state, into: &canvas)
    return canvas
}

extension String {
    var keys: [Key] { map { Key.char($0) } }
}
