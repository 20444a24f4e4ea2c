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

    /// Performs effects as if the disk accepted every write; returns every batch written.
    @discardableResult
    mutating func perform(_ effects: [WorkshopEffect], at time: Date) -> [[WalkEvent]] {
        var queue = effects
        var written: [[WalkEvent]] = []
        while !queue.isEmpty {
            switch queue.removeFirst() {
            case .start(let details): queue += apply(.started(roomHeader(details, journey: journey)), now: time)
            case .record(let events):
                written.append(events)
                queue += apply(.recorded(events), now: time)
            case .leave: break
            }
        }
        return written
    }

    /// Presses keys at a time, the disk accepting every write; returns every batch written.
    @discardableResult
    mutating func press(_ keys: Key..., at time: Date = at(10)) -> [[WalkEvent]] {
        keys.flatMap { perform(apply(.key($0), now: time), at: time) }
    }
}

func render(_ state: WorkshopState, width: Int, height: Int) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    WorkshopScreen.render(state, into: &canvas)
    return canvas
}
