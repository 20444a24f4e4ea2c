import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The time zone `TZ` names, read as the C library reads it: unset, the system's zone
/// (`/etc/localtime`); empty, UTC; a zone file, by name under the zone folder (`Europe/Paris`,
/// `:Europe/Paris`) or by path; else a POSIX rule (`<-03>3`, `CET-1CEST,M3.5.0,M10.5.0/3`); anything
/// else is no zone, which the C library reads as UTC without a word, and which is said here.
public struct SystemTimeZone: Sendable {
    /// What `TZ` names.
    public enum Reading: Equatable, Sendable {
        /// `TZ` is not set: the system's zone.
        case systemDefault
        /// A zone file in the zone folder, by its name (`Europe/Paris`, `UTC`).
        case named(String)
        /// A zone file by a path outside the zone folder: the C library's offsets.
        case file(String)
        /// A POSIX rule without a name: the C library's offsets.
        case rule(String)
        /// Not a zone: the C library reads it as UTC.
        case unknown(String)
    }

    /// Where zone files are looked for: `TZDIR`, else `/usr/share/zoneinfo`, as the C library does.
    public static let defaultFolder = "/usr/share/zoneinfo"

    public let reading: Reading
    /// Local times are typed and shown in this zone.
    public let zone: LocalZone
    /// The zone's name for a walk header (`time_zone`): nil for a zone known only by its offsets.
    public let name: String?
    /// One line for standard error when `TZ` names no zone; nil otherwise.
    public var warning: String? { Self.warning(reading, zoneFolder: zoneFolder) }
    private let zoneFolder: String

    /// The zone `tz` names (the value of `TZ`, nil when unset), with zone files looked for in
    /// `zoneFolder`. Offsets of rules and of files Foundation does not know come from the C
    /// library, which reads the process's own `TZ`: give this process's `TZ` for those.
    public init(tz: String?, zoneFolder: String = defaultFolder) {
        reading = Self.reading(tz, zoneFolder: zoneFolder)
        self.zoneFolder = zoneFolder
        let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
        switch reading {
        case .systemDefault:
            // Foundation reads /etc/localtime's link; a copied file it may not name: then the C library's offsets.
            let current = TimeZone.current
            let now = Date()
            if current.secondsFromGMT(for: now) == Self.cLibraryOffset(at: now) {
                zone = LocalZone(current)
                name = current.identifier
            } else {
                zone = LocalZone(offsets: Self.cLibraryOffset)
                name = nil
            }
        case .named(let identifier):
            // A zone file Foundation does not know by that name (`posix/…`, a team's own): the C library's offsets.
            if let named = TimeZone(identifier: identifier) {
                zone = LocalZone(named)
                name = identifier
            } else {
                zone = LocalZone(offsets: Self.cLibraryOffset)
                name = nil
            }
        case .file, .rule:
            zone = LocalZone(offsets: Self.cLibraryOffset)
            name = nil
        case .unknown:
            zone = LocalZone(utc)
            name = "UTC"
        }
    }

    /// The line for standard error when `tz` (the value of `TZ`) names no zone; nil when it names
    /// one. Reads no zone data, so a command can say it before anything else.
    public static func warning(tz: String?, zoneFolder: String = defaultFolder) -> String? {
        warning(reading(tz, zoneFolder: zoneFolder), zoneFolder: zoneFolder)
    }

    private static func warning(_ reading: Reading, zoneFolder: String) -> String? {
        guard case .unknown(let text) = reading else { return nil }
        return "TZ='\(TerminalText.sanitize(text))' is not a time zone this system knows (no zone file of that name in \(zoneFolder), "
            + "not a POSIX rule such as <-03>3): times are read and shown in UTC"
    }

