package merge

import (
	"cmp"
	"slices"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/control"
	"github.com/sitrep-dev/sitrep/internal/record"
)

// combine builds one event from a group of units (sorted by key). Every
// field is a function of the members, so the result does not depend on the
// order they arrived in.
func combine(g []*unit, cl *classifier) record.Event {
	ev := record.Event{Record: "event", ID: ID(g[0].key), Disputes: []record.Dispute{}}

	ev.SubEventType, ev.EventType = majorityType(g)
	for _, u := range g {
		if u.ev.SubEventType == ev.SubEventType {
			ev.CAMEO, ev.PLOVER = u.ev.CAMEO, u.ev.PLOVER
			break
		}
	}

	// Date: the narrowest interval any member gives.
	if best := bestBy(g, func(u *unit) bool { return u.hasDate }, func(a, b *unit) int {
		return cmp.Compare(a.end.Sub(a.start), b.end.Sub(b.start))
	}); best != nil {
		ev.Date, ev.DateEnd, ev.DatePrecision = best.ev.Date, best.ev.DateEnd, best.ev.DatePrecision
	}
	// Location: the most precise any member gives.
	if best := bestBy(g, func(u *unit) bool { return u.hasPlace }, func(a, b *unit) int {
		return cmp.Compare(a.precRank, b.precRank)
	}); best != nil {
		loc := *best.ev.Location
		ev.Location = &loc
	}
	ev.Actor1 = majorityActor(g, func(e record.Event) *record.Actor { return e.Actor1 })
	ev.Actor2 = majorityActor(g, func(e record.Event) *record.Actor { return e.Actor2 })

	seenTarget, seenWeapon := map[string]bool{}, map[string]bool{}
	for _, u := range g {
		for _, t := range u.ev.Targets {
			if !seenTarget[strings.ToLower(t)] {
				seenTarget[strings.ToLower(t)] = true
				ev.Targets = append(ev.Targets, t)
			}
		}
		for _, w := range u.ev.Weapons {
			if !seenWeapon[strings.ToLower(w)] {
				seenWeapon[strings.ToLower(w)] = true
				ev.Weapons = append(ev.Weapons, w)
			}
		}
		for _, r := range u.ev.Reports {
			if r.Date == nil {
				r.Date, r.DateEnd = u.ev.Date, u.ev.DateEnd
				// Carry how the unit was dated, so a stored event merged
				// again is as vague or precise as its units were.
				if r.DateSource == "" && len(u.ev.Reports) > 0 {
					r.DateSource = u.ev.Reports[0].DateSource
				}
			}
			if r.Location == nil && u.ev.Location != nil {
				name := u.ev.Location.Name
				r.Location = &name
			}
			if r.Perpetrator == nil && u.ev.Actor1 != nil {
				name := u.ev.Actor1.Name
				r.Perpetrator = &name
			}
			ev.Reports = append(ev.Reports, r)
		}
	}
	ev.Wounded = spanFigures(g, func(e record.Event) *record.Figure { return e.Wounded })
	ev.Displaced = spanFigures(g, func(e record.Event) *record.Figure { return e.Displaced })

	ev.Fatalities = reportFigures(ev.Reports)
	if d, ok := fatalityDispute(ev.Reports); ok {
		ev.Disputes = append(ev.Disputes, d)
	}
	if d, ok := perpetratorDispute(ev.Reports); ok {
		ev.Disputes = append(ev.Disputes, d)
	}
	if d, ok := controlDispute(ev); ok {
		ev.Disputes = append(ev.Disputes, d)
	}
	if d, ok := dateDispute(g); ok {
		ev.Disputes = append(ev.Disputes, d)
	}
	ev.Modality = strongestModality(ev.Reports)
	cl.corroborate(&ev)
	return ev
}

// subEventPriority breaks ties between sub-event types in one group: the
// more specific reading wins ("Chemical weapon" over "Air/drone strike",
// a capture over a clash).
var subEventPriority = []string{
	"Chemical weapon", "Suicide bomb", "Remote explosive/landmine/IED", "Grenade",
	"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory",
	"Air/drone strike", "Shelling/artillery/missile attack", "Armed clash",
}

