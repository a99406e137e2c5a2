package sqlrow

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store/spanrows"
)

// documentColumns returns the columns of the documents table that
// scanDocument reads, in order, given the backend's expression of the
// publication day as YYYY-MM-DD text. The event count is live, so it
// follows merging. substr counts characters in both backends, the unit the
// evidence offsets are stored in.
func documentColumns(published string) string {
	return `id, title, source, url, ` + published + `, published_inferred,
	published_evidence_start, published_evidence_end,
	CASE WHEN published_evidence_start IS NULL THEN NULL
		ELSE substr(text, published_evidence_start + 1, published_evidence_end - published_evidence_start) END,
	origin, format, hash, duplicate_of, chars, sentences,
	(SELECT count(DISTINCT event_id) FROM reports WHERE reports.doc_id = documents.id),
	errors`
}

// scanDocument reads a row of documentColumns, followed by the columns of
// extra, as a document record. A Scan error is returned as it is, so the
// caller can tell the driver's "no rows".
func scanDocument(sc Scanner, extra ...any) (record.Document, error) {
	var (
		r              record.Document
		evStart, evEnd *int
		evText         *string
		errsJSON       []byte
	)
	dst := append([]any{
		&r.ID, &r.Title, &r.Source, &r.URL, &r.Published, &r.PublishedInferred,
		&evStart, &evEnd, &evText,
		&r.Origin, &r.Format, &r.Hash, &r.DuplicateOf, &r.Chars, &r.Sentences, &r.Events,
		&errsJSON,
	}, extra...)
	if err := sc.Scan(dst...); err != nil {
		return r, err
	}
	r.Record = "document"
	if evStart != nil && evEnd != nil {
		r.PublishedEvidence = &record.Span{Start: *evStart, End: *evEnd}
		if evText != nil {
			r.PublishedEvidence.Text = *evText
		}
	}
	if errsJSON != nil {
		if err := json.Unmarshal(errsJSON, &r.Errors); err != nil {
			return r, fmt.Errorf("decode errors of %q: %w", r.ID, err)
		}
	}
	return r, nil
}

// analysedColumns returns the columns of the documents table that
// scanAnalysed reads, in order, given the backend's expression of the
// publication day as YYYY-MM-DD text.
func analysedColumns(published string) string {
	return `origin, format, title, source, url, author, lang, summary,
	` + published + `, published_inferred, published_evidence_start, published_evidence_end,
	text, raw, raw_offsets, hash, duplicate_of, duplicate_score, fingerprint, errors`
}

// scanAnalysed reads a row of analysedColumns as the document id: its
// metadata, text, raw text and offset map, without annotations (see
// scanSpans). A Scan error is returned as it is, so the caller can tell
// the driver's "no rows".
func scanAnalysed(sc Scanner, id string) (*doc.Document, error) {
	d := &doc.Document{ID: id}
	var (
		title, source, url, author, lang, summary, published, dupOf, raw *string
		evStart, evEnd                                                   *int
		fp                                                               int64
		offsets, errsJSON                                                []byte
	)
	err := sc.Scan(
		&d.Origin, &d.Format, &title, &source, &url, &author, &lang, &summary,
		&published, &d.PublishedInferred, &evStart, &evEnd,
		&d.Text, &raw, &offsets, &d.Hash, &dupOf, &d.DuplicateScore, &fp, &errsJSON)
	if err != nil {
		return nil, err
	}
	d.Title, d.Source, d.URL, d.Author, d.Lang, d.Summary = deref(title), deref(source), deref(url), deref(author), deref(lang), deref(summary)
	d.DuplicateOf = deref(dupOf)
	d.Fingerprint = uint64(fp)
	d.Raw = d.Text
	if raw != nil {
		d.Raw = *raw
	}
	if published != nil {
		t, err := time.Parse(time.DateOnly, *published)
		if err != nil {
			return nil, fmt.Errorf("published: %w", err)
		}
		d.Published = &t
	}
	if evStart != nil && evEnd != nil {
		d.PublishedEvidence = doc.Span{Start: byteOffset(d.Text, *evStart), End: byteOffset(d.Text, *evEnd)}
	}
	if err := d.RawOffsets.UnmarshalBinary(offsets); err != nil {
		return nil, err
	}
	if errsJSON != nil {
		var msgs []string
		if err := json.Unmarshal(errsJSON, &msgs); err != nil {
			return nil, fmt.Errorf("errors: %w", err)
		}
		for _, m := range msgs {
			// The stage and its message were stored as one string; split
			// them back where StageError.Error joined them.
			stage, msg, _ := strings.Cut(m, ": ")
			d.Errors = append(d.Errors, doc.StageError{Stage: stage, Err: errors.New(msg)})
		}
	}
	return d, nil
}

