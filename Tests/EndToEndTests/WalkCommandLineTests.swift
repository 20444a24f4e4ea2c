import Foundation
import Testing

/// `journeywalk walk JOURNEY` is read without ArgumentParser (the walk's first frame comes sooner);
/// every other form of `walk` goes through it. Both must answer alike.
@Suite struct WalkCommandLineTests {
    @Test func theShortFormAnswersAsTheParsedOne() {
        let home = temporaryFolder()
        var environment = ProcessInfo.processInfo.environment
        environment["JOURNEYWALK_HOME"] = home
        environment["TERM"] = "dumb"
        // An unknown journey: the same line and status either way (the second form is parsed).
        let short = spawnAndWait([journeywalkBinary, "walk", "no-such-journey"], environment: environment)
        let parsed = spawnAndWait([journeywalkBinary, "walk", "no-such-journey", "--plain"], environment: environment)
        #expect(short.status == 1 && short.output.contains("no journey file or journey id 'no-such-journey'"), "\(short.output)")
        #expect(short.status == parsed.status && short.output == parsed.output)
        // Options and help are ArgumentParser's.
        let help = spawnAndWait([journeywalkBinary, "walk", "--help"], environment: environment)
        #expect(help.status == 0 && help.output.contains("USAGE: journeywalk walk"), "\(help.output)")
        let option = spawnAndWait([journeywalkBinary, "walk", "-x"], environment: environment)
        #expect(option.status == 64 && option.output.contains("Unknown option '-x'"), "\(option.output)")
        // A walk by the short form (plain, as TERM=dumb asks): saved like any other.
        let walked = spawnAndWait([journeywalkBinary, "walk", "retail-store-visit"], environment: environment, stdin: writeScript(home, "m\nfinish\n"))
        #expect(walked.status == 0, "\(walked.output)")
        let walks = (try? FileManager.default.contentsOfDirectory(atPath: home + "/walks")) ?? []
        #expect(walks.filter { $0.hasSuffix(".jsonl") }.count == 1, "\(walks)")
    }

    private func writeScript(_ folder: String, _ text: String) -> String {
        let path = folder + "/script.txt"
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }
}
