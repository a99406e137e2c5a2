-- 0001: documents, their annotations, events and the reports linking them.
-- The same tables as the SQLite backend's, in PostgreSQL's own types.
--
-- Ids are COLLATE "C" so they sort byte-wise, as in SQLite, whatever the
-- database's locale: events come "by date then id", and that order must
-- not change with the server the data sits on.
--
-- Offsets in spans are bytes into documents.text, the pipeline's own unit,
-- so a stored document can be rebuilt exactly; the published_evidence
-- columns are code points, the unit of record.Document, which is what they
-- are read back into.

CREATE TABLE documents (
    id                       text COLLATE "C" PRIMARY KEY,
    -- seq is the ingest order: Documents() streams by it. An identity
    -- column rather than max(seq)+1, so concurrent writers never compute
    -- the same number; a rolled-back batch leaves a gap, which is harmless.
    seq                      bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    -- hash is the content identity. Its unique constraint is what makes
    -- two workers saving the same article at once store it once: the
    -- second INSERT waits for the first transaction and then conflicts.
    hash                     text COLLATE "C" NOT NULL UNIQUE,
    -- fingerprint is the 64-bit SimHash stored as a signed bigint (its
    -- bits reinterpreted); 0 means "none". band0..band3 are its four
    -- 16-bit quarters, low bits first: a copy within 3 bits shares one of
    -- them exactly, so near-duplicate candidates come from four index
    -- look-ups instead of a scan.
    fingerprint              bigint NOT NULL DEFAULT 0,
    band0                    integer NOT NULL DEFAULT 0,
    band1                    integer NOT NULL DEFAULT 0,
    band2                    integer NOT NULL DEFAULT 0,
    band3                    integer NOT NULL DEFAULT 0,
    origin                   text NOT NULL DEFAULT '',
    format                   text NOT NULL DEFAULT '',
    title                    text,
    source                   text,
    url                      text,
    author                   text,
    lang                     text,
    summary                  text,
    published                date,
    published_inferred       boolean NOT NULL DEFAULT false,
    published_evidence_start integer,
    published_evidence_end   integer,
    -- duplicate_of is deliberately not a foreign key: the original may be
    -- in the same batch, and a duplicate stays meaningful as a pointer.
    duplicate_of             text COLLATE "C",
    duplicate_score          double precision NOT NULL DEFAULT 0,
    text                     text NOT NULL,
    -- raw is the text as read, kept only when cleaning changed it.
    raw                      text,
    raw_offsets              bytea,
    chars                    integer NOT NULL DEFAULT 0,
    sentences                integer NOT NULL DEFAULT 0,
    -- errors is a JSON array of "stage: message" strings.
    errors                   jsonb,
    ingested_at              timestamptz NOT NULL DEFAULT now()
);

-- Only original, fingerprinted documents can be near-duplicate targets,
-- so the band indexes leave out the rest.
CREATE INDEX documents_band0 ON documents (band0) WHERE duplicate_of IS NULL AND fingerprint <> 0;
CREATE INDEX documents_band1 ON documents (band1) WHERE duplicate_of IS NULL AND fingerprint <> 0;
CREATE INDEX documents_band2 ON documents (band2) WHERE duplicate_of IS NULL AND fingerprint <> 0;
CREATE INDEX documents_band3 ON documents (band3) WHERE duplicate_of IS NULL AND fingerprint <> 0;
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_source ON documents (source, seq);

-- spans holds a document's annotations, one row each, per layer:
-- paragraph, sentence, place, timex, quantity, actor. label is the value
-- worth searching (place name, actor name, TIMEX3 value, quantity
-- category); data is the rest of the annotation. Tokens are not stored:
-- they are cheap to recompute and would be most of the rows.
CREATE TABLE spans (
    doc_id text COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    layer  text NOT NULL,
    idx    integer NOT NULL,
    start  integer NOT NULL,
    "end"  integer NOT NULL,
    label  text,
    data   jsonb,
    PRIMARY KEY (doc_id, layer, idx)
);

CREATE INDEX spans_label ON spans (layer, label) WHERE label IS NOT NULL;

-- events holds one row per real-world event; record is the full
-- record.Event (what the API and exporters return), the other columns copy
-- the fields that queries filter or sort on.
CREATE TABLE events (
    id              text COLLATE "C" PRIMARY KEY,
    event_type      text NOT NULL DEFAULT '',
    sub_event_type  text NOT NULL DEFAULT '',
    date            date,
    date_end        date,
    date_precision  text NOT NULL DEFAULT '',
    location_name   text,
    lat             double precision,
    lon             double precision,
    country         text,
    geonameid       bigint,
    fatalities_min  integer,
    fatalities_max  integer,
    modality        text NOT NULL DEFAULT '',
    record          jsonb NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- (date, id) in the index's natural order (NULLS LAST) is exactly the
-- order Events returns, so an unfiltered or date-bounded walk reads the
-- index in order and sorts nothing.
CREATE INDEX events_date ON events (date, id);
CREATE INDEX events_type ON events (event_type, sub_event_type, date);
-- The map asks for the events inside a bounding box. A GiST index on the
-- built-in point type answers "point <@ box" without PostGIS.
CREATE INDEX events_point ON events USING gist (point(lon, lat)) WHERE lat IS NOT NULL;

-- reports links events to the sentences that report them. doc_id is a
-- foreign key, so a report naming a document that is in neither the batch
-- nor the store fails the whole batch.
CREATE TABLE reports (
    event_id       text COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    idx            integer NOT NULL,
    doc_id         text COLLATE "C" NOT NULL REFERENCES documents (id),
    start          integer NOT NULL,
    "end"          integer NOT NULL,
    text           text NOT NULL DEFAULT '',
    claimed_by     text,
    modality       text NOT NULL DEFAULT '',
    fatalities_min integer,
    fatalities_max integer,
    PRIMARY KEY (event_id, idx)
);

CREATE INDEX reports_doc ON reports (doc_id, start);
