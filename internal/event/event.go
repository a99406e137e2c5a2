// Package event turns an annotated document into events: who did what to
// whom, where, when and how many, with who claims it and how firmly.
//
// Classification follows ACLED's 6 event types and 25 sub-event types,
// each mapped to a CAMEO root code and a PLOVER type (data/taxonomy.tsv).
// Triggers and cues are data (data/triggers.tsv); the rules that read
// them are the ordered, named functions in rules.go. Arguments come from
// the annotations earlier stages left on the document (places, timexes,
// quantities, actors); a missing layer leaves its argument empty.
//
// Each sentence yields at most one event mention. Mentions of the same
// event in one document (same type, compatible place and date) become one
// doc.Event with Mentions; the first event is the text's main event.
package event

import (
	"context"
	"fmt"
	"sort"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Stage fills Document.Events. It is safe for concurrent use.
type Stage struct {
	lex lexicon
}

// New builds the stage from the embedded taxonomy and trigger lexicon.
func New() (*Stage, error) {
	types, err := parseTaxonomy(taxonomyTSV)
	if err != nil {
		return nil, fmt.Errorf("load event taxonomy: %w", err)
	}
	trs, vc, dict, err := parseTriggers(triggersTSV, types)
	if err != nil {
		return nil, fmt.Errorf("load event triggers: %w", err)
	}
	words := &wordFilter{}
	for w := range vc {
		words.add(w)
	}
	return &Stage{lex: lexicon{types: types, triggers: trs, vocab: vc, words: words, dict: dict}}, nil
}

// Types returns the taxonomy, ordered by event type and sub-event type.
func (s *Stage) Types() []Type {
	out := make([]Type, 0, len(s.lex.types))
	for _, t := range s.lex.types {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].EventType != out[j].EventType {
			return out[i].EventType < out[j].EventType
		}
		return out[i].SubEventType < out[j].SubEventType
	})
	return out
}

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "event" }

// Process extracts the events of d.
func (s *Stage) Process(ctx context.Context, d *doc.Document) error {
	d.Events = d.Events[:0]
	sents := d.Sentences
	if len(sents) == 0 {
		sents = roughSentences(d.Text)
	}
	ix := newIndex(d, sents)
	var ms []*mention
	for i := range sents {
		if i%128 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if m := s.sentence(d, ix, sents, i); m != nil {
			ms = append(ms, m)
		}
	}
	d.Events = append(d.Events, s.merge(d, sents, ms)...)
	laterAgents(d, ix, sents, d.Events)
	s.tolls(d, ix, sents, d.Events)
	for i := range d.Events {
		id := d.ID
		if id == "" {
			id = "doc"
		}
		d.Events[i].ID = fmt.Sprintf("%s-e%d", id, i+1)
	}
	return nil
}

// roughSentences splits text after ".", "!" or "?" followed by a space and
// a capital or digit, or at a line break; it stands in for the segment
// stage when a document has no sentences.
func roughSentences(text string) []doc.Span {
	var out []doc.Span
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		end := -1
		switch {
		case c == '\n':
			end = i
		case (c == '.' || c == '!' || c == '?') && i+2 < len(text) && text[i+1] == ' ' &&
			(text[i+2] >= 'A' && text[i+2] <= 'Z' || text[i+2] >= '0' && text[i+2] <= '9'):
			end = i + 1
		}
		if end >= 0 {
			if end > start {
				out = append(out, doc.Span{Start: start, End: end})
			}
			start = end + 1
		}
	}
	if start < len(text) {
		out = append(out, doc.Span{Start: start, End: len(text)})
	}
	return out
}
