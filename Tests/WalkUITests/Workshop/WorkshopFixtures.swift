import Foundation
import JourneyKit
@testable import WalkUI

/// A journey for a room: one touchpoint with its own timebox, the journey's timebox for the rest.
let roomJourney = Journey(
    id: "gym-visit", title: "Gym visit", version: 1, timebox: 120,
    stages: [
        Stage(name: "Joining", touchpoints: [
            Touchpoint(id: "ask", title: "Ask a question", channel: "social", prompt: "Ask about prices in a direct message.", timebox: 60),
            Touchpoint(id: "tour", title: "Tour", channel: "club", prompt: "Book and take the tour of the club.",
                       lookFor: ["Shown every room", "Asked about goals"], momentOfTruth: true),
        ]),
        Stage(name: "First month", touchpoints: [
            Touchpoint(id: "bill", title: "First bill", channel: "email"),
        ]),
    ])

func roomHeader(_ details: WalkDetails, journey: Journey = roomJourney) -> WalkHeader {
    WalkHeader(walkID: "20261122-101503-gym-visit", journey: journey, journeyPath: nil, journeyFingerprint: "fnv1a64:0", details: details, started: at(0))
}

extension WorkshopState {
    /// A workshop whose walk file is created, on its first touchpoint at time 0.
    static func started(journey: Journey = roomJourney, room: String = "Room 4", timebox: Int? = nil, width: Int = 200, height: Int = 60) -> WorkshopState {
        var state = WorkshopState(journey: journey, room: room, trainer: "Ana", timebox: timebox, now: at(0))
        state.perform(state.apply(.resized(width: width, height: height), now: at(0)) + state.begin(), at: at(0))
        return state
    }

    /// Performs effects through the workshop's own effect handler (`WorkshopEffectHandler`, as the program
    /// loop does) with a disk that accepts every write; returns every batch written.
    @discardableResult
    mutating func perform(_ effects: [WorkshopEffect], at time: Date) -> [[WalkEvent]] {
        let recorder = AcceptingWorkshopRecorder(journey: journey)
        _ = ProgramLoop.settle(effects, in: &self, clock: { time }, perform: WorkshopEffectHandler(recorder: recorder, clock: { time }).perform)
        return recorder.writes
    }

    /// Presses keys at a time, the disk accepting every write; returns every batch written.
    @discardableResult
    mutating func press(_ keys: Key..., at time: Date = at(10)) -> [[WalkEvent]] {
        keys.flatMap { perform(apply(.key($0), now: time), at: time) }
    }
}

/// A disk that accepts every write, keeping each batch of records; the header is the room journey's (of `journey`).
final class AcceptingWorkshopRecorder: WorkshopRecorder {
    let journey: Journey
    private(set) var writes: [[WalkEvent]] = []
    init(journey: Journey) { self.journey = journey }
    func start(_ details: WalkDetails, at date: Date) throws -> WalkHeader { roomHeader(details, journey: journey) }
    func record(_ event: WalkEvent) throws { writes.append([event]) }
    func record(together events: [WalkEvent]) throws { writes.append(events) }
}

func render(_ state: WorkshopState, width: Int, height: Int) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    WorkshopScreen.render(state, into: &canvas)
    return canvas
}
