/// Migration 2: the agency's review of SPEC 8.3 (docs/team.md, "The review"). Every change to a
/// submitted walk's standing is an append-only review event; the walk's state is derived from its
/// events (the last one that is not a comment), and `walks` keeps that state, the claim, the return's
/// due time and the grade as a copy for the queue, written only by the functions below. Members
/// insert events only through `journeywalk.review` and `journeywalk.release_walk` (no INSERT is
/// granted), which check the member's role and the transition; a submission is an event the server
/// writes itself when a `submit` record arrives.
extension TeamSchema {
    /// The review states of a walk, in the order a walk usually meets them.
    public static let reviewStates = ["submitted", "in_review", "returned", "resubmitted", "approved", "released", "excluded"]

    static func migration2(_ group: String) -> [String] {
        [
            """
            ALTER TABLE journeywalk.walks
              ADD COLUMN revision int NOT NULL DEFAULT 0,
              ADD COLUMN state text CHECK (state IN ('submitted','in_review','returned','resubmitted','approved','released','excluded')),
              ADD COLUMN claimed_by text, ADD COLUMN return_due timestamptz, ADD COLUMN grade int,
              ADD COLUMN review_change bigint NOT NULL DEFAULT 0
            """,
            """
            CREATE TABLE journeywalk.review_events (
              id bigserial PRIMARY KEY,
              owner text NOT NULL, walk_id text NOT NULL, revision int NOT NULL,
              kind text NOT NULL CHECK (kind IN ('submit','claim','comment','return','approve','release','exclude')),
              by text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp(),
              touchpoint text CHECK (length(touchpoint) <= 200), item int CHECK (item >= 1),
              body text CHECK (length(body) <= 4000), due timestamptz, grade int CHECK (grade BETWEEN 1 AND 10),
              change bigint NOT NULL,
              FOREIGN KEY (owner, walk_id) REFERENCES journeywalk.walks)
            """,
            "CREATE INDEX review_events_by_change ON journeywalk.review_events (change)",
            "CREATE INDEX review_events_by_walk ON journeywalk.review_events (owner, walk_id, id)",
            "CREATE INDEX walks_by_state ON journeywalk.walks (state) WHERE state IS NOT NULL",
            "CREATE TRIGGER review_events_append_only BEFORE UPDATE OR DELETE ON journeywalk.review_events FOR EACH ROW EXECUTE FUNCTION journeywalk.append_only()",
            "CREATE TRIGGER review_events_no_truncate BEFORE TRUNCATE ON journeywalk.review_events FOR EACH STATEMENT EXECUTE FUNCTION journeywalk.append_only()",
            // The next change number, for the server's own functions (not granted: members reach it
            // through next_change, which checks that they may push, or through the review functions).
            """
            CREATE FUNCTION journeywalk.take_change() RETURNS bigint LANGUAGE sql
              SET search_path = pg_catalog, pg_temp
              AS $$ UPDATE journeywalk.change_counter
                      SET last = greatest(last + 1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)
                      RETURNING last $$
            """,
            "REVOKE ALL ON FUNCTION journeywalk.take_change() FROM PUBLIC",
            // The state a walk is in after an event (a comment leaves it as it was).
            """
            CREATE FUNCTION journeywalk.state_after(state text, kind text, revision int) RETURNS text LANGUAGE sql IMMUTABLE
              SET search_path = pg_catalog, pg_temp
              AS $$ SELECT CASE kind
                      WHEN 'submit' THEN CASE WHEN revision > 1 THEN 'resubmitted' ELSE 'submitted' END
                      WHEN 'claim' THEN 'in_review' WHEN 'return' THEN 'returned' WHEN 'approve' THEN 'approved'
                      WHEN 'release' THEN 'released' WHEN 'exclude' THEN 'excluded' ELSE state END $$
            """,
            // The state derived from a walk's events alone, as far as the caller may read them.
            """
            CREATE FUNCTION journeywalk.review_state(walk_owner text, walk text) RETURNS text LANGUAGE sql STABLE
              SET search_path = pg_catalog, pg_temp
              AS $$ SELECT journeywalk.state_after(NULL, kind, revision) FROM journeywalk.review_events
                    WHERE owner = walk_owner AND walk_id = walk AND kind <> 'comment' ORDER BY id DESC LIMIT 1 $$
            """,
            // The one path into review_events: the event, its change number, and the walk's copy of
            // its state. Not granted to members.
            """
            CREATE FUNCTION journeywalk.add_event(walk_owner text, walk text, walk_revision int, event_kind text,
                touchpoint_id text, item_number int, body_text text, due_at timestamptz, grade_given int) RETURNS bigint LANGUAGE plpgsql
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE c bigint := journeywalk.take_change();
              BEGIN
                INSERT INTO journeywalk.review_events (owner, walk_id, revision, kind, by, touchpoint, item, body, due, grade, change)
                  VALUES (walk_owner, walk, walk_revision, event_kind, session_user, touchpoint_id, item_number, body_text, due_at, grade_given, c);
                UPDATE journeywalk.walks SET
                    state = journeywalk.state_after(state, event_kind, walk_revision),
                    claimed_by = CASE event_kind WHEN 'claim' THEN session_user WHEN 'submit' THEN NULL ELSE claimed_by END,
                    return_due = CASE event_kind WHEN 'return' THEN due_at ELSE return_due END,
                    grade = CASE event_kind WHEN 'approve' THEN grade_given WHEN 'submit' THEN NULL ELSE grade END,
                    review_change = c
                  WHERE owner = walk_owner AND walk_id = walk;
                RETURN c;
              END $$
            """,
            "REVOKE ALL ON FUNCTION journeywalk.add_event(text, text, int, text, text, int, text, timestamptz, int) FROM PUBLIC",
            // A walk that was submitted takes new records only while a reviewer has it returned (the
            // shopper's corrections), except the closing of an action, which a leader may do any time.
            """
            CREATE FUNCTION journeywalk.check_corrections() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE refused record;
              BEGIN
                SELECT a.walk_id, w.state INTO refused FROM added a JOIN journeywalk.walks w ON w.owner = a.owner AND w.walk_id = a.walk_id
                  WHERE w.state IS NOT NULL AND w.state <> 'returned' AND position('{"type":"action"'::bytea in a.line) <> 1 LIMIT 1;
                IF FOUND THEN
                  RAISE EXCEPTION 'walk % is %: a submitted walk takes corrections only after a reviewer returns it', refused.walk_id, replace(refused.state, '_', ' ') USING ERRCODE = '55000';
                END IF;
                RETURN NULL;
              END $$
            """,
            // Once per statement (a push is one statement per walk), before the submissions are
            // followed: after-triggers run in the order of their names.
            "CREATE TRIGGER records_correction AFTER INSERT ON journeywalk.records REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION journeywalk.check_corrections()",
            // Every `submit` record that arrives is a submission event (revision 1, 2, …), written by
            // the server as the walker, after the walk's row has followed its records.
            """
            CREATE FUNCTION journeywalk.follow_submissions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE r record; rev int;
              BEGIN
                FOR r IN SELECT owner, walk_id FROM added WHERE position('{"type":"submit"'::bytea in line) = 1 ORDER BY owner, walk_id, seq LOOP
                  UPDATE journeywalk.walks SET revision = revision + 1 WHERE owner = r.owner AND walk_id = r.walk_id RETURNING revision INTO rev;
                  PERFORM journeywalk.add_event(r.owner, r.walk_id, rev, 'submit', NULL, NULL, NULL, NULL, NULL);
                END LOOP;
                RETURN NULL;
              END $$
            """,
            "CREATE TRIGGER records_submissions AFTER INSERT ON journeywalk.records REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION journeywalk.follow_submissions()",
            // Walks submitted before this migration: their submissions become events, in order.
            """
            CREATE FUNCTION journeywalk.backfill_submissions() RETURNS void LANGUAGE plpgsql
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE r record; rev int;
              BEGIN
                FOR r IN SELECT owner, walk_id FROM journeywalk.records WHERE position('{"type":"submit"'::bytea in line) = 1 ORDER BY owner, walk_id, seq LOOP
                  UPDATE journeywalk.walks SET revision = revision + 1 WHERE owner = r.owner AND walk_id = r.walk_id RETURNING revision INTO rev;
                  INSERT INTO journeywalk.review_events (owner, walk_id, revision, kind, by, change)
                    VALUES (r.owner, r.walk_id, rev, 'submit', r.owner, journeywalk.take_change());
                  UPDATE journeywalk.walks SET state = journeywalk.state_after(state, 'submit', rev) WHERE owner = r.owner AND walk_id = r.walk_id;
                END LOOP;
              END $$
            """,
            "SELECT journeywalk.backfill_submissions()",
            "DROP FUNCTION journeywalk.backfill_submissions()",
            // The submitted walk a reviewer (or an admin) acts on, locked for the event: refused for any
            // other role, for a walk never submitted, and for the reviewer's own walk. `what`: the verb
            // for the message (`reviews`, `releases`).
            """
            CREATE FUNCTION journeywalk.reviewed_walk(walk_owner text, walk text, what text) RETURNS journeywalk.walks LANGUAGE plpgsql
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE w journeywalk.walks%ROWTYPE; role text := journeywalk.member_role();
              BEGIN
                IF coalesce(role, '') NOT IN ('reviewer','admin') THEN
                  RAISE EXCEPTION 'permission denied: only a reviewer or an admin % walks, and % is %', what, session_user, coalesce('a ' || role, 'not a member') USING ERRCODE = '42501';
                END IF;
                SELECT * INTO w FROM journeywalk.walks WHERE owner = walk_owner AND walk_id = walk FOR UPDATE;
                IF NOT FOUND OR w.state IS NULL THEN
                  RAISE EXCEPTION 'walk %/% is not submitted to the team', walk_owner, walk USING ERRCODE = '55000';
                END IF;
                IF walk_owner = session_user THEN
                  RAISE EXCEPTION 'permission denied: % may not review a walk of their own', session_user USING ERRCODE = '42501';
                END IF;
                RETURN w;
              END $$
            """,
            "REVOKE ALL ON FUNCTION journeywalk.reviewed_walk(text, text, text) FROM PUBLIC",
            // A reviewer's (or an admin's) event on a submitted walk of someone else, when the walk's
            // state allows it. Returns the event's change number (0: a claim the reviewer holds already).
            """
            CREATE FUNCTION journeywalk.review(walk_owner text, walk text, event_kind text, touchpoint_id text, item_number int,
                body_text text, due_at timestamptz, grade_given int) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE w journeywalk.walks%ROWTYPE; allowed text[];
              BEGIN
                allowed := CASE event_kind
                  WHEN 'claim' THEN ARRAY['submitted','resubmitted','in_review']
                  WHEN 'comment' THEN ARRAY['submitted','resubmitted','in_review','returned','approved']
                  WHEN 'return' THEN ARRAY['submitted','resubmitted','in_review']
                  WHEN 'approve' THEN ARRAY['submitted','resubmitted','in_review']
                  WHEN 'exclude' THEN ARRAY['submitted','resubmitted','in_review','returned','approved'] END;
                IF allowed IS NULL THEN
                  RAISE EXCEPTION '% is not a review event: claim, comment, return, approve or exclude (a release is journeywalk.release_walk)', event_kind USING ERRCODE = '22023';
                END IF;
                w := journeywalk.reviewed_walk(walk_owner, walk, 'reviews');
                IF NOT w.state = ANY(allowed) THEN
                  RAISE EXCEPTION 'walk %/% is %: it cannot take a % (only when %)', walk_owner, walk, replace(w.state, '_', ' '), event_kind,
                    array_to_string(ARRAY(SELECT replace(a, '_', ' ') FROM unnest(allowed) a), ', ') USING ERRCODE = '55000';
                END IF;
                IF event_kind = 'claim' AND w.state = 'in_review' AND w.claimed_by = session_user THEN RETURN 0; END IF;
                IF event_kind IN ('comment','exclude') AND coalesce(btrim(body_text), '') = '' THEN
                  RAISE EXCEPTION 'a % needs a text', CASE event_kind WHEN 'exclude' THEN 'exclusion' ELSE event_kind END USING ERRCODE = '22023';
                END IF;
                IF event_kind = 'return' AND (due_at IS NULL OR due_at <= now()) THEN
                  RAISE EXCEPTION 'a return needs a due time after now' USING ERRCODE = '22023';
                END IF;
                IF event_kind = 'approve' AND grade_given IS NULL THEN
                  RAISE EXCEPTION 'an approval needs a grade from 1 to 10' USING ERRCODE = '22023';
                END IF;
                IF item_number IS NOT NULL AND touchpoint_id IS NULL THEN
                  RAISE EXCEPTION 'a checklist item is named with its touchpoint' USING ERRCODE = '22023';
                END IF;
                RETURN journeywalk.add_event(walk_owner, walk, w.revision, event_kind, touchpoint_id, item_number, nullif(body_text, ''),
                  CASE WHEN event_kind = 'return' THEN due_at END, CASE WHEN event_kind = 'approve' THEN grade_given END);
              END $$
            """,
            // Released copies: the walk as the client may read it (people's names replaced, no evidence
            // unless the reviewer included it), made by the reviewer's journeywalk and stored with no
            // link to the shopper that a client can read (the link is the release event's text).
            """
            CREATE TABLE journeywalk.client_copies (
              name text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9_][A-Za-z0-9._-]*$' AND length(name) <= 200),
              content bytea NOT NULL, evidence text[] NOT NULL DEFAULT '{}',
              released_at timestamptz NOT NULL DEFAULT now(), change bigint NOT NULL)
            """,
            "CREATE INDEX client_copies_by_change ON journeywalk.client_copies (change)",
            "CREATE TRIGGER client_copies_append_only BEFORE UPDATE OR DELETE ON journeywalk.client_copies FOR EACH ROW EXECUTE FUNCTION journeywalk.append_only()",
            """
            CREATE FUNCTION journeywalk.release_walk(walk_owner text, walk text, seen_revision int, copy_name text, copy bytea, copy_evidence text[])
              RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE w journeywalk.walks%ROWTYPE := journeywalk.reviewed_walk(walk_owner, walk, 'releases'); c bigint;
              BEGIN
                IF w.state <> 'approved' THEN
                  RAISE EXCEPTION 'walk %/% is %: only an approved walk is released', walk_owner, walk, replace(w.state, '_', ' ') USING ERRCODE = '55000';
                END IF;
                IF w.revision <> seen_revision THEN
                  RAISE EXCEPTION 'walk %/% is at revision %, not the % being released', walk_owner, walk, w.revision, seen_revision USING ERRCODE = '40001';
                END IF;
                IF EXISTS (SELECT 1 FROM unnest(copy_evidence) h WHERE NOT EXISTS (SELECT 1 FROM journeywalk.evidence_uses u WHERE u.sha256 = h AND u.owner = walk_owner AND u.walk_id = walk)) THEN
                  RAISE EXCEPTION 'a released copy may include only the evidence of its walk' USING ERRCODE = '42501';
                END IF;
                c := journeywalk.add_event(walk_owner, walk, w.revision, 'release', NULL, NULL, copy_name, NULL, NULL);
                INSERT INTO journeywalk.client_copies (name, content, evidence, change) VALUES (copy_name, copy, copy_evidence, c);
                RETURN c;
              END $$
            """,
            "ALTER TABLE journeywalk.review_events ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE journeywalk.client_copies ENABLE ROW LEVEL SECURITY",
            // A walk's events go with the walk: its walker, the leaders and admins, the reviewers of
            // submitted walks (the policy on walks decides).
            // (An EXISTS on the walk's key: the planner then looks up each event's walk, instead of
            // reading every walk the member may see for each query.)
            """
            CREATE POLICY review_events_read ON journeywalk.review_events FOR SELECT USING (
              EXISTS (SELECT 1 FROM journeywalk.walks w WHERE w.owner = review_events.owner AND w.walk_id = review_events.walk_id))
            """,
            "CREATE POLICY client_copies_read ON journeywalk.client_copies FOR SELECT USING ((SELECT journeywalk.member_role()) IN ('client','reviewer','admin'))",
            """
            CREATE POLICY evidence_released ON journeywalk.evidence FOR SELECT USING (
              (SELECT journeywalk.member_role()) = 'client' AND sha256 IN (SELECT unnest(evidence) FROM journeywalk.client_copies))
            """,
            // The walks' policy of migration 1 asked for the member's role once per row (a function that
            // cannot be inlined): as a subquery it is asked once per query. A queue of 10,000 walks read
            // in about 107 ms as a reviewer against 11.5 ms as the superuser before (docs/benchmarks.md).
            """
            ALTER POLICY walks_read ON journeywalk.walks USING (
              owner = session_user OR (SELECT journeywalk.member_role()) IN ('leader','admin')
              OR ((SELECT journeywalk.member_role()) = 'reviewer' AND submitted))
            """,
            "GRANT SELECT ON journeywalk.review_events, journeywalk.client_copies TO \(group)",
            "REVOKE ALL ON FUNCTION journeywalk.state_after(text, text, int), journeywalk.review_state(text, text), journeywalk.review(text, text, text, text, int, text, timestamptz, int), journeywalk.release_walk(text, text, int, text, bytea, text[]) FROM PUBLIC",
            "GRANT EXECUTE ON FUNCTION journeywalk.state_after(text, text, int), journeywalk.review_state(text, text), journeywalk.review(text, text, text, text, int, text, timestamptz, int), journeywalk.release_walk(text, text, int, text, bytea, text[]) TO \(group)",
        ]
    }
}
