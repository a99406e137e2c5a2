// Package control answers "who held this place, and since when?": from
// stored events it builds, per place, the sequence of control changes and
// claims — captures, withdrawals, entries, "held since", "says it still
// holds" — each with its sources, and marks the periods where sources
// disagree.
//
// Input is what the store holds: merged record.Event values. A report's
// Control value (set by the event extractor when it reads one) says what
// the report claims; without one, the report's sentence is read with a
// small cue list (data/cues.tsv), and for territory events without any cue
// the sub-event type says it (a "Government regains territory" event is a
// capture by its actor1). So the timeline degrades gracefully as the
// extractor gives less.
package control

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/record"
)

// Source is one sentence an entry rests on.
type Source struct {
	Doc       string  `json:"doc"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Text      string  `json:"text,omitempty"`
	ClaimedBy *string `json:"claimed_by"`
	Event     string  `json:"event"`
}

// Entry is one step of a place's control timeline: on [From, To] Holder
// captured, entered, withdrew from, held, or claimed to hold the place.
type Entry struct {
	Place     string `json:"place"`
	GeonameID int64  `json:"geonameid,omitempty"`
	// From and To are days (YYYY-MM-DD); From is "" when no source dates
	// the statement, To equals From for a single day.
	From string `json:"from"`
	To   string `json:"to"`
	// Holder is the actor the statement is about: who captured, entered,
	// holds or claims to hold the place, or who withdrew from it. Empty
	// when the sources do not say.
	Holder   string   `json:"holder"`
	Kind     Kind     `json:"kind"`
	Sources  []Source `json:"sources"`
	Disputed bool     `json:"disputed,omitempty"`
}

// Claim is one side of a control dispute.
type Claim struct {
	Kind   Kind   `json:"kind"`
	Holder string `json:"holder"`
	Stance string `json:"stance"`
	Source
}

// Dispute is a period on which sources disagree about a place: one says it
// changed hands while another says it is still held.
type Dispute struct {
	Place     string  `json:"place"`
	GeonameID int64   `json:"geonameid,omitempty"`
	From      string  `json:"from"`
	To        string  `json:"to"`
	Claims    []Claim `json:"claims"`
}

// Timeline is a place's control history.
type Timeline struct {
	Place     string    `json:"place"`
	GeonameID int64     `json:"geonameid,omitempty"`
	Entries   []Entry   `json:"entries"`
	Disputes  []Dispute `json:"disputes"`
}

// Options tune Build. The zero value uses the defaults.
type Options struct {
	// Cues reads control statements in report sentences; nil is Default().
	Cues *Cues
	// DayTolerance is how many days apart two statements may be dated and
	// still be about the same period: a withdrawal reported on the night
	// it happened and denied the next morning. Default 1.
	DayTolerance int
}

// territoryKind is what a territory sub-event type says when no sentence
// cue does.
var territoryKind = map[string]Kind{
	"Government regains territory":        Captured,
	"Non-state actor overtakes territory": Captured,
	"Non-violent transfer of territory":   Captured,
}

// Build makes one timeline per place the events are located at (by
// GeoNames id, or by name for places without one), sorted by place name
// then id. Entries are sorted by date, undated last; the result does not
// depend on the order of events.
func Build(events []record.Event, opts Options) []Timeline {
	if opts.Cues == nil {
		opts.Cues = Default()
	}
	if opts.DayTolerance == 0 {
		opts.DayTolerance = 1
	}
	byPlace := map[string]*Timeline{}
	for _, ev := range events {
		if ev.Location == nil || ev.Location.Name == "" {
			continue
		}
		key := "n:" + strings.ToLower(ev.Location.Name)
		if ev.Location.GeonameID != 0 {
			key = "g:" + strconv.FormatInt(ev.Location.GeonameID, 10)
		}
		tl := byPlace[key]
		if tl == nil {
			tl = &Timeline{Place: ev.Location.Name, GeonameID: ev.Location.GeonameID}
			byPlace[key] = tl
		}
		tl.Entries = append(tl.Entries, entries(ev, opts.Cues)...)
	}
	var out []Timeline
	for _, tl := range byPlace {
		if len(tl.Entries) == 0 {
			continue
		}
		sortEntries(tl.Entries)
		tl.Disputes = disputes(tl, opts.DayTolerance)
		out = append(out, *tl)
	}
	slices.SortFunc(out, func(a, b Timeline) int {
		return cmp.Or(strings.Compare(a.Place, b.Place), cmp.Compare(a.GeonameID, b.GeonameID))
	})
	return out
}

// ReportKind says what one report of ev claims about control of ev's
// place, if anything: its Control value read through the cues, else its
// sentence, else, for territory events, the sub-event type. A denied
// change of hands ("the group denied it had withdrawn", modality
// "denied") is a claim that the place is still held.
func ReportKind(ev record.Event, r record.Report, cues *Cues) (Kind, bool) {
	k, ok := reportKind(ev, r, cues)
	if ok && r.Modality == "denied" && k.Stance() == "changed hands" {
		return ClaimsToHold, true
	}
	return k, ok
}

func reportKind(ev record.Event, r record.Report, cues *Cues) (Kind, bool) {
	value, _ := controlValue(r)
	switch value {
	case "withdrawn":
		return Withdrew, true
	case "still held", "denied":
		return ClaimsToHold, true
	}
	// "taken" is the extractor's default for any territory trigger; a cue
	// in the sentence ("partially pulled out", "seizing control") is more
	// specific, so it is read first.
	if k, ok := cues.Classify(r.Text); ok {
		return k, true
	}
	if value == "taken" {
		return Captured, true
	}
	if r.Control != nil && *r.Control != "" {
		if k, ok := cues.Classify(*r.Control); ok {
			return k, true
		}
	}
	k, territory := territoryKind[ev.SubEventType]
	return k, territory
}

// entries turns the reports of one event into entries, one per (kind,
// holder), each with all the reports that say it.
func entries(ev record.Event, cues *Cues) []Entry {
	var out []Entry
	for _, r := range ev.Reports {
		k, ok := ReportKind(ev, r, cues)
		if !ok {
			continue
		}
		holder := holderOf(ev, r, k)
		from, to := str(r.Date), str(r.DateEnd)
		if from == "" {
			from, to = str(ev.Date), str(ev.DateEnd)
		}
		if to == "" {
			to = from
		}
		src := Source{Doc: r.Doc, Start: r.Start, End: r.End, Text: r.Text, ClaimedBy: r.ClaimedBy, Event: ev.ID}
		i := slices.IndexFunc(out, func(e Entry) bool { return e.Kind == k && strings.EqualFold(e.Holder, holder) })
		if i < 0 {
			out = append(out, Entry{Place: ev.Location.Name, GeonameID: ev.Location.GeonameID, From: from, To: to, Holder: holder, Kind: k})
			i = len(out) - 1
		}
		e := &out[i]
		// The entry covers what its most precise source says: the
		// narrowest dated interval.
		if from != "" && (e.From == "" || days(from, to) < days(e.From, e.To)) {
			e.From, e.To = from, to
		}
		e.Sources = append(e.Sources, src)
	}
	return out
}

// controlValues are the Control values the event extractor writes (see
// doc.ControlTaken and its siblings), optionally followed by " by ACTOR".
var controlValues = []string{"taken", "withdrawn", "still held", "denied"}

// valueKinds is the kind each extractor value says.
var valueKinds = map[string]Kind{"taken": Captured, "withdrawn": Withdrew, "still held": ClaimsToHold, "denied": ClaimsToHold}

// controlValue splits a report's Control value into its value and the
// actor it names.
func controlValue(r record.Report) (value, actor string) {
	if r.Control == nil {
		return "", ""
	}
	v := strings.TrimSpace(*r.Control)
	for _, c := range controlValues {
		if v == c {
			return c, ""
		}
		if a, ok := strings.CutPrefix(v, c+" by "); ok {
			return c, strings.TrimSpace(a)
		}
	}
	return v, ""
}

// holderOf names the actor a statement is about: the actor its Control
// value names, else its perpetrator; a party claiming to hold a place is
// its own claimant when the sentence names no perpetrator.
func holderOf(ev record.Event, r record.Report, k Kind) string {
	if v, a := controlValue(r); a != "" && valueKinds[v] == k {
		return a
	}
	if r.Perpetrator != nil && *r.Perpetrator != "" {
		return *r.Perpetrator
	}
	if k == ClaimsToHold && r.ClaimedBy != nil {
		return *r.ClaimedBy
	}
	if ev.Actor1 != nil {
		return ev.Actor1.Name
	}
	return ""
}

func sortEntries(es []Entry) {
	slices.SortFunc(es, func(a, b Entry) int {
		if (a.From == "") != (b.From == "") {
			if a.From == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(strings.Compare(a.From, b.From), strings.Compare(a.To, b.To),
			strings.Compare(string(a.Kind), string(b.Kind)), strings.Compare(a.Holder, b.Holder),
			strings.Compare(a.Sources[0].Doc, b.Sources[0].Doc), cmp.Compare(a.Sources[0].Start, b.Sources[0].Start))
	})
}

// disputes clusters dated entries whose periods overlap (within tol days)
// and reports a dispute for each cluster whose statements cannot all be
// true: a change of hands against a claim to still hold. Captures naming
// different captors are not counted: outlets name one side many ways
// ("regime forces", "forces loyal to Assad"), and without resolving those
// to one actor the disputes would be mostly spelling.
func disputes(tl *Timeline, tol int) []Dispute {
	var out []Dispute
	es := tl.Entries
	for i := 0; i < len(es) && es[i].From != ""; {
		j, end := i+1, es[i].To
		for j < len(es) && es[j].From != "" && days(end, es[j].From) <= tol {
			end = max(end, es[j].To)
			j++
		}
		if conflicting(es[i:j]) {
			d := Dispute{Place: tl.Place, GeonameID: tl.GeonameID, From: es[i].From, To: end}
			for k := i; k < j; k++ {
				es[k].Disputed = true
				for _, s := range es[k].Sources {
					if es[k].Kind.Stance() == "" {
						continue
					}
					d.Claims = append(d.Claims, Claim{Kind: es[k].Kind, Holder: es[k].Holder, Stance: es[k].Kind.Stance(), Source: s})
				}
			}
			out = append(out, d)
		}
		i = j
	}
	return out
}

func conflicting(es []Entry) bool {
	changed, held := false, false
	for _, e := range es {
		switch e.Kind.Stance() {
		case "changed hands":
			changed = true
		case "still held":
			held = true
		}
	}
	return changed && held
}

// days is the number of days from a to b (YYYY-MM-DD); unparsable dates
// count as far apart.
func days(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 1 << 30
	}
	return int(tb.Sub(ta).Hours() / 24)
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
