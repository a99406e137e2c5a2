-- 0004: the API validates and caches answers by the version of the stored
-- events. Concurrent writers must not queue on one counter row (its lock
-- would be held until each commit), so every transaction that writes
-- events appends one row of its own instead; rows are never removed, so
-- their count grows with every committed write and is the version. A
-- statement trigger keeps it, so no write path can forget to. The statements are idempotent, so a
-- schema rolled back by hand (as a test does) can take them again.
CREATE TABLE IF NOT EXISTS events_writes (
    txid xid8 PRIMARY KEY,
    at   timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE OR REPLACE FUNCTION events_note_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO events_writes (txid) VALUES (pg_current_xact_id()) ON CONFLICT (txid) DO NOTHING;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS events_written ON events;
CREATE TRIGGER events_written AFTER INSERT OR UPDATE OR DELETE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_note_write();
