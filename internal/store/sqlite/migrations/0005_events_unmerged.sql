-- 0005: the merge after each analyze run loads the events merging has not
-- seen yet (no "sources" in their record); this partial index makes that a
-- look-up of the few pending events, not a scan of all of them.
ALTER TABLE events ADD COLUMN merged INTEGER GENERATED ALWAYS AS (json_type(record, '$.sources') IS NOT NULL) VIRTUAL;

CREATE INDEX events_unmerged ON events (id) WHERE NOT merged;
