-- 0002: the map view asks for the events inside a bounding box; without
-- this index that is a scan of every event.
CREATE INDEX events_lat_lon ON events (lat, lon) WHERE lat IS NOT NULL;

-- Listing a source's documents ("everything from outlet X") is a common
-- filter in the document browser.
CREATE INDEX documents_source ON documents (source, seq);
