import JourneyKit

/// Draws the home screen: sections for returned walks, journeys, unfinished walks and files with problems.
public enum HomeScreen {
    /// The heading of the built-in samples, offered when no journey file is found.
    static let sampleSection = "Walk a built-in sample (no journey files in ./journeys or the data folder)"
    /// The heading of the walks the team's reviewer returned (SPEC 8.3).
    static let returnedSection = "Returned for corrections: correct, then journeywalk submit"

    public static func render(_ state: HomeState, into canvas: inout Canvas) {
        if canvas.width < minimumTerminalSize.width || canvas.height < minimumTerminalSize.height {
            ScreenParts.tooSmall(&canvas, needs: minimumTerminalSize, note: "")
            return
        }
        let walks = state.items.filter { if case .unfinished = $0 { return true } else { return false } }.count
        let inReview = state.teamInReview > 0 ? " · \(state.teamInReview) in review" : ""
        let waiting = state.teamWaiting > 0 ? " · \(state.teamWaiting) to push" : ""
        ScreenParts.titleBar(&canvas, left: "journeywalk · walk your customer journey", right: Counted.text(walks, "unfinished walk") + inReview + waiting)
        var lines: [(text: String, detail: String, role: Role, item: Int?, detailRole: Role)] = []
        var lastSection = ""
        for (index, item) in state.items.enumerated() {
            let section: String
            let text: String
            let detail: String
            var detailRole = Role.dim
            switch item {
            case .returned(let walk):
                section = returnedSection
                text = walk.title
                detail = "by \(walk.reviewer)" + (walk.dueText.map { " · due " + $0 } ?? "") + (walk.late ? " · LATE" : "")
                if walk.late { detailRole = .warning }
            case .assignment(let id, let title, let location, let due, let window, let overdue):
                section = "Your assignments: walk one (journeywalk walk --assignment ID)"
                text = title + " · " + location
                detail = "due \(due)" + (window.map { " " + $0 } ?? "") + " · #\(id)" + (overdue ? " · OVERDUE" : "")
                if overdue { detailRole = .warning }
            case .journey(let id, let title, _, _, let touchpoints):
                section = "Walk a journey"
                text = title
                detail = "\(id) · \(Counted.text(touchpoints, "touchpoint"))"
            case .sample(let id, let title, _, let touchpoints):
                section = sampleSection
                text = title
                detail = "\(id) · \(Counted.text(touchpoints, "touchpoint"))"
            case .unfinished(_, let title, let started, let recorded, let total):
                section = "Resume an unfinished walk"
                text = title
                detail = "\(recorded)/\(total) recorded · \(started)"
            case .review(let walks, let unreadable):
                section = "Review"
                text = "Review saved walks"
                detail = Counted.text(walks, "walk") + (unreadable > 0 ? " · " + Counted.text(unreadable, "file") + " cannot be read" : "")
            case .broken(let path, let problem):
                section = "Journey files with problems (journeywalk journeys validate)"
                text = path
                detail = problem
            case .installSamples(let folder, let count):
                // The samples can be walked as they are (listed above it): installing is for editing them.
                section = sampleSection
                text = "Install the \(count) sample journeys"
                detail = "into \(folder), to edit"
            }
            if section != lastSection {
                if !lastSection.isEmpty { lines.append(("", "", .normal, nil, .dim)) }
                lines.append((section, "", .heading, nil, .dim))
                lastSection = section
            }
            lines.append((text, detail, item.isSelectable ? .normal : .warning, index, detailRole))
        }
        if state.items.isEmpty {
            lines.append(("No journeys found in ./journeys or the data folder.", "", .warning, nil, .dim))
            lines.append(("Create one with: journeywalk journeys new NAME", "", .dim, nil, .dim))
        }
        let top = 2
        let height = canvas.height - 4
        let selectedLine = lines.firstIndex { $0.item == state.selection } ?? 0
        let first = max(0, min(selectedLine - height / 2, lines.count - height))
        let titleWidth = min(44, canvas.width * 9 / 20)
        for (offset, line) in lines[first..<min(lines.count, first + height)].enumerated() {
            let row = top + offset
            guard let item = line.item else {
                canvas.put(line.text, row: row, column: 1, role: line.role, limit: canvas.width - 2)
                continue
            }
            let selected = item == state.selection
            if selected {
                canvas.paint(row: row, from: 2, to: canvas.width - 1, role: .selected)
                canvas.put("▸", row: row, column: 1, role: .key)
            }
            canvas.put(line.text, row: row, column: 3, role: selected ? .selected : line.role, limit: titleWidth, ellipsis: true)
            canvas.put(line.detail, row: row, column: 4 + titleWidth, role: selected ? .selected : line.detailRole, limit: canvas.width - titleWidth - 5, ellipsis: true)
        }
        ScreenParts.status(&canvas, state.message)
        ScreenParts.footer(&canvas, items: HomeState.keys.footerItems)
        if let help = state.help { ScreenParts.help(&canvas, map: HomeState.keys, overlay: help) }
    }
}
