package app

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/sitrep-dev/sitrep/internal/actor"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/merge"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// unitRecords gives a document's single-document events ids derived from
// its content hash: a document id can be renamed by the store when another
// document already has it, a content hash cannot.
func unitRecords(d *doc.Document, evs []record.Event) []record.Event {
	for i := range evs {
		evs[i].ID = fmt.Sprintf("u-%.16s-%d", d.Hash, i+1)
	}
	return evs
}

// runUnits remembers what a run stored: its documents' final ids, its new
// units' ids, and the (time, space) blocks those units fall in, which are
// all the merge after the run needs to look at.
type runUnits struct {
	docs   map[string]bool
	units  []string
	blocks map[blockKey]*block
}

// blockKey is a (week, 1.5° cell) bucket of new units.
type blockKey struct {
	week         int64
	cellX, cellY int
}

// block is the extent of the new units in one bucket.
type block struct {
	first, last time.Time
}

// blockDegrees is the cell of a block: as large as merge's coarse region
// cell, so one block's neighbourhood is a few cells, not the whole map.
const blockDegrees = 1.5

// addDates records a new unit: its id, and, when it is dated and located
// precisely enough to merge with anything, its block.
func (r *runUnits) addDates(ev record.Event) {
	r.units = append(r.units, ev.ID)
	if ev.Date == nil || ev.Location == nil || (ev.Location.Lat == 0 && ev.Location.Lon == 0) {
		return // merge never links a unit without a date and a place
	}
	if p := ev.Location.Precision; p == "country" || p == "region" {
		return // too coarse to tie to one event
	}
	first, err := time.Parse(time.DateOnly, *ev.Date)
	if err != nil {
		return
	}
	last := first
	if ev.DateEnd != nil {
		if t, err := time.Parse(time.DateOnly, *ev.DateEnd); err == nil && t.After(first) {
			last = t
		}
	}
	if r.blocks == nil {
		r.blocks = map[blockKey]*block{}
	}
	k := blockKey{first.Unix() / (7 * 86400), int(math.Floor(ev.Location.Lon / blockDegrees)), int(math.Floor(ev.Location.Lat / blockDegrees))}
	b := r.blocks[k]
	if b == nil {
		r.blocks[k] = &block{first: first, last: last}
		return
	}
	if first.Before(b.first) {
		b.first = first
	}
	if last.After(b.last) {
		b.last = last
	}
}

// mergeWindowSlack widens a block's dates when loading stored events to
// merge with: a report dated only by its article's publication may be
// about an event up to merge's lookback (30 days) earlier, and a vague
// date reaches over month boundaries.
const mergeWindowSlack = 31 * 24 * time.Hour

// mergeMarginKm widens a block's cell: the largest distance merge accepts
// (120 km for a district- or province-precise place) with room to spare.
const mergeMarginKm = 150.0

// query is the store query for the stored events a block's units could
// merge with.
func (k blockKey) query(b *block) store.EventQuery {
	minLat := float64(k.cellY)*blockDegrees - mergeMarginKm/111
	maxLat := float64(k.cellY+1)*blockDegrees + mergeMarginKm/111
	widest := math.Max(math.Abs(minLat), math.Abs(maxLat))
	dLon := 180.0
	if widest < 89 {
		dLon = math.Min(180, mergeMarginKm/(111*math.Cos(widest*math.Pi/180)))
	}
	box := store.BBox{
		MinLat: math.Max(-90, minLat), MaxLat: math.Min(90, maxLat),
		MinLon: float64(k.cellX)*blockDegrees - dLon, MaxLon: float64(k.cellX+1)*blockDegrees + dLon,
	}
	if box.MaxLon-box.MinLon >= 360 {
		box.MinLon, box.MaxLon = -180, 180
	} else {
		box.MinLon, box.MaxLon = wrapLon(box.MinLon), wrapLon(box.MaxLon)
	}
	return store.EventQuery{From: b.first.Add(-mergeWindowSlack), To: b.last.Add(mergeWindowSlack), BBox: &box}
}

func wrapLon(x float64) float64 {
	for x > 180 {
		x -= 360
	}
	for x < -180 {
		x += 360
	}
	return x
}

// mergeRun merges the run's new single-document events with the stored
// events near them and writes back what changed, then calls emit for every
// event the run's documents report, undated ones included.
//
// The cost is bounded by the run, not the store: candidates are loaded
// per (week, cell) block of the new units, with the dates and distances
// merging can bridge, through the store's date and box filters. Stored
// events that already merge several reports take part as units: their
// reports carry the figures, claimants and perpetrators the disputes and
// corroboration are computed from. A group of one is rewritten too when
// merging adds something (its sources), keeping its id.
func (a *App) mergeRun(ctx context.Context, run runUnits, emit func(record.Event) error) (int, error) {
	if len(run.docs) == 0 {
		return 0, nil
	}
	if err := a.mergeUnits(ctx, run); err != nil {
		return 0, err
	}
	return a.emitRunEvents(ctx, run, emit)
}

