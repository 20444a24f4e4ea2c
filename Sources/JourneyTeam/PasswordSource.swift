import Foundation
import JourneyStore

/// Where a member's password comes from, by libpq's rules: `PGPASSWORD`, else the password file
/// (`PGPASSFILE`, default `~/.pgpass`) when it is a regular file no one else can read. journeywalk
/// never stores a password itself.
public enum PasswordSource {
    public static func password(for address: TeamAddress, environment: [String: String]) -> String? {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let file = environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["HOME"].map { $0 + "/.pgpass" }
        guard let file, let text = readPrivate(file) else { return nil }
        return match(in: text, address: address)
    }

    /// The password of the first line that matches the address (`host:port:database:user:password`,
    /// `*` for any, `\:` and `\\` escaped); a Unix socket matches `localhost` or its folder.
    public static func match(in text: String, address: TeamAddress) -> String? {
        let hosts: [String] = address.socketFolder.map { ["localhost", $0] } ?? [address.host ?? ""]
        for line in text.split(separator: "\n") {
            if line.hasPrefix("#") { continue }
            let fields = split(line)
            guard fields.count == 5 else { continue }
            func matches(_ field: String, _ value: String) -> Bool { field == "*" || field == value }
            guard hosts.contains(where: { matches(fields[0], $0) }), matches(fields[1], String(address.port)),
                  matches(fields[2], address.database), matches(fields[3], address.user) else { continue }
            return fields[4]
        }
        return nil
    }

    private static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":", fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current.hasSuffix("\r") ? String(current.dropLast()) : current)
        return fields
    }

    /// The file's text when it is a regular file of mode 0600 or stricter (libpq ignores a password
    /// file that others can read, and so does journeywalk).
    private static func readPrivate(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_mode & 0o077 == 0,
              let bytes = try? PosixFile.read(path, limit: 1 << 20) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }
}
