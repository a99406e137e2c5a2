package app

import (
	"context"
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/queue"
)

// MergeLockName is the queue.Locker name workers hold while merging.
const MergeLockName = "merge"

// AnalyzeJobs analyses one batch of queued jobs as one run: the documents
// are stored (in one transaction when the batch is no larger than
// Config.BatchSize) and then merged with the stored events, as Analyze does
// for files.
//
// lock, when not nil, serialises the merge step across workers. Merging
// reads the stored events of a date window and writes back the groups it
// forms; two workers doing that at once over the same window could each
// write a group missing the other's new reports. The lock is taken once
// every document is committed, so analysis and commits still run in
// parallel, and released when the run returns.
func (a *App) AnalyzeJobs(ctx context.Context, jobs []queue.Job, lock queue.Locker, out Output) (Stats, error) {
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
	var unlock func()
	var existing []string
	emitted := 0
	run := out
	if run.Report == nil {
		run.Report = func(error) {}
	}
	run.Document = func(r Result) error {
		// Results come from one goroutine, in input order, after their
		// batch is committed; the last one means the merge is next.
		emitted++
		if r.Status == "existing" {
			existing = append(existing, r.Doc.ID)
		}
		if out.Document != nil {
			if err := out.Document(r); err != nil {
				return err
			}
		}
		if emitted == len(docs) && lock != nil {
			u, err := lock.Lock(ctx, MergeLockName)
			if err != nil {
				return fmt.Errorf("lock merge: %w", err)
			}
			unlock = u
		}
		return nil
	}
	stats, err := a.AnalyzeFrom(ctx, src, run)
	if err == nil && len(existing) == len(docs) && len(docs) > 0 {
		err = a.remerge(ctx, existing)
	}
	if unlock != nil {
		unlock()
	}
	return stats, err
}

// remerge runs the merge for a batch whose documents were all stored
// already. A job comes back stored when its worker died after committing
// it and perhaps before merging it; mergeRun picks up every event that
// merging has not seen yet (store.EventQuery.Unmerged), so this finishes
// the dead worker's merge instead of leaving it to the next batch.
func (a *App) remerge(ctx context.Context, ids []string) error {
	run := runUnits{docs: make(map[string]bool, len(ids))}
	for _, id := range ids {
		run.docs[id] = true
	}
	if _, err := a.mergeRun(ctx, run, nil); err != nil {
		return fmt.Errorf("remerge: %w", err)
	}
	return nil
}
