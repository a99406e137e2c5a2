package timex

import (
	"context"
	_ "embed"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

//go:embed events.txt
var eventsData string

// namedEvent is a line of events.txt.
type namedEvent struct {
	war      bool
	date     time.Time
	places   []string
	keywords []string
}

var namedEvents = parseEvents(eventsData)

func parseEvents(data string) []namedEvent {
	var out []namedEvent
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) < 4 {
			continue
		}
		t, err := time.Parse("2006-01-02", strings.TrimSpace(f[1]))
		if err != nil {
			continue // a bad line of our own data: skip it, the tests catch it
		}
		out = append(out, namedEvent{
			war:      strings.TrimSpace(f[0]) == "war",
			date:     t,
			places:   splitList(f[2]),
			keywords: splitList(f[3]),
		})
	}
	return out
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// containsWord reports whether lower-case text contains w at word boundaries.
func containsWord(text, w string) bool {
	for off := 0; ; {
		i := strings.Index(text[off:], w)
		if i < 0 {
			return false
		}
		i += off
		j := i + len(w)
		if (i == 0 || !isAlpha(text[i-1])) && (j == len(text) || !isAlpha(text[j])) {
			return true
		}
		off = i + 1
	}
}

func countWord(text, w string) int {
	n := 0
	for off := 0; off < len(text); {
		i := strings.Index(text[off:], w)
		if i < 0 {
			break
		}
		i += off
		j := i + len(w)
		if (i == 0 || !isAlpha(text[i-1])) && (j == len(text) || !isAlpha(text[j])) {
			n++
		}
		off = j
	}
	return n
}

// bound is a piece of evidence: publication is on or after Date.
type bound struct {
	date time.Time
	span doc.Span
	prec unit
}

