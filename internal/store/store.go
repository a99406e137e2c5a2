// Package store defines where sitrep keeps documents, reports and events.
// Backends live in sub-packages (store/sqlite, later store/postgres) and are
// chosen by DSN in internal/app; all of them pass the same conformance suite.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
)

// ErrNotFound is returned when a requested document or event does not exist.
var ErrNotFound = errors.New("not found")

// Store is the persistent store. Every method is safe for concurrent use.
type Store interface {
	// SaveBatch stores analysed documents, with their annotations and
	// event records, in one transaction: either the whole batch is
	// committed or none of it. A document whose Hash is already stored is
	// skipped, so ingesting the same content twice adds nothing; the
	// returned slice says, per input document, whether it was new.
	SaveBatch(ctx context.Context, docs []*doc.Document, events []record.Event) ([]bool, error)

	// ReplaceEvents deletes the events with the remove ids (with their
	// reports) and upserts events, in one transaction: merging rewrites
	// events as reports from new documents arrive, absorbing some.
	ReplaceEvents(ctx context.Context, remove []string, events []record.Event) error

	// LookupHash returns the id of the stored document with this content
	// hash.
	LookupHash(ctx context.Context, hash string) (id string, found bool, err error)

	// NearDuplicate returns a stored, non-duplicate document whose
	// fingerprint is within maxDistance bits of fp.
	NearDuplicate(ctx context.Context, fp uint64, maxDistance int) (id string, distance int, found bool, err error)

	// NearDuplicateOf returns a stored, non-duplicate document that is a
	// near copy of d: one that shares an anchor (a long paragraph, see
	// doc.Document.Anchors) with d, or for small distances a fingerprint
	// band, and whose fingerprint is within maxDistance bits of
	// d.Fingerprint. Candidates come from indexes, so the cost does not
	// grow with the store.
	NearDuplicateOf(ctx context.Context, d *doc.Document, maxDistance int) (id string, distance int, found bool, err error)

	// Documents calls fn for each stored document in ingest order.
	Documents(ctx context.Context, fn func(record.Document) error) error
	// Document returns one stored document with its cleaned text.
	Document(ctx context.Context, id string) (StoredDocument, error)
	// Events calls fn for each stored event matching q, by date then id.
	Events(ctx context.Context, q EventQuery, fn func(record.Event) error) error
	// Event returns one stored event with all its reports, or an error
	// wrapping ErrNotFound.
	Event(ctx context.Context, id string) (record.Event, error)

	Close() error
}

// StoredDocument is a document record with its cleaned text.
type StoredDocument struct {
	record.Document
	Text string `json:"text"`
}

// EventQuery filters events. Zero fields do not filter; set fields combine
// with AND.
type EventQuery struct {
	From, To     time.Time
	EventType    string
	SubEventType string
	Limit        int

	// BBox keeps events whose location lies inside the box, edges
	// included; events without a location never match.
	BBox *BBox
	// Actor keeps events whose actor1 or actor2 has exactly this name.
	Actor string
	// Place keeps events whose location has exactly this name, or, when
	// Place is all digits, this GeoNames id.
	Place string
	// Modality keeps events with this modality (doc.Reported, …).
	Modality string
	// Disputed keeps only events with at least one dispute.
	Disputed bool
	// Text keeps events with a report sentence containing every word of
	// Text, as a substring, ignoring case (at least ASCII case: SQLite
	// folds no other). Punctuation separates words and is otherwise
	// ignored; Text with no word matches nothing.
	Text string
	// Doc keeps events reported by this document.
	Doc string
	// Unmerged keeps events that merging has not seen yet (their record
	// has no "sources"): new single-document events, and those a run that
	// was killed before its merge step left behind. The merge after each
	// run picks them up from here, so it never scans the whole store.
	Unmerged bool
	// After resumes a listing after the event at this position of the
	// (date, id) order: pagination by key, not by offset, so a page costs
	// the same however deep it is.
	After *Cursor
}

// BBox is a WGS84 bounding box in decimal degrees. MinLon > MaxLon is a box
// that crosses the antimeridian.
type BBox struct {
	MinLon, MinLat, MaxLon, MaxLat float64
}

