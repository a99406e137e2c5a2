// Package sqlrow is what the SQL backends (store/sqlite, store/postgres)
// share between Go values and their tables, which have the same columns in
// both: the values a document or an event is written as, the decoding of
// what a read scans back, and the look-ups whose SQL is the same but for
// the dialect. Listing queries are not here: each backend shapes them for
// its own planner and indexes.
//
// A backend describes its dialect once (Dialect), lends its connections
// (Query, QueryRow), and passes the reads that are alike on to a Reader.
package sqlrow

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
)

// Scanner is one row: *sql.Row, *sql.Rows, pgx.Row and pgx.Rows all are.
type Scanner interface {
	Scan(dest ...any) error
}

// Rows is a result set being read: *sql.Rows and pgx.Rows both are. Its
// owner closes it.
type Rows interface {
	Scanner
	Next() bool
	Err() error
}

// Query runs a read query with args and calls each with its rows, closing
// them after and returning the first error of the query, each or the rows.
// It is how a backend lends its connections to the look-ups here.
type Query func(ctx context.Context, sql string, args []any, each func(Rows) error) error

// Dialect is what differs between the backends' SQL for the statements
// this package writes.
type Dialect struct {
	// Param returns the marker of the n-th parameter, from 1: "$1" in
	// PostgreSQL, "?" in SQLite.
	Param func(n int) string
	// AnyOf returns a condition that col equals one of vals and its
	// arguments, whose first parameter is the n-th: PostgreSQL binds one
	// array (col = ANY($n)), which keeps one statement for any length;
	// SQLite, which has no arrays, lists a parameter per value.
	AnyOf func(col string, n int, vals []string) (string, []any)
	// Day returns the expression of the date column col as YYYY-MM-DD
	// text: PostgreSQL formats its dates; SQLite stores that text.
	Day func(col string) string
	// NoRows is the error the driver returns when a single-row query
	// finds nothing.
	NoRows error
}

// ContentHash is the identity of a document's content: the hex SHA-256 of
// its cleaned text, as doc.Document.Hash documents.
func ContentHash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// BaseID is the id a document is first offered under: its own, or for an
// unnamed one (the pipeline always names documents) a stable name from its
// content hash.
func BaseID(id, hash string) string {
	if id != "" {
		return id
	}
	return "doc-" + hash[:min(12, len(hash))]
}

// StrOrNil stores an empty string as NULL.
func StrOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
