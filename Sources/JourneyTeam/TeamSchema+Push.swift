/// Migration 4: a push's work on the server in one statement-level trigger that finds each walk by
/// its key (docs/team.md, "The schema"; docs/benchmarks.md, "A push's work on the server").
///
/// Migrations 1–3 checked each record in a row trigger (a PL/pgSQL call per record) and followed a
/// push with four statement triggers, two of which joined the pushed records to `walks` by a hash
/// join over the whole table, so a push took longer as the team's walks grew. `records_pushed`
/// does the same checks and bookkeeping once per statement, per walk, through the primary keys;
/// the walk's checklist score arrives with its records; row security asks the member's role once
/// per statement instead of once per row.
extension TeamSchema {
    static func migration4(_ group: String) -> [String] {
        [
            "DROP TRIGGER records_chain ON journeywalk.records",
            "DROP TRIGGER records_assignment ON journeywalk.records",
            "DROP TRIGGER records_correction ON journeywalk.records",
            "DROP TRIGGER records_follow ON journeywalk.records",
            "DROP TRIGGER records_submissions ON journeywalk.records",
            "DROP FUNCTION journeywalk.check_record(), journeywalk.follow_assignment(), journeywalk.check_corrections(), journeywalk.follow_records(), journeywalk.follow_submissions()",
            // For each walk the statement added to (a push adds to one): the records must be the
            // member's own, each must hash to its hash and follow the walk's record before it (its
            // seq one more, its prev that record's hash: the server's copy is a chain too) and be
            // stamped by the server; a submitted walk takes records only while it is returned,
            // except the closing of an action; then the walk's row follows its records (how many,
            // the last hash and change, finished, submitted, the assignment its header names), and
            // every `submit` record becomes a submission event (revision 1, 2, …) written as the walker.
            """
            CREATE FUNCTION journeywalk.follow_push() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE w record; bad record; current text; rev int;
              BEGIN
                FOR w IN SELECT owner, walk_id, max(seq) AS last_seq, (array_agg(hash ORDER BY seq DESC))[1] AS head, max(change) AS change,
                                bool_or(position('{"type":"finish"'::bytea in line) = 1) AS finished,
                                count(*) FILTER (WHERE position('{"type":"submit"'::bytea in line) = 1) AS submits,
                                bool_and(position('{"type":"action"'::bytea in line) = 1) AS only_actions,
                                (array_agg(line) FILTER (WHERE seq = 1))[1] AS first_line
                         FROM added GROUP BY owner, walk_id ORDER BY owner, walk_id LOOP
                  IF w.owner IS DISTINCT FROM session_user THEN
                    RAISE EXCEPTION 'permission denied: % may add records only to walks of their own', session_user USING ERRCODE = '42501';
                  END IF;
                  SELECT a.seq, a.hash IS DISTINCT FROM encode(sha256(a.line), 'hex') AS unhashed, a.pushed_at IS DISTINCT FROM now() AS stamped,
                         p.seq IS NULL AS alone INTO bad
                    FROM added a LEFT JOIN journeywalk.records p ON p.owner = w.owner AND p.walk_id = w.walk_id AND p.seq = a.seq - 1
                    WHERE a.owner = w.owner AND a.walk_id = w.walk_id
                      AND (a.hash IS DISTINCT FROM encode(sha256(a.line), 'hex') OR a.pushed_at IS DISTINCT FROM now()
                           OR (a.seq = 1 AND a.prev IS NOT NULL) OR (a.seq > 1 AND (p.seq IS NULL OR a.prev IS DISTINCT FROM p.hash)))
                    ORDER BY a.seq LIMIT 1;
                  IF FOUND THEN
                    IF bad.unhashed THEN
                      RAISE EXCEPTION 'record % of walk % does not hash to its hash', bad.seq, w.walk_id USING ERRCODE = '22000';
                    ELSIF bad.stamped THEN
                      RAISE EXCEPTION 'record % of walk %: the server stamps pushed_at, not the pusher', bad.seq, w.walk_id USING ERRCODE = '42501';
                    ELSIF bad.seq = 1 THEN
                      RAISE EXCEPTION 'record 1 of walk % has a prev', w.walk_id USING ERRCODE = '23514';
                    ELSIF bad.alone THEN
                      RAISE EXCEPTION 'record % of walk % does not follow a record % on the server', bad.seq, w.walk_id, bad.seq - 1 USING ERRCODE = '23514';
                    ELSE
                      RAISE EXCEPTION 'record % of walk % does not chain to its record %', bad.seq, w.walk_id, bad.seq - 1 USING ERRCODE = '23514';
                    END IF;
                  END IF;
                  SELECT state INTO current FROM journeywalk.walks WHERE owner = w.owner AND walk_id = w.walk_id;
                  IF current IS NOT NULL AND current <> 'returned' AND NOT w.only_actions THEN
                    RAISE EXCEPTION 'walk % is %: a submitted walk takes corrections only after a reviewer returns it', w.walk_id, replace(current, '_', ' ') USING ERRCODE = '55000';
                  END IF;
                  UPDATE journeywalk.walks SET records = w.last_seq, head = w.head, last_change = w.change,
                      finished = finished OR w.finished, submitted = submitted OR w.submits > 0, revision = revision + w.submits,
                      assignment = CASE WHEN w.first_line IS NULL THEN assignment
                                        WHEN position('"assignment":{'::bytea in w.first_line) = 0 THEN NULL
                                        ELSE (substring(convert_from(w.first_line, 'UTF8') from '"assignment":\\{"id":([0-9]{1,18})'))::bigint END
                    WHERE owner = w.owner AND walk_id = w.walk_id
                    RETURNING revision - w.submits INTO rev;
                  FOR i IN 1..w.submits LOOP
                    PERFORM journeywalk.add_event(w.owner, w.walk_id, rev + i, 'submit', NULL, NULL, NULL, NULL, NULL);
                  END LOOP;
                END LOOP;
                RETURN NULL;
              END $$
            """,
            "CREATE TRIGGER records_pushed AFTER INSERT ON journeywalk.records REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION journeywalk.follow_push()",
            // A member inserts only the columns a push brings: the owner and the server's stamp
            // are their defaults (session_user, now()), and the review's copy of the state, the
            // grade and the count of records are the server's to write (migration 2 added them
            // without taking them from the member: a shopper could insert a walk "approved").
            "REVOKE INSERT ON journeywalk.records, journeywalk.walks FROM \(group)",
            "GRANT INSERT (walk_id, seq, prev, hash, line, change) ON journeywalk.records TO \(group)",
            "GRANT INSERT (walk_id, journey_id, journey_title, operator, location, walk_role, started, format, score) ON journeywalk.walks TO \(group)",
            // The member's role once per statement (an init plan), not once per row.
            "ALTER POLICY records_push ON journeywalk.records WITH CHECK (owner = session_user AND (SELECT journeywalk.member_role()) IN \(walkers))",
            "ALTER POLICY walks_push ON journeywalk.walks WITH CHECK (owner = session_user AND (SELECT journeywalk.member_role()) IN \(walkers))",
            // The push of one walk takes its checklist score too (nil for a walk without a checklist).
            "DROP FUNCTION journeywalk.append_records(text, text, text, text, text, text, timestamptz, int, int, int[], text[], text[], bytea[], text[])",
            appendRecords(orReplace: false, ownerAs: "session_user"),
            "REVOKE ALL ON FUNCTION journeywalk.append_records(text, text, text, text, text, text, timestamptz, int, int, int[], text[], text[], bytea[], text[], double precision) FROM PUBLIC",
            "GRANT EXECUTE ON FUNCTION journeywalk.append_records(text, text, text, text, text, text, timestamptz, int, int, int[], text[], text[], bytea[], text[], double precision) TO \(group)",
            // Scores that changed only (a walk's score moves when its records do): a push of walks
            // already on the server writes no row.
            """
            CREATE OR REPLACE FUNCTION journeywalk.note_scores(walk_ids text[], scores double precision[]) RETURNS void LANGUAGE sql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$ UPDATE journeywalk.walks w SET score = s.score FROM unnest(walk_ids, scores) AS s(walk_id, score)
                    WHERE w.owner = session_user AND w.walk_id = s.walk_id AND (s.score IS NULL OR s.score BETWEEN 0 AND 100)
                      AND w.score IS DISTINCT FROM s.score $$
            """,
        ]
    }

