-- 0006: an event matches a date range when [date, date_end] overlaps it,
-- which no index can answer directly: "date_end >= from" is on another
-- column than the order. Multi-day events are rare, so Events reads the
-- longest span from this small partial index and adds the sargable bound
-- date >= from - longest span.
CREATE INDEX events_multiday ON events (date, date_end) WHERE date_end > date;

-- Type filters page in (date, id) order straight from the index, with no
-- sort of every event of the type.
CREATE INDEX events_type_order ON events (event_type, sub_event_type, date, id);
