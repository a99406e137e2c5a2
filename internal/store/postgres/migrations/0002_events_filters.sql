-- 0002: the API filters events by actor, place, modality and dispute, and
-- pages through them by (date, id).
--
-- The actor and dispute columns are generated from the stored record, so
-- SaveBatch keeps writing one JSON document and the copies can never
-- disagree with it. PostgreSQL generates STORED columns only; they are a
-- few bytes a row, and the indexes on them are what makes the filters
-- look-ups rather than scans.
ALTER TABLE events ADD COLUMN actor1 text GENERATED ALWAYS AS (record #>> '{actor1,name}') STORED;
ALTER TABLE events ADD COLUMN actor2 text GENERATED ALWAYS AS (record #>> '{actor2,name}') STORED;
-- "disputes" may be JSON null as well as an array, and jsonb_array_length
-- fails on a scalar; CASE, unlike AND, fixes the order of evaluation.
ALTER TABLE events ADD COLUMN disputed boolean NOT NULL GENERATED ALWAYS AS (
    CASE WHEN jsonb_typeof(record -> 'disputes') = 'array' THEN jsonb_array_length(record -> 'disputes') > 0
    ELSE false END) STORED;

CREATE INDEX events_actor1 ON events (actor1, date, id) WHERE actor1 IS NOT NULL;
CREATE INDEX events_actor2 ON events (actor2, date, id) WHERE actor2 IS NOT NULL;
CREATE INDEX events_disputed ON events (date, id) WHERE disputed;
CREATE INDEX events_place ON events (location_name, date, id) WHERE location_name IS NOT NULL;
CREATE INDEX events_geonameid ON events (geonameid, date, id) WHERE geonameid IS NOT NULL;
CREATE INDEX events_modality ON events (modality, date, id);
