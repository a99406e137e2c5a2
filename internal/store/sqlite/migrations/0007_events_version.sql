-- 0007: the API validates and caches answers by the version of the stored
-- events. Triggers keep it, rather than SaveBatch and ReplaceEvents, so no
-- write path (nor a future one) can forget to move it. SQLite has one
-- writer at a time, so a single counter row costs no contention; it only
-- ever grows, so a tag once seen is never seen again for other events.
CREATE TABLE events_version (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    seq        INTEGER NOT NULL,
    written_at TEXT NOT NULL
);
INSERT INTO events_version (id, seq, written_at)
    VALUES (1, (SELECT count(*) FROM events), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

CREATE TRIGGER events_version_insert AFTER INSERT ON events BEGIN
    UPDATE events_version SET seq = seq + 1, written_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER events_version_update AFTER UPDATE ON events BEGIN
    UPDATE events_version SET seq = seq + 1, written_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER events_version_delete AFTER DELETE ON events BEGIN
    UPDATE events_version SET seq = seq + 1, written_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
