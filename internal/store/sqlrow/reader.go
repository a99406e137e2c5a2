package sqlrow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// QueryRow runs a query that returns at most one row; Scan reports the
// dialect's NoRows when there is none.
type QueryRow func(ctx context.Context, sql string, args ...any) Scanner

// Reader answers the store.Store reads whose SQL is the same in both
// backends but for the dialect: documents and events by id, the document
// listing and the near-duplicate look-ups. A backend keeps one and passes
// those methods on to it. Event listings are not here: each backend shapes
// them for its own planner.
type Reader struct {
	query Query
	row   QueryRow
	dl    Dialect
	// The SQL texts, built once.
	listDocs, getDoc, loadDoc, loadSpans, getEvent, byHash string
}

// NewReader returns a Reader that runs its SQL, written in dl, through
// query and row.
func NewReader(query Query, row QueryRow, dl Dialect) *Reader {
	docCols := documentColumns(dl.Day("published"))
	p1 := dl.Param(1)
	return &Reader{
		query: query, row: row, dl: dl,
		listDocs: "SELECT " + docCols + " FROM documents ORDER BY seq",
		getDoc:   "SELECT " + docCols + ", text FROM documents WHERE id = " + p1,
		loadDoc:  "SELECT " + analysedColumns(dl.Day("published")) + " FROM documents WHERE id = " + p1,
		loadSpans: `SELECT layer, idx, start, "end", label, data FROM spans
		WHERE doc_id = ` + p1 + ` ORDER BY layer, idx`,
		getEvent: "SELECT record FROM events WHERE id = " + p1,
		byHash:   "SELECT id FROM documents WHERE hash = " + p1,
	}
}

// LookupHash returns the id of the stored document with this content hash.
func (r *Reader) LookupHash(ctx context.Context, hash string) (string, bool, error) {
	var id string
	switch err := r.row(ctx, r.byHash, hash).Scan(&id); {
	case errors.Is(err, r.dl.NoRows):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("look up hash: %w", err)
	}
	return id, true, nil
}

// Documents calls fn for each stored document in ingest order. The text is
// not read; Document returns it. fn's error is returned as it is.
func (r *Reader) Documents(ctx context.Context, fn func(record.Document) error) error {
	var fnErr error
	err := r.query(ctx, r.listDocs, nil, func(rows Rows) error {
		for rows.Next() {
			d, err := scanDocument(rows)
			if err != nil {
				return err
			}
			if fnErr = fn(d); fnErr != nil {
				return fnErr
			}
		}
		return nil
	})
	switch {
	case fnErr != nil:
		return fnErr
	case err != nil:
		return fmt.Errorf("list documents: %w", err)
	}
	return nil
}

// Document returns one stored document with its cleaned text, or an error
// wrapping store.ErrNotFound.
func (r *Reader) Document(ctx context.Context, id string) (store.StoredDocument, error) {
	var sd store.StoredDocument
	d, err := scanDocument(r.row(ctx, r.getDoc, id), &sd.Text)
	switch {
	case errors.Is(err, r.dl.NoRows):
		return sd, fmt.Errorf("get document %q: %w", id, store.ErrNotFound)
	case err != nil:
		return sd, fmt.Errorf("get document %q: %w", id, err)
	}
	sd.Document = d
	return sd, nil
}

// LoadDocument rebuilds the analysed document stored under id: metadata,
// text, raw text and offset map, and its annotations (paragraphs,
// sentences, places, timexes, quantities, actors). Tokens and the
// document's own extracted events are not stored; events are read through
// Events. The error wraps store.ErrNotFound when there is no such document.
func (r *Reader) LoadDocument(ctx context.Context, id string) (*doc.Document, error) {
	d, err := scanAnalysed(r.row(ctx, r.loadDoc, id), id)
	switch {
	case errors.Is(err, r.dl.NoRows):
		return nil, fmt.Errorf("load document %q: %w", id, store.ErrNotFound)
	case err != nil:
		return nil, fmt.Errorf("load document %q: %w", id, err)
	}
	if err := r.query(ctx, r.loadSpans, []any{id}, func(rows Rows) error { return scanSpans(rows, d) }); err != nil {
		return nil, fmt.Errorf("load document %q: %w", id, err)
	}
	return d, nil
}

// Event returns one stored event, or an error wrapping store.ErrNotFound.
func (r *Reader) Event(ctx context.Context, id string) (record.Event, error) {
	var ev record.Event
	var raw []byte
	switch err := r.row(ctx, r.getEvent, id).Scan(&raw); {
	case errors.Is(err, r.dl.NoRows):
		return ev, fmt.Errorf("get event %q: %w", id, store.ErrNotFound)
	case err != nil:
		return ev, fmt.Errorf("get event %q: %w", id, err)
	}
	if err := json.Unmarshal(raw, &ev); err != nil {
		return ev, fmt.Errorf("get event %q: decode: %w", id, err)
	}
	return ev, nil
}
