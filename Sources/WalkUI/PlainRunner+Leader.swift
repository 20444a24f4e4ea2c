import JourneyKit

/// The leader's words in the plain walk: tags, recovery, praise and actions. Each drives the same
/// panel the full-screen walk opens, with its own keys, so the records are the same.
extension PlainWalk {
    /// Types text into the field or filter that has the keys, replacing what is there.
    /// `holder` names what takes the text (`Praise`), for saying so when it is longer than that holds.
    private mutating func replaceText(_ text: String, into holder: String? = nil) {
        send(.control("u"))
        for character in text where !Self.isControl(character) {
            send(.char(character == "\t" ? " " : character))
        }
        if let holder { sayIfCut(text, holder) }
    }

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
        sendWalk(.tags)
        guard case .tags? = state.panel else {
            refuse("tags cannot be set here")
            return false
        }
        send(.control("x"))
        for id in wanted where !(state.panel.map { panel in
            if case .tags(let picker) = panel { return picker.chosen.contains(id) }
            return false
        } ?? true) {
            replaceText(id)
            send(.char(" "))
        }
        replaceText("")
        send(.tab)
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
        sendWalk(.recovery)
        guard case .recovery? = state.panel else {
            // Not a misery moment: the marks were not recorded, which a script must hear of.
            let why = state.message?.text ?? "recovery cannot be checked here"
            state.message = nil
            refuse(why)
            return false
        }
        for (index, mark) in marks.enumerated() {
            for _ in 0..<3 { send(.left) }
            for _ in 0..<index { send(.right) }
            send(mark == "y" ? .char("y") : mark == "n" ? .char("n") : .char("-"))
        }
        send(.escape)
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
        sendWalk(.praise)
        guard case .praise? = state.panel else { return true }
        send(.up)
        replaceText(to, into: "Whom praise is for")
        send(.tab)
        replaceText(line, into: "Praise")
        send(.enter)
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
        sendWalk(.action)
        guard case .action? = state.panel else { return true }
        send(.up)
        send(.up)
        for (index, (part, holder)) in [(parts[0], "An action's text"), (parts[1], "An action's owner"), (due, "A due date")].enumerated() {
            replaceText(part, into: holder)
            send(index == 2 ? .enter : .tab)
        }
        closeLeftPanel()
        return true
    }

    /// A panel still open after its save (the disk refused it): close it, keeping the text as a draft.
    private mutating func closeLeftPanel() {
        guard state.panel != nil else { return }
        let failure = state.message
        send(.escape)
        if failure?.kind == .error { state.message = failure }
    }
}
