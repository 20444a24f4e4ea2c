import Foundation
import Glibc
import JourneyKit
import JourneyStore

/// The walk files of a folder with their size, modification time, inode and change time, read
/// with one `stat` each and no file opened, in the folder's own order: what tells the index which
/// files changed since it read them. The change time cannot be set back (`touch -r` sets the
/// modification time only), and a file replaced by another has another inode, so an edit that keeps
/// the size and puts the modification time back is still seen. Every `*.jsonl` name is listed, also
/// one that is not a regular file (a FIFO, a device, a folder, a dangling link): the index keeps it
/// as a file that cannot be read, so every command names it and counts it the same way.
struct WalkFileStamps {
    struct Entry: Equatable {
        var name: String
        /// The member a team copy was pulled from (its folder in `team/walks/`); "" for a walk of
        /// the walks folder itself.
        var author = ""
        var size: Int64
        /// Nanoseconds since 1970.
        var modified: Int64
        var inode: Int64 = 0
        /// The status change time (ctime), nanoseconds since 1970.
        var changed: Int64 = 0
    }

    var entries: [Entry]
    /// The modification time of the shared journey copies' folder (0 when there is none).
    var copiesModified: Int64

    /// The walks folder's files and, with `teamCopies` (`team/walks`), every team copy pulled into
    /// a folder of its author there.
    static func scan(_ folder: String, teamCopies: String? = nil) -> WalkFileStamps {
        var scan = files(folder)
        guard let teamCopies else { return scan }
        for author in PosixFile.list(teamCopies) where TeamFiles.isSafeName(author) {
            scan.entries += files(teamCopies + "/" + author).entries.map { entry in
                var entry = entry
                entry.author = author
                return entry
            }
        }
        return scan
    }

    /// The files of one folder, with the time of its shared journey copies.
    static func files(_ folder: String) -> WalkFileStamps {
        guard let directory = opendir(folder) else { return WalkFileStamps(entries: [], copiesModified: 0) }
        defer { closedir(directory) }
        let fd = dirfd(directory)
        var listed: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasSuffix(".jsonl"), !name.hasPrefix(".") else { continue }
            listed.append(name)
        }
        // One stat per file, on every core.
        let names = listed
        let entries = Parallel.map(names, perWorker: 1024) { name -> Entry? in
            var info = stat()
            // A link is followed; a dangling one is described by the link itself.
            guard fstatat(fd, name, &info, 0) == 0 || fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
            return Entry(
                name: name, size: Int64(info.st_size), modified: nanoseconds(info.st_mtim), inode: Int64(bitPattern: UInt64(info.st_ino)),
                changed: nanoseconds(info.st_ctim))
        }.compactMap { $0 }
        var copies = stat()
        let copiesModified = stat(SharedJourneyCopies.folder(forWalks: folder), &copies) == 0 ? nanoseconds(copies.st_mtim) : 0
        return WalkFileStamps(entries: entries, copiesModified: copiesModified)
    }

    static func nanoseconds(_ time: timespec) -> Int64 { Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec) }
}