func majorityType(g []*unit) (sub, typ string) {
	count := map[string]int{}
	typeOf := map[string]string{}
	for _, u := range g {
		count[u.ev.SubEventType]++
		typeOf[u.ev.SubEventType] = u.ev.EventType
	}
	best := ""
	for s, n := range count {
		if best == "" || n > count[best] || (n == count[best] && priority(s) < priority(best)) ||
			(n == count[best] && priority(s) == priority(best) && s < best) {
			best = s
		}
	}
	return best, typeOf[best]
}

func priority(sub string) int {
	if i := slices.Index(subEventPriority, sub); i >= 0 {
		return i
	}
	return len(subEventPriority)
}

// bestBy returns the first member (in key order) that is smallest by less
// among those that qualify.
func bestBy(g []*unit, ok func(*unit) bool, less func(a, b *unit) int) *unit {
	var best *unit
	for _, u := range g {
		if ok(u) && (best == nil || less(u, best) < 0) {
			best = u
		}
	}
	return best
}

func majorityActor(g []*unit, get func(record.Event) *record.Actor) *record.Actor {
	count := map[string]int{}
	first := map[string]*record.Actor{}
	for _, u := range g {
		a := get(u.ev)
		if a == nil || a.Name == "" {
			continue
		}
		k := strings.ToLower(a.Name)
		count[k]++
		if first[k] == nil {
			first[k] = a
		}
	}
	best := ""
	for k, n := range count {
		if best == "" || n > count[best] || (n == count[best] && k < best) {
			best = k
		}
	}
	if best == "" {
		return nil
	}
	a := *first[best]
	return &a
}

// interval is a figure as a closed range; hi < 0 is open.
type interval struct{ lo, hi int }

func toInterval(f *record.Figure) (interval, bool) {
	if f == nil || (f.Min == nil && f.Max == nil) {
		return interval{}, false
	}
	iv := interval{lo: 0, hi: -1}
	if f.Min != nil {
		iv.lo = *f.Min
	}
	if f.Max != nil {
		iv.hi = *f.Max
	}
	return iv, true
}

// consistent reports whether figures can all be true at once. Figures are
// ranges ("at least 89" is [89,∞), "90" is [90,90]); on a line, ranges that
// pairwise overlap share a common point, so it is enough that the largest
// lower bound is within the smallest upper bound. See docs/MERGING.md.
func consistent(ivs []interval) bool {
	maxLo, minHi := 0, -1
	for _, iv := range ivs {
		maxLo = max(maxLo, iv.lo)
		if iv.hi >= 0 && (minHi < 0 || iv.hi < minHi) {
			minHi = iv.hi
		}
	}
	return minHi < 0 || maxLo <= minHi
}

// reportFigures spans the reports' fatality figures: from the smallest
// lower bound to the largest upper bound, open when any report is open.
func reportFigures(rs []record.Report) *record.Figure {
	var figs []*record.Figure
	for _, r := range rs {
		figs = append(figs, r.Fatalities)
	}
	return span(figs)
}

func spanFigures(g []*unit, get func(record.Event) *record.Figure) *record.Figure {
	var figs []*record.Figure
	for _, u := range g {
		figs = append(figs, get(u.ev))
	}
	return span(figs)
}

func span(figs []*record.Figure) *record.Figure {
	var lo, hi *int
	open, any := false, false
	for _, f := range figs {
		iv, ok := toInterval(f)
		if !ok {
			continue
		}
		any = true
		if lo == nil || iv.lo < *lo {
			v := iv.lo
			lo = &v
		}
		if iv.hi < 0 {
			open = true
		} else if hi == nil || iv.hi > *hi {
			v := iv.hi
			hi = &v
		}
	}
	if !any {
		return nil
	}
	if open {
		hi = nil
	}
	return &record.Figure{Min: lo, Max: hi}
}

