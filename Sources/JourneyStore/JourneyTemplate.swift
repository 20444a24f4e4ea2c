import Glibc

/// The starting point `journeywalk journeys new` writes: a small journey that validates.
public enum JourneyTemplate {
    public static func text(title: String, id: String) -> String {
        let quoted = "\"" + title.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            default: return scalar.value < 0x20 || scalar.value == 0x7F ? " " : String(scalar)
            }
        }.joined() + "\""
        return """
            title: \(quoted)
            id: \(id)
            version: 1
            description: |
              What this journey covers, from the customer's first step to the last.
            promise: The brand promise this journey should keep.
            persona: Who the customer is and what they want.
            stages:
              - name: Before
                touchpoints:
                  - title: Find us
                    channel: web
                    prompt: How does the customer find out where and how to start?
                    look_for:
                      - The first search result answers the question
                    target: 2m
              - name: During
                touchpoints:
                  - title: First contact
                    channel: store
                    prompt: Who greets the customer, and how quickly?
                    target: 1m
                    moment_of_truth: true
              - name: After
                touchpoints:
                  - title: Follow-up
                    channel: email
                    prompt: What happens after the customer leaves?

            """
    }

    /// Writes the template to a new file (never over an existing one).
    public static func write(title: String, id: String, to path: String) throws(FileError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError(path: path, errno: errno) }
        defer { close(fd) }
        try PosixFile.writeAll(fd, Array(text(title: title, id: id).utf8), path: path)
        guard fsync(fd) == 0 else { throw FileError(path: path, errno: errno) }
    }
}
