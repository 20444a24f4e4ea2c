/// Migration 3: waves of visits (SPEC 8.4, docs/team.md "Assignments"). An assignment sends a
/// shopper to a location to walk a journey by a date, in a window of hours; the team's
/// `rotation_days` keeps a shopper away from a location they walked or were assigned within that
/// many days, unless the assigner forces it (recorded). Rows are made and cancelled only through
/// `journeywalk.assign` and `journeywalk.cancel_assignment`; a shopper reads only their own.
extension TeamSchema {
    static func migration3(_ group: String) -> [String] {
        [
            """
            CREATE TABLE journeywalk.assignments (
              id bigserial PRIMARY KEY,
              journey_id text NOT NULL, journey_title text NOT NULL,
              journey_copy text NOT NULL REFERENCES journeywalk.journey_copies,
              shopper text NOT NULL, location text NOT NULL CHECK (length(location) BETWEEN 1 AND 200),
              due date NOT NULL, window_start time, window_end time,
              wave text CHECK (length(wave) <= 100),
              forced text,
              assigned_by text NOT NULL, assigned_at timestamptz NOT NULL DEFAULT now(),
              cancelled_by text, cancelled_at timestamptz,
              change bigint NOT NULL,
              CHECK ((window_start IS NULL) = (window_end IS NULL)))
            """,
            "CREATE INDEX assignments_by_shopper ON journeywalk.assignments (shopper, lower(btrim(location)), due)",
            "CREATE INDEX assignments_by_change ON journeywalk.assignments (change)",
            "ALTER TABLE journeywalk.walks ADD COLUMN assignment bigint, ADD COLUMN score double precision",
            // The checklist score of each walk as its walker's journeywalk computed it when pushing (the
            // server keeps the walk's records, not the journey's weights): for the team's statistics.
            """
            CREATE FUNCTION journeywalk.note_scores(walk_ids text[], scores double precision[]) RETURNS void LANGUAGE sql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$ UPDATE journeywalk.walks w SET score = s.score FROM unnest(walk_ids, scores) AS s(walk_id, score)
                    WHERE w.owner = session_user AND w.walk_id = s.walk_id AND (s.score IS NULL OR s.score BETWEEN 0 AND 100) $$
            """,
            "REVOKE ALL ON FUNCTION journeywalk.note_scores(text[], double precision[]) FROM PUBLIC",
            "GRANT EXECUTE ON FUNCTION journeywalk.note_scores(text[], double precision[]) TO \(group)",
            "CREATE INDEX walks_by_owner_location ON journeywalk.walks (owner, lower(btrim(location)), started)",
            "CREATE INDEX walks_by_assignment ON journeywalk.walks (assignment) WHERE assignment IS NOT NULL",
            // The walk names its assignment in its header (`"assignment":{"id":…}`): the server reads it
            // from the first record, for the queue's checks and the team's statistics.
            """
            CREATE FUNCTION journeywalk.follow_assignment() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              BEGIN
                UPDATE journeywalk.walks w SET assignment = (substring(convert_from(a.line, 'UTF8') from '"assignment":\\{"id":([0-9]{1,18})'))::bigint
                  FROM added a WHERE a.seq = 1 AND w.owner = a.owner AND w.walk_id = a.walk_id;
                RETURN NULL;
              END $$
            """,
            "CREATE TRIGGER records_assignment AFTER INSERT ON journeywalk.records REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION journeywalk.follow_assignment()",
            // The earlier visit or assignment that an assignment would break rotation with, as words; nil when none.
            """
            CREATE FUNCTION journeywalk.rotation_conflict(person text, place text, on_day date) RETURNS text LANGUAGE sql STABLE
              SET search_path = pg_catalog, pg_temp
              AS $$
                WITH days AS (SELECT coalesce((SELECT value FROM journeywalk.settings WHERE key = 'rotation_days' AND value ~ '^[0-9]{1,4}$')::int, 60) AS n)
                SELECT conflict FROM (
                  SELECT 'visit ' || w.walk_id || ' on ' || to_char(w.started AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS conflict, abs(w.started::date - on_day) AS distance
                    FROM journeywalk.walks w, days
                    WHERE w.owner = person AND lower(btrim(w.location)) = lower(btrim(place)) AND abs(w.started::date - on_day) < days.n
                  UNION ALL
                  SELECT 'assignment ' || a.id || ' due ' || a.due, abs(a.due - on_day)
                    FROM journeywalk.assignments a, days
                    WHERE a.shopper = person AND lower(btrim(a.location)) = lower(btrim(place)) AND a.cancelled_at IS NULL AND abs(a.due - on_day) < days.n
                ) c ORDER BY distance LIMIT 1
              $$
            """,
            "REVOKE ALL ON FUNCTION journeywalk.rotation_conflict(text, text, date) FROM PUBLIC",
            // An assignment, by an admin or a reviewer (the agency's scheduler), of a member who walks.
            // The journey travels with it as a shared copy, so the shopper can walk it offline.
            """
            CREATE FUNCTION journeywalk.assign(journey text, title text, copy_name text, copy bytea, person text, place text, on_day date,
                from_time time, to_time time, wave_name text, force_reason text) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE role text := journeywalk.member_role(); walker text; conflict text; c bigint; made bigint;
              BEGIN
                IF coalesce(role, '') NOT IN ('admin','reviewer') THEN
                  RAISE EXCEPTION 'permission denied: only an admin or a reviewer assigns visits, and % is %', session_user, coalesce('a ' || role, 'not a member') USING ERRCODE = '42501';
                END IF;
                SELECT m.role INTO walker FROM journeywalk.members m WHERE m.name = person;
                IF walker IS NULL OR walker NOT IN ('shopper','trainer','leader','admin') THEN
                  RAISE EXCEPTION '% is not a member who walks (%)', person, coalesce(walker, 'not a member') USING ERRCODE = '22023';
                END IF;
                IF on_day < current_date THEN
                  RAISE EXCEPTION 'the due date % is in the past', on_day USING ERRCODE = '22023';
                END IF;
                conflict := journeywalk.rotation_conflict(person, place, on_day);
                IF conflict IS NOT NULL AND force_reason IS NULL THEN
                  RAISE EXCEPTION '% was at % within the team''s rotation of % days: %; --force assigns anyway (recorded)', person, place,
                    coalesce((SELECT value FROM journeywalk.settings WHERE key = 'rotation_days'), '60'), conflict USING ERRCODE = '23P01';
                END IF;
                INSERT INTO journeywalk.journey_copies (name, content) VALUES (copy_name, copy) ON CONFLICT (name) DO NOTHING;
                c := journeywalk.take_change();
                INSERT INTO journeywalk.assignments (journey_id, journey_title, journey_copy, shopper, location, due, window_start, window_end, wave, forced, assigned_by, change)
                  VALUES (journey, title, copy_name, person, btrim(place), on_day, from_time, to_time, nullif(btrim(wave_name), ''),
                          CASE WHEN conflict IS NOT NULL THEN coalesce(nullif(btrim(force_reason), ''), 'forced') || ' (rotation: ' || conflict || ')' END,
                          session_user, c)
                  RETURNING id INTO made;
                RETURN made;
              END $$
            """,
            """
            CREATE FUNCTION journeywalk.cancel_assignment(assignment bigint) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE role text := journeywalk.member_role(); c bigint;
              BEGIN
                IF coalesce(role, '') NOT IN ('admin','reviewer') THEN
                  RAISE EXCEPTION 'permission denied: only an admin or a reviewer cancels assignments, and % is %', session_user, coalesce('a ' || role, 'not a member') USING ERRCODE = '42501';
                END IF;
                c := journeywalk.take_change();
                UPDATE journeywalk.assignments SET cancelled_by = session_user, cancelled_at = now(), change = c WHERE id = assignment AND cancelled_at IS NULL;
                IF NOT FOUND THEN
                  RAISE EXCEPTION 'no assignment % to cancel (unknown, or cancelled already)', assignment USING ERRCODE = '22023';
                END IF;
                RETURN c;
              END $$
            """,
            "ALTER TABLE journeywalk.assignments ENABLE ROW LEVEL SECURITY",
            """
            CREATE POLICY assignments_read ON journeywalk.assignments FOR SELECT USING (
              shopper = session_user OR (SELECT journeywalk.member_role()) IN ('admin','reviewer','leader'))
            """,
            "GRANT SELECT ON journeywalk.assignments TO \(group)",
            "REVOKE ALL ON FUNCTION journeywalk.assign(text, text, text, bytea, text, text, date, time, time, text, text), journeywalk.cancel_assignment(bigint) FROM PUBLIC",
            "GRANT EXECUTE ON FUNCTION journeywalk.assign(text, text, text, bytea, text, text, date, time, time, text, text), journeywalk.cancel_assignment(bigint) TO \(group)",
        ]
    }
}
