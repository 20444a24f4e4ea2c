import Foundation
import JourneyKit
@testable import JourneyReports
import Testing

@Suite struct RedactionTests {
    /// The fixture of every record (operator Zoë, praise to Amira, an action owned by the store
    /// manager) and a second walk whose operator is Amira again and whose action the store manager owns.
    static func inputs() throws -> [ReportInput] {
        let first = try fixtureInput("v2-every-record.jsonl")
        var second = ReportInput(walk: Walk(header: WalkHeader(
            walkID: "20261123-090000-shop", journey: first.walk.journey, journeyPath: nil, journeyFingerprint: "f",
            details: WalkDetails(operator: "  AMIRA   (till 2) ", role: .leader), started: at(86_400))), file: nil)
        second.walk.apply(.rated(RatingChange(touchpoint: "door", rating: Rating(.misery), at: at(86_401))))
        second.walk.apply(.actionChanged(ActionChange(touchpoint: "door", action: Action(id: "b1", text: "Wipe the door", owner: "store manager", due: nil), at: at(86_402))))
        second.walk.apply(.praised(PraiseChange(touchpoint: "door", praise: Praise(to: "Kim", text: "Held the door"), at: at(86_403))))
        return [first, second]
    }

    static let names = ["Zoë", "Amira", "AMIRA", "Store manager", "store manager", "Kim"]

    @Test(arguments: ReportFormat.allCases)
    func namesArePlaceholdersInEveryFormat(format: ReportFormat) throws {
        let inputs = try Self.inputs()
        let plain = Report.render(inputs, as: format)
        #expect(plain.contains("Zoë"), "without --redact the names stay")
        let redacted = Report.render(inputs, as: format, redact: true)
        for name in Self.names { #expect(!redacted.contains(name), "\(name) left in the \(format) report") }
        #expect(redacted.contains("Person 1"))
        if format != .mermaid {
            for placeholder in ["Person 2", "Person 3", "Person 4"] { #expect(redacted.contains(placeholder), "\(placeholder) missing in \(format)") }
            #expect(redacted.contains("Calm and kind with a queue of twelve"), "free text stays")
        }
    }

    @Test func theSamePersonKeepsOnePlaceholderAcrossWalks() throws {
        let json = Report.render(try Self.inputs(), as: .json, redact: true)
        let walks = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let first = try #require(walks[0]["walk"] as? [String: Any])
        let second = try #require(walks[1]["walk"] as? [String: Any])
        #expect(first["operator"] as? String == "Person 1")
        #expect(second["operator"] as? String == "Person 2", "Amira, first named in the praise of the first walk")
        let firstMoments = try #require(walks[0]["moments"] as? [[String: Any]])
        #expect((firstMoments[2]["praise"] as? [String: String])?["to"] == "Person 2")
        #expect((firstMoments[2]["actions"] as? [[String: Any]])?.first?["owner"] as? String == "Person 3")
        let secondMoments = try #require(walks[1]["moments"] as? [[String: Any]])
        #expect((secondMoments[0]["actions"] as? [[String: Any]])?.first?["owner"] as? String == "Person 3", "store manager, in other case")
        #expect((secondMoments[0]["praise"] as? [String: String])?["to"] == "Person 4")
    }

    @Test func anEmptyNameStaysEmpty() {
        let redaction = PeopleRedaction(walks: [])
        #expect(redaction.placeholder(for: "") == "")
        #expect(redaction.placeholder(for: "  ") == "  ")
    }
}
