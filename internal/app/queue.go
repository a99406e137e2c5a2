package app

import (
	"context"
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/queue"
)

// MergeLockName is the queue.Locker name workers hold while merging.
const MergeLockName = "merge"

// StoreJobs analyses one batch of queued jobs and stores them (in one
// transaction when the batch is no larger than Config.BatchSize), without
// merging: their single-document events wait in the store, marked as not
// merged yet, for the next MergePending of any worker. Stats.Events counts
// those single-document events.
//
// Storing and merging are separate steps because merging costs about as
// much per call whether it takes in one batch or ten: it loads the stored
// events of the new events' weeks and places. A worker that merged after
// every batch spent two thirds of its time merging, serialised across
// workers by the merge lock, so a second worker added almost nothing.
func (a *App) StoreJobs(ctx context.Context, jobs []queue.Job, out Output) (Stats, error) {
	docs := make([]*doc.Document, len(jobs))
	for i, j := range jobs {
		docs[i] = j.Document()
	}
	src := func(ctx context.Context, emit func(*doc.Document) error, _ func(error)) error {
		for _, d := range docs {
			if err := emit(d); err != nil {
				return err
			}
		}
		return nil
	}
	if out.Report == nil {
		out.Report = func(error) {}
	}
	return a.analyzeFrom(ctx, src, out, false)
}

// MergePending merges every stored event that merging has not seen yet
// (store.EventQuery.Unmerged: what StoreJobs left, and what a worker that
// died between its commit and its merge left) with the stored events near
// it, and writes back the groups that changed.
//
// lock, when not nil, serialises merging across workers. Merging reads the
// stored events of a date window and writes back the groups it forms; two
// workers doing that at once over the same window could each write a group
// missing the other's new reports. Analysis and commits do not take the
// lock, so they go on in parallel with a merge.
func (a *App) MergePending(ctx context.Context, lock queue.Locker) error {
	if lock != nil {
		unlock, err := lock.Lock(ctx, MergeLockName)
		if err != nil {
			return fmt.Errorf("lock merge: %w", err)
		}
		defer unlock()
	}
	if err := a.mergeUnits(ctx, runUnits{}); err != nil {
		return fmt.Errorf("merge pending events: %w", err)
	}
	return nil
}
