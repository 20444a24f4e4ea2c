import Glibc

extension PosixFile {
    /// The first line of a regular file (without its newline), reading no further than needed;
    /// nil when the path is not a regular file or cannot be read. Never blocks on a FIFO.
    public static func firstLine(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var line: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return line }
            if let newline = buffer[0..<count].firstIndex(of: 0x0A) {
                line.append(contentsOf: buffer[0..<newline])
                return line
            }
            line.append(contentsOf: buffer[0..<count])
        }
    }

    /// Whether two paths name the same file or folder (same device and inode), however they are
    /// written: through a symbolic link, relative or absolute.
    public static func isSameFile(_ first: String, _ second: String) -> Bool {
        isSameFolder(first, second)
    }

    /// Whether two folder paths name the same folder (same device and inode), however they are written.
    public static func isSameFolder(_ first: String, _ second: String) -> Bool {
        var a = stat()
        var b = stat()
        return stat(first.isEmpty ? "." : first, &a) == 0 && stat(second.isEmpty ? "." : second, &b) == 0
            && a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }
}
