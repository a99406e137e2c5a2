package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/spanrows"
	"github.com/sitrep-dev/sitrep/internal/store/sqlrow"
)

// SaveBatch stores docs and events in one transaction (see store.Store).
//
// Ids: a document is stored under d.ID unless another document with
// different content already has that id (two files named story.txt in
// different folders); it then gets the first free id of d.ID-2, d.ID-3, ….
// A document whose content is already stored is skipped and takes the id
// of the stored copy. Either way, after a successful SaveBatch d.ID is the
// id the document is stored under (and an empty d.Hash is filled in);
// after a failed one the documents are unchanged.
//
// References that name a batch document by its input id are rewritten to
// its final id: the reports, locations, actors and dispute claims of the
// batch's events, and the DuplicateOf of later documents in the batch. A
// reference to an id that is both a batch document's input id and a stored
// document's id is taken to mean the batch document, which is where the
// batch's events came from; when two batch documents share an input id,
// the first.
//
// Events: an event whose reports all come from documents of this batch that
// were skipped (content already stored, by an earlier batch or earlier in
// this one) is skipped too, so re-saving a batch adds nothing. Any other
// event is upserted: an existing event with the same id is replaced, with
// its reports, since merging rewrites events as reports arrive. A report
// naming a document that is neither in the batch nor stored fails the
// whole batch.
func (s *Store) SaveBatch(ctx context.Context, docs []*doc.Document, events []record.Event) ([]bool, error) {
	for i, d := range docs {
		if d == nil {
			return nil, fmt.Errorf("save batch: document %d is nil", i)
		}
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("save batch: begin: %w", err)
	}
	defer tx.Rollback()
	b, err := newBatch(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("save batch: %w", err)
	}
	defer b.close()

	isNew := make([]bool, len(docs))
	finalIDs := make([]string, len(docs))
	hashes := make([]string, len(docs))
	dupOfs := make([]string, len(docs))
	// rename maps an input id to its final id; first maps it to the first
	// batch document that had it, which is the one references mean.
	rename := make(map[string]string, len(docs))
	first := make(map[string]int, len(docs))
	now := time.Now().UTC().Format(time.RFC3339Nano)
	for i, d := range docs {
		hashes[i] = d.Hash
		if hashes[i] == "" {
			hashes[i] = ContentHash(d.Text)
		}
		// A copy of an earlier document of this batch points at that
		// document's final id.
		dupOfs[i] = d.DuplicateOf
		if n, ok := rename[d.DuplicateOf]; ok && d.DuplicateOf != "" {
			dupOfs[i] = n
		}
		id, created, err := b.saveDocument(ctx, d, hashes[i], dupOfs[i], now)
		if err != nil {
			return nil, fmt.Errorf("save batch: document %q: %w", d.ID, err)
		}
		isNew[i], finalIDs[i] = created, id
		if _, seen := first[d.ID]; !seen {
			first[d.ID] = i
			rename[d.ID] = id
		}
	}
	for i := range events {
		if store.AllReportsSkipped(events[i], first, isNew) {
			continue
		}
		ev := events[i].WithDocIDs(rename)
		if err := b.saveEvent(ctx, ev, now); err != nil {
			return nil, fmt.Errorf("save batch: event %q: %w", ev.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("save batch: commit: %w", err)
	}
	for i, d := range docs {
		d.ID, d.Hash = finalIDs[i], hashes[i]
		if isNew[i] {
			d.DuplicateOf = dupOfs[i]
		}
	}
	return isNew, nil
}

// batch holds the prepared statements of one SaveBatch transaction.
type batch struct {
	tx      *sql.Tx
	seq     int64
	stmts   []*sql.Stmt
	byHash  *sql.Stmt
	idTaken *sql.Stmt
	insDoc  *sql.Stmt
	// insSpans caches multi-row span inserts by row count: one statement
	// per chunk of rows instead of per row halves the cost of a document.
	insSpans map[int]*sql.Stmt
	upsEvent *sql.Stmt
	delRep   *sql.Stmt
	insRep   *sql.Stmt
}

func newBatch(ctx context.Context, tx *sql.Tx) (*batch, error) {
	b := &batch{tx: tx, insSpans: make(map[int]*sql.Stmt)}
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) FROM documents").Scan(&b.seq); err != nil {
		return nil, fmt.Errorf("read ingest sequence: %w", err)
	}
	prep := []struct {
		dst **sql.Stmt
		sql string
	}{
		{&b.byHash, "SELECT id FROM documents WHERE hash = ?"},
		{&b.idTaken, "SELECT 1 FROM documents WHERE id = ?"},
		{&b.insDoc, `INSERT INTO documents (
			id, seq, hash, fingerprint, band0, band1, band2, band3,
			origin, format, title, source, url, author, lang, summary,
			published, published_inferred, published_evidence_start, published_evidence_end,
			duplicate_of, duplicate_score, text, raw, raw_offsets, chars, sentences, errors, ingested_at
		) VALUES (?,?,?,?,?,?,?,?, ?,?,?,?,?,?,?,?, ?,?,?,?, ?,?,?,?,?,?,?,?,?)`},
		{&b.upsEvent, `INSERT INTO events (` + sqlrow.EventColumns + `, updated_at)
		VALUES (?,?,?,?,?,?, ?,?,?,?,?, ?,?,?,?,?)
		ON CONFLICT (id) DO UPDATE SET ` + sqlrow.EventUpdates + `, updated_at = excluded.updated_at`},
		{&b.delRep, "DELETE FROM reports WHERE event_id = ?"},
		{&b.insRep, `INSERT INTO reports (
			event_id, idx, doc_id, start, "end", text, claimed_by, modality, fatalities_min, fatalities_max
		) VALUES (?,?,?,?,?,?,?,?,?,?)`},
	}
	for _, p := range prep {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			b.close()
			return nil, fmt.Errorf("prepare statement: %w", err)
		}
		*p.dst = st
		b.stmts = append(b.stmts, st)
	}
	return b, nil
}