// InferPublished infers a document's publication date from its content,
// for documents whose metadata has none. The rules, strongest first:
//
//  1. A full date on a line of its own kind: a dateline or "UPDATE" line,
//     or a photo caption ending in the date ("..., April 22, 2017").
//  2. Otherwise the latest past date the text gives: full dates, month and
//     year, named events (events.txt), "N years of war" for a known war,
//     and dates without a year placed in the year the other evidence gives.
//     "almost three weeks since" a known event moves it forward.
//  3. Weekdays in past context ("on Tuesday", "Monday evening") fell in the
//     week up to publication: publication is the first day on or after the
//     latest date by which every mentioned weekday has occurred.
//
// It returns the span of the deciding evidence, and ok false when the text
// gives no date at all; it never falls back to the current date.
func InferPublished(d *doc.Document) (t time.Time, evidence doc.Span, ok bool) {
	tg := New(Options{})
	cands, s := tg.scan(d.Text, nil)
	lower := strings.ToLower(d.Text)

	// 1. Datelines, UPDATE lines and captions.
	var strong *bound
	for _, c := range cands {
		if c.kind != kAbs || c.prec != uDay || c.y == 0 || !validDay(c.y, c.m, c.d) {
			continue
		}
		if isDateline(d.Text, c.s, c.e) {
			b := bound{date: day(c.y, c.m, c.d), span: doc.Span{Start: c.s, End: c.e}, prec: uDay}
			if strong == nil || b.date.After(strong.date) {
				strong = &b
			}
		}
	}
	if strong != nil {
		return strong.date, strong.span, true
	}

	// 2. The latest past date.
	var best *bound
	raise := func(b bound) {
		if best == nil || b.date.After(best.date) || b.date.Equal(best.date) && b.prec < best.prec {
			best = &b
		}
	}
	for _, c := range cands {
		if c.kind != kAbs || c.y == 0 || s.futureContext(c.ts) {
			continue
		}
		sp := doc.Span{Start: c.s, End: c.e}
		switch c.prec {
		case uDay:
			if validDay(c.y, c.m, c.d) {
				dd := day(c.y, c.m, c.d)
				if c.d2 > c.d && validDay(c.y, c.m, c.d2) {
					dd = day(c.y, c.m, c.d2) // a range: its last day
				}
				raise(bound{date: dd, span: sp, prec: uDay})
			}
		case uMonth:
			raise(bound{date: day(c.y, c.m, 1), span: sp, prec: uMonth})
		case uYear:
			raise(bound{date: day(c.y, 1, 1), span: sp, prec: uYear})
		}
	}
	// Named events mentioned in a sentence with their place.
	sentences := sentenceSpans(s)
	var events []bound
	for _, ev := range namedEvents {
		if ev.war {
			continue
		}
		for _, sp := range sentences {
			sl := lower[sp.Start:sp.End]
			if anyWord(sl, ev.places) && anyWord(sl, ev.keywords) {
				b := bound{date: ev.date, span: sp, prec: uDay}
				events = append(events, b)
				raise(b)
			}
		}
	}
	// "eight years of war", "Syria's six-year conflict": the war of the
	// country the text names most.
	var warLo, warHi time.Time
	if war := mainWar(lower); war != nil {
		for _, c := range cands {
			if c.kind != kDuration || c.n <= 0 || (c.unit != uYear && c.unit != uMonth) {
				continue
			}
			if !s.warAfter(c.te) {
				continue
			}
			lo := addUnit(war.date, c.unit, c.n)
			hi := addUnit(war.date, c.unit, c.n+1).AddDate(0, 0, -1)
			if warLo.IsZero() || lo.After(warLo) {
				warLo, warHi = lo, hi
				raise(bound{date: lo, span: doc.Span{Start: c.s, End: c.e}, prec: c.unit})
			}
		}
	}
	if best == nil {
		return time.Time{}, doc.Span{}, false
	}
	// Dates without a year are in the publication year: the first year in
	// which none of them falls before the evidence so far (and inside the
	// war's year, if known).
	floor := *best
	type bare struct {
		c     cand
		m, d  int
		prec  unit
		after int // days from the date's start to its latest day
	}
	var bares []bare
	for _, c := range cands {
		if c.kind != kAbs || c.y != 0 || s.futureContext(c.ts) {
			continue
		}
		switch {
		case c.prec == uDay && validDay(2000, c.m, c.d):
			b := bare{c: c, m: c.m, d: c.d, prec: uDay}
			if c.d2 > c.d {
				b.after = c.d2 - c.d
			}
			bares = append(bares, b)
		case c.prec == uMonth && c.dir == 0:
			b := bare{c: c, m: c.m, d: 1, prec: uMonth}
			switch c.mod {
			case "END":
				b.d = 21
			case "MID":
				b.d = 11
			}
			bares = append(bares, b)
		}
	}
	if len(bares) > 0 && floor.prec == uDay {
		// With a full date to go by, a date without a year is the one
		// nearest to it: "since May" in a story dated 14 June 2024 is May
		// 2024, not May 2025.
		for _, b := range bares {
			var near time.Time
			for y := floor.date.Year() - 1; y <= floor.date.Year()+1; y++ {
				if !validDay(y, b.m, b.d) {
					continue
				}
				t := day(y, b.m, b.d).AddDate(0, 0, b.after)
				if near.IsZero() || absDays(t.Sub(floor.date)) < absDays(near.Sub(floor.date)) {
					near = t
				}
			}
			if !near.IsZero() && absDays(near.Sub(floor.date)) <= 183 {
				raise(bound{date: near, span: doc.Span{Start: b.c.s, End: b.c.e}, prec: b.prec})
			}
		}
	} else if len(bares) > 0 {
		y := floor.date.Year()
		for ; y < floor.date.Year()+3; y++ {
			fits := true
			for _, b := range bares {
				if !validDay(y, b.m, b.d) || day(y, b.m, b.d).Before(floor.date) {
					fits = false
					break
				}
			}
			if fits {
				break
			}
		}
		if warHi.IsZero() || !day(y, 1, 1).After(warHi) {
			for _, b := range bares {
				if validDay(y, b.m, b.d) {
					raise(bound{date: day(y, b.m, b.d).AddDate(0, 0, b.after), span: doc.Span{Start: b.c.s, End: b.c.e}, prec: b.prec})
				}
			}
		}
	}
	// "almost three weeks since the attack": the duration after the event.
	for _, c := range cands {
		if c.kind != kDuration || c.n <= 0 || c.unit < uDay || c.unit > uMonth || !s.isw(c.te, "since") {
			continue
		}
		for _, ev := range events {
			if ev.span.Start <= c.s && c.e <= ev.span.End {
				dd := addUnit(ev.date, c.unit, c.n)
				if w := strings.ToLower(s.word(max(c.ts-1, 0))); c.ts > 0 && (w == "almost" || w == "nearly") {
					dd = dd.AddDate(0, 0, -1)
				}
				raise(bound{date: dd, span: doc.Span{Start: c.s, End: c.e}, prec: uDay})
			}
		}
	}
	// 3. Weekdays in the week up to publication.
	pub := best.date
	ev := best.span
	if best.prec == uDay {
		for _, c := range cands {
			if c.kind != kWeekday || c.dir != 0 || s.futureContext(c.ts) {
				continue
			}
			dd := best.date.AddDate(0, 0, (c.wd-isoWeekday(best.date)+7)%7)
			if dd.After(pub) {
				pub, ev = dd, doc.Span{Start: c.s, End: c.e}
			}
		}
	}
	return pub, ev, true
}

