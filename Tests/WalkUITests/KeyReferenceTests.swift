import Foundation
import Testing
@testable import WalkUI

@Suite struct KeyReferenceTests {
    @Test func readmeKeysMatchTheKeyTables() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let readme = try String(contentsOf: url.appendingPathComponent("README.md"), encoding: .utf8)
        let generated = KeyReference.markdown()
        #expect(readme.contains(generated), "README's keys section is out of date; replace it with:\n\(generated)")
    }

    @Test func noKeyIsBoundTwiceInOneTable() {
        func check<C>(_ map: KeyMap<C>) {
            let keys = map.bindings.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(map.title) binds a key twice")
        }
        check(WalkKeys.walking)
        check(WalkKeys.briefing)
        check(WalkKeys.confirmLeave)
        check(FieldKitKeys.confirmStatedTime)
        check(TagPicker.keys)
        check(RecoveryStrip.keys)
        check(FormKeys.praise)
        check(FormKeys.action)
        check(DebriefState.keys)
        check(LineEditor.keys)
        check(HomeState.keys)
        check(ReviewListState.keys)
        check(ReviewListState.deleteKeys)
        check(ReviewWalkState.keys)
        check(ReviewWalkState.exportKeys)
        check(CompareState.keys)
        check(QueueListState.keys)
        check(QueueWalkState.keys)
        check(WorkshopKeys.room)
        check(WorkshopKeys.summary)
    }

    @Test func specDefaultKeysAreBound() {
        let expected: [(Key, WalkCommand)] = [
            (.char("m"), .rate(.magic, intensity: 1)), (.char("M"), .rate(.magic, intensity: 2)),
            (.char("n"), .rate(.neutral, intensity: 0)), (.char("x"), .rate(.misery, intensity: 1)),
            (.char("X"), .rate(.misery, intensity: 2)), (.char("s"), .rate(.skipped, intensity: 0)),
            (.char("e"), .editNote), (.right, .next), (.char("l"), .next), (.enter, .next),
            (.left, .previous), (.char("h"), .previous), (.char("u"), .undo), (.char("?"), .help), (.char("q"), .leave),
        ]
        for (key, command) in expected {
            #expect(WalkKeys.walking.command(for: key) == command, "\(key.label)")
        }
    }
}