    /// `append_records` as migration 4 made it, and as migration 5 makes it again: `ownerAs` names the
    /// signed-in member in the look-up of the walk's count. Migration 5 makes it a text variable:
    /// `owner = session_user` compares text with a `name`, which no index of `walks` answers (and row
    /// security keeps a cast out of the index), so each push read the whole table.
    static func appendRecords(orReplace: Bool, ownerAs: String) -> String {
        """
        CREATE \(orReplace ? "OR REPLACE " : "")FUNCTION journeywalk.append_records(
            walk text, journey text, title text, walker text, place text, walk_role_name text, started_at timestamptz, walk_format int,
            expected int, seqs int[], prevs text[], hashes text[], lines bytea[], evidence text[], walk_score double precision) RETURNS bigint LANGUAGE plpgsql
          SET search_path = pg_catalog, pg_temp
          AS $$
          DECLARE held int; c bigint;\(ownerAs == "session_user" ? "" : " \(ownerAs) text := session_user;")
          BEGIN
            PERFORM pg_advisory_xact_lock(hashtext(session_user || '/' || walk));
            INSERT INTO journeywalk.walks (walk_id, journey_id, journey_title, operator, location, walk_role, started, format, score)
              VALUES (walk, journey, title, walker, place, walk_role_name, started_at, walk_format, CASE WHEN walk_score BETWEEN 0 AND 100 THEN walk_score END)
              ON CONFLICT (owner, walk_id) DO NOTHING;
            SELECT records INTO held FROM journeywalk.walks WHERE owner = \(ownerAs) AND walk_id = walk;
            IF held IS DISTINCT FROM expected THEN
              RAISE EXCEPTION 'walk % holds % records on the server, not %: pushed from elsewhere meanwhile', walk, held, expected USING ERRCODE = '40001';
            END IF;
            c := journeywalk.next_change();
            INSERT INTO journeywalk.records (walk_id, seq, prev, hash, line, change)
              SELECT walk, t.s, nullif(t.p, ''), t.h, t.l, c FROM unnest(seqs, prevs, hashes, lines) AS t(s, p, h, l) ORDER BY t.s;
            INSERT INTO journeywalk.evidence_uses (sha256, walk_id) SELECT e, walk FROM unnest(evidence) AS e ON CONFLICT DO NOTHING;
            RETURN c;
          END $$
        """
    }
}
