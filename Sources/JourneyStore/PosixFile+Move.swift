import Glibc

extension PosixFile {
    /// Moves a file to a new name in the same file system without ever replacing what is there:
    /// fails with "File exists" when `destination` exists. Both folders are flushed afterwards.
    public static func moveWithoutReplacing(_ source: String, to destination: String) throws(FileError) {
        if link(source, destination) == 0 {
            guard unlink(source) == 0 else {
                let code = errno
                unlink(destination)
                throw FileError(path: source, errno: code)
            }
        } else {
            let code = errno
            // File systems without hard links: check, then rename (a race here needs a second writer of the same name).
            guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EMLINK else {
                throw FileError(path: code == EEXIST ? destination : source, errno: code)
            }
            guard !nameTaken(destination) else { throw FileError(path: destination, errno: EEXIST) }
            guard rename(source, destination) == 0 else { throw FileError(path: source, errno: errno) }
        }
        let from = parentFolder(of: source)
        let to = parentFolder(of: destination)
        syncFolder(from.isEmpty ? "." : from)
        if to != from { syncFolder(to.isEmpty ? "." : to) }
    }

    /// Whether anything (a file, folder, link, even a dangling one) has this name.
    public static func nameTaken(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
