/// One entry of a key table: the keys, what they do, and the words the footer and help show.
public struct KeyBinding<Command: Equatable & Sendable>: Sendable {
    public var keys: [Key]
    public var command: Command
    /// A word or two for the footer ("magic").
    public var name: String
    /// A sentence for the `?` overlay and the README.
    public var help: String
    /// The heading the binding sits under in the help overlay.
    public var group: String
    public var inFooter: Bool
    /// How the footer writes the keys when it stands for a pair ("m/M", "←→").
    public var footerKey: String?
    /// Which footer items stay when the terminal is narrow: lower stays longer.
    public var footerPriority: Int

    public init(
        _ keys: [Key], _ command: Command, name: String, help: String, group: String, inFooter: Bool = true,
        footerKey: String? = nil, footerPriority: Int = 5
    ) {
        self.keys = keys
        self.command = command
        self.name = name
        self.help = help
        self.group = group
        self.inFooter = inFooter
        self.footerKey = footerKey
        self.footerPriority = footerPriority
    }

    /// The keys as written for people: `→ l Enter`.
    public var keyLabel: String { keys.map(\.label).joined(separator: " ") }
}

/// A table of key bindings for one mode; the single source for dispatch, footer and help.
public struct KeyMap<Command: Equatable & Sendable>: Sendable {
    public var title: String
    public var bindings: [KeyBinding<Command>]

    public init(title: String, _ bindings: [KeyBinding<Command>]) {
        self.title = title
        self.bindings = bindings
    }

    /// The command bound to a key, if any.
    public func command(for key: Key) -> Command? {
        bindings.first { $0.keys.contains(key) }?.command
    }

    /// The bindings grouped in the order their groups first appear.
    public var groups: [(name: String, bindings: [KeyBinding<Command>])] {
        var order: [String] = []
        var byGroup: [String: [KeyBinding<Command>]] = [:]
        for binding in bindings {
            if byGroup[binding.group] == nil { order.append(binding.group) }
            byGroup[binding.group, default: []].append(binding)
        }
        return order.map { ($0, byGroup[$0] ?? []) }
    }

    /// The footer items: the first key of each footer binding and its name.
    public var footerItems: [FooterItem] {
        bindings.filter(\.inFooter).map {
            FooterItem(key: $0.footerKey ?? $0.keys.first?.label ?? "", name: $0.name, priority: $0.footerPriority)
        }
    }

    /// Lines for a help listing: `  → l Enter   next touchpoint`.
    public var helpLines: [HelpLine] {
        groups.flatMap { group in
            [HelpLine.heading(group.name)] + group.bindings.map { HelpLine.binding(keys: $0.keyLabel, help: $0.help) }
        }
    }
}

/// One item of a footer: `m magic`.
public struct FooterItem: Equatable, Sendable {
    public var key: String
    public var name: String
    public var priority: Int = 5
}

/// A line of the help overlay.
public enum HelpLine: Equatable, Sendable {
    case heading(String)
    case binding(keys: String, help: String)
}
