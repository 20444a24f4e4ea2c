import PostgresNIO

/// The people of a team: a PostgreSQL login role each, a member of the team's group role, with
/// their journeywalk role in `journeywalk.members` (SPEC 8.1).
public enum TeamMembers {
    public static let roles = ["shopper", "leader", "trainer", "reviewer", "client", "admin"]

    public struct Member: Equatable, Sendable {
        public var name: String
        public var role: String
        public var addedAt: String
        public var addedBy: String
    }

    /// A member name: a PostgreSQL role name journeywalk can also use as a folder name.
    public static func checkName(_ name: String) throws(TeamError) {
        let ok = !name.isEmpty && name.utf8.count <= 63 && name.first.map { $0.isLetter || $0 == "_" } == true
            && name.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x2D || $0 == 0x2E }
        guard ok else {
            throw TeamError("`\(name)` cannot be a member name: letters, digits, _ - and . only, starting with a letter, at most 63")
        }
        guard !name.lowercased().hasPrefix("pg_"), !name.hasPrefix("journeywalk_") else {
            throw TeamError("`\(name)` cannot be a member name: names starting pg_ or journeywalk_ are the server's and the team's own")
        }
    }

    /// Adds a person: creates their login role with the password's SCRAM verifier (computed here;
    /// the password itself is never sent), puts it in the team's group and records the role. A
    /// login that already exists on the server (a person in two teams) keeps its password.
    public static func add(_ server: TeamConnection, name: String, role: String, password: String) async throws(TeamError) -> Bool {
        try checkName(name)
        guard roles.contains(role) else { throw TeamError("`\(role)` is not a role: \(roles.joined(separator: ", "))") }
        guard password.count >= 8 else { throw TeamError("the password must be at least 8 characters") }
        _ = try await TeamSchema.requireTeam(server)
        let group = try await groupRole(server)
        return try await server.transaction { () async throws(TeamError) -> Bool in
            if try await server.value("SELECT name FROM journeywalk.members WHERE name = \(name)", as: String.self) != nil {
                throw TeamError("\(name) is already a member of this team (journeywalk team member list)")
            }
            let exists = try await server.value("SELECT 1 FROM pg_roles WHERE rolname = \(name)", as: Int32.self) != nil
            if !exists {
                let verifier = ScramVerifier.verifier(password: password, salt: ScramVerifier.newSalt())
                let extra = role == "admin" ? " CREATEROLE" : ""
                try await server.rows(PostgresQuery(unsafeSQL: "CREATE ROLE \(TeamSchema.quoted(name)) LOGIN\(extra) PASSWORD \(TeamSchema.literal(verifier))"))
            }
            let admin = role == "admin" ? " WITH ADMIN OPTION" : ""
            try await server.rows(PostgresQuery(unsafeSQL: "GRANT \(TeamSchema.quoted(group)) TO \(TeamSchema.quoted(name))\(admin)"))
            try await server.rows("INSERT INTO journeywalk.members (name, role) VALUES (\(name), \(role))")
            return !exists
        }
    }

    public static func list(_ server: TeamConnection) async throws(TeamError) -> [Member] {
        _ = try await TeamSchema.requireTeam(server)
        var members: [Member] = []
        try await server.stream("SELECT name, role, to_char(added_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), added_by FROM journeywalk.members ORDER BY name") { row throws(TeamError) in
            do {
                let (name, role, at, by) = try row.decode((String, String, String, String).self)
                members.append(Member(name: name, role: role, addedAt: at, addedBy: by))
            } catch {
                throw TeamError("the team server sent a member journeywalk cannot read: \(error)")
            }
        }
        return members
    }

    /// Takes a person off the team: their row and their group membership go; their login role and
    /// everything they pushed stay (the walks are the team's record; a login may serve other teams).
    public static func remove(_ server: TeamConnection, name: String) async throws(TeamError) {
        _ = try await TeamSchema.requireTeam(server)
        let group = try await groupRole(server)
        try await server.transaction { () async throws(TeamError) in
            guard try await server.value("DELETE FROM journeywalk.members WHERE name = \(name) RETURNING name", as: String.self) != nil else {
                throw TeamError("\(name) is not a member of this team (journeywalk team member list)")
            }
            if try await server.value("SELECT 1 FROM pg_roles WHERE rolname = \(name)", as: Int32.self) != nil {
                try await server.rows(PostgresQuery(unsafeSQL: "REVOKE \(TeamSchema.quoted(group)) FROM \(TeamSchema.quoted(name))"))
            }
        }
    }

    static func groupRole(_ server: TeamConnection) async throws(TeamError) -> String {
        guard let group = try await server.value("SELECT value FROM journeywalk.settings WHERE key = 'group_role'", as: String.self) else {
            throw TeamError("the team's settings have no group role: its owner runs journeywalk team init")
        }
        return group
    }

    /// The signed-in member's role, or nil when they are not a member.
    public static func myRole(_ server: TeamConnection) async throws(TeamError) -> String? {
        try await server.value("SELECT journeywalk.member_role()", as: String.self)
    }
}
