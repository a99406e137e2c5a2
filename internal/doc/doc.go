// Package doc defines the one document type that flows through sitrep's
// pipeline. The document owns its text; every annotation a stage adds is a
// Span of byte offsets into Document.Text, never a copied string standing in
// for identity, so any value can always be shown in its sentence.
//
// The package has no dependencies on other sitrep packages: every stage
// imports it, it imports none of them.
package doc

import (
	"fmt"
	"time"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) into Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// Valid reports whether the span lies inside a text of n bytes.
func (s Span) Valid(n int) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= n }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether the two spans share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// IsZero reports whether the span is the zero value (no source).
func (s Span) IsZero() bool { return s.Start == 0 && s.End == 0 }

// Document is one article: its cleaned text, its metadata and every
// annotation the stages have added.
type Document struct {
	// ID is stable for an input: a file's base name without extension, or
	// the id a JSON Lines record or feed item carries.
	ID string
	// Origin says where the document was read from: a path, "-" for stdin,
	// with "#N" for the Nth record of a multi-document file.
	Origin string
	// Format is the input format it was read from: text, html, jsonl,
	// rss, atom, jsonfeed, warc.
	Format string

	Title   string
	Source  string // outlet or site name
	URL     string
	Author  string
	Lang    string
	Summary string

	// Published is the publication date, nil when unknown. PublishedInferred
	// is true when it was inferred from the content rather than read from
	// metadata; PublishedEvidence is then the span that gave it.
	Published         *time.Time
	PublishedInferred bool
	PublishedEvidence Span

	// Raw is the text as read from the input, after decoding to UTF-8 and
	// before cleaning. Text is the cleaned text all spans point into;
	// RawOffsets maps a Text offset back to a Raw offset.
	Raw        string
	Text       string
	RawOffsets OffsetMap

	// Hash is the hex SHA-256 of Text: the identity used for idempotent
	// ingest. DuplicateOf is the ID of an earlier document this one is an
	// exact or near copy of; a duplicate is stored but not extracted.
	Hash           string
	DuplicateOf    string
	DuplicateScore float64
	// Fingerprint is a 64-bit SimHash of the text's word shingles, for
	// finding syndicated near-copies.
	Fingerprint uint64
	// Anchors are hashes of the document's long paragraphs, normalised. A
	// syndicated copy keeps most paragraphs word for word, so a shared
	// anchor finds near-duplicate candidates through an index, where the
	// fingerprint alone would need a comparison with every document.
	Anchors []uint64

	Paragraphs []Span
	Sentences  []Span
	Tokens     []Token

	Places     []Place
	Timexes    []Timex
	Quantities []Quantity
	Actors     []ActorMention
	Events     []Event

	// Errors are the failures of stages on this document. A failure on one
	// document is data, not a crash: the document goes on to the next stage.
	Errors []StageError

	// lower caches Lower(): the lower-cased text the dictionary stages
	// share.
	lower lowerCache
}

// Slice returns the surface text of a span, or "" when it is out of range.
func (d *Document) Slice(s Span) string {
	if !s.Valid(len(d.Text)) {
		return ""
	}
	return d.Text[s.Start:s.End]
}

// SentenceAt returns the index of the sentence containing byte offset off,
// or -1. Sentences are sorted, so this is a binary search.
func (d *Document) SentenceAt(off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case d.Sentences[m].End <= off:
			lo = m + 1
		case d.Sentences[m].Start > off:
			hi = m
		default:
			return m
		}
	}
	return -1
}

// RunePos converts a byte offset in Text to a Unicode code point offset,
// the unit of JSON output (see ../shared/eval/README.md).
func (d *Document) RunePos(byteOff int) int {
	if byteOff > len(d.Text) {
		byteOff = len(d.Text)
	}
	return utf8.RuneCountInString(d.Text[:byteOff])
}

// Fail records a stage failure on the document.
func (d *Document) Fail(stage string, err error) {
	d.Errors = append(d.Errors, StageError{Stage: stage, Err: err})
}

// StageError is a failure of one stage on one document.
type StageError struct {
	Stage string
	Err   error
}

func (e StageError) Error() string { return fmt.Sprintf("%s: %v", e.Stage, e.Err) }
func (e StageError) Unwrap() error { return e.Err }

// Token is a word, number or punctuation mark.
type Token struct {
	Span
	Kind TokenKind
}

// TokenKind classifies a token by its characters.
type TokenKind uint8

const (
	Word TokenKind = iota
	Number
	Punct
)