    /// This process's `TZ` and zone folder (`TZDIR`, else `/usr/share/zoneinfo`).
    public static var environment: (tz: String?, zoneFolder: String) {
        let environment = ProcessInfo.processInfo.environment
        return (environment["TZ"], environment["TZDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultFolder)
    }

    /// The zone of this process, from its `TZ` (and `TZDIR`).
    public static let current: SystemTimeZone = {
        tzset()
        return SystemTimeZone(tz: environment.tz, zoneFolder: environment.zoneFolder)
    }()

    /// What a `TZ` value names, as the C library reads it: a zone file is looked for first (a
    /// leading `:` is dropped), then the text is read as a POSIX rule. Reads no zone data.
    public static func reading(_ tz: String?, zoneFolder: String = defaultFolder) -> Reading {
        guard let tz else { return .systemDefault }
        let text = tz.hasPrefix(":") ? String(tz.dropFirst()) : tz
        if text.isEmpty { return .named("UTC") }
        let path = text.hasPrefix("/") ? text : zoneFolder + "/" + text
        if isZoneFile(path) {
            let folder = zoneFolder.hasSuffix("/") ? zoneFolder : zoneFolder + "/"
            let identifier = text.hasPrefix(folder) ? String(text.dropFirst(folder.count)) : text
            return identifier.hasPrefix("/") ? .file(text) : .named(identifier)
        }
        if isRule(text) { return .rule(text) }
        // Without the zone files, the C library still reads UTC and GMT as UTC.
        if text == "UTC" || text == "GMT" { return .named("UTC") }
        return .unknown(tz)
    }

    /// Whether `path` is a zone file (a regular file beginning `TZif`).
    static func isZoneFile(_ path: String) -> Bool {
        guard !path.split(separator: "/").contains(".."), let file = fopen(path, "rb") else { return false }
        defer { fclose(file) }
        var info = stat()
        guard fstat(fileno(file), &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        var magic = [UInt8](repeating: 0, count: 4)
        return fread(&magic, 1, 4, file) == 4 && magic == Array("TZif".utf8)
    }

    /// Whether `text` is a POSIX `TZ` rule: a name and an offset, optionally a summer-time name,
    /// its offset and the two dates it starts and ends (`CET-1CEST,M3.5.0,M10.5.0/3`).
    public static func isRule(_ text: String) -> Bool {
        var scanner = RuleScanner(Array(text.utf8))
        guard scanner.name(), scanner.time(maxHours: 24) else { return false }
        if scanner.atEnd { return true }
        guard scanner.name() else { return false }
        if !scanner.atEnd, scanner.peek != UInt8(ascii: ",") { guard scanner.time(maxHours: 24) else { return false } }
        if scanner.atEnd { return true }
        for _ in 0..<2 {
            guard scanner.take(","), scanner.date() else { return false }
            if scanner.take("/") { guard scanner.time(maxHours: 167) else { return false } }
        }
        return scanner.atEnd
    }

    /// The C library's offset from UTC at `date` in this process's zone.
    @Sendable static func cLibraryOffset(at date: Date) -> Int {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return 0 }
        return Int(parts.tm_gmtoff)
    }
}

/// Reads the parts of a POSIX `TZ` rule.
private struct RuleScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }
    var peek: UInt8? { atEnd ? nil : bytes[index] }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard peek == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// `CET`, or `<-03>` (letters, digits, `+` and `-`), at least three characters.
    mutating func name() -> Bool {
        let isLetter = { (byte: UInt8) in (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        if take("<") {
            let start = index
            while let byte = peek, isLetter(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { index += 1 }
            return index - start >= 3 && take(">")
        }
        let start = index
        while let byte = peek, isLetter(byte) { index += 1 }
        return index - start >= 3
    }

    /// `[+-]h[h][:mm[:ss]]`, hours up to `maxHours`.
    mutating func time(maxHours: Int) -> Bool {
        _ = take("+") || take("-")
        guard let hours = number(maxDigits: maxHours > 99 ? 3 : 2), hours <= maxHours else { return false }
        for _ in 0..<2 {
            guard take(":") else { return true }
            guard let part = number(maxDigits: 2), part <= 59 else { return false }
        }
        return true
    }

    /// `Jn` (1–365, no 29 February), `n` (0–365) or `Mm.w.d` (month, week 1–5, weekday 0–6).
    mutating func date() -> Bool {
        if take("J") { return number(maxDigits: 3).map { (1...365).contains($0) } ?? false }
        if take("M") {
            guard let month = number(maxDigits: 2), (1...12).contains(month), take("."),
                  let week = number(maxDigits: 1), (1...5).contains(week), take("."),
                  let day = number(maxDigits: 1), day <= 6 else { return false }
            return true
        }
        return number(maxDigits: 3).map { $0 <= 365 } ?? false
    }

    private mutating func number(maxDigits: Int) -> Int? {
        let start = index
        var value = 0
        while let byte = peek, (0x30...0x39).contains(byte), index - start < maxDigits {
            value = value * 10 + Int(byte - 0x30)
            index += 1
        }
        return index > start ? value : nil
    }
}
