import Foundation
import Testing
import JourneyKit
import JourneyReports
@testable import JourneyIndex

@Suite struct CompareReportTests {
    func comparison(grouping: CompareGrouping?) throws -> (Comparison, String) {
        let home = temporaryFolder()
        let walks = home + "/walks"
        try FileManager.default.createDirectory(atPath: walks, withIntermediateDirectories: true)
        try writeWalk(walks, "a", location: "North", day: 1, [("door", .magic), ("greet", .neutral)])
        try writeWalk(walks, "b", location: "South", day: 2, [("door", .misery), ("greet", nil)])
        try writeWalk(walks, "c", location: "South", day: 3, [("door", .skipped)])
        let source = WalkDigestSource(walksFolder: walks, indexPath: home + "/index.sqlite")
        return (source.comparison(journey: "shop", grouping: grouping, filter: WalkFilter()), home)
    }

    @Test(arguments: [CompareGrouping?.none, .location])
    func theJSONHasTheShapeOfTheSpec(grouping: CompareGrouping?) throws {
        let (comparison, home) = try comparison(grouping: grouping)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let text = CompareReport.render(comparison, as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["journey", "by", "columns", "touchpoints"])
        #expect(object["journey"] as? String == "shop")
        if let grouping { #expect(object["by"] as? String == grouping.rawValue) } else { #expect(object["by"] is NSNull) }
        let columns = try #require(object["columns"] as? [[String: Any]])
        #expect(columns.map { $0["key"] as? String } == (grouping == nil ? ["a", "b", "c"] : ["North", "South"]))
        #expect(columns.map { $0["walks"] as? Int } == (grouping == nil ? [1, 1, 1] : [1, 2]))
        let touchpoints = try #require(object["touchpoints"] as? [[String: Any]])
        #expect(touchpoints.map { $0["touchpoint"] as? String } == ["door", "greet"])
        for touchpoint in touchpoints {
            for key in ["touchpoint", "title", "cells", "consistency", "flip"] { #expect(touchpoint[key] != nil, "\(key)") }
            let cells = try #require(touchpoint["cells"] as? [[String: Any]])
            #expect(cells.count == columns.count, "one cell per column, in column order")
            for cell in cells {
                for key in ["magic", "neutral", "misery", "skipped", "unrecorded"] { #expect(cell[key] is Int, "\(key)") }
            }
        }
        let door = touchpoints[0]
        #expect(door["consistency"] as? Double == 0.5, "magic 1, misery 1: skipped is not counted")
        #expect(door["flip"] as? Bool == true)
        let greet = touchpoints[1]
        #expect(greet["consistency"] as? Double == 1.0)
        let greetCells = try #require(greet["cells"] as? [[String: Any]])
        if grouping == nil {
            #expect(greetCells.map { $0["unrecorded"] as? Int } == [0, 1, 1])
        }
    }

    @Test func everyFormatNamesTheFlips() throws {
        let (comparison, home) = try comparison(grouping: nil)
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(CompareReport.render(comparison, as: .text).contains("Flips: Door"))
        #expect(CompareReport.render(comparison, as: .md).contains("**Flips:** Door"))
        let csv = CompareReport.render(comparison, as: .csv).components(separatedBy: "\r\n")
        #expect(csv[0].hasPrefix("journey_id,by,column,walks,touchpoint,title"))
        #expect(csv.count == 1 + 2 * 3 + 1)
        let html = CompareReport.render(comparison, as: .html)
        #expect(html.contains("<tr class=\"flip\"><th class=\"touchpoint\">Door</th>"))
    }
}