func fatalityDispute(rs []record.Report) (record.Dispute, bool) {
	var ivs []interval
	var claims []record.Claim
	for _, r := range rs {
		iv, ok := toInterval(r.Fatalities)
		if !ok {
			continue
		}
		ivs = append(ivs, iv)
		claims = append(claims, claim(r, figureValue(r.Fatalities)))
	}
	if len(ivs) < 2 || consistent(ivs) {
		return record.Dispute{}, false
	}
	return record.Dispute{Field: "fatalities", Claims: claims}, true
}

func figureValue(f *record.Figure) any {
	if f.Text != "" {
		return f.Text
	}
	return map[string]*int{"min": f.Min, "max": f.Max}
}

func perpetratorDispute(rs []record.Report) (record.Dispute, bool) {
	names := map[string]bool{}
	var claims []record.Claim
	denied := false
	for _, r := range rs {
		if r.Perpetrator == nil {
			continue
		}
		v := *r.Perpetrator
		if r.Modality == "denied" {
			v = "denied by " + v
			denied = true
		} else {
			names[strings.ToLower(*r.Perpetrator)] = true
		}
		claims = append(claims, claim(r, v))
	}
	if len(names) < 2 && !(denied && len(names) >= 1) {
		return record.Dispute{}, false
	}
	return record.Dispute{Field: "perpetrator", Claims: claims}, true
}

// controlDispute finds reports that disagree on a change of control: one
// says a place was taken or abandoned, another that it is still held
// ("only repositioned", "has not completely withdrawn", a denial). What a
// report says is read by control.ReportKind: its Control value, else its
// sentence, else the territory sub-event type. Background statements
// ("held since") take no side. Only territory events and events with a
// report carrying a Control value are considered.
func controlDispute(ev record.Event) (record.Dispute, bool) {
	considered := family(ev.SubEventType) == "territory"
	for _, r := range ev.Reports {
		considered = considered || r.Control != nil
	}
	if !considered {
		return record.Dispute{}, false
	}
	stances := map[string]bool{}
	var claims []record.Claim
	for _, r := range ev.Reports {
		k, ok := control.ReportKind(ev, r, controlCues)
		if !ok || k.Stance() == "" {
			continue
		}
		stances[k.Stance()] = true
		v := k.Stance() + ": " + string(k)
		if r.Control != nil && *r.Control != "" {
			v = k.Stance() + ": " + *r.Control
		}
		claims = append(claims, claim(r, v))
	}
	if len(stances) < 2 {
		return record.Dispute{}, false
	}
	return record.Dispute{Field: "control", Claims: claims}, true
}

// controlCues is read-only after start-up: the parsed embedded cue list.
var controlCues = control.Default()

func dateDispute(g []*unit) (record.Dispute, bool) {
	var days []*unit
	for _, u := range g {
		if u.dayPrecise {
			days = append(days, u)
		}
	}
	disputed := false
	for i := range days {
		for j := i + 1; j < len(days); j++ {
			if d := days[i].start.Sub(days[j].start).Hours() / 24; d > 1 || d < -1 {
				disputed = true
			}
		}
	}
	if !disputed {
		return record.Dispute{}, false
	}
	var claims []record.Claim
	for _, u := range days {
		for _, r := range u.ev.Reports {
			claims = append(claims, claim(r, str(u.ev.Date)))
		}
	}
	return record.Dispute{Field: "date", Claims: claims}, true
}

func claim(r record.Report, v any) record.Claim {
	return record.Claim{Value: v, Doc: r.Doc, ClaimedBy: r.ClaimedBy, Start: r.Start, End: r.End}
}

var modalityStrength = []string{"asserted", "reported", "alleged", "expected", "hypothetical", "denied"}

// strongestModality is the firmest commitment any report makes: an event
// one outlet asserts and another only reports is asserted.
func strongestModality(rs []record.Report) string {
	best := len(modalityStrength)
	for _, r := range rs {
		if i := slices.Index(modalityStrength, r.Modality); i >= 0 && i < best {
			best = i
		}
	}
	if best == len(modalityStrength) {
		return "reported"
	}
	return modalityStrength[best]
}
