import Foundation
import JourneyKit
@testable import JourneyStore
import Testing

/// The zone a walk started in, kept in its header (`time_zone`, `utc_offset`).
@Suite struct TimeZoneHeaderTests {
    let header: WalkHeader = {
        var header = WalkHeader(
            walkID: "20261122-101503-shop", journey: scoredJourney, journeyPath: nil, journeyFingerprint: "fnv1a64:0",
            details: WalkDetails(operator: "Zoë"), started: Date(timeIntervalSince1970: 1_795_342_503))
        header.timeZoneID = "Europe/Paris"
        header.utcOffset = 3600
        return header
    }()

    @Test func theZoneSurvivesTheRoundTrip() throws {
        let line = WalkCodec.encode(.started(header))
        #expect(line.contains("\"time_zone\":\"Europe/Paris\",\"utc_offset\":\"+01:00\""), "\(line)")
        #expect(try WalkCodec.decode(bytes: Array(line.utf8), copies: SharedJourneyCopies(folders: [])) == .started(header))
        var west = header
        west.timeZoneID = nil
        west.utcOffset = -(5 * 3600 + 30 * 60)
        let westLine = WalkCodec.encode(.started(west))
        #expect(westLine.contains("\"utc_offset\":\"-05:30\"") && !westLine.contains("time_zone"))
        #expect(try WalkCodec.decode(bytes: Array(westLine.utf8), copies: SharedJourneyCopies(folders: [])) == .started(west))
    }

    @Test func aHeaderWithoutAZoneReadsAsBefore() throws {
        var old = header
        old.timeZoneID = nil
        old.utcOffset = nil
        let line = WalkCodec.encode(.started(old))
        #expect(!line.contains("time_zone") && !line.contains("utc_offset"))
        #expect(try WalkCodec.decode(bytes: Array(line.utf8), copies: SharedJourneyCopies(folders: [])) == .started(old))
    }

    @Test func aMalformedOffsetIsRefusedByName() {
        let line = WalkCodec.encode(.started(header)).replacingOccurrences(of: "\"+01:00\"", with: "\"one hour\"")
        #expect(throws: WalkCodec.LineProblem.missing("utc_offset")) {
            try WalkCodec.decode(bytes: Array(line.utf8), copies: SharedJourneyCopies(folders: []))
        }
    }

    @Test func theRecordedZoneWinsOverTheReadersAndTheOffsetStandsInForAnUnknownName() {
        let tokyo = TimeZone(identifier: "Asia/Tokyo") ?? .current
        #expect(LocalTime.zone(of: header, otherwise: tokyo).identifier == "Europe/Paris")
        var unknown = header
        unknown.timeZoneID = "Mars/Olympus"
        #expect(LocalTime.zone(of: unknown, otherwise: tokyo).secondsFromGMT(for: header.started) == 3600)
        var old = header
        old.timeZoneID = nil
        old.utcOffset = nil
        #expect(LocalTime.zone(of: old, otherwise: tokyo).identifier == "Asia/Tokyo", "an older walk: the reader's TZ")
    }
}
