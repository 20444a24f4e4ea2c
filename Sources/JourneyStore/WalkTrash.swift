import Glibc

/// The trash of a data folder (`$JOURNEYWALK_HOME/trash`, mode 0700): walks deleted from `walks/`
/// are moved there whole, so `restore` can bring them back. Nothing in it is ever removed by journeywalk.
public struct WalkTrash: Sendable {
    /// The walks folder walks are deleted from and restored to.
    public var walks: String
    /// The trash folder.
    public var folder: String

    public init(locations: DataLocations) {
        self.walks = locations.walks
        self.folder = locations.home + "/trash"
    }

    /// The walks in the trash: those that load, and the errors of those that do not.
    public func list() -> (walks: [LoadedWalk], errors: [WalkLoadError]) {
        WalkFileCatalog(folder: folder).load()
    }

    /// Moves a walk file of the walks folder into the trash; returns its path there.
    /// Refuses a walk that another process holds open for writing (an exclusive lock on the file).
    @discardableResult
    public func delete(_ path: String) throws(TrashError) -> String {
        guard PosixFile.isFile(path) else {
            throw .file(FileError(path: path, reason: PosixFile.nameTaken(path) ? "not a regular file" : "No such file or directory"))
        }
        if let copy = TeamCopy.at(path) { throw .teamCopy(copy) }
        guard PosixFile.isSameFolder(PosixFile.parentFolder(of: path), walks) else { throw .notInWalks(path: path, walks: walks) }
        do {
            try PosixFile.makeFolder(folder, mode: 0o700)
        } catch {
            throw .file(error)
        }
        // Also tightens a trash folder made by hand or by an older version.
        chmod(folder, 0o700)
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .file(FileError(path: path, reason: String(cString: strerror(errno)))) }
        defer { close(fd) }
        // A writer (resume, a walk, `actions done`) holds an exclusive lock while the file is open for writing.
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            if errno == EWOULDBLOCK { throw .inUse(WalkFileWriter.Busy(path: path, holder: WalkFileWriter.lockHolder(of: path))) }
            throw .file(FileError(path: path, reason: String(cString: strerror(errno))))
        }
        return try Self.move(path, into: folder)
    }

    /// Moves a walk from the trash back into the walks folder; `reference` is a walk id, a unique
    /// id prefix or a path in the trash. Returns the walk's path in the walks folder.
    @discardableResult
    public func restore(_ reference: String) throws(TrashError) -> String {
        let path: String
        do {
            path = try WalkFileCatalog(folder: folder).path(of: reference)
        } catch {
            throw .notInTrash(reference: reference, trash: folder)
        }
        guard PosixFile.isFile(path), PosixFile.isSameFolder(PosixFile.parentFolder(of: path), folder) else {
            throw .notInTrash(reference: reference, trash: folder)
        }
        do {
            try PosixFile.makeFolder(walks, mode: 0o700)
        } catch {
            throw .file(error)
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let destination = walks + "/" + name
        guard !PosixFile.nameTaken(destination) else { throw .nameTaken(path: destination) }
        do {
            try PosixFile.moveWithoutReplacing(path, to: destination)
        } catch {
            throw .file(error)
        }
        return destination
    }

    /// Moves a file into a folder under its own name, or `NAME-2.jsonl`, `NAME-3.jsonl`… when taken.
    static func move(_ path: String, into folder: String) throws(TrashError) -> String {
        let stem = PosixFile.stem(of: path)
        var counter = 1
        while true {
            let destination = folder + "/" + (counter == 1 ? stem : "\(stem)-\(counter)") + ".jsonl"
            do {
                try PosixFile.moveWithoutReplacing(path, to: destination)
                return destination
            } catch {
                guard error.path == destination, PosixFile.nameTaken(destination), counter < 1000 else { throw .file(error) }
                counter += 1
            }
        }
    }

}

/// Why a walk could not be moved to or from the trash.
public enum TrashError: Error, Equatable, Sendable, CustomStringConvertible {
    case notInWalks(path: String, walks: String)
    /// Another process has the walk open for writing; named as `resume` and `walk` name it.
    case inUse(WalkFileWriter.Busy)
    case notInTrash(reference: String, trash: String)
    case nameTaken(path: String)
    case file(FileError)
    /// A team copy pulled from another member: only `journeywalk pull` writes or removes it.
    case teamCopy(TeamCopy)

    public var description: String {
        switch self {
        case .notInWalks(let path, let walks):
            return "\(path): only walks in the walks folder (\(walks)) can be moved to the trash"
        case .inUse(let busy):
            return busy.description
        case .notInTrash(let reference, let trash):
            return "\(reference): no walk file or walk id starting with it in the trash (\(trash))"
        case .nameTaken(let path):
            return "\(path): a walk of that name is in the walks folder already; move one of them away first"
        case .file(let error):
            return error.description
        case .teamCopy(let copy):
            return copy.description
        }
    }
}
