import JourneyKit

/// One walk to report: the walk as its file describes it, the file, and what could not be read.
public struct ReportInput: Sendable {
    public var walk: Walk
    /// The walk file's path, or nil to leave it out: reports are shared, and a path names the
    /// user's home folder (`--with-paths` puts it in).
    public var file: String?
    /// Lines of the file that were not loaded (`FILE:LINE: message`, or `line N of the walk file: message`
    /// when paths are left out).
    public var problems: [String]
    /// What each attached file is now (checked by the caller, which can reach the file system);
    /// evidence missing from it is reported as not checked.
    public var evidence: [Evidence: EvidenceStatus]
    /// Whether evidence is named by its full path (`--with-paths`) or by its file name only: a path
    /// names the user's home folder, and reports are shared.
    public var evidencePaths: Bool
    /// The member a team copy was pulled from (`team/walks/AUTHOR/`); nil for a walk of this machine.
    public var author: String?
    /// The agency's review of the walk as pulled from the team (SPEC 8.3), nil when none was.
    public var review: ReviewTrail?

    public init(
        walk: Walk, file: String?, problems: [String] = [], evidence: [Evidence: EvidenceStatus] = [:], evidencePaths: Bool = false, author: String? = nil,
        review: ReviewTrail? = nil
    ) {
        self.walk = walk
        self.author = author
        self.review = review
        self.file = file
        self.problems = problems
        self.evidence = evidence
        self.evidencePaths = evidencePaths
    }

    /// How a piece of evidence is named in this report: its path, or its file name.
    public func name(of evidence: Evidence) -> String {
        guard !evidencePaths, let slash = evidence.path.lastIndex(of: "/") else { return evidence.path }
        let name = evidence.path[evidence.path.index(after: slash)...]
        return name.isEmpty ? evidence.path : String(name)
    }

    /// The status of a piece of evidence, nil when it was not checked.
    public func status(of evidence: Evidence) -> EvidenceStatus? { self.evidence[evidence] }
}

/// The report formats of `journeywalk report`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, md, csv, json, html, mermaid

    /// The file extension an export uses.
    public var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .md: return "md"
        case .csv: return "csv"
        case .json: return "json"
        case .html: return "html"
        case .mermaid: return "mmd"
        }
    }
}

/// Reports are pure functions from walks to text.
public enum Report {
    /// The report of walks in a format; with `redact`, names of people are replaced by `Person 1`,
    /// `Person 2`… (the same name by the same placeholder throughout the report).
    public static func render(_ inputs: [ReportInput], as format: ReportFormat, redact: Bool = false) -> String {
        let inputs = redact ? PeopleRedaction.redact(inputs) : inputs
        switch format {
        case .text: return TextReport.render(inputs)
        case .md: return MarkdownReport.render(inputs)
        case .csv: return CSVReport.render(inputs)
        case .json: return JSONReport.render(inputs)
        case .html: return HTMLReport.render(inputs)
        case .mermaid: return MermaidReport.render(inputs)
        }
    }
}
