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

    public init(walk: Walk, file: String?, problems: [String] = []) {
        self.walk = walk
        self.file = file
        self.problems = problems
    }
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
    public static func render(_ inputs: [ReportInput], as format: ReportFormat) -> String {
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
