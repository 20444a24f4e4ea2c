/// Migration 5: the walk of pushed records checked once per statement, not once per record.
///
/// `records` referred to `walks` by a foreign key, and PostgreSQL checks a foreign key with a query
/// per inserted row: on loopback a third of a push's time on the server went there (pg_stat_statements:
/// 35,987 checks, 1.7 s, for 1,000 walks; docs/benchmarks.md, "A push's walk, checked once"). The key
/// is replaced by what it guaranteed, checked per statement and per walk: every record added belongs to a
/// walk on the server (`records_of_a_walk`, a look-up by primary key per walk), and a walk that
/// has records is neither removed nor renamed (`walks_keep_records`, which no push's statement fires).
/// And every look-up of a walk in a push goes by its key, however new the team's tables are.
extension TeamSchema {
    static func migration5(_ group: String) -> [String] {
        [
            """
            DO $$ DECLARE name text; BEGIN
              FOR name IN SELECT conname FROM pg_constraint
                           WHERE conrelid = 'journeywalk.records'::regclass AND confrelid = 'journeywalk.walks'::regclass AND contype = 'f' LOOP
                EXECUTE format('ALTER TABLE journeywalk.records DROP CONSTRAINT %I', name);
              END LOOP;
            END $$
            """,
            """
            CREATE FUNCTION journeywalk.check_records_walk() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE w record;
              BEGIN
                -- One look-up by primary key per walk (a join of the records added to `walks` may be
                -- planned as a scan of the whole table).
                FOR w IN SELECT DISTINCT owner, walk_id FROM added LOOP
                  PERFORM FROM journeywalk.walks WHERE owner = w.owner AND walk_id = w.walk_id;
                  IF NOT FOUND THEN
                    RAISE EXCEPTION 'walk % of % is not on the server: records come with their walk', w.walk_id, w.owner USING ERRCODE = '23503';
                  END IF;
                END LOOP;
                RETURN NULL;
              END $$
            """,
            // Named to fire before `records_pushed` (triggers of one event fire in name order).
            "CREATE TRIGGER records_of_a_walk AFTER INSERT ON journeywalk.records REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION journeywalk.check_records_walk()",
            """
            CREATE FUNCTION journeywalk.keep_records() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              BEGIN
                IF (TG_OP = 'DELETE' OR OLD.owner IS DISTINCT FROM NEW.owner OR OLD.walk_id IS DISTINCT FROM NEW.walk_id)
                   AND EXISTS (SELECT 1 FROM journeywalk.records WHERE owner = OLD.owner AND walk_id = OLD.walk_id) THEN
                  RAISE EXCEPTION 'walk % of % has records on the server: it is neither removed nor renamed', OLD.walk_id, OLD.owner USING ERRCODE = '23503';
                END IF;
                RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
              END $$
            """,
            "CREATE TRIGGER walks_keep_records BEFORE DELETE OR UPDATE OF owner, walk_id ON journeywalk.walks FOR EACH ROW EXECUTE FUNCTION journeywalk.keep_records()",
            "REVOKE ALL ON FUNCTION journeywalk.check_records_walk(), journeywalk.keep_records() FROM PUBLIC",
            // A walk is looked up by its key, (owner, walk_id), many times per push. The index for the
            // rotation rule led with `owner` too, and a plan a session caches while the team's tables
            // are new (no statistics yet) could take it instead of the key: the member's every walk
            // read for each walk pushed, and a push of 10,000 walks to a new team slowed as it went
            // (42–89 s). Led by the place, it serves the rotation rule as before and no look-up by key.
            "DROP INDEX journeywalk.walks_by_owner_location",
            "CREATE INDEX walks_by_location_owner ON journeywalk.walks (lower(btrim(location)), owner, started)",
            // The member's own walk by its key (see `appendRecords`); the scores of walks already on
            // the server the same way (it joined on `walk_id` alone).
            appendRecords(orReplace: true, ownerAs: "me"),
            """
            CREATE OR REPLACE FUNCTION journeywalk.note_scores(walk_ids text[], scores double precision[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
              DECLARE me text := session_user;
              BEGIN
                FOR i IN 1..coalesce(least(array_length(walk_ids, 1), array_length(scores, 1)), 0) LOOP
                  UPDATE journeywalk.walks SET score = scores[i]
                    WHERE owner = me AND walk_id = walk_ids[i] AND (scores[i] IS NULL OR scores[i] BETWEEN 0 AND 100)
                      AND score IS DISTINCT FROM scores[i];
                END LOOP;
              END $$
            """,
        ]
    }
}
