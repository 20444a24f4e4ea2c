/// A record written into its walk file whose flush to disk may still be under way: `wait()` blocks
/// until it is done and says why it failed (nil: the record is on disk). Nothing may be shown as saved
/// before `wait()` said nil. When the flush failed, the record has been taken back out of the file.
public final class RecordFlush {
    private var finish: (() -> Error?)?
    private var failure: Error?

    /// A flush finished by `finish` (called once, by the first `wait()`).
    public init(finish: @escaping () -> Error?) {
        self.finish = finish
    }

    /// A record already on disk.
    public static var done: RecordFlush { RecordFlush { nil } }

    /// Waits until the record is on disk; the error when it could not be put there. Asking again gives the same answer.
    public func wait() -> Error? {
        if let finish {
            self.finish = nil
            failure = finish()
        }
        return failure
    }
}
