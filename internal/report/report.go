// Package report writes a situation report over the stored events of a
// period and an area: counts by type and place, the main events with their
// sources, casualty figures with their ranges, disputes and control
// changes. Every number in it links to the report sentences behind it:
// in HTML each number is a link to a note listing the sentences, which are
// listed in full, with their document ids, at the end; in Markdown each
// number carries a footnote that does the same.
//
// Build gathers the report from a store; Markdown and HTML render it. The
// two renderings say the same thing, built from one list of blocks.
package report

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/control"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// Defaults for Options.
const (
	DefaultMainEvents = 10
	DefaultPlaces     = 15
	// MaxEvents bounds the events one report reads; a report over more
	// says so and covers the first MaxEvents by date.
	MaxEvents = 100000
)

// Options chooses what a report covers.
type Options struct {
	// From and To are the period, inclusive calendar days; zero means
	// open. With either set, undated events are left out.
	From, To time.Time
	// Place keeps the events at a place: a name or a GeoNames id, as
	// store.EventQuery.Place.
	Place string
	// BBox keeps the events inside a box.
	BBox *store.BBox
	// Title heads the report; empty makes one from the period and area.
	Title string
	// MainEvents is how many events the "main events" section lists
	// (most killed, then most reported); 0 means DefaultMainEvents.
	MainEvents int
	// Places is how many places the counts by place list; 0 means
	// DefaultPlaces.
	Places int
}

// Sentence is one report sentence a number rests on.
type Sentence struct {
	// N numbers the sentence in the report (S1, S2, …).
	N     int
	Doc   string
	Start int
	End   int
	Text  string
	// Event is the event the sentence reports.
	Event     string
	ClaimedBy *string
}

// Report is a gathered situation report.
type Report struct {
	Title     string
	Period    string
	Area      string
	Events    []record.Event
	Truncated bool
	Documents map[string]record.Document
	Sentences []Sentence
	Control   []control.Timeline

	opts  Options
	byKey map[sentenceKey]int // sentence → index in Sentences
	byEv  map[string][]int    // event id → its sentences
}

type sentenceKey struct {
	doc        string
	start, end int
}