// scanSpans adds to d the annotations of rows of the spans table, read as
// layer, idx, start, "end", label, data.
func scanSpans(rows Rows, d *doc.Document) error {
	for rows.Next() {
		var r spanrows.Row
		if err := rows.Scan(&r.Layer, &r.Idx, &r.Start, &r.End, &r.Label, &r.Data); err != nil {
			return fmt.Errorf("spans: %w", err)
		}
		if err := spanrows.Apply(d, r); err != nil {
			return err
		}
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// byteOffset converts a code point offset in s to a byte offset.
func byteOffset(s string, runes int) int {
	n := 0
	for i := range s {
		if n == runes {
			return i
		}
		n++
	}
	return len(s)
}

// DocumentValues are the values of a document's columns that both
// backends compute alike; each converts them to its column types.
type DocumentValues struct {
	Fingerprint int64
	// Bands are the four 16-bit pieces of the fingerprint that the band
	// indexes hold, low first.
	Bands                                     [4]int32
	Title, Source, URL, Author, Lang, Summary *string // NULL when empty
	// EvidenceStart and EvidenceEnd are the published date's evidence
	// in code points, what record.Document speaks and the column is
	// read back into; NULL when there is none or it lies outside the
	// text.
	EvidenceStart, EvidenceEnd *int
	DuplicateOf                *string
	// Raw is the raw text, NULL when it is the cleaned text.
	Raw *string
	// RawOffsets is the encoded offset map, nil when empty.
	RawOffsets []byte
	Chars      int
	Sentences  int
	// Errors is the JSON array of the stage errors' messages, nil when
	// there are none.
	Errors []byte
}

// DocumentOf returns the column values of d, stored as a copy of dupOf
// (the caller's final id for d.DuplicateOf).
func DocumentOf(d *doc.Document, dupOf string) (DocumentValues, error) {
	fp := d.Fingerprint
	v := DocumentValues{
		Fingerprint: int64(fp),
		Bands:       Bands(fp),
		Title:       StrOrNil(d.Title), Source: StrOrNil(d.Source), URL: StrOrNil(d.URL),
		Author: StrOrNil(d.Author), Lang: StrOrNil(d.Lang), Summary: StrOrNil(d.Summary),
		DuplicateOf: StrOrNil(dupOf),
		Chars:       utf8.RuneCountInString(d.Text),
		Sentences:   len(d.Sentences),
	}
	if ev := d.PublishedEvidence; !ev.IsZero() && ev.Valid(len(d.Text)) {
		v.EvidenceStart, v.EvidenceEnd = new(d.RunePos(ev.Start)), new(d.RunePos(ev.End))
	}
	if d.Raw != "" && d.Raw != d.Text {
		v.Raw = &d.Raw
	}
	if d.RawOffsets.Len() > 0 {
		b, err := d.RawOffsets.MarshalBinary()
		if err != nil {
			return v, err
		}
		v.RawOffsets = b
	}
	if len(d.Errors) > 0 {
		msgs := make([]string, len(d.Errors))
		for i, e := range d.Errors {
			msgs[i] = e.Error()
		}
		j, err := json.Marshal(msgs)
		if err != nil {
			return v, fmt.Errorf("encode errors: %w", err)
		}
		v.Errors = j
	}
	return v, nil
}

// Bands splits a fingerprint into the four 16-bit pieces the band indexes
// hold, low first.
func Bands(fp uint64) [4]int32 {
	return [4]int32{int32(fp & 0xffff), int32(fp >> 16 & 0xffff), int32(fp >> 32 & 0xffff), int32(fp >> 48 & 0xffff)}
}
