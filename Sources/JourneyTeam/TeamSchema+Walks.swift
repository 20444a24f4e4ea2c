/// Migration 5: the walk of pushed records checked once per statement, not once per record.
///
/// `records` referred to `walks` by a foreign key, and PostgreSQL checks a foreign key with a query
/// per inserted row: on loopback a third of a push's time on the server went there (pg_stat_statements:
/// 35,987 checks, 1.7 s, for 1,000 walks; docs/benchmarks.md, "A push's walk, checked once"). The key
/// is replaced by what it guaranteed, checked per statement and per walk: every record added belongs to a
/// walk on the server (`records_of_a_walk`, one anti-join through the primary key), and a walk that
/// has records is neither removed nor renamed (`walks_keep_records`, which no push's statement fires).
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
              DECLARE lost record;
              BEGIN
                SELECT a.owner, a.walk_id INTO lost FROM added a
                  WHERE NOT EXISTS (SELECT 1 FROM journeywalk.walks w WHERE w.owner = a.owner AND w.walk_id = a.walk_id) LIMIT 1;
                IF FOUND THEN
                  RAISE EXCEPTION 'walk % of % is not on the server: records come with their walk', lost.walk_id, lost.owner USING ERRCODE = '23503';
                END IF;
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
        ]
    }
}
