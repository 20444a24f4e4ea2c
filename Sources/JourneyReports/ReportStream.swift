import Foundation
import JourneyKit

/// A report of many walks written a walk at a time, byte for byte what `Report.render` gives for
/// all of them, so that `report --all` never holds every walk (or every walk's text) at once, and
/// the pieces can be rendered on several cores. Formats that cannot be cut so (HTML, Mermaid) are
/// not streamed: `init` returns nil and the caller renders them whole.
public struct ReportStream: Sendable {
    public let format: ReportFormat
    private let separator: String

    /// A stream of walks in a format.
    public init?(format: ReportFormat) {
        self.format = format
        switch format {
        case .json:
            separator = ","
        case .csv:
            separator = ""
        case .text, .md:
            // How the format joins walks, told by a small walk rendered once and twice.
            let header = WalkHeader(
                walkID: "sample", journey: Journey(id: "sample", title: "Sample", stages: [Stage(name: "Stage", touchpoints: [Touchpoint(id: "t", title: "T")])]),
                journeyPath: nil, journeyFingerprint: "", details: WalkDetails(), started: Date(timeIntervalSince1970: 0))
            let sample = ReportInput(walk: Walk(header: header), file: nil)
            let one = Report.render([sample], as: format)
            let two = Report.render([sample, sample], as: format)
            guard two.count >= 2 * one.count, two.hasPrefix(one), two.hasSuffix(one) else { return nil }
            separator = String(two.dropFirst(one.count).dropLast(one.count))
        case .html, .mermaid:
            return nil
        }
    }

    /// The walk's own text (pure: call it on any thread); `join` puts it in its place.
    public func render(_ input: ReportInput) -> String {
        var whole = Report.render([input], as: format)
        // In place: `dropLast` on a String counted every character of the walk's text first.
        if format == .json, whole.hasSuffix("\n") { whole.removeLast() }
        return whole
    }

    /// A walk's text as it goes after the ones before it (`first` for the first walk written).
    public func join(_ piece: String, first: Bool) -> String {
        if first { return piece }
        if format == .csv {
            guard let end = piece.range(of: "\r\n") else { return piece }
            return String(piece[end.upperBound...])
        }
        return separator + piece
    }

    /// Written before the first walk and after the last, for `count` walks.
    public func head(count: Int) -> String { format == .json && count > 1 ? "[" : "" }
    public func tail(count: Int) -> String { format == .json ? (count > 1 ? "]\n" : "\n") : "" }
}
