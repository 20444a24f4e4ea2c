import Foundation

/// What the review list and compare need of one walk: its header fields, its counts and, per
/// touchpoint in walking order, the verdict, timer, target and checklist weights. Small enough to
/// keep in the walk index and to stream 100,000 of without keeping the walks themselves.
public struct WalkDigest: Equatable, Sendable {
    public var walkID: String { didSet { identity = WalkCopies<WalkDigest>.identity(walkID: walkID, author: author) } }
    /// The walk file.
    public var path: String
    public var journeyID: String
    public var journeyTitle: String
    public var journeyVersion: Int?
    /// Names the journey's touchpoint structure (`JourneyOutline.key`): walks with the same key
    /// share one outline.
    public var outlineKey: String
    public var `operator`: String
    public var role: String
    public var location: String
    public var channel: String
    public var started: Date
    /// The start of the visit as stated (`walk --at`), when given.
    public var statedStart: Date?
    public var lastChange: Date
    public var status: Walk.Status
    public var summary: WalkSummary
    /// The overall checklist score (SPEC 7.2), nil when nothing was answered Yes or No.
    public var score: Double?
    /// Lines of the file that could not be read (`FILE:LINE: message`).
    public var problems: [String]
    public var steps: [Step]
    /// The team member who pushed this walk, for a read-only team copy pulled into
    /// `team/walks/AUTHOR/`; nil for a walk of this machine's own walks folder.
    public var author: String? { didSet { identity = WalkCopies<WalkDigest>.identity(walkID: walkID, author: author) } }

    /// What makes two files the same walk for `WalkCopies`: the walk id, and for a team copy its
    /// author too (`AUTHOR/ID`), so that equal ids of two members, or of a member and this machine,
    /// are two walks. Kept with the walk id and the author, so a compare of 100,000 walks does not
    /// build it again for every look.
    public private(set) var identity: String

    /// One touchpoint of the walk, as compare reads it.
    public struct Step: Equatable, Sendable {
        public var touchpoint: String
        /// The title of a touchpoint inserted during the walk; nil for the journey's own.
        public var adhocTitle: String?
        public var rating: Rating?
        /// The split timer's reading in seconds; nil when the touchpoint was not timed (its time on
        /// screen is no timing: `Moment.onScreenSeconds`).
        public var timer: Double?
        /// The time standard in seconds.
        public var target: Int?
        /// Checklist weights answered Yes, and answered Yes or No.
        public var yes: Int
        public var asked: Int

        public init(touchpoint: String, adhocTitle: String? = nil, rating: Rating? = nil, timer: Double? = nil, target: Int? = nil, yes: Int = 0, asked: Int = 0) {
            self.touchpoint = touchpoint
            self.adhocTitle = adhocTitle
            self.rating = rating
            self.timer = timer
            self.target = target
            self.yes = yes
            self.asked = asked
        }

        /// Whether the touchpoint has a verdict other than skipped (`Moment.isJudged`).
        public var isJudged: Bool { rating?.verdict.isJudgement ?? false }
    }

    public init(
        walkID: String, path: String, journeyID: String, journeyTitle: String, journeyVersion: Int?, outlineKey: String,
        operator: String, role: String, location: String, channel: String, started: Date, statedStart: Date?,
        lastChange: Date, status: Walk.Status, summary: WalkSummary, score: Double?, problems: [String], steps: [Step], author: String? = nil
    ) {
        self.walkID = walkID
        self.identity = WalkCopies<WalkDigest>.identity(walkID: walkID, author: author)
        self.path = path
        self.journeyID = journeyID
        self.journeyTitle = journeyTitle
        self.journeyVersion = journeyVersion
        self.outlineKey = outlineKey
        self.operator = `operator`
        self.role = role
        self.location = location
        self.channel = channel
        self.started = started
        self.statedStart = statedStart
        self.lastChange = lastChange
        self.status = status
        self.summary = summary
        self.score = score
        self.problems = problems
        self.steps = steps
        self.author = author
    }

    /// The digest of a walk read from `path`, with the lines that could not be read.
    public init(_ walk: Walk, path: String, problems: [String] = []) {
        let header = walk.header
        var steps: [Step] = []
        steps.reserveCapacity(walk.steps.count)
        for step in walk.steps {
            let touchpoint = step.touchpoint
            let moment = walk.moment(for: touchpoint.id)
            let (yes, asked) = moment.checklistSums(of: touchpoint)
            let timer = moment.splitReading(at: walk.lastChange)
            steps.append(Step(
                touchpoint: touchpoint.id, adhocTitle: touchpoint.adhoc ? touchpoint.title : nil, rating: moment.rating,
                timer: timer, target: touchpoint.target, yes: yes, asked: asked))
        }
        self.init(
            walkID: header.walkID, path: path, journeyID: walk.journey.id, journeyTitle: walk.journey.title,
            journeyVersion: walk.journey.version, outlineKey: JourneyOutline(walk.journey).key,
            operator: header.details.operator, role: header.details.role?.rawValue ?? "", location: header.details.location,
            channel: header.details.channel, started: header.started, statedStart: header.statedStart,
            lastChange: walk.lastChange, status: walk.status, summary: walk.summary, score: VisitScore(walk).percent,
            problems: problems, steps: steps)
    }

    /// When the visit began: the stated start where given, else the start of the walk.
    public var visitStart: Date { statedStart ?? started }
    public var isFinished: Bool { status != .draft }
}

/// The touchpoint structure of one journey version: what compare and diff need to name rows and
/// match versions (touchpoints by id, their titles, stages and time standards).
public struct JourneyOutline: Equatable, Sendable {
    public var journeyID: String
    public var title: String
    public var version: Int?
    public var touchpoints: [Entry]

    /// One touchpoint of the outline.
    public struct Entry: Equatable, Sendable {
        public var id: String
        public var title: String
        public var stage: String
        public var target: Int?

        public init(id: String, title: String, stage: String, target: Int?) {
            self.id = id
            self.title = title
            self.stage = stage
            self.target = target
        }
    }

    public init(journeyID: String, title: String, version: Int?, touchpoints: [Entry]) {
        self.journeyID = journeyID
        self.title = title
        self.version = version
        self.touchpoints = touchpoints
    }

    public init(_ journey: Journey) {
        var entries: [Entry] = []
        for stage in journey.stages {
            for touchpoint in stage.touchpoints {
                entries.append(Entry(id: touchpoint.id, title: touchpoint.title, stage: stage.name, target: touchpoint.target))
            }
        }
        self.init(journeyID: journey.id, title: journey.title, version: journey.version, touchpoints: entries)
    }

    /// A name for this structure: the same journey id, version, titles, stages and targets give the
    /// same key (64-bit FNV-1a of the fields, in hex).
    public var key: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0x1F
            hash = hash &* 0x0000_0100_0000_01b3
        }
        add(journeyID)
        add(title)
        add(version.map(String.init) ?? "-")
        for entry in touchpoints {
            add(entry.id)
            add(entry.title)
            add(entry.stage)
            add(entry.target.map(String.init) ?? "-")
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
