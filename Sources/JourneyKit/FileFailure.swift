/// An error about a file that gives its cause apart from the path, so a message cut at the edge of a
/// screen can lead with the cause ("No space left on device") and end with the path.
public protocol FileFailure: Error {
    /// What went wrong, in the system's words.
    var cause: String { get }
    /// The file it happened to.
    var path: String { get }
}

extension FileFailure {
    /// `No space left on device · /home/sam/…/walk.jsonl`: the cause first, the path last.
    public var causeFirst: String { "\(cause) · \(path)" }
}