// Contains reports whether the point lies inside b, edges included.
func (b BBox) Contains(lon, lat float64) bool {
	if lat < b.MinLat || lat > b.MaxLat {
		return false
	}
	if b.MinLon <= b.MaxLon {
		return lon >= b.MinLon && lon <= b.MaxLon
	}
	return lon >= b.MinLon || lon <= b.MaxLon
}

// Cursor is a position in the order Events lists events in: by date, then
// id, with undated events (Date "") after all dated ones.
type Cursor struct {
	Date string `json:"d,omitempty"`
	ID   string `json:"i"`
}

// CursorOf returns the position of ev, to resume a listing after it.
func CursorOf(ev record.Event) Cursor {
	c := Cursor{ID: ev.ID}
	if ev.Date != nil {
		c.Date = *ev.Date
	}
	return c
}

// The interfaces below are optional views a backend may offer besides
// Store; the API checks for them and falls back to Events when a backend
// (a test double, say) has none. Both built-in backends implement all of
// them and the conformance suite checks them.

// RawEventLister streams events as their stored JSON records, for callers
// that pass them on unchanged: decoding and re-encoding every record is
// most of the cost of a page of events.
type RawEventLister interface {
	// EventsRaw calls fn for each stored event matching q, in the order
	// and with the filters of Store.Events, with the event's position
	// (for a cursor) and its record as JSON. raw is only valid during the
	// call: fn must copy what it keeps. The JSON decodes to the record
	// Events yields but need not be byte-identical to its encoding (a
	// backend may store it normalised, with another key order).
	EventsRaw(ctx context.Context, q EventQuery, fn func(pos Cursor, raw []byte) error) error
}

// Versioner says cheaply whether events changed since a previous look, so
// a server can validate and cache answers.
type Versioner interface {
	// EventsVersion returns the current version of the stored events. Its
	// Tag differs from every earlier one once a write that inserted,
	// changed or removed events has committed.
	EventsVersion(ctx context.Context) (Version, error)
}

// Version identifies a state of the stored events.
type Version struct {
	// Tag is opaque; equal tags mean the same events.
	Tag string
	// Modified is when the last write to events committed (the zero time
	// when none ever did).
	Modified time.Time
}

// Gridder counts events per cell of a latitude/longitude grid, so a map
// can show a million events at low zoom without loading them.
type Gridder interface {
	// EventGrid counts the located events matching q (q.Limit and q.After
	// are ignored) per square cell of cellDeg degrees, aligned on
	// multiples of cellDeg from (0, 0), and per event type within each
	// cell. Cells come ordered by row then column (south to north, west
	// to east), each once.
	EventGrid(ctx context.Context, q EventQuery, cellDeg float64) ([]GridCell, error)
	// EventDays counts the dated events matching q (q.Limit and q.After
	// are ignored) per start date, in date order: a timeline's bars.
	EventDays(ctx context.Context, q EventQuery) ([]DayCount, error)
}

// DayCount is the number of events that start on one day.
type DayCount struct {
	Date  string `json:"date"`
	Count int    `json:"count"`
}

// GridCell is one non-empty cell of an event grid.
type GridCell struct {
	// Row and Col index the cell: it spans latitudes [Row, Row+1)×cellDeg
	// and longitudes [Col, Col+1)×cellDeg.
	Row int `json:"row"`
	Col int `json:"col"`
	// Lat and Lon are the mean position of the cell's events, where a
	// marker standing for them belongs.
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
	// Extent is the box of the cell's events: minLon, minLat, maxLon,
	// maxLat, what a map zooms to.
	Extent [4]float64 `json:"extent"`
	Count  int        `json:"count"`
	// Types counts the cell's events by event type.
	Types map[string]int `json:"types"`
}

// Union is the smallest box (minLon, minLat, maxLon, maxLat) holding a
// and b.
func Union(a, b [4]float64) [4]float64 {
	return [4]float64{min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])}
}

// AllReportsSkipped reports whether every report of ev comes from a batch
// document that was skipped as already stored: such an event was saved
// with that document the first time. first maps a document id to its first
// index in the batch; isNew says, per batch document, whether it was stored
// by this batch. Backends share it so they skip the same events.
func AllReportsSkipped(ev record.Event, first map[string]int, isNew []bool) bool {
	if len(ev.Reports) == 0 {
		return false
	}
	for _, r := range ev.Reports {
		i, ok := first[r.Doc]
		if !ok || isNew[i] {
			return false
		}
	}
	return true
}