func (b *batch) close() {
	for _, st := range b.stmts {
		st.Close()
	}
}

// ContentHash is the identity of a document's content: the hex SHA-256 of
// its cleaned text, as doc.Document.Hash documents. SaveBatch fills an
// empty Hash with it.
func ContentHash(text string) string { return sqlrow.ContentHash(text) }

// saveDocument inserts d unless its content is stored, and returns the id
// it is stored under and whether it was inserted.
func (b *batch) saveDocument(ctx context.Context, d *doc.Document, hash, dupOf, now string) (string, bool, error) {
	var existing string
	switch err := b.byHash.QueryRowContext(ctx, hash).Scan(&existing); {
	case err == nil:
		return existing, false, nil
	case !errors.Is(err, sql.ErrNoRows):
		return "", false, fmt.Errorf("look up hash: %w", err)
	}
	id, err := b.freeID(ctx, sqlrow.BaseID(d.ID, hash))
	if err != nil {
		return "", false, err
	}
	v, err := sqlrow.DocumentOf(d, dupOf)
	if err != nil {
		return "", false, err
	}
	var published *string
	if d.Published != nil {
		published = new(d.Published.Format(time.DateOnly))
	}
	var errs *string // the JSON as TEXT, not a BLOB
	if v.Errors != nil {
		errs = new(string(v.Errors))
	}
	b.seq++
	_, err = b.insDoc.ExecContext(ctx,
		id, b.seq, hash, v.Fingerprint, v.Bands[0], v.Bands[1], v.Bands[2], v.Bands[3],
		d.Origin, d.Format, v.Title, v.Source, v.URL, v.Author, v.Lang, v.Summary,
		published, d.PublishedInferred, v.EvidenceStart, v.EvidenceEnd,
		v.DuplicateOf, d.DuplicateScore, d.Text, v.Raw, v.RawOffsets,
		v.Chars, v.Sentences, errs, now)
	if err != nil {
		return "", false, fmt.Errorf("insert: %w", err)
	}
	rows, err := spanrows.FromDocument(d)
	if err != nil {
		return "", false, err
	}
	if err := b.insertSpans(ctx, id, rows); err != nil {
		return "", false, err
	}
	return id, true, nil
}

// spanChunk is the most span rows one INSERT carries: 7 parameters each,
// far below SQLite's limit of 32766.
const spanChunk = 64

