import Foundation
import JourneyKit
import Testing

@Suite struct DueDateTests {
    /// Wednesday 2026-11-25.
    let today = CalendarDay(year: 2026, month: 11, day: 25)!

    func parse(_ text: String) throws -> String? {
        try DueDate.parse(text, today: today)?.iso
    }

    @Test func todayIsAWednesday() {
        #expect(today.weekdayName == "Wed")
        #expect(CalendarDay(year: 1970, month: 1, day: 1)?.weekdayName == "Thu")
    }

    @Test func isoDatesAreTakenAsTheyAre() throws {
        #expect(try parse("2026-12-01") == "2026-12-01")
        #expect(try parse("  2024-02-29 ") == "2024-02-29", "a leap day, spaces around")
        #expect(try parse("") == nil, "no due date")
    }

    @Test func relativeDaysAndWeeksCountFromToday() throws {
        #expect(try parse("+7d") == "2026-12-02")
        #expect(try parse("+0d") == "2026-11-25")
        #expect(try parse("+2w") == "2026-12-09")
        #expect(try parse("+40d") == "2027-01-04", "across the year end")
        #expect(try parse("today") == "2026-11-25")
        #expect(try parse("Tomorrow") == "2026-11-26")
    }

    @Test func aWeekdayIsTheNextOneAfterToday() throws {
        #expect(try parse("fri") == "2026-11-27")
        #expect(try parse("Friday") == "2026-11-27")
        #expect(try parse("mon") == "2026-11-30")
        #expect(try parse("wed") == "2026-12-02", "today's weekday means a week on")
        #expect(try parse("thu") == "2026-11-26")
    }

    @Test func anythingElseIsRefusedWithTheFormsThatWork() {
        for bad in ["2026-02-30", "2026-13-01", "26-12-01", "+7", "+7x", "+d", "-3d", "someday", "fr", "2026/12/01", "+99999d"] {
            #expect(throws: DueDate.Invalid.self, "\(bad)") { try DueDate.parse(bad, today: today) }
        }
        var message = ""
        do { _ = try DueDate.parse("soon", today: today) } catch { message = error.description }
        #expect(message == "'soon' is not a due date: use 2026-12-01, +7d, +2w, a weekday (fri) or today, tomorrow")
    }

    @Test func theDayOfAMomentFollowsTheTimeZone() {
        let lateEvening = Date(timeIntervalSince1970: 1_795_650_000)  // 2026-11-25T23:40:00Z
        #expect(CalendarDay(lateEvening, secondsFromGMT: 0).iso == "2026-11-25")
        #expect(CalendarDay(lateEvening, secondsFromGMT: 3 * 3600).iso == "2026-11-26")
        #expect(CalendarDay(lateEvening, secondsFromGMT: -24 * 3600).iso == "2026-11-24")
    }
}

@Suite struct ActionIDTests {
    @Test func idsAreSixHexCharactersAndRepeatForTheSameSeed() {
        var a = ActionIDs(seed: 42)
        var b = ActionIDs(seed: 42)
        let first = (0..<50).map { _ in a.next() }
        #expect(first == (0..<50).map { _ in b.next() })
        #expect(Set(first).count == 50)
        #expect(first.allSatisfy { $0.count == 6 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
    }

    @Test func anIdAlreadyTakenIsNeverGiven() {
        var probe = ActionIDs(seed: 7)
        let wouldBe = probe.next()
        var ids = ActionIDs(taken: [wouldBe], seed: 7)
        let given = ids.next()
        #expect(given != wouldBe)
        #expect(ids.taken.contains(given))
    }

    @Test func referencesResolveToOneIdOrSayWhyNot() throws {
        let ids = ["a7f3c2", "a7f911", "0b12cd"]
        #expect(try ActionReference.resolve("0b", among: ids) == "0b12cd")
        #expect(try ActionReference.resolve("A7F3C2", among: ids) == "a7f3c2", "case does not matter")
        #expect(throws: ActionReference.Problem.ambiguous("a7f", matches: ["a7f3c2", "a7f911"])) { try ActionReference.resolve("a7f", among: ids) }
        #expect(throws: ActionReference.Problem.unknown("ffff")) { try ActionReference.resolve("ffff", among: ids) }
        #expect(throws: ActionReference.Problem.empty) { try ActionReference.resolve(" ", among: ids) }
        #expect(ActionReference.Problem.ambiguous("a7f", matches: ["a7f3c2", "a7f911"]).description
            == "'a7f' is the start of 2 action ids (a7f3c2, a7f911); give more of it")
    }

    @Test func overdueActionsComeFirstThenByDueDate() throws {
        let today = try #require(CalendarDay(iso: "2026-11-25"))
        func listing(_ id: String, due: String?, status: ActionStatus = .open) -> ActionListing {
            ActionListing(action: Action(id: id, text: id, owner: "Sam", due: due, status: status), walkID: "w", walkPath: "/w", journeyID: "j",
                          journeyTitle: "J", walkStarted: Date(timeIntervalSince1970: 0), stage: "S", touchpoint: "t", touchpointTitle: "T")
        }
        let ordered = ActionListing.ordered(
            [listing("none", due: nil), listing("later", due: "2026-12-10"), listing("past", due: "2026-11-20"),
             listing("soon", due: "2026-11-26"), listing("donePast", due: "2026-11-01", status: .done)], today: today)
        #expect(ordered.map(\.action.id) == ["past", "donePast", "soon", "later", "none"])
        #expect(ordered[1].isOverdue(today: today) == false, "a closed action is never overdue")
    }
}
