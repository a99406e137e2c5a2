-- 0003: the API filters events by actor, place, modality and dispute, and
-- pages through them by (date, id).
--
-- The actor and dispute columns are generated from the stored record, so
-- SaveBatch keeps writing one JSON document and the copies can never
-- disagree with it; VIRTUAL columns cost nothing to store, and the indexes
-- on them are what makes the filters look-ups rather than scans.
ALTER TABLE events ADD COLUMN actor1 TEXT GENERATED ALWAYS AS (json_extract(record, '$.actor1.name')) VIRTUAL;
ALTER TABLE events ADD COLUMN actor2 TEXT GENERATED ALWAYS AS (json_extract(record, '$.actor2.name')) VIRTUAL;
ALTER TABLE events ADD COLUMN disputed INTEGER GENERATED ALWAYS AS (coalesce(json_array_length(record, '$.disputes'), 0) > 0) VIRTUAL;

CREATE INDEX events_actor1 ON events (actor1, date, id) WHERE actor1 IS NOT NULL;
CREATE INDEX events_actor2 ON events (actor2, date, id) WHERE actor2 IS NOT NULL;
CREATE INDEX events_disputed ON events (date, id) WHERE disputed;
CREATE INDEX events_place ON events (location_name, date, id) WHERE location_name IS NOT NULL;
CREATE INDEX events_geonameid ON events (geonameid, date, id) WHERE geonameid IS NOT NULL;
CREATE INDEX events_modality ON events (modality, date, id);
