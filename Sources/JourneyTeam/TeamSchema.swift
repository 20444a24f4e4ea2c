import JourneyKit
import PostgresNIO

/// The team's tables in its database, schema `journeywalk`, made and upgraded by numbered migrations
/// (docs/team.md, "The schema"). Every member logs in as their own PostgreSQL role and is a member of
/// the team's group role; the grants go to the group, and row-level security decides which rows each
/// member's role (`journeywalk.members`) reads and writes.
public enum TeamSchema {
    /// The newest schema this build knows.
    public static var version: Int { migrations.count }

    /// The group role of a team's members: `journeywalk_DATABASE` (long names cut and hashed to
    /// PostgreSQL's 63 bytes).
    public static func groupRole(database: String) -> String {
        let name = "journeywalk_" + database
        guard name.utf8.count > 63 else { return name }
        let hash = String(SHA256.hex(Array(database.utf8)).prefix(8))
        var cut = ""
        for character in name where (cut + String(character)).utf8.count <= 54 { cut.append(character) }
        return cut + "_" + hash
    }

    static func quoted(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// Migration N (1-based) as its statements; `group` is the team's group role, quoted.
    static let migrations: [(name: String, statements: @Sendable (String) -> [String])] = [
        ("walks, records, evidence, members", migration1),
        ("review events, states, client copies", migration2),
        ("assignments, rotation", migration3),
        ("one trigger per push, by key", migration4),
        ("a walk found by its key: per statement for records, by key in every look-up", migration5),
    ]

    /// The roles of SPEC 8.1 that push walks of their own.
    static let walkers = "('shopper','trainer','leader','admin')"

    private static func migration1(_ group: String) -> [String] {
        [
            "CREATE SCHEMA journeywalk",
            "REVOKE ALL ON SCHEMA journeywalk FROM PUBLIC",
            """
            CREATE TABLE journeywalk.migrations (
              version int PRIMARY KEY, name text NOT NULL,
              applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT session_user)
            """,
            "CREATE TABLE journeywalk.settings (key text PRIMARY KEY, value text NOT NULL)",
            """
            CREATE TABLE journeywalk.members (
              name text PRIMARY KEY,
              role text NOT NULL CHECK (role IN ('shopper','leader','trainer','reviewer','client','admin')),
              added_at timestamptz NOT NULL DEFAULT now(), added_by text NOT NULL DEFAULT session_user)
            """,
            // The server-side sequence a pull follows. One row, updated by every push transaction and
            // held until it commits, so change numbers become visible in their order: a pull that
            // has seen change N has seen every change below it (no timestamp windows).
            "CREATE TABLE journeywalk.change_counter (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), last bigint NOT NULL)",
            "INSERT INTO journeywalk.change_counter (last) VALUES (0)",
            """
            CREATE FUNCTION journeywalk.member_role() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$ SELECT role FROM journeywalk.members WHERE name = session_user $$
            """,
            """
            CREATE FUNCTION journeywalk.next_change() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE n bigint;
              BEGIN
                IF coalesce(journeywalk.member_role(), '') NOT IN \(walkers) THEN
                  RAISE EXCEPTION 'permission denied: % may not push walks to this team', session_user USING ERRCODE = '42501';
                END IF;
                -- One more than the last, and never below the server's clock in milliseconds: a
                -- server restored from a backup goes on above every number it gave out before, so a
                -- member's pull cursor never skips a change made after the restore.
                UPDATE journeywalk.change_counter
                  SET last = greatest(last + 1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)
                  RETURNING last INTO n;
                RETURN n;
              END $$
            """,
            """
            CREATE FUNCTION journeywalk.last_change() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$ SELECT last FROM journeywalk.change_counter $$
            """,
            """
            CREATE TABLE journeywalk.walks (
              owner text NOT NULL DEFAULT session_user,
              walk_id text NOT NULL CHECK (walk_id ~ '^[A-Za-z0-9_][A-Za-z0-9._-]*$' AND length(walk_id) <= 200),
              journey_id text NOT NULL, journey_title text NOT NULL,
              operator text NOT NULL, location text NOT NULL, walk_role text,
              started timestamptz NOT NULL, format int NOT NULL,
              records int NOT NULL DEFAULT 0, head text,
              finished boolean NOT NULL DEFAULT false, submitted boolean NOT NULL DEFAULT false,
              first_pushed timestamptz NOT NULL DEFAULT now(), last_change bigint NOT NULL DEFAULT 0,
              PRIMARY KEY (owner, walk_id))
            """,
            // A walk is known by its walker and its id: ids are made on each walker's machine (the
            // start time and the journey), so two shoppers who start the same journey in the same
            // second have the same id, and are still two walks.
            """
            CREATE TABLE journeywalk.records (
              owner text NOT NULL DEFAULT session_user,
              walk_id text NOT NULL,
              seq int NOT NULL CHECK (seq >= 1),
              prev text, hash text NOT NULL, line bytea NOT NULL,
              change bigint NOT NULL,
              pushed_at timestamptz NOT NULL DEFAULT now(),
              PRIMARY KEY (owner, walk_id, seq),
              FOREIGN KEY (owner, walk_id) REFERENCES journeywalk.walks)
            """,
            "CREATE INDEX records_by_change ON journeywalk.records (change)",
            // Each record must hash to its hash and follow the walk's record before it (its seq is one
            // more, its prev that record's hash): the server's copy of a walk is a chain too, and a
            // record can only be added at its end (the primary key refuses a second record at a seq).
            """
            CREATE FUNCTION journeywalk.check_record() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE before text;
              BEGIN
                IF NEW.owner IS DISTINCT FROM session_user THEN
                  RAISE EXCEPTION 'permission denied: % may add records only to walks of their own', session_user USING ERRCODE = '42501';
                END IF;
                IF NEW.hash IS DISTINCT FROM encode(sha256(NEW.line), 'hex') THEN
                  RAISE EXCEPTION 'record % of walk % does not hash to its hash', NEW.seq, NEW.walk_id USING ERRCODE = '22000';
                END IF;
                IF NEW.seq = 1 THEN
                  IF NEW.prev IS NOT NULL THEN
                    RAISE EXCEPTION 'record 1 of walk % has a prev', NEW.walk_id USING ERRCODE = '23514';
                  END IF;
                ELSE
                  SELECT hash INTO before FROM journeywalk.records WHERE owner = NEW.owner AND walk_id = NEW.walk_id AND seq = NEW.seq - 1;
                  IF NOT FOUND THEN
                    RAISE EXCEPTION 'record % of walk % does not follow a record % on the server', NEW.seq, NEW.walk_id, NEW.seq - 1 USING ERRCODE = '23514';
                  END IF;
                  IF NEW.prev IS DISTINCT FROM before THEN
                    RAISE EXCEPTION 'record % of walk % does not chain to its record %', NEW.seq, NEW.walk_id, NEW.seq - 1 USING ERRCODE = '23514';
                  END IF;
                END IF;
                NEW.pushed_at := now();
                RETURN NEW;
              END $$
            """,
            "CREATE TRIGGER records_chain BEFORE INSERT ON journeywalk.records FOR EACH ROW EXECUTE FUNCTION journeywalk.check_record()",
            // The walk's row follows its records once per statement: how many, the last hash and
            // change, finished and submitted (read from the records themselves, not from the pusher).
            """
            CREATE FUNCTION journeywalk.follow_records() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              BEGIN
                UPDATE journeywalk.walks w SET records = n.seq, head = n.hash, last_change = n.change,
                    finished = w.finished OR n.finished, submitted = w.submitted OR n.submitted
                  FROM (SELECT DISTINCT ON (owner, walk_id) owner, walk_id, seq, hash, change,
                               bool_or(position('{"type":"finish"'::bytea in line) = 1) OVER (PARTITION BY owner, walk_id) AS finished,
                               bool_or(position('{"type":"submit"'::bytea in line) = 1) OVER (PARTITION BY owner, walk_id) AS submitted
                        FROM added ORDER BY owner, walk_id, seq DESC) n
                  WHERE w.owner = n.owner AND w.walk_id = n.walk_id;
                RETURN NULL;
              END $$
            """,
            "CREATE TRIGGER records_follow AFTER INSERT ON journeywalk.records REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION journeywalk.follow_records()",
            """
            CREATE FUNCTION journeywalk.append_only() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN RAISE EXCEPTION 'journeywalk keeps % append-only: nothing is changed or deleted', TG_TABLE_NAME USING ERRCODE = '42501'; END $$
            """,
            "CREATE TRIGGER records_append_only BEFORE UPDATE OR DELETE ON journeywalk.records FOR EACH ROW EXECUTE FUNCTION journeywalk.append_only()",
            "CREATE TRIGGER records_no_truncate BEFORE TRUNCATE ON journeywalk.records FOR EACH STATEMENT EXECUTE FUNCTION journeywalk.append_only()",
            """
            CREATE TABLE journeywalk.evidence (
              sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
              size bigint NOT NULL, content bytea NOT NULL,
              uploaded_by text NOT NULL DEFAULT session_user, uploaded_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE FUNCTION journeywalk.check_evidence() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE cap bigint := (SELECT value::bigint FROM journeywalk.settings WHERE key = 'evidence_cap_bytes');
              BEGIN
                IF octet_length(NEW.content) <> NEW.size THEN
                  RAISE EXCEPTION 'evidence % is % bytes, not %', NEW.sha256, octet_length(NEW.content), NEW.size USING ERRCODE = '22000';
                END IF;
                IF NEW.size > cap THEN
                  RAISE EXCEPTION 'evidence % is % bytes, over the team''s cap of % bytes', NEW.sha256, NEW.size, cap USING ERRCODE = '54000';
                END IF;
                IF encode(sha256(NEW.content), 'hex') <> NEW.sha256 THEN
                  RAISE EXCEPTION 'evidence does not hash to %', NEW.sha256 USING ERRCODE = '22000';
                END IF;
                NEW.uploaded_by := session_user;
                NEW.uploaded_at := now();
                RETURN NEW;
              END $$
            """,
            "CREATE TRIGGER evidence_checked BEFORE INSERT ON journeywalk.evidence FOR EACH ROW EXECUTE FUNCTION journeywalk.check_evidence()",
            "CREATE TRIGGER evidence_append_only BEFORE UPDATE OR DELETE ON journeywalk.evidence FOR EACH ROW EXECUTE FUNCTION journeywalk.append_only()",
            """
            CREATE TABLE journeywalk.evidence_uses (
              sha256 text NOT NULL REFERENCES journeywalk.evidence,
              owner text NOT NULL DEFAULT session_user, walk_id text NOT NULL,
              PRIMARY KEY (sha256, owner, walk_id), FOREIGN KEY (owner, walk_id) REFERENCES journeywalk.walks)
            """,
            // Evidence is added through this function only: whoever may push may add a file once per
            // hash (the trigger checks the hash, the size and the cap); reading it stays row-level.
            """
            CREATE FUNCTION journeywalk.put_evidence(hash text, bytes bigint, body bytea) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              BEGIN
                IF coalesce(journeywalk.member_role(), '') NOT IN \(walkers) THEN
                  RAISE EXCEPTION 'permission denied: % may not add evidence to this team', session_user USING ERRCODE = '42501';
                END IF;
                INSERT INTO journeywalk.evidence (sha256, size, content) VALUES (hash, bytes, body) ON CONFLICT (sha256) DO NOTHING;
                RETURN FOUND;
              END $$
            """,
            // Which of these hashes the server lacks (a member cannot read another's evidence, only
            // learn that a file with that hash is there, which whoever holds the file knows already).
            """
            CREATE FUNCTION journeywalk.missing_evidence(hashes text[]) RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$ SELECT h FROM unnest(hashes) AS h WHERE NOT EXISTS (SELECT 1 FROM journeywalk.evidence e WHERE e.sha256 = h) $$
            """,
            // Journeys too large for a walk's header, stored once by name (`journeys/.copies/NAME`).
            """
            CREATE TABLE journeywalk.journey_copies (
              name text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9_][A-Za-z0-9._-]*$'),
              content bytea NOT NULL, uploaded_by text NOT NULL DEFAULT session_user)
            """,
            "CREATE TRIGGER journey_copies_append_only BEFORE UPDATE OR DELETE ON journeywalk.journey_copies FOR EACH ROW EXECUTE FUNCTION journeywalk.append_only()",

            // A push of one walk as one statement, and so one transaction: the walk's row if it is new,
            // then the records after the `expected` the pusher saw on the server (refused if another
            // push got there first), under the next change number. SECURITY INVOKER: every row goes
            // through the pusher's row-level security like any insert.
            """
            CREATE FUNCTION journeywalk.append_records(
                walk text, journey text, title text, walker text, place text, walk_role_name text, started_at timestamptz, walk_format int,
                expected int, seqs int[], prevs text[], hashes text[], lines bytea[], evidence text[]) RETURNS bigint LANGUAGE plpgsql
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE held int; c bigint;
              BEGIN
                PERFORM pg_advisory_xact_lock(hashtext(session_user || '/' || walk));
                INSERT INTO journeywalk.walks (walk_id, journey_id, journey_title, operator, location, walk_role, started, format)
                  VALUES (walk, journey, title, walker, place, walk_role_name, started_at, walk_format) ON CONFLICT (owner, walk_id) DO NOTHING;
                SELECT records INTO held FROM journeywalk.walks WHERE owner = session_user AND walk_id = walk;
                IF held IS DISTINCT FROM expected THEN
                  RAISE EXCEPTION 'walk % holds % records on the server, not %: pushed from elsewhere meanwhile', walk, held, expected USING ERRCODE = '40001';
                END IF;
                c := journeywalk.next_change();
                INSERT INTO journeywalk.records (walk_id, seq, prev, hash, line, change)
                  SELECT walk, t.s, nullif(t.p, ''), t.h, t.l, c FROM unnest(seqs, prevs, hashes, lines) AS t(s, p, h, l) ORDER BY t.s;
                INSERT INTO journeywalk.evidence_uses (sha256, walk_id) SELECT e, walk FROM unnest(evidence) AS e ON CONFLICT DO NOTHING;
                RETURN c;
              END $$
            """,

            // Row-level security: the table of SPEC 8.1.
            "ALTER TABLE journeywalk.walks ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE journeywalk.records ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE journeywalk.evidence ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE journeywalk.evidence_uses ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE journeywalk.journey_copies ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE journeywalk.members ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE journeywalk.settings ENABLE ROW LEVEL SECURITY",
            """
            CREATE POLICY walks_read ON journeywalk.walks FOR SELECT USING (
              owner = session_user OR journeywalk.member_role() IN ('leader','admin')
              OR (journeywalk.member_role() = 'reviewer' AND submitted))
            """,
            """
            CREATE POLICY walks_push ON journeywalk.walks FOR INSERT
              WITH CHECK (owner = session_user AND journeywalk.member_role() IN \(walkers))
            """,
            "CREATE POLICY records_read ON journeywalk.records FOR SELECT USING ((owner, walk_id) IN (SELECT owner, walk_id FROM journeywalk.walks))",
            """
            CREATE POLICY records_push ON journeywalk.records FOR INSERT WITH CHECK (
              owner = session_user AND journeywalk.member_role() IN \(walkers))
            """,
            "CREATE POLICY evidence_read ON journeywalk.evidence FOR SELECT USING (sha256 IN (SELECT sha256 FROM journeywalk.evidence_uses))",
            "CREATE POLICY evidence_uses_read ON journeywalk.evidence_uses FOR SELECT USING ((owner, walk_id) IN (SELECT owner, walk_id FROM journeywalk.walks))",
            "CREATE POLICY evidence_uses_push ON journeywalk.evidence_uses FOR INSERT WITH CHECK (owner = session_user)",
            "CREATE POLICY journey_copies_read ON journeywalk.journey_copies FOR SELECT USING (journeywalk.member_role() <> 'client')",
            "CREATE POLICY journey_copies_push ON journeywalk.journey_copies FOR INSERT WITH CHECK (journeywalk.member_role() IN \(walkers))",
            """
            CREATE POLICY members_read ON journeywalk.members FOR SELECT USING (
              name = session_user OR journeywalk.member_role() IN ('admin','leader','reviewer'))
            """,
            "CREATE POLICY members_admin ON journeywalk.members FOR ALL USING (journeywalk.member_role() = 'admin') WITH CHECK (journeywalk.member_role() = 'admin')",
            "CREATE POLICY settings_read ON journeywalk.settings FOR SELECT USING (journeywalk.member_role() IS NOT NULL)",
            "CREATE POLICY settings_admin ON journeywalk.settings FOR UPDATE USING (journeywalk.member_role() = 'admin') WITH CHECK (journeywalk.member_role() = 'admin')",

            // Grants to the team's group role; nothing to PUBLIC.
            "GRANT USAGE ON SCHEMA journeywalk TO \(group)",
            "GRANT SELECT ON journeywalk.migrations TO \(group)",
            "GRANT SELECT, UPDATE ON journeywalk.settings TO \(group)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON journeywalk.members TO \(group)",
            "GRANT SELECT, INSERT ON journeywalk.walks, journeywalk.records, journeywalk.evidence_uses, journeywalk.journey_copies TO \(group)",
            "GRANT SELECT ON journeywalk.evidence TO \(group)",
            "REVOKE ALL ON FUNCTION journeywalk.member_role(), journeywalk.next_change(), journeywalk.last_change(), journeywalk.missing_evidence(text[]), journeywalk.put_evidence(text, bigint, bytea), journeywalk.append_records(text, text, text, text, text, text, timestamptz, int, int, int[], text[], text[], bytea[], text[]) FROM PUBLIC",
            "GRANT EXECUTE ON FUNCTION journeywalk.member_role(), journeywalk.next_change(), journeywalk.last_change(), journeywalk.missing_evidence(text[]), journeywalk.put_evidence(text, bigint, bytea), journeywalk.append_records(text, text, text, text, text, text, timestamptz, int, int, int[], text[], text[], bytea[], text[]) TO \(group)",
            "INSERT INTO journeywalk.settings (key, value) VALUES ('team_id', gen_random_uuid()::text), ('evidence_cap_bytes', '52428800'), ('rotation_days', '60'), ('hours_to_client', '24')",
            "INSERT INTO journeywalk.members (name, role) VALUES (session_user, 'admin')",
        ]
    }

    /// What `team init` did.
    public struct InitResult: Equatable, Sendable {
        public var from: Int
        public var to: Int
        public var groupRole: String
    }

    /// Creates or upgrades the schema in one transaction (never half-applied); a schema newer than
    /// this build is refused and left as it is. Run by the database's owner.
    /// `upTo` stops at an older version (the tests make a team as an older journeywalk made it).
    public static func initialize(_ server: TeamConnection, upTo: Int? = nil) async throws(TeamError) -> InitResult {
        let group = groupRole(database: server.address.database)
        let version = min(upTo ?? Self.version, Self.version)
        return try await server.transaction { () async throws(TeamError) -> InitResult in
            // Two owners running init at once: the second waits, then finds the schema current.
            try await server.rows("SELECT pg_advisory_xact_lock(7210517)")
            let current = try await installedVersion(server) ?? 0
            if current > version {
                throw TeamError("the team's schema is version \(current), newer than this journeywalk knows (\(version)): upgrade journeywalk; nothing was changed")
            }
            if current < version {
                let exists = try await server.value("SELECT 1 FROM pg_roles WHERE rolname = \(group)", as: Int32.self) != nil
                if !exists { try await server.rows(PostgresQuery(unsafeSQL: "CREATE ROLE \(quoted(group)) NOLOGIN")) }
                for number in (current + 1)...version {
                    let migration = migrations[number - 1]
                    for statement in migration.statements(quoted(group)) {
                        try await server.rows(PostgresQuery(unsafeSQL: statement))
                    }
                    try await server.rows("INSERT INTO journeywalk.migrations (version, name) VALUES (\(number), \(migration.name))")
                }
                try await server.rows("INSERT INTO journeywalk.settings (key, value) VALUES ('group_role', \(group)) ON CONFLICT (key) DO NOTHING")
            }
            return InitResult(from: current, to: version, groupRole: group)
        }
    }

    /// The schema version in the database, or nil when it holds no journeywalk team.
    public static func installedVersion(_ server: TeamConnection) async throws(TeamError) -> Int? {
        guard try await server.value("SELECT to_regclass('journeywalk.migrations')::text", as: String.self) != nil else { return nil }
        return Int(try await server.value("SELECT coalesce(max(version), 0) FROM journeywalk.migrations", as: Int32.self) ?? 0)
    }

    /// Checks that the database is a journeywalk team this build can work with, for every command but init.
    public static func requireTeam(_ server: TeamConnection) async throws(TeamError) -> Int {
        let version: Int?
        do {
            version = try await installedVersion(server)
        } catch {
            throw error
        }
        guard let version else {
            throw TeamError("\(server.address.display) is not a journeywalk team (no journeywalk schema in it): its owner runs journeywalk team init")
        }
        if version > TeamSchema.version {
            throw TeamError("the team's schema is version \(version), newer than this journeywalk knows (\(TeamSchema.version)): upgrade journeywalk")
        }
        if version < TeamSchema.version {
            throw TeamError("the team's schema is version \(version), older than this journeywalk's (\(TeamSchema.version)): the database's owner runs journeywalk team init")
        }
        return version
    }
}
