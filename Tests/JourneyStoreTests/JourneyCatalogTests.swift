import Foundation
import Glibc
import JourneyKit
import JourneySamples
@testable import JourneyStore
import Testing

/// Writes a walk of a journey file into `walks`, as `journeywalk walk FILE` does.
func recordWalk(of journeyFile: String, into walks: String, id: String) throws -> String {
    let loaded = try JourneyLoader.load(path: journeyFile)
    let journal = try WalkFileWriter.create(folder: walks, header: WalkHeader(
        walkID: id, journey: loaded.journey, journeyPath: loaded.path, journeyFingerprint: loaded.fingerprint,
        details: WalkDetails(operator: "Sam"), started: Date(timeIntervalSince1970: 1_795_342_503)))
    journal.close()
    return journal.path
}

func writeJourney(_ path: String, id: String, title: String) throws {
    try PosixFile.makeFolder(PosixFile.parentFolder(of: path), mode: 0o755)
    try "title: \(title)\nid: \(id)\nstages:\n  - name: Only\n    touchpoints:\n      - title: Door\n".write(toFile: path, atomically: true, encoding: .utf8)
}

@Suite struct SampleJourneyTests {
    @Test func theBuiltInSamplesAreExactlyTheFilesOfJourneysFolder() throws {
        let folder = repositoryRoot + "/journeys"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(SampleJourneys.all.map(\.fileName) == names, "journeys/ changed: list its files in Sources/JourneySamples/SampleJourneys.swift")
        for sample in SampleJourneys.all {
            let bytes = try PosixFile.read(folder + "/" + sample.fileName)
            #expect(sample.bytes == bytes, "\(sample.fileName) differs from journeys/\(sample.fileName): rebuild")
        }
    }

    @Test func everySampleLoadsUnderItsFileName() throws {
        for sample in SampleJourneys.all {
            let journey = try JourneyLoader.parse(sample.bytes, file: sample.fileName)
            #expect(journey.id == sample.id)
        }
    }
}

