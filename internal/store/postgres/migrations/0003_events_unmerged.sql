-- 0003: the merge after each analyze run loads the events merging has not
-- seen yet (no "sources" in their record); this partial index makes that a
-- look-up of the few pending events, not a scan of all of them. Queries
-- must use the same expression for the planner to pick it.
CREATE INDEX events_unmerged ON events (id) WHERE record -> 'sources' IS NULL;