func (b *batch) insertSpans(ctx context.Context, docID string, rows []spanrows.Row) error {
	args := make([]any, 0, 7*min(len(rows), spanChunk))
	for len(rows) > 0 {
		chunk := rows[:min(len(rows), spanChunk)]
		rows = rows[len(chunk):]
		st, err := b.spanStmt(ctx, len(chunk))
		if err != nil {
			return err
		}
		args = args[:0]
		for _, r := range chunk {
			var data any
			if r.Data != nil {
				data = string(r.Data)
			}
			args = append(args, docID, r.Layer, r.Idx, r.Start, r.End, r.Label, data)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("insert spans from %s %d: %w", chunk[0].Layer, chunk[0].Idx, err)
		}
	}
	return nil
}

func (b *batch) spanStmt(ctx context.Context, n int) (*sql.Stmt, error) {
	if st, ok := b.insSpans[n]; ok {
		return st, nil
	}
	q := `INSERT INTO spans (doc_id, layer, idx, start, "end", label, data) VALUES ` +
		strings.Repeat("(?,?,?,?,?,?,?),", n-1) + "(?,?,?,?,?,?,?)"
	st, err := b.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("prepare span insert: %w", err)
	}
	b.insSpans[n] = st
	b.stmts = append(b.stmts, st)
	return st, nil
}

// freeID returns base, or base-2, base-3, … whichever is first not taken.
func (b *batch) freeID(ctx context.Context, base string) (string, error) {
	id := base
	for n := 2; ; n++ {
		var one int
		switch err := b.idTaken.QueryRowContext(ctx, id).Scan(&one); {
		case errors.Is(err, sql.ErrNoRows):
			return id, nil
		case err != nil:
			return "", fmt.Errorf("look up id %q: %w", id, err)
		}
		id = base + "-" + strconv.Itoa(n)
	}
}

func (b *batch) saveEvent(ctx context.Context, ev record.Event, now string) error {
	if ev.ID == "" {
		return errors.New("event has no id")
	}
	// The dates are stored as the record's strings, which sqlrow checked
	// are YYYY-MM-DD: they are compared as strings for range queries and
	// ordering, which is only right for the one fixed format.
	v, err := sqlrow.EventOf(&ev)
	if err != nil {
		return err
	}
	if _, err := b.upsEvent.ExecContext(ctx,
		ev.ID, ev.EventType, ev.SubEventType, ev.Date, ev.DateEnd, ev.DatePrecision,
		v.LocationName, v.Lat, v.Lon, v.Country, v.GeonameID,
		v.FatalitiesMin, v.FatalitiesMax, ev.Modality, string(v.Record), now); err != nil {
		return fmt.Errorf("upsert: %w", err)
	}
	if _, err := b.delRep.ExecContext(ctx, ev.ID); err != nil {
		return fmt.Errorf("delete old reports: %w", err)
	}
	for i, r := range ev.Reports {
		rmin, rmax := sqlrow.Bounds(r.Fatalities)
		if _, err := b.insRep.ExecContext(ctx,
			ev.ID, i, r.Doc, r.Start, r.End, r.Text, r.ClaimedBy, r.Modality, rmin, rmax); err != nil {
			return fmt.Errorf("insert report %d (document %q): %w", i, r.Doc, err)
		}
	}
	return nil
}

// ReplaceEvents deletes the events named in remove and upserts events, in
// one transaction.
func (s *Store) ReplaceEvents(ctx context.Context, remove []string, events []record.Event) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("replace events: begin: %w", err)
	}
	defer tx.Rollback()
	b, err := newBatch(ctx, tx)
	if err != nil {
		return fmt.Errorf("replace events: %w", err)
	}
	defer b.close()
	for _, id := range remove {
		// Reports go with their event (ON DELETE CASCADE).
		if _, err := tx.ExecContext(ctx, "DELETE FROM events WHERE id = ?", id); err != nil {
			return fmt.Errorf("replace events: delete %q: %w", id, err)
		}
	}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	for _, ev := range events {
		if err := b.saveEvent(ctx, ev, now); err != nil {
			return fmt.Errorf("replace events: event %q: %w", ev.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("replace events: commit: %w", err)
	}
	return nil
}