// Build reads the events the options select, and the documents their
// reports cite, from st.
func Build(ctx context.Context, st store.Store, opts Options) (*Report, error) {
	if opts.MainEvents <= 0 {
		opts.MainEvents = DefaultMainEvents
	}
	if opts.Places <= 0 {
		opts.Places = DefaultPlaces
	}
	if !opts.From.IsZero() && !opts.To.IsZero() && opts.To.Before(opts.From) {
		return nil, errors.New("build report: --to is before --from")
	}
	r := &Report{opts: opts, Documents: map[string]record.Document{}, byKey: map[sentenceKey]int{}, byEv: map[string][]int{}}
	q := store.EventQuery{From: opts.From, To: opts.To, Place: opts.Place, BBox: opts.BBox, Limit: MaxEvents + 1}
	if err := st.Events(ctx, q, func(ev record.Event) error {
		r.Events = append(r.Events, ev)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("build report: %w", err)
	}
	if len(r.Events) > MaxEvents {
		r.Events, r.Truncated = r.Events[:MaxEvents], true
	}
	for _, ev := range r.Events {
		for _, rep := range ev.Reports {
			k := sentenceKey{rep.Doc, rep.Start, rep.End}
			i, ok := r.byKey[k]
			if !ok {
				i = len(r.Sentences)
				r.byKey[k] = i
				r.Sentences = append(r.Sentences, Sentence{N: i + 1, Doc: rep.Doc, Start: rep.Start, End: rep.End,
					Text: rep.Text, Event: ev.ID, ClaimedBy: rep.ClaimedBy})
			}
			if !slices.Contains(r.byEv[ev.ID], i) {
				r.byEv[ev.ID] = append(r.byEv[ev.ID], i)
			}
			if _, ok := r.Documents[rep.Doc]; !ok {
				d, err := st.Document(ctx, rep.Doc)
				if err != nil {
					return nil, fmt.Errorf("build report: document %q of event %q: %w", rep.Doc, ev.ID, err)
				}
				r.Documents[rep.Doc] = d.Document
			}
		}
	}
	r.Control = control.Build(r.Events, control.Options{})
	r.Period = period(opts.From, opts.To)
	r.Area = areaName(opts.Place, r.Events)
	if b := opts.BBox; b != nil {
		box := fmt.Sprintf("box %g,%g,%g,%g", b.MinLon, b.MinLat, b.MaxLon, b.MaxLat)
		r.Area = strings.TrimSpace(strings.TrimPrefix(r.Area+" in "+box, " in "))
	}
	r.Title = opts.Title
	if r.Title == "" {
		r.Title = "Situation report"
		if r.Area != "" {
			r.Title += ": " + r.Area
		}
		r.Title += ", " + r.Period
	}
	return r, nil
}

func period(from, to time.Time) string {
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	switch {
	case from.IsZero() && to.IsZero():
		return "all dates"
	case from.IsZero():
		return "up to " + day(to)
	case to.IsZero():
		return "from " + day(from)
	case day(from) == day(to):
		return day(from)
	}
	return day(from) + " to " + day(to)
}

// sentencesOf are the sentences of the events, in report order.
func (r *Report) sentencesOf(evs ...record.Event) []int {
	var out []int
	for _, ev := range evs {
		out = append(out, r.byEv[ev.ID]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// sentenceAt is the sentence of ev's report in doc that covers [start,
// end), else ev's first report in doc: where a claim's words are.
func (r *Report) sentenceAt(ev record.Event, doc string, start, end int) []int {
	first := -1
	for _, rep := range ev.Reports {
		if rep.Doc != doc {
			continue
		}
		i := r.byKey[sentenceKey{rep.Doc, rep.Start, rep.End}]
		if rep.Start <= start && end <= rep.End {
			return []int{i}
		}
		if first < 0 {
			first = i
		}
	}
	if first < 0 {
		return r.sentencesOf(ev)
	}
	return []int{first}
}

// figureSentences are the sentences of ev that state a figure, or all of
// ev's when none does (the figure then comes from merging).
func (r *Report) figureSentences(ev record.Event, fig func(record.Report) *record.Figure) []int {
	var out []int
	for _, rep := range ev.Reports {
		if fig(rep) != nil {
			out = append(out, r.byKey[sentenceKey{rep.Doc, rep.Start, rep.End}])
		}
	}
	if len(out) == 0 {
		return r.sentencesOf(ev)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// span is a range of figures summed over events: at least Min, at most
// Max unless some event has no upper bound.
type span struct {
	min, max  int
	open, any bool
}

func (s *span) add(f *record.Figure) {
	if f == nil || (f.Min == nil && f.Max == nil) {
		return
	}
	s.any = true
	lo := 0
	if f.Min != nil {
		lo = *f.Min
	}
	s.min += lo
	if f.Max == nil {
		s.open = true
	} else {
		s.max += *f.Max
	}
}

func (s span) String() string {
	switch {
	case !s.any:
		return "unknown"
	case s.open:
		return "at least " + strconv.Itoa(s.min)
	case s.min == s.max:
		return strconv.Itoa(s.min)
	}
	return strconv.Itoa(s.min) + "–" + strconv.Itoa(s.max)
}

func figureString(f *record.Figure) string {
	var s span
	s.add(f)
	return s.String()
}

// group is a set of events counted together (a type, a place).
type group struct {
	name   string
	events []record.Event
}

func groupBy(evs []record.Event, key func(record.Event) string) []group {
	idx := map[string]int{}
	var gs []group
	for _, ev := range evs {
		k := key(ev)
		i, ok := idx[k]
		if !ok {
			i = len(gs)
			idx[k] = i
			gs = append(gs, group{name: k})
		}
		gs[i].events = append(gs[i].events, ev)
	}
	slices.SortStableFunc(gs, func(a, b group) int {
		return cmp.Or(cmp.Compare(len(b.events), len(a.events)), strings.Compare(a.name, b.name))
	})
	return gs
}

func placeName(ev record.Event) string {
	if ev.Location == nil || ev.Location.Name == "" {
		return "unlocated"
	}
	if ev.Location.Country != "" {
		return ev.Location.Name + " (" + ev.Location.Country + ")"
	}
	return ev.Location.Name
}

func dateOf(ev record.Event) string {
	if ev.Date == nil {
		return "undated"
	}
	if ev.DateEnd != nil && *ev.DateEnd != *ev.Date {
		return *ev.Date + " to " + *ev.DateEnd
	}
	return *ev.Date
}

func fatalities(ev record.Event) *record.Figure    { return ev.Fatalities }
func repFatalities(r record.Report) *record.Figure { return r.Fatalities }

// mainEvents are the events a reader should see first: most killed (the
// lower bound, what is certain), then most reported, then by date and id.
func (r *Report) mainEvents() []record.Event {
	evs := slices.Clone(r.Events)
	low := func(ev record.Event) int {
		if ev.Fatalities != nil && ev.Fatalities.Min != nil {
			return *ev.Fatalities.Min
		}
		if ev.Fatalities != nil && ev.Fatalities.Max != nil {
			return *ev.Fatalities.Max
		}
		return -1
	}
	slices.SortStableFunc(evs, func(a, b record.Event) int {
		return cmp.Or(cmp.Compare(low(b), low(a)), cmp.Compare(len(b.Reports), len(a.Reports)),
			strings.Compare(dateOf(a), dateOf(b)), strings.Compare(a.ID, b.ID))
	})
	return evs[:min(len(evs), r.opts.MainEvents)]
}

// docLabel names a document for a reader: outlet, title and date, with
// its id.
func (r *Report) docLabel(id string) string {
	d, ok := r.Documents[id]
	if !ok {
		return id
	}
	var parts []string
	for _, p := range []*string{d.Source, d.Title, d.Published} {
		if p != nil && *p != "" {
			parts = append(parts, *p)
		}
	}
	if len(parts) == 0 {
		return id
	}
	return strings.Join(parts, ", ") + " [" + id + "]"
}

func valueString(v any) string {
	switch x := v.(type) {
	case nil:
		return "none"
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return x
	case map[string]any:
		var f record.Figure
		if n, ok := x["min"].(float64); ok {
			i := int(n)
			f.Min = &i
		}
		if n, ok := x["max"].(float64); ok {
			i := int(n)
			f.Max = &i
		}
		return figureString(&f)
	}
	return fmt.Sprint(v)
}

// areaName names the place a report is about: a GeoNames id, as a place
// filter given in another spelling becomes, is shown as the name its
// events are stored under.
func areaName(place string, events []record.Event) string {
	id, err := strconv.ParseInt(place, 10, 64)
	if err != nil {
		return place
	}
	for _, ev := range events {
		if l := ev.Location; l != nil && l.GeonameID == id && l.Name != "" {
			return l.Name
		}
	}
	return place
}
