-- 0009: a listing of the events in a small box, in date order, walked
-- events_cover from the first date and tested the box on every entry: a
-- box holding 2% of the events meant some 5,000 entries per page of 100.
-- This index groups events by 1°×1° cell, in date order within each, so
-- such a listing merges the ordered walks of the few cells the box
-- touches and reads little more than the page (see pageArms in query.go).
-- It indexes the expression rather than a generated column because
-- SQLite answers from an index on an expression without reading the row,
-- and reads the row for a virtual column. The other columns are those of
-- events_cover, so the common filters are tested from the index too.
-- CAST truncates, which is floor for these non-negative values.
CREATE INDEX events_cell ON events (
    (CAST(lat + 90 AS INTEGER) * 361 + CAST(lon + 180 AS INTEGER)),
    date, id, lat, lon, date_end, event_type, sub_event_type, modality
) WHERE lat IS NOT NULL AND lon IS NOT NULL;
