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

	// Documents calls fn for each stored document in ingest order.
	Documents(ctx context.Context, fn func(record.Document) error) error
	// Document returns one stored document with its cleaned text.
	Document(ctx context.Context, id string) (StoredDocument, error)
	// Events calls fn for each stored event matching q, by date then id.
	Events(ctx context.Context, q EventQuery, fn func(record.Event) error) error

	Close() error
}

// StoredDocument is a document record with its cleaned text.
type StoredDocument struct {
	record.Document
	Text string `json:"text"`
}

// EventQuery filters events. Zero fields do not filter.
type EventQuery struct {
	From, To     time.Time
	EventType    string
	SubEventType string
	Limit        int
}
