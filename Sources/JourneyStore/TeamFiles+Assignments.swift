import JourneyKit

/// The member's assignments as the last `pull` found them (`team/assignments.jsonl`, one per line),
/// and their journeys (`team/journeys/NAME.json`), so the home screen lists them and a walk starts
/// from one offline.
extension TeamFiles {
    public var assignmentsFile: String { folder + "/assignments.jsonl" }
    public var assignmentJourneys: String { folder + "/journeys" }

    /// The pulled assignments (none when never pulled or unreadable).
    public func pulledAssignments() -> [TeamAssignment] {
        guard let bytes = try? PosixFile.read(assignmentsFile, limit: 64 << 20) else { return [] }
        return bytes.split(separator: 0x0A).compactMap { line in
            guard let value = JSONValue.parse(line), let id = value["id"]?.int, let journey = value["journey"]?.string,
                  let copy = value["journey_copy"]?.string, let shopper = value["shopper"]?.string, let location = value["location"]?.string,
                  let due = value["due"]?.string else { return nil }
            return TeamAssignment(id: Int64(id), journeyID: journey, journeyTitle: value["journey_title"]?.string ?? journey, journeyCopy: copy,
                                  shopper: shopper, location: location, due: due, window: value["window"]?.string, wave: value["wave"]?.string,
                                  forced: value["forced"]?.string, assignedBy: value["assigned_by"]?.string ?? "", cancelled: value["cancelled"]?.bool ?? false)
        }
    }

    /// Replaces the pulled assignments.
    public func writeAssignments(_ assignments: [TeamAssignment]) throws(FileError) {
        var bytes: [UInt8] = []
        for assignment in assignments {
            bytes += Array(JSONWriter.encode(assignment.json).utf8)
            bytes.append(0x0A)
        }
        try PosixFile.makeFolder(folder, mode: 0o700)
        try PosixFile.writeAtomically(bytes, to: assignmentsFile, mode: 0o600, exactMode: true, sync: false)
    }

    /// The journey of an assignment, from its pulled copy.
    public func journey(of assignment: TeamAssignment) throws(WalkCodec.LineProblem) -> LoadedJourney {
        let journey = try SharedJourneyCopies(folders: [assignmentJourneys]).journey(named: assignment.journeyCopy)
        return LoadedJourney(journey: journey, path: nil, fingerprint: assignment.journeyCopy.replacingOccurrences(of: "fnv1a64-", with: "fnv1a64:"))
    }

    /// Where the ids of the assignments walked on this machine are kept, one empty file each.
    public var startedAssignmentsFolder: String { folder + "/assignments-started" }

    /// Notes that a walk of an assignment was started here, so the home screen offers it no more.
    public func markStarted(_ id: Int64) {
        try? PosixFile.makeFolder(folder, mode: 0o700)
        try? PosixFile.makeFolder(startedAssignmentsFolder, mode: 0o700)
        try? PosixFile.writeAtomically([], to: startedAssignmentsFolder + "/" + String(id), mode: 0o600, exactMode: true, sync: false)
    }

    /// The assignments walked on this machine.
    public func startedAssignments() -> Set<Int64> { Set(PosixFile.list(startedAssignmentsFolder).compactMap { Int64($0) }) }
}
