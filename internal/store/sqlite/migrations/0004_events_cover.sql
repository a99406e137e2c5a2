-- 0004: listings walk events in (date, id) order and stop at the page
-- size. This index carries the columns the common filters test, so rows
-- that fail them are rejected from the index alone and only the page's
-- own rows are read from the table (whose JSON record is most of its size).
CREATE INDEX events_cover ON events (date, id, date_end, lat, lon, event_type, sub_event_type, modality);