@Suite struct JourneyCatalogTests {
    @Test func aSampleIsFoundByIdWhenNoFileHasIt() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let catalog = JourneyCatalog(folders: [root + "/journeys"], walksFolder: root + "/walks", includesSamples: true)
        let found = try catalog.locate("retail-store-visit")
        #expect(found.origin == .sample)
        #expect(found.loaded.path == nil)
        #expect(found.loaded.journey.title == "Retail store visit")
        // The same fingerprint as the shipped file, so walks of either are recognisably the same journey.
        #expect(found.loaded.fingerprint == Fingerprint.of(try PosixFile.read(repositoryRoot + "/journeys/retail-store-visit.yaml")))
        #expect(throws: JourneyLoadError.self) { try JourneyCatalog(folders: [root + "/journeys"]).find("retail-store-visit") }
    }

    @Test func aFileInAJourneyFolderComesBeforeTheSample() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        try writeJourney(root + "/journeys/mine.yaml", id: "retail-store-visit", title: "My own store visit")
        let found = try JourneyCatalog(folders: [root + "/journeys"], includesSamples: true).locate("retail-store-visit")
        #expect(found.origin == .file)
        #expect(found.loaded.journey.title == "My own store visit")
    }

    @Test func aJourneyWalkedByPathIsFoundAgainByItsId() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let file = root + "/elsewhere/hotel-check-in.yaml"
        try writeJourney(file, id: "hotel-check-in", title: "Hotel check-in")
        let walk = try recordWalk(of: file, into: root + "/walks", id: "20261122-101503-hotel-check-in")
        let folders = [root + "/journeys", root + "/home/journeys"]
        #expect(throws: JourneyLoadError.self) { try JourneyCatalog(folders: folders).find("hotel-check-in") }

        let catalog = JourneyCatalog(folders: folders, walksFolder: root + "/walks", includesSamples: true)
        let found = try catalog.locate("hotel-check-in")
        #expect(found.origin == .walkedFile(walk: walk))
        #expect(found.loaded.path == PosixFile.absolute(file))

        // The file changed since: the file as it is now, as walking it by path would.
        try writeJourney(file, id: "hotel-check-in", title: "Hotel check-in, second version")
        #expect(try catalog.find("hotel-check-in").journey.title == "Hotel check-in, second version")

        // The file is gone: the copy kept in the walk.
        unlink(file)
        let copy = try catalog.locate("hotel-check-in")
        #expect(copy.origin == .walkCopy(walk: walk))
        #expect(copy.loaded.journey.title == "Hotel check-in")
        #expect(copy.loaded.path == PosixFile.absolute(file))
        #expect(catalog.others(excluding: []).map(\.loaded.journey.id).first == "hotel-check-in")
    }

    @Test func theNewestWalkOfAnIdWins() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        try writeJourney(root + "/a/trip.yaml", id: "trip", title: "Trip A")
        try writeJourney(root + "/b/trip.yaml", id: "trip", title: "Trip B")
        _ = try recordWalk(of: root + "/a/trip.yaml", into: root + "/walks", id: "20261122-101503-trip")
        _ = try recordWalk(of: root + "/b/trip.yaml", into: root + "/walks", id: "20261123-090000-trip")
        try "not a walk\n".write(toFile: root + "/walks/20261124-000000-trip.jsonl", atomically: true, encoding: .utf8)
        let catalog = JourneyCatalog(folders: [], walksFolder: root + "/walks")
        #expect(try catalog.find("trip").journey.title == "Trip B")
        #expect(WalkFileCatalog(folder: root + "/walks").walkedJourneys().map(\.header.journey.title) == ["Trip B"])
    }

    @Test func aWalkedFileThatNoLongerLoadsGivesItsProblems() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let file = root + "/elsewhere/trip.yaml"
        try writeJourney(file, id: "trip", title: "Trip")
        _ = try recordWalk(of: file, into: root + "/walks", id: "20261122-101503-trip")
        try "title: Trip\nid: trip\nstages: []\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: JourneyLoadError.self) { try JourneyCatalog(folders: [], walksFolder: root + "/walks").find("trip") }
    }

    @Test func theOthersLeaveOutWhatTheFilesHave() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let catalog = JourneyCatalog(folders: [], walksFolder: root + "/walks", includesSamples: true)
        let ids = catalog.others(excluding: ["gym-membership"]).map(\.loaded.journey.id)
        #expect(ids == ["online-order-return", "phone-support-call", "retail-store-visit"])
    }

    @Test func notFoundSaysWhereItLooked() {
        let catalog = JourneyCatalog(folders: ["journeys", "/h/journeys"], walksFolder: "/nowhere/walks", includesSamples: true)
        #expect {
            try catalog.find("nope")
        } throws: { error in
            (error as? JourneyLoadError)?.problems.first?.message
                == "no journey file or journey id 'nope' in journeys or /h/journeys, among the journeys walked before or the built-in samples; `journeywalk journeys list` shows the journeys"
        }
    }
}

@Suite struct SampleInstallerTests {
    @Test func installsOnceAndNeverReplacesAChangedFile() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        let folder = root + "/home/journeys"
        let first = try SampleInstaller.install(into: folder)
        #expect(first == SampleJourneys.all.map { .installed(path: folder + "/" + $0.fileName) })
        for sample in SampleJourneys.all {
            let path = folder + "/" + sample.fileName
            #expect(try PosixFile.read(path) == sample.bytes)
            var info = stat()
            #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o644)
        }
        let changed = folder + "/retail-store-visit.yaml"
        try "title: Mine\nstages: []\n".write(toFile: changed, atomically: true, encoding: .utf8)
        let second = try SampleInstaller.install(into: folder)
        #expect(second.contains(.keptYours(path: changed)))
        #expect(second.filter { if case .unchanged = $0 { return true } else { return false } }.count == SampleJourneys.all.count - 1)
        #expect(try String(contentsOfFile: changed, encoding: .utf8) == "title: Mine\nstages: []\n")
        let lines = SampleInstaller.report(second, folder: folder)
        #expect(lines.last == "Sample journeys in \(folder): 0 installed, 3 already there, 1 of yours kept.")
        #expect(lines.contains("kept       \(changed) (yours differs from the sample and was not replaced; remove it and install again to get the sample)"))
    }

    @Test func aFolderInTheWayIsAnErrorNotReplaced() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        try PosixFile.makeFolder(root + "/journeys/gym-membership.yaml", mode: 0o755)
        #expect(throws: FileError.self) { try SampleInstaller.install(into: root + "/journeys") }
        #expect(PosixFile.isFolder(root + "/journeys/gym-membership.yaml"))
    }
}