// mergeUnits merges the run's units and every other event merging has not
// seen yet with the stored events near them, and writes back what changed.
func (a *App) mergeUnits(ctx context.Context, run runUnits) error {
	// Everything merging has not seen yet: this run's units, and any a
	// killed run left behind (its documents now come back as existing).
	pending := runUnits{blocks: run.blocks, units: run.units}
	if err := a.store.Events(ctx, store.EventQuery{Unmerged: true}, func(e record.Event) error {
		pending.addDates(e)
		return nil
	}); err != nil {
		return fmt.Errorf("load unmerged events: %w", err)
	}
	run.blocks, run.units = pending.blocks, pending.units
	loaded := map[string]record.Event{}
	keep := func(e record.Event) error {
		loaded[e.ID] = e
		return nil
	}
	for _, q := range coalescedQueries(run.blocks) {
		if err := a.store.Events(ctx, q, keep); err != nil {
			return fmt.Errorf("load events to merge: %w", err)
		}
	}
	// New units that no block covers (undated, unlocated) still get their
	// sources computed; an earlier merge of this run may have absorbed
	// them, which is why a missing one is not an error.
	for _, id := range run.units {
		if _, ok := loaded[id]; ok {
			continue
		}
		switch e, err := a.store.Event(ctx, id); {
		case err == nil:
			loaded[id] = e
		case !isNotFound(err):
			return fmt.Errorf("load event %s: %w", id, err)
		}
	}
	window := make([]record.Event, 0, len(loaded))
	for _, e := range loaded {
		window = append(window, e)
	}
	merged := merge.Merge(window, merge.Options{Claimant: claimantClassifier(a.actors)})
	byReport := make(map[string]string, len(window))
	for _, e := range window {
		for _, r := range e.Reports {
			byReport[reportKey(r)] = e.ID
		}
	}
	var remove []string
	var upsert []record.Event
	for _, m := range merged {
		members := map[string]bool{}
		for _, r := range m.Reports {
			members[byReport[reportKey(r)]] = true
		}
		if len(members) == 1 {
			for id := range members {
				m.ID = id
			}
			if sameEvent(loaded[m.ID], m) {
				continue
			}
			upsert = append(upsert, m)
			continue
		}
		for id := range members {
			remove = append(remove, id)
		}
		upsert = append(upsert, m)
	}
	slices.Sort(remove)
	if len(upsert) > 0 {
		if err := a.store.ReplaceEvents(ctx, remove, upsert); err != nil {
			return fmt.Errorf("store merged events: %w", err)
		}
	}
	return nil
}

// emitRunEvents calls emit for each event reported by the run's documents,
// by date then id, undated last: one indexed query per document, so the
// cost follows the run, not the store.
func (a *App) emitRunEvents(ctx context.Context, run runUnits, emit func(record.Event) error) (int, error) {
	type pos struct{ date, id string }
	seen := map[string]bool{}
	var order []pos
	docs := make([]string, 0, len(run.docs))
	for d := range run.docs {
		docs = append(docs, d)
	}
	slices.Sort(docs)
	for _, d := range docs {
		err := a.store.Events(ctx, store.EventQuery{Doc: d}, func(e record.Event) error {
			if !seen[e.ID] {
				seen[e.ID] = true
				day := ""
				if e.Date != nil {
					day = *e.Date
				}
				order = append(order, pos{day, e.ID})
			}
			return nil
		})
		if err != nil {
			return 0, fmt.Errorf("list merged events: %w", err)
		}
	}
	slices.SortFunc(order, func(a, b pos) int {
		if (a.date == "") != (b.date == "") {
			if a.date == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.date, b.date), cmp.Compare(a.id, b.id))
	})
	if emit == nil {
		return len(order), nil
	}
	for i, p := range order {
		e, err := a.store.Event(ctx, p.id)
		if err != nil {
			return i, fmt.Errorf("list merged events: %w", err)
		}
		if err := emit(e); err != nil {
			return i, err
		}
	}
	return len(order), nil
}

// claimantClassifier classifies claimants the merge lexicon does not know
// through the actor dictionary: a state, armed group or militia named as
// the source of a claim is a party to the fight; a monitor, UN agency or
// NGO a monitor; a media outlet another outlet quoted.
func claimantClassifier(actors *actor.Stage) merge.ClassifyFunc {
	return func(claimedBy string) (string, string, bool) {
		for _, m := range actors.Find(claimedBy) {
			switch m.Type {
			case actor.State, actor.Rebel, actor.Militia, actor.Police, actor.Foreign:
				return m.Name, merge.KindParty, true
			case actor.Monitor, actor.IGO, actor.NGO:
				return m.Name, merge.KindMonitor, true
			case actor.Media:
				return m.Name, merge.KindOutlet, true
			}
		}
		return "", "", false
	}
}

// sameEvent reports whether a and b encode to the same record.
func sameEvent(a, b record.Event) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }

func reportKey(r record.Report) string { return fmt.Sprintf("%s\x00%d\x00%d", r.Doc, r.Start, r.End) }

// coalescedQueries turns the run's blocks into store queries: one per grid
// cell and stretch of overlapping time windows. Blocks of one cell in
// neighbouring weeks have windows (a month of slack each side) that mostly
// overlap; querying them one by one would load and decode the same stored
// events many times over.
func coalescedQueries(blocks map[blockKey]*block) []store.EventQuery {
	type cell struct{ x, y int }
	byCell := map[cell][]blockKey{}
	for k := range blocks {
		c := cell{k.cellX, k.cellY}
		byCell[c] = append(byCell[c], k)
	}
	cells := make([]cell, 0, len(byCell))
	for c := range byCell {
		cells = append(cells, c)
	}
	slices.SortFunc(cells, func(a, b cell) int { return cmp.Or(cmp.Compare(a.x, b.x), cmp.Compare(a.y, b.y)) })
	var out []store.EventQuery
	for _, c := range cells {
		keys := byCell[c]
		slices.SortFunc(keys, func(a, b blockKey) int { return blocks[a].first.Compare(blocks[b].first) })
		var cur store.EventQuery
		for i, k := range keys {
			q := k.query(blocks[k])
			if i > 0 && !q.From.After(cur.To) {
				if q.To.After(cur.To) {
					cur.To = q.To
				}
				continue
			}
			if i > 0 {
				out = append(out, cur)
			}
			cur = q
		}
		out = append(out, cur)
	}
	return out
}
