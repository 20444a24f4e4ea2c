import JourneyKit

/// The leader's words in the plain walk: tags, recovery, praise and actions. Each is an intent
/// that fills the same panel the full-screen walk opens and saves it, so the records are the same.
extension PlainWalk {
    /// `tags`: list; `tags ID…`: set the whole set; `tags none`: remove them. False when refused.
    mutating func setTags(_ text: String) -> Bool {
        let moment = state.currentMoment
        let catalogue = TagCatalog.tags(for: state.journey)
        if text.isEmpty {
            let current = moment.tags.map { TagCatalog.tag($0, in: state.journey).map { "\($0.id) (\($0.label))" } ?? "\($0) (not in the catalogue)" }
            say("Tags: " + (current.isEmpty ? "none" : current.joined(separator: ", ")))
            let kind: TagDefinition.Kind? = moment.rating?.verdict == .misery ? .misery : moment.rating?.verdict == .magic ? .magic : nil
            for group in TagDefinition.Kind.allCases.sorted(by: { a, _ in a == kind }) {
                say("\(group.rawValue.capitalized) tags: " + catalogue.filter { $0.kind == group }.map(\.id).joined(separator: " "))
            }
            return false
        }
        let wanted = text.lowercased() == "none" ? [] : text.split { $0 == " " || $0 == "," || $0 == "\t" }.map(String.init)
        let known = Set(catalogue.map(\.id) + moment.tags)
        if let unknown = wanted.first(where: { !known.contains($0) }) {
            refuse("'\(unknown)' is not a tag of this journey", hint: "tags lists them")
            return false
        }
        perform(.intent(.setTags(wanted)))
        guard state.message != nil else {
            refuse("tags cannot be set here")
            return false
        }
        closeLeftPanel()
        return true
    }

    /// `recovery`: say it; `recovery y n -`: mark the three steps. False when refused.
    mutating func setRecovery(_ text: String) -> Bool {
        let marks = text.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
        if text.isEmpty {
            let recovery = state.currentMoment.recovery
            let words = zip(RecoveryStrip.Step.allCases, RecoveryStrip.marks(recovery)).map { step, mark in
                "\(step.label.lowercased()) " + (mark == true ? "done" : mark == false ? "not done" : "not marked")
            }
            say("Recovery: " + words.joined(separator: ", "))
            return false
        }
        guard marks.count == 3, marks.allSatisfy({ ["y", "n", "-"].contains($0) }) else {
            refuse("recovery takes three marks, y, n or -, for apology, reassurance and restitution (recovery y n -)")
            return false
        }
        perform(.intent(.setRecovery(marks.map { $0 == "y" ? true : $0 == "n" ? false : nil })))
        guard case .recovery? = state.panel else {
            // Not a misery moment: the marks were not recorded, which a script must hear of.
            let why = state.message?.text ?? "recovery cannot be checked here"
            state.message = nil
            refuse(why)
            return false
        }
        closeLeftPanel()
        return true
    }

    /// `praise`: read it; `praise TO: TEXT`: write it; `praise none`: remove it. False when refused.
    mutating func setPraise(_ text: String) -> Bool {
        if text.isEmpty {
            let praise = state.currentMoment.praise
            say("Praise: " + (praise.map { "\($0.to): \($0.text)" } ?? "none"))
            return false
        }
        var to = ""
        var line = ""
        if text.lowercased() != "none" {
            guard let colon = text.firstIndex(of: ":") else {
                refuse("write praise as TO: TEXT, such as praise Amira at the till: remembered my name")
                return false
            }
            to = String(text[..<colon]).trimmingSpaces
            line = String(text[text.index(after: colon)...]).trimmingSpaces
            guard !to.isEmpty, !line.isEmpty else {
                refuse("praise needs both whom it is for and what for (praise TO: TEXT)")
                return false
            }
        }
        perform(.intent(.setPraise(to: to, text: line)))
        sayIfCut(to, "Whom praise is for")
        sayIfCut(line, "Praise")
        closeLeftPanel()
        return true
    }

    /// `action`: list the moment's actions; `action TEXT | OWNER | DUE`: add one. False when refused.
    mutating func addAction(_ text: String) -> Bool {
        if text.isEmpty {
            let actions = state.currentMoment.actions
            say("Actions: " + (actions.isEmpty ? "none" : ""))
            for action in actions {
                say("- \(action.id) \(action.text) · \(action.owner)" + (action.due.map { " · due \($0)" } ?? "") + " · \(action.status.rawValue)")
            }
            return false
        }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        guard parts.count == 2 || parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            refuse("write an action as TEXT | OWNER | DUE, such as action Fix the door sign | Sam | fri (the due date may be left out)")
            return false
        }
        let due = parts.count == 3 ? parts[2] : ""
        do {
            _ = try DueDate.parse(due, today: state.today)
        } catch {
            refuse(error.description)
            return false
        }
        perform(.intent(.addAction(text: parts[0], owner: parts[1], due: due)))
        for (part, holder) in [(parts[0], "An action's text"), (parts[1], "An action's owner"), (due, "A due date")] {
            sayIfCut(part, holder)
        }
        closeLeftPanel()
        return true
    }

    /// A panel still open after its save (the disk refused it): close it, keeping the text as a draft.
    private mutating func closeLeftPanel() {
        guard state.panel != nil else { return }
        let failure = state.message
        perform(.intent(.closePanel))
        if failure?.kind == .error { state.message = failure }
    }
}