@Suite struct CommandHintTests {
    @Test func resumeByIdOnlyWhereTheIdFindsTheWalk() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        try PosixFile.makeFolder(root + "/home/walks")
        try PosixFile.makeFolder(root + "/other folder/walks")
        let environment = ["JOURNEYWALK_HOME": root + "/home"]
        let id = "20261122-101503-shop"
        #expect(CommandHint.resume(walkPath: root + "/home/walks/\(id).jsonl", walkID: id, environment: environment) == "journeywalk resume \(id)")
        // Another data folder (`--data-dir`), or a walk file anywhere: by path, quoted for the shell.
        #expect(CommandHint.resume(walkPath: root + "/other folder/walks/\(id).jsonl", walkID: id, environment: environment)
            == "journeywalk resume '\(root)/other folder/walks/\(id).jsonl'")
        // A copy under another name: the id would not find it.
        #expect(CommandHint.resume(walkPath: root + "/home/walks/copy.jsonl", walkID: id, environment: environment)
            == "journeywalk resume \(root)/home/walks/copy.jsonl")
    }

    @Test func theProgramIsJourneywalkOnlyWhereThePathRunsThisOne() throws {
        let root = temporaryFolder()
        defer { removeFolder(root) }
        for folder in ["bin", "other", "a folder"] { try PosixFile.makeFolder(root + "/" + folder) }
        let binary = root + "/bin/journeywalk"
        try PosixFile.writeAtomically(Array("#!/bin/sh\n".utf8), to: binary, mode: 0o755)
        try PosixFile.writeAtomically(Array("#!/bin/sh\n".utf8), to: root + "/other/journeywalk", mode: 0o755)
        #expect(symlink(binary, root + "/a folder/journeywalk") == 0)
        #expect(CommandHint.program(executable: binary, environment: ["PATH": "/usr/bin:\(root)/bin"]) == "journeywalk")
        #expect(CommandHint.program(executable: binary, environment: ["PATH": "\(root)/a folder:/usr/bin"]) == "journeywalk", "a link to it")
        // Not installed (run from the build folder, as `swift run` does), or another journeywalk first: its path.
        #expect(CommandHint.program(executable: binary, environment: ["PATH": "/usr/bin:/bin"]) == binary)
        #expect(CommandHint.program(executable: binary, environment: [:]) == binary)
        #expect(CommandHint.program(executable: binary, environment: ["PATH": "\(root)/other:\(root)/bin"]) == binary)
        // The path is quoted for the shell in the command.
        let environment = ["HOME": "/home/sam"]
        let defaults = DataLocations.resolve(dataDir: nil, environment: environment)
        #expect(CommandHint.command(["report", "x"], locations: defaults, environment: environment, program: root + "/a folder/journeywalk")
            == "'\(root)/a folder/journeywalk' report x")
    }

    @Test func otherCommandsCarryTheDataFolderWhenItIsNotTheDefault() {
        let environment = ["HOME": "/home/sam"]
        let defaults = DataLocations.resolve(dataDir: nil, environment: environment)
        #expect(CommandHint.command(["restore", "20261122-101503-shop"], locations: defaults, environment: environment) == "journeywalk restore 20261122-101503-shop")
        #expect(CommandHint.command(["restore", "x"], locations: DataLocations(home: "/srv/it's here"), environment: environment)
            == "journeywalk restore x --data-dir '/srv/it'\\''s here'")
    }
}
