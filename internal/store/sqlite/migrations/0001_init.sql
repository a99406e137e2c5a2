-- 0001: documents, their annotations, events and the reports linking them.
--
-- Offsets in spans are bytes into documents.text, the pipeline's own unit,
-- so a stored document can be rebuilt exactly; the published_evidence
-- columns are code points, the unit of record.Document, which is what they
-- are read back into.

CREATE TABLE documents (
    id                       TEXT PRIMARY KEY,
    -- seq is the ingest order: Documents() streams by it.
    seq                      INTEGER NOT NULL UNIQUE,
    hash                     TEXT NOT NULL UNIQUE,
    -- fingerprint is the 64-bit SimHash stored as a signed integer (its
    -- bits reinterpreted); 0 means "none". band0..band3 are its four
    -- 16-bit quarters, low bits first: a copy within 3 bits shares one of
    -- them exactly, so near-duplicate candidates come from four index
    -- look-ups instead of a scan.
    fingerprint              INTEGER NOT NULL DEFAULT 0,
    band0                    INTEGER NOT NULL DEFAULT 0,
    band1                    INTEGER NOT NULL DEFAULT 0,
    band2                    INTEGER NOT NULL DEFAULT 0,
    band3                    INTEGER NOT NULL DEFAULT 0,
    origin                   TEXT NOT NULL DEFAULT '',
    format                   TEXT NOT NULL DEFAULT '',
    title                    TEXT,
    source                   TEXT,
    url                      TEXT,
    author                   TEXT,
    lang                     TEXT,
    summary                  TEXT,
    published                TEXT CHECK (published IS NULL OR published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    published_inferred       INTEGER NOT NULL DEFAULT 0,
    published_evidence_start INTEGER,
    published_evidence_end   INTEGER,
    -- duplicate_of is deliberately not a foreign key: the original may be
    -- in the same batch, and a duplicate stays meaningful as a pointer.
    duplicate_of             TEXT,
    duplicate_score          REAL NOT NULL DEFAULT 0,
    text                     TEXT NOT NULL,
    -- raw is the text as read, kept only when cleaning changed it.
    raw                      TEXT,
    raw_offsets              BLOB,
    chars                    INTEGER NOT NULL DEFAULT 0,
    sentences                INTEGER NOT NULL DEFAULT 0,
    errors                   TEXT,
    ingested_at              TEXT NOT NULL
);

-- Only original, fingerprinted documents can be near-duplicate targets,
-- so the band indexes leave out the rest.
CREATE INDEX documents_band0 ON documents (band0) WHERE duplicate_of IS NULL AND fingerprint <> 0;
CREATE INDEX documents_band1 ON documents (band1) WHERE duplicate_of IS NULL AND fingerprint <> 0;
CREATE INDEX documents_band2 ON documents (band2) WHERE duplicate_of IS NULL AND fingerprint <> 0;
CREATE INDEX documents_band3 ON documents (band3) WHERE duplicate_of IS NULL AND fingerprint <> 0;
CREATE INDEX documents_published ON documents (published);

-- spans holds a document's annotations, one row each, per layer:
-- paragraph, sentence, place, timex, quantity, actor. Rows rather than a
-- JSON column per document because the questions asked of them are
-- relational: "the sentence of document X around offset N" is a range
-- look-up on the primary key, "places in document Y" a prefix scan, and
-- "documents that mention Aleppo" uses the label index. label is the value
-- worth searching (place name, actor name, TIMEX3 value, quantity
-- category); data is the rest of the annotation as JSON. Tokens are not
-- stored: they are cheap to recompute and would be most of the rows.
CREATE TABLE spans (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    layer  TEXT NOT NULL,
    idx    INTEGER NOT NULL,
    start  INTEGER NOT NULL,
    "end"  INTEGER NOT NULL,
    label  TEXT,
    data   TEXT,
    PRIMARY KEY (doc_id, layer, idx)
) WITHOUT ROWID;

CREATE INDEX spans_label ON spans (layer, label) WHERE label IS NOT NULL;

-- events holds one row per real-world event; record is the full
-- record.Event as JSON (what the API and exporters return), the other
-- columns copy the fields that queries filter or sort on.
CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    event_type      TEXT NOT NULL DEFAULT '',
    sub_event_type  TEXT NOT NULL DEFAULT '',
    date            TEXT,
    date_end        TEXT,
    date_precision  TEXT NOT NULL DEFAULT '',
    location_name   TEXT,
    lat             REAL,
    lon             REAL,
    country         TEXT,
    geonameid       INTEGER,
    fatalities_min  INTEGER,
    fatalities_max  INTEGER,
    modality        TEXT NOT NULL DEFAULT '',
    record          TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE INDEX events_date ON events (date, id);
CREATE INDEX events_type ON events (event_type, sub_event_type, date);

-- reports links events to the sentences that report them. Every report is
-- a row so "events reported by document X" is an index look-up; doc_id is
-- a foreign key, so a report naming a document that is in neither the
-- batch nor the store fails the whole batch.
CREATE TABLE reports (
    event_id       TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    doc_id         TEXT NOT NULL REFERENCES documents (id),
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    text           TEXT NOT NULL DEFAULT '',
    claimed_by     TEXT,
    modality       TEXT NOT NULL DEFAULT '',
    fatalities_min INTEGER,
    fatalities_max INTEGER,
    PRIMARY KEY (event_id, idx)
);

CREATE INDEX reports_doc ON reports (doc_id, start);
