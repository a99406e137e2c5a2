-- 0008: the map asks for counts per grid cell of the events in its view.
-- This index holds every column that count reads, led by position, so a
-- view's box is a range of it and no record is read.
CREATE INDEX events_geo ON events (lat, lon, event_type, date, date_end, sub_event_type, modality) WHERE lat IS NOT NULL;
