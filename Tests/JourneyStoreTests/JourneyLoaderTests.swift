import Foundation
import JourneyKit
@testable import JourneyStore
import Testing

@Suite struct JourneyLoaderTests {
    /// Expected messages per bad file, as `FILE:LINE:COLUMN: message` lines.
    static let expected: [String: [String]] = {
        let text = (try? String(contentsOfFile: fixtures + "/bad/expected.txt", encoding: .utf8)) ?? ""
        var byFile: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let file = String(line.prefix { $0 != ":" })
            byFile[file, default: []].append(String(line))
        }
        return byFile
    }()

    static let badFiles: [String] = (try? FileManager.default.contentsOfDirectory(atPath: fixtures + "/bad"))?
        .filter { $0.hasSuffix(".yaml") }.sorted() ?? []

    @Test func theCorpusIsThere() {
        #expect(Self.badFiles.count >= 15)
        #expect(Set(Self.expected.keys) == Set(Self.badFiles))
    }

    @Test(arguments: badFiles)
    func badJourneyGivesItsMessages(file: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixtures + "/bad/" + file)))
        do {
            _ = try JourneyLoader.parse(bytes, file: file)
            Issue.record("\(file) loaded but should not")
        } catch {
            #expect(error.problems.map(\.description) == Self.expected[file])
        }
    }

    @Test func aByteThatIsNotUTF8IsPlacedByLineAndCharacter() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id: café\ntitle: ★".utf8) + [0xE9] + Array("\n".utf8)
        #expect(throws: JourneyLoadError.self) { _ = try JourneyLoader.parse(bytes, file: "x.yaml") }
        do {
            _ = try JourneyLoader.parse(bytes, file: "x.yaml")
        } catch {
            #expect(error.problems.map(\.description) == ["x.yaml:2:9: the file is not UTF-8 text (byte 0xE9 here); save it as UTF-8"])
        }
    }

    @Test func shippedJourneysValidate() throws {
        let catalog = JourneyCatalog(folders: [repositoryRoot + "/journeys"])
        let entries = catalog.entries()
        #expect(entries.count >= 4)
        for entry in entries {
            let loaded = try entry.result.get()
            #expect(loaded.journey.touchpointCount >= 8, "\(entry.path)")
            #expect(loaded.journey.steps.contains { $0.touchpoint.target != nil })
            #expect(!loaded.journey.steps.contains { $0.touchpoint.prompt == nil }, "\(entry.path) has a touchpoint without a prompt")
        }
        #expect(Set(entries.map(\.id)).isSuperset(of: ["retail-store-visit", "phone-support-call", "online-order-return", "gym-membership"]))
    }

    @Test func readsEveryField() throws {
        let yaml = """
            title: Retail store visit
            id: retail
            version: 3
            description: |
              Line one
            promise: Ten minutes
            persona: Gift buyer
            stages:
              - name: Before
                touchpoints:
                  - title: Find opening hours online
                    channel: web
                    prompt: Search.
                    look_for: [Hours on first page, Hours match]
                    target: 1h30m
                    moment_of_truth: true
                  - id: greet
                    title: Greeting
            """
        let journey = try JourneyLoader.parse(Array(yaml.utf8), file: "x.yaml")
        #expect(journey.id == "retail")
        #expect(journey.version == 3)
        #expect(journey.description == "Line one")
        let first = journey.stages[0].touchpoints[0]
        #expect(first == Touchpoint(
            id: "find-opening-hours-online", title: "Find opening hours online", channel: "web", prompt: "Search.",
            lookFor: ["Hours on first page", "Hours match"], target: 5400, momentOfTruth: true))
        #expect(journey.stages[0].touchpoints[1].id == "greet")
    }

    @Test func idDefaultsToTheFileName() throws {
        let journey = try JourneyLoader.parse(Array("title: T\nstages:\n  - name: S\n    touchpoints:\n      - title: A\n".utf8), file: "dir/my-journey.yaml")
        #expect(journey.id == "my-journey")
    }

    @Test func unreadableAndMissingFilesAreReportedByName() {
        #expect(throws: JourneyLoadError.self) { try JourneyLoader.load(path: "/nonexistent/journey.yaml") }
        do {
            _ = try JourneyLoader.load(path: fixtures)
        } catch {
            #expect(error.description == "\(fixtures): cannot read the file: is a folder, not a file")
        }
    }

    @Test func catalogFindsByIdAndExplainsWhatIsMissing() throws {
        let catalog = JourneyCatalog(folders: [repositoryRoot + "/journeys"])
        #expect(try catalog.find("gym-membership").journey.title == "Gym membership, first enquiry to first month")
        do {
            _ = try catalog.find("no-such-journey")
            Issue.record("found a journey that does not exist")
        } catch {
            #expect(error.description.contains("no journey file or journey id 'no-such-journey'"))
        }
    }

    @Test func aBrokenFileNamedAfterTheIdGivesItsOwnProblems() {
        let catalog = JourneyCatalog(folders: [fixtures + "/bad"])
        do {
            _ = try catalog.find("unknown-keys")
            Issue.record("a broken journey loaded")
        } catch {
            #expect(error.problems.first?.message == "unknown key 'versoin' in the journey (did you mean 'version'?)")
        }
    }

    @Test func noInputCrashesTheLoader() {
        // Every prefix of a real journey, and bytes flipped in it, must give problems or a journey, never a crash.
        let bytes = Array((try? Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/journeys/retail-store-visit.yaml"))) ?? Data())
        #expect(bytes.count > 1000)
        var failures = 0
        for length in stride(from: 0, to: bytes.count, by: 7) {
            do { _ = try JourneyLoader.parse(Array(bytes[0..<length]), file: "cut.yaml") } catch { failures += 1; #expect(!error.problems.isEmpty) }
        }
        for position in stride(from: 0, to: bytes.count, by: 13) {
            var copy = bytes
            copy[position] = [0x00, 0xFF, 0x3A, 0x09, 0x2D][position % 5]
            do { _ = try JourneyLoader.parse(copy, file: "flipped.yaml") } catch { #expect(!error.problems.isEmpty) }
        }
        #expect(failures > 0)
    }
}

@Suite struct JourneyTemplateTests {
    @Test func theNewJourneyTemplateValidates() throws {
        let text = JourneyTemplate.text(title: "Hotel \"check-in\" \\ desk", id: "hotel-check-in")
        let journey = try JourneyLoader.parse(Array(text.utf8), file: "hotel-check-in.yaml")
        #expect(journey.title == "Hotel \"check-in\" \\ desk")
        #expect(journey.id == "hotel-check-in")
        #expect(journey.touchpointCount == 3)
    }
}

@Suite struct SecondWaveJourneyKeyTests {
    @Test func everySection71KeyIsRead() throws {
        let yaml = """
            title: Store visit
            pass_mark: 90
            timebox: 3m
            tags:
              - {id: no-parking, label: No parking nearby, kind: misery}
            stages:
              - name: In the store
                touchpoints:
                  - title: Greeting
                    timebox: 5m
                    look_for:
                      - Greeted within 30 seconds
                      - {item: Offered the promised coffee, weight: 3}
                      - {item: Asked for ID before selling alcohol, weight: 5, critical: true}
            """
        let journey = try JourneyLoader.parse(Array(yaml.utf8), file: "store.yaml")
        #expect(journey.passMark == 90)
        #expect(journey.timebox == 180)
        #expect(journey.tags == [TagDefinition(id: "no-parking", label: "No parking nearby", kind: .misery)])
        let greeting = try #require(journey.stages.first?.touchpoints.first)
        #expect(greeting.timebox == 300)
        #expect(greeting.checklist == [
            ChecklistItem("Greeted within 30 seconds"),
            ChecklistItem("Offered the promised coffee", weight: 3),
            ChecklistItem("Asked for ID before selling alcohol", weight: 5, critical: true),
        ])
        #expect(greeting.lookFor == ["Greeted within 30 seconds", "Offered the promised coffee", "Asked for ID before selling alcohol"])
        #expect(TagCatalog.tags(for: journey).last?.id == "no-parking")
        #expect(TagCatalog.tags(for: journey).count == TagCatalog.builtIn.count + 1)
    }
}
