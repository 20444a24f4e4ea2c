/// One thing wrong with a journey file, at a line and column (1-based; 0 when it is about the whole file).
public struct JourneyProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE:COLUMN: message`, the form editors and CI logs can jump to.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}

/// Every problem found in a journey file; loading stops only after all are collected.
public struct JourneyLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    public var problems: [JourneyProblem]

    public init(problems: [JourneyProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
