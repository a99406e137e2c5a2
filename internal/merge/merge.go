// Package merge turns events extracted from single documents into
// real-world events reported by many: one attack in five articles becomes
// one event with five reports, and where the reports disagree — on the
// toll, the perpetrator, who controls a place, the date — the disagreement
// is kept as a dispute with each side's source.
//
// The unit of merging is a single-document event record (what `sitrep
// extract` writes). The merged events are a deterministic function of the
// set of units, never of the order they arrived in: units are grouped by
// the connected components of a compatibility graph, found with union-find
// over candidate pairs from a time-and-space index (so cost grows with the
// number of nearby units, not the square of all of them), and every merged
// field is computed from the sorted members.
package merge

import (
	"cmp"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/record"
)

// Options tune merging. The zero value uses the defaults.
type Options struct {
	// TownKm is how far apart two town- or point-precision locations may be
	// and still be one event. Default 15 km: a town and its outskirts, or
	// two spellings resolved to neighbouring villages.
	TownKm float64
	// RegionKm is the distance allowed when one location is only known to
	// district or admin1 precision. Default 120 km.
	RegionKm float64
	// DayTolerance is how many days two day-precise dates may differ: a
	// night attack is reported as two different days. Default 1.
	DayTolerance int
	// PublishedLookbackDays is how far before its article's publication a
	// unit dated only by that publication (date_source "published") may
	// have happened: such a date is an upper bound, not the event's day,
	// so the unit is vague and joins at most one event. Default 30.
	PublishedLookbackDays int
	// Lexicon classifies claimants; nil is DefaultLexicon().
	Lexicon *Lexicon
	// Claimant classifies claimants the lexicon does not know; nil leaves
	// them as KindOther.
	Claimant ClassifyFunc
}

func (o Options) withDefaults() Options {
	if o.TownKm == 0 {
		o.TownKm = 15
	}
	if o.RegionKm == 0 {
		o.RegionKm = 120
	}
	if o.DayTolerance == 0 {
		o.DayTolerance = 1
	}
	if o.PublishedLookbackDays == 0 {
		o.PublishedLookbackDays = 30
	}
	if o.Lexicon == nil {
		o.Lexicon = DefaultLexicon()
	}
	return o
}

// unit is a single-document event prepared for comparison.
type unit struct {
	ev         record.Event
	key        string // stable identity: first report's doc and offsets
	start, end time.Time
	dayPrecise bool
	hasDate    bool
	hasPlace   bool
	lat, lon   float64
	precRank   int
	family     string
}

// Merge groups units into events. Units are single-document events; the
// result is sorted by date then id and does not depend on the input order.
func Merge(units []record.Event, opts Options) []record.Event {
	opts = opts.withDefaults()
	us := make([]*unit, 0, len(units))
	for _, ev := range units {
		us = append(us, prepare(ev, opts))
	}
	// Sort first: every later step walks units in this order, which is
	// what makes the result independent of the input order.
	slices.SortFunc(us, func(a, b *unit) int { return strings.Compare(a.key, b.key) })

	uf := newUnionFind(len(us))
	// Phase 1: precise units (a day and a town) link to each other through
	// the (day, grid cell) index.
	idx := map[cellKey][]int{}
	for i, u := range us {
		if !u.precise() {
			continue
		}
		for _, k := range u.cells() {
			idx[k] = append(idx[k], i)
		}
	}
	for i, u := range us {
		if !u.precise() {
			continue
		}
		u.eachNeighbourCell(opts.DayTolerance, func(k cellKey) {
			for _, j := range idx[k] {
				if j > i && compatible(u, us[j], opts) {
					uf.union(i, j)
				}
			}
		})
	}
	// Phase 2: a vague unit (a month, a province) could link two precise
	// events that are really different, so it joins at most one group:
	// the compatible group with the most members, ties to the smallest
	// key. Vague units that join no group link among themselves.
	byRegion := map[regionKey][]int{}
	for i, u := range us {
		if u.precise() {
			for _, k := range u.regions(false) {
				byRegion[k] = append(byRegion[k], i)
			}
		}
	}
	size := func(i int) int { return uf.size[uf.find(i)] }
	vagueByRegion := map[regionKey][]int{}
	for i, u := range us {
		if u.precise() {
			continue
		}
		keys := u.regions(true)
		best := -1
		seen := map[int]bool{}
		for _, k := range keys {
			for _, j := range byRegion[k] {
				root := uf.find(j)
				if seen[root] || !compatible(u, us[j], opts) {
					continue
				}
				seen[root] = true
				if best < 0 || size(j) > size(best) || (size(j) == size(best) && uf.find(j) < uf.find(best)) {
					best = j
				}
			}
		}
		if best >= 0 {
			uf.union(best, i)
			continue
		}
		for _, k := range keys {
			for _, j := range vagueByRegion[k] {
				if compatible(u, us[j], opts) {
					uf.union(i, j)
				}
			}
		}
		for _, k := range u.regions(false) {
			vagueByRegion[k] = append(vagueByRegion[k], i)
		}
	}

	groups := map[int][]*unit{}
	for i, u := range us {
		r := uf.find(i)
		groups[r] = append(groups[r], u)
	}
	cl := &classifier{lex: opts.Lexicon, fallback: opts.Claimant, cache: map[string][2]string{}}
	// Sort small keys, not the events: moving whole records while sorting
	// a million of them cost more than building them.
	type pos struct {
		date, id string
		i        int
	}
	built := make([]record.Event, 0, len(groups))
	order := make([]pos, 0, len(groups))
	for _, g := range groups {
		ev := combine(g, cl)
		order = append(order, pos{str(ev.Date), ev.ID, len(built)})
		built = append(built, ev)
	}
	slices.SortFunc(order, func(a, b pos) int {
		return cmp.Or(cmp.Compare(a.date, b.date), strings.Compare(a.id, b.id))
	})
	out := make([]record.Event, len(built))
	for i, p := range order {
		out[i] = built[p.i]
	}
	return out
}

