import Foundation
import JourneyKit
@testable import JourneyReports
import Testing

@Suite struct ActionsReportTests {
    let today = CalendarDay(year: 2026, month: 11, day: 25)!

    func listing(_ action: Action) -> ActionListing {
        ActionListing(action: action, walkID: "20261122-101503-shop", walkPath: "/home/me/walks/w.jsonl", journeyID: "shop",
                      journeyTitle: "Shop, \"main\"", walkStarted: Date(timeIntervalSince1970: 0), stage: "In", touchpoint: "door", touchpointTitle: "Door")
    }

    @Test func csvQuotesAndDefusesLikeTheCSVReport() {
        let csv = ActionsReport.render([
            listing(Action(id: "a7f3c2", text: "=HYPERLINK(\"x\")", owner: "+Sam, the \"boss\"", due: "2026-11-20")),
            listing(Action(id: "b00001", text: "Line one\nline two", owner: "@team", due: nil, status: .done)),
        ], as: .csv, today: today)
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows[0] == "id,status,overdue,due,owner,text,walk_id,journey_id,journey_title,stage,touchpoint,touchpoint_title,author")
        #expect(rows[1] == "a7f3c2,open,true,2026-11-20,\"'+Sam, the \"\"boss\"\"\",\"'=HYPERLINK(\"\"x\"\")\",20261122-101503-shop,shop,\"Shop, \"\"main\"\"\",In,door,Door,")
        #expect(rows[2].hasPrefix("b00001,done,false,,'@team,Line one^Jline two,"), "a line end made visible, as the CSV report does")
        #expect(!csv.contains("/home/me"), "the walk file's path is not shared")
    }

    @Test func jsonCarriesEveryFieldAndEscapes() throws {
        let json = ActionsReport.render([listing(Action(id: "a7f3c2", text: "Fix\u{202E}it", owner: "Sam", due: "2026-12-01"))], as: .json, today: today)
        #expect(json.contains("\\u202e"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let first = try #require(parsed.first)
        #expect(first["id"] as? String == "a7f3c2")
        #expect(first["due"] as? String == "2026-12-01")
        #expect(first["overdue"] as? Bool == false)
        #expect(first["status"] as? String == "open")
        #expect((first["walk"] as? [String: Any])?["id"] as? String == "20261122-101503-shop")
        #expect(first["touchpoint"] as? String == "door" && first["title"] as? String == "Door")
        #expect(ActionsReport.render([], as: .json, today: today) == "[]\n")
    }

    @Test func anOwnerIsShownInFullWithItsSpacesAsTheDebriefShowsIt() {
        let spaced = Action(id: "a7f3c2", text: "Fix the door", owner: " store \t Manager ", due: "2026-11-20")
        let long = Action(id: "b00001", text: "Call back", owner: "The whole weekend team at Main Street", due: nil)
        let lines = ActionsReport.render([listing(spaced), listing(long)], as: .text, today: today).split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("ID      DUE                 STATUS  OWNER                                  ACTION"), "\(lines[0])")
        #expect(lines[1].hasPrefix("a7f3c2  2026-11-20 overdue  open    store Manager                          Fix the door"), "\(lines[1])")
        #expect(lines[2].hasPrefix("b00001  —                   open    The whole weekend team at Main Street  Call back"), "\(lines[2])")
        // The report's debrief names them the same way.
        #expect(ReportText.action(spaced) == "Fix the door — owner store Manager, due 2026-11-20, open [a7f3c2]")
        #expect(ReportText.action(long).contains("owner The whole weekend team at Main Street,"))
        // JSON keeps the name as it was typed.
        #expect(ActionsReport.render([listing(spaced)], as: .json, today: today).contains("\"owner\":\" store \\t Manager \""))
    }

    @Test func textLinesUpTheColumnsAndSaysOverdue() {
        let text = ActionsReport.render([
            listing(Action(id: "a7f3c2", text: "Fix the door", owner: "Sam", due: "2026-11-20")),
            listing(Action(id: "b00001", text: "Paint \u{1B}[31mred", owner: "Jo", due: nil)),
        ], as: .text, today: today)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("ID      DUE                 STATUS  OWNER  ACTION"))
        #expect(lines[1].hasPrefix("a7f3c2  2026-11-20 overdue  open    Sam    Fix the door"))
        #expect(lines[1].hasSuffix("Door · Shop, \"main\" · 20261122-101503-shop"))
        #expect(lines[2].contains("Paint ^[[31mred"), "control characters made visible")
    }
}
