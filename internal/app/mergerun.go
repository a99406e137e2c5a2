package app

import (
	"context"
	"fmt"
	"slices"
	"time"

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

// runUnits remembers what a run stored: its documents' final ids and the
// span of dates its events cover.
type runUnits struct {
	docs      map[string]bool
	first     time.Time
	last      time.Time
	hasDates  bool
	undatedOK bool
}

func (r *runUnits) addDates(ev record.Event) {
	for _, s := range []*string{ev.Date, ev.DateEnd} {
		if s == nil {
			continue
		}
		t, err := time.Parse("2006-01-02", *s)
		if err != nil {
			continue
		}
		if !r.hasDates || t.Before(r.first) {
			r.first = t
		}
		if !r.hasDates || t.After(r.last) {
			r.last = t
		}
		r.hasDates = true
	}
}

// mergeWindowSlack widens the run's date span when loading stored events
// to merge with: merging tolerates a day between day-precise dates and
// vague dates reach over month boundaries.
const mergeWindowSlack = 31 * 24 * time.Hour

// mergeRun merges the events stored in the run's date span (its own new
// single-document events among them) and writes back the groups that
// changed, then calls emit for every event the run's documents report,
// undated ones included. Stored events that already merge several reports
// take part as units: their reports carry the figures, claimants and
// perpetrators the disputes are computed from.
func (a *App) mergeRun(ctx context.Context, run runUnits, emit func(record.Event) error) (int, error) {
	if len(run.docs) == 0 {
		return 0, nil
	}
	var window []record.Event
	if run.hasDates {
		q := store.EventQuery{From: run.first.Add(-mergeWindowSlack), To: run.last.Add(mergeWindowSlack)}
		if err := a.store.Events(ctx, q, func(e record.Event) error {
			window = append(window, e)
			return nil
		}); err != nil {
			return 0, fmt.Errorf("load events to merge: %w", err)
		}
	}
	merged := merge.Merge(window, merge.Options{})
	// Merge rebuilds every event; write back only groups of several
	// units, keeping single events as they were stored.
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
		if len(members) < 2 {
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
			return 0, fmt.Errorf("store merged events: %w", err)
		}
	}

	n := 0
	err := a.store.Events(ctx, store.EventQuery{}, func(e record.Event) error {
		for _, r := range e.Reports {
			if run.docs[r.Doc] {
				n++
				if emit != nil {
					return emit(e)
				}
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("list merged events: %w", err)
	}
	return n, nil
}

func reportKey(r record.Report) string { return fmt.Sprintf("%s\x00%d\x00%d", r.Doc, r.Start, r.End) }