func prepare(ev record.Event, opts Options) *unit {
	u := &unit{ev: ev, family: family(ev.SubEventType)}
	if len(ev.Reports) > 0 {
		r := ev.Reports[0]
		u.key = fmt.Sprintf("%s\x00%09d\x00%09d\x00%s", r.Doc, r.Start, r.End, ev.SubEventType)
	} else {
		u.key = ev.ID
	}
	if ev.Date != nil {
		if t, err := time.Parse("2006-01-02", *ev.Date); err == nil {
			u.start, u.end, u.hasDate = t, t, true
			if ev.DateEnd != nil {
				if e, err := time.Parse("2006-01-02", *ev.DateEnd); err == nil && !e.Before(t) {
					u.end = e
				}
			}
			u.dayPrecise = u.end.Sub(u.start) <= 24*time.Hour
			if publicationDated(ev) {
				u.start = u.end.AddDate(0, 0, -opts.PublishedLookbackDays)
				u.dayPrecise = false
			}
		}
	}
	if l := ev.Location; l != nil && !(l.Lat == 0 && l.Lon == 0) {
		u.hasPlace = true
		u.lat, u.lon = l.Lat, l.Lon
		u.precRank = precisionRank(l.Precision)
	}
	return u
}

// publicationDated reports whether every dated report of ev takes its
// date from the article's publication rather than from the text: then the
// date says when the event was reported, not when it happened.
func publicationDated(ev record.Event) bool {
	dated := false
	for _, r := range ev.Reports {
		if r.Date == nil {
			continue
		}
		if r.DateSource != "published" {
			return false
		}
		dated = true
	}
	return dated
}

// precise units have a day and a place no coarser than a district.
func (u *unit) precise() bool {
	return u.dayPrecise && u.hasPlace && u.precRank <= precisionRank("district")
}

type cellKey struct {
	day          int64
	cellX, cellY int
}

// cellDegrees is the grid cell size: 0.5° is about 55 km, larger than any
// town tolerance, so compatible precise units are always in neighbouring
// cells.
const cellDegrees = 0.5

func (u *unit) cells() []cellKey {
	var ks []cellKey
	x, y := int(math.Floor(u.lon/cellDegrees)), int(math.Floor(u.lat/cellDegrees))
	for d := dayNumber(u.start); d <= dayNumber(u.end); d++ {
		ks = append(ks, cellKey{d, x, y})
	}
	return ks
}

// eachNeighbourCell calls fn for the cells around u and the days around
// its dates, without building a slice of them: this runs once per unit.
func (u *unit) eachNeighbourCell(tol int, fn func(cellKey)) {
	x, y := int(math.Floor(u.lon/cellDegrees)), int(math.Floor(u.lat/cellDegrees))
	for d := dayNumber(u.start) - int64(tol); d <= dayNumber(u.end)+int64(tol); d++ {
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				fn(cellKey{d, x + dx, y + dy})
			}
		}
	}
}

