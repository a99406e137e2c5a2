package record

import (
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// FromDocument builds the "document" record of d.
func FromDocument(d *doc.Document) Document {
	r := Document{
		Record:            "document",
		ID:                d.ID,
		Title:             optional(d.Title),
		Source:            optional(d.Source),
		URL:               optional(d.URL),
		PublishedInferred: d.PublishedInferred,
		Origin:            d.Origin,
		Format:            d.Format,
		Hash:              d.Hash,
		DuplicateOf:       optional(d.DuplicateOf),
		Chars:             utf8.RuneCountInString(d.Text),
		Sentences:         len(d.Sentences),
		Events:            len(d.Events),
	}
	if d.Published != nil {
		s := d.Published.Format("2006-01-02")
		r.Published = &s
		if d.PublishedInferred && !d.PublishedEvidence.IsZero() {
			r.PublishedEvidence = SpanOf(d, d.PublishedEvidence)
		}
	}
	for _, e := range d.Errors {
		r.Errors = append(r.Errors, e.Error())
	}
	return r
}

// SpanOf converts a byte span of d.Text to a code point span with its text.
func SpanOf(d *doc.Document, s doc.Span) *Span {
	if !s.Valid(len(d.Text)) {
		return nil
	}
	return &Span{Start: d.RunePos(s.Start), End: d.RunePos(s.End), Text: d.Text[s.Start:s.End]}
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