// mainWar returns the war of the places the text names most.
func mainWar(lower string) *namedEvent {
	var best *namedEvent
	bestN := 0
	for i := range namedEvents {
		ev := &namedEvents[i]
		if !ev.war {
			continue
		}
		n := 0
		for _, p := range ev.places {
			n += countWord(lower, p)
		}
		if n > bestN {
			best, bestN = ev, n
		}
	}
	return best
}

// warAfter reports whether a war or conflict noun follows token k closely
// ("years of brutal civil war", "-year conflict").
func (s *scanner) warAfter(k int) bool {
	for j := k; j < k+5 && j < len(s.toks); j++ {
		if s.toks[j].brk {
			return false
		}
		switch strings.ToLower(s.word(j)) {
		case "war", "conflict", "fighting", "revolution", "uprising", "crisis", "insurgency":
			return true
		}
	}
	return false
}

func anyWord(text string, ws []string) bool {
	for _, w := range ws {
		if containsWord(text, w) {
			return true
		}
	}
	return false
}

// sentenceSpans splits the text at the scanner's sentence breaks.
func sentenceSpans(s *scanner) []doc.Span {
	var out []doc.Span
	start := -1
	for i, t := range s.toks {
		if t.brk && start >= 0 {
			out = append(out, doc.Span{Start: start, End: s.toks[i-1].e})
			start = -1
		}
		if start < 0 {
			start = t.s
		}
	}
	if start >= 0 {
		out = append(out, doc.Span{Start: start, End: s.toks[len(s.toks)-1].e})
	}
	return out
}

// isDateline reports whether the date at text[s:e] stands where a dateline,
// update stamp or caption puts it: it ends its line, after a comma
// ("Smoke rises over the town, April 22, 2017"), or its line starts with
// UPDATE/Updated/Published/Posted.
func isDateline(text string, s, e int) bool {
	ls := strings.LastIndexByte(text[:s], '\n') + 1
	le := strings.IndexByte(text[e:], '\n')
	if le < 0 {
		le = len(text)
	} else {
		le += e
	}
	head := strings.ToLower(strings.TrimSpace(text[ls:s]))
	for _, p := range []string{"update", "updated", "published", "posted", "last updated", "first published"} {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	tail := strings.TrimSpace(text[e:le])
	// A wire dateline: "EL FASHER, Sudan, June 14, 2024 — Artillery…": a
	// short place prefix ending in a comma opens the paragraph and a dash
	// opens the story.
	if before := strings.TrimRight(text[ls:s], " \t"); strings.HasSuffix(before, ",") && len(strings.Fields(head)) <= 6 {
		for _, dash := range []string{"—", "–", "- ", "-- "} {
			if strings.HasPrefix(tail, dash) {
				return true
			}
		}
	}
	if tail == "" || tail == "." {
		before := strings.TrimRight(text[ls:s], " \t")
		return head == "" || strings.HasSuffix(before, ",") || strings.HasSuffix(before, ":")
	}
	return false
}

// Dater is the pipeline stage that sets a missing publication date from
// the content (see InferPublished).
type Dater struct{}

// NewDater returns the publication date stage.
func NewDater() *Dater { return &Dater{} }

// Name implements pipeline.Stage.
func (*Dater) Name() string { return "dater" }

// Process sets d.Published, d.PublishedInferred and d.PublishedEvidence
// when d.Published is nil and the content dates the document.
func (*Dater) Process(ctx context.Context, d *doc.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d.Published != nil {
		return nil
	}
	if t, ev, ok := InferPublished(d); ok {
		d.Published = &t
		d.PublishedInferred = true
		d.PublishedEvidence = ev
	}
	return nil
}

func absDays(d time.Duration) int {
	n := int(d.Hours() / 24)
	if n < 0 {
		return -n
	}
	return n
}
