// Package timex finds temporal expressions in a document and resolves them
// against its publication date, and infers that date from the content when
// no metadata gives it.
//
// The tagger is one pass over the text: a tokenizer that looks every word
// up once in a small lexicon, and rules that run only at the words that can
// start an expression (a month, a weekday, a number, "last", "the", ...).
// Values follow TIMEX3 as used in TimeBank and TempEval-3; see docs/TIME.md
// for the conventions on missing years, tense, time zones and calendars.
package timex

import (
	"context"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Options configure the tagger.
type Options struct {
	// DayFirst reads numeric dates as day/month/year ("04/05/2017" is 4
	// May). A part above 12 decides whatever the option ("22/04/2017",
	// "04/22/2017").
	DayFirst bool
	// MonthFirst reads numeric dates month first ("04/05/2017" is 5
	// April), as US sources write them. Without either option the order
	// of an ambiguous numeric date comes from the document (see
	// docs/TIME.md, "Numeric dates"), and when nothing there decides it,
	// the date keeps both readings at year precision.
	MonthFirst bool
}

// Tagger is the pipeline stage that fills Document.Timexes.
type Tagger struct {
	opts Options
	// toks recycles token buffers between documents: tokens are the one
	// allocation that grows with the text, and the garbage they made
	// halved throughput.
	toks sync.Pool
}

// New returns a tagger.
func New(opts Options) *Tagger { return &Tagger{opts: opts} }

// Name implements pipeline.Stage.
func (t *Tagger) Name() string { return "timex" }

// Process adds the document's temporal expressions, resolved against
// d.Published. Without a publication date, relative expressions get
// underspecified values (XXXX-WXX-4, PAST_REF) and no interval.
func (t *Tagger) Process(ctx context.Context, d *doc.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d.Timexes = append(d.Timexes, t.Tag(d.Text, d.Published)...)
	return nil
}

// Tag returns the temporal expressions in text, in text order, resolved
// against the document creation date dct (nil when unknown). Spans are
// byte offsets into text.
func (t *Tagger) Tag(text string, dct *time.Time) []doc.Timex {
	cands, s := t.scan(text, dct)
	defer t.release(s)
	r := resolver{s: s, anchor: -1, out: make([]doc.Timex, 0, len(cands))}
	if dct != nil {
		r.dct = time.Date(dct.Year(), dct.Month(), dct.Day(), 0, 0, 0, 0, time.UTC)
		r.hasDCT = true
	}
	for _, c := range cands {
		r.resolve(c)
	}
	return r.out
}

// scan finds the candidate expressions, longest match first, left to right.
func (t *Tagger) scan(text string, dct *time.Time) ([]cand, *scanner) {
	s := &scanner{text: text, opts: t.opts, dct: dct}
	var buf []tok
	if p, ok := t.toks.Get().(*[]tok); ok {
		buf = (*p)[:0]
	} else {
		buf = make([]tok, 0, len(text)/5+16)
	}
	s.toks = tokenize(text, buf)
	// About one expression per hundred words in news: size for that once.
	cands := make([]cand, 0, len(s.toks)/64+4)
	for i := 0; i < len(s.toks); {
		c, ok := s.match(i)
		if !ok || c.te <= i {
			i++
			continue
		}
		c.s, c.e = s.toks[c.ts].s, s.toks[c.te-1].e
		cands = append(cands, c)
		i = c.te
	}
	s.settleOrder(cands)
	return cands, s
}

// release returns the scanner's token buffer for the next document.
func (t *Tagger) release(s *scanner) {
	if cap(s.toks) > 1<<20 {
		return // do not keep one huge document's buffer alive
	}
	b := s.toks[:0]
	s.toks = nil
	t.toks.Put(&b)
}