func dayNumber(t time.Time) int64 { return t.Unix() / 86400 }

// regionKey buckets units by month and a coarse grid cell, for the second
// phase: a vague unit is compared only with units in the cells around it.
type regionKey struct {
	month        int
	cellX, cellY int
}

// regionDegrees is the coarse cell: 1.5° is about 165 km, more than
// Options.RegionKm, so compatible units are always in neighbouring cells.
const regionDegrees = 1.5

// maxVagueMonths caps how many months a unit is indexed under: a report
// dated only "since 2014" is not evidence for any one event.
const maxVagueMonths = 3

// regions are the (month, cell) buckets a unit's interval and place touch,
// with a day of slack on each side; with neighbours, the 3×3 cells around
// it. None when it has no date or place, when its place is only a country
// (too coarse to tie it to one event), or when its interval is too long.
func (u *unit) regions(neighbours bool) []regionKey {
	if !u.hasDate || !u.hasPlace || u.precRank >= precisionRank("country") {
		return nil
	}
	first := u.start.AddDate(0, 0, -1)
	last := u.end.AddDate(0, 0, 1)
	m0 := first.Year()*12 + int(first.Month()) - 1
	m1 := last.Year()*12 + int(last.Month()) - 1
	if m1-m0 >= maxVagueMonths {
		return nil
	}
	x, y := int(math.Floor(u.lon/regionDegrees)), int(math.Floor(u.lat/regionDegrees))
	r := 0
	if neighbours {
		r = 1
	}
	var ks []regionKey
	for m := m0; m <= m1; m++ {
		for dx := -r; dx <= r; dx++ {
			for dy := -r; dy <= r; dy++ {
				ks = append(ks, regionKey{m, x + dx, y + dy})
			}
		}
	}
	return ks
}

// compatible decides whether two units can be reports of one event.
func compatible(a, b *unit, o Options) bool {
	if a.family != b.family {
		return false
	}
	if !a.hasDate || !b.hasDate || !a.hasPlace || !b.hasPlace {
		// Without a date and a place nothing ties two reports to one
		// event; better two events than one wrong merge.
		return false
	}
	tol := time.Duration(o.DayTolerance) * 24 * time.Hour
	if !a.dayPrecise || !b.dayPrecise {
		tol = 0
	}
	if a.start.After(b.end.Add(tol)) || b.start.After(a.end.Add(tol)) {
		return false
	}
	limit := o.TownKm
	if max(a.precRank, b.precRank) > precisionRank("town") {
		limit = o.RegionKm
	}
	if max(a.precRank, b.precRank) >= precisionRank("country") {
		return a.ev.Location.Country != "" && a.ev.Location.Country == b.ev.Location.Country
	}
	return km(a.lat, a.lon, b.lat, b.lon) <= limit
}

// family groups sub-event types that outlets use for the same event: an
// air strike is often called shelling, a capture is reported as clashes.
func family(sub string) string {
	switch sub {
	case "Air/drone strike", "Shelling/artillery/missile attack":
		return "remote"
	case "Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory":
		return "territory"
	}
	return sub
}

var precisionOrder = []string{"point", "town", "district", "admin1", "country", "region"}

func precisionRank(p string) int {
	if i := slices.Index(precisionOrder, p); i >= 0 {
		return i
	}
	return len(precisionOrder)
}

func km(lat1, lon1, lat2, lon2 float64) float64 {
	const p = math.Pi / 180
	a := math.Pow(math.Sin((lat2-lat1)*p/2), 2) + math.Cos(lat1*p)*math.Cos(lat2*p)*math.Pow(math.Sin((lon2-lon1)*p/2), 2)
	return 12742 * math.Asin(math.Min(1, math.Sqrt(a)))
}

// ID returns the merged event id for a group's smallest member key: stable
// for the same set of reports, whatever order they came in.
func ID(key string) string {
	h := sha1.Sum([]byte(key))
	return "ev-" + hex.EncodeToString(h[:8])
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

type unionFind struct{ parent, size []int }

func newUnionFind(n int) *unionFind {
	uf := &unionFind{parent: make([]int, n), size: make([]int, n)}
	for i := range uf.parent {
		uf.parent[i], uf.size[i] = i, 1
	}
	return uf
}

func (u *unionFind) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

// union joins two sets; the root is always the smaller index, so roots
// (and hence ids) do not depend on the order unions happen in.
func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	u.size[ra] += u.size[rb]
}
