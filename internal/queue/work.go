package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Defaults for WorkConfig.
const (
	DefaultBatch = 64
	// DefaultFetchWait is how long one pull waits for a batch to fill:
	// short, so a worker notices a stop request or the idle limit soon.
	DefaultFetchWait = time.Second
)

// Handler processes one batch of jobs. It returns nil only once every job
// is durably done (committed to the store): the jobs are then
// acknowledged. An error hands them back to the queue.
type Handler func(ctx context.Context, jobs []Job) error

// WorkConfig configures Work.
type WorkConfig struct {
	// Batch is the most jobs fetched and handled at once.
	Batch int
	// FetchWait bounds one pull's wait for jobs.
	FetchWait time.Duration
	// IdleExit makes Work return once no job has come for this long; 0
	// runs until stopped.
	IdleExit time.Duration
	// Stop asks for a graceful stop: the batch in hand is finished and
	// acknowledged, then Work returns nil.
	Stop <-chan struct{}
	// Log receives a line per batch and per job given up on.
	Log *slog.Logger
	// Idle, when set, is called after each pull that brought no job: a
	// worker catches up on deferred work while the queue is empty. Its
	// error ends Work.
	Idle func(ctx context.Context) error
}

// WorkStats counts what Work did.
type WorkStats struct {
	Batches int
	// Acked jobs were handled; Retried were handed back after a failure;
	// Terminated were given up on (undecodable, or failed on their last
	// attempt).
	Acked, Retried, Terminated int
}

// Work pulls batches from c and runs h on each until stopped, idle for
// cfg.IdleExit, or ctx is done.
//
// ctx is the hard stop: when it is done, the batch in hand is abandoned
// unacknowledged, exactly as if the process had died, and the queue
// delivers its jobs again after their ack wait. cfg.Stop is the graceful
// one (SIGTERM): the batch in hand is finished and acknowledged first.
//
// A job is acknowledged only after h returns nil for its batch. When a
// batch of several fails, each job is retried alone at once, so one job
// that always fails (a poison message) does not take its batch-mates down
// with it; a job that fails alone is handed back with a delay, and
// terminated, with a log line, on its last attempt. While h runs, Work
// tells the queue every third of the ack wait that the batch is in
// progress, so a long batch is not delivered to a second worker.
func Work(ctx context.Context, c Consumer, cfg WorkConfig, h Handler) (WorkStats, error) {
	if cfg.Batch <= 0 {
		cfg.Batch = DefaultBatch
	}
	if cfg.FetchWait <= 0 {
		cfg.FetchWait = DefaultFetchWait
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	w := &worker{c: c, cfg: cfg, h: h}
	// fetchCtx ends on either stop, so a pull in progress returns at once.
	fetchCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-cfg.Stop:
			cancel()
		case <-fetchCtx.Done():
		}
	}()

	idleSince := time.Now()
	failures := 0
	for {
		if ctx.Err() != nil {
			return w.stats, context.Cause(ctx)
		}
		if fetchCtx.Err() != nil {
			return w.stats, nil // stopped gracefully
		}
		pull, cancelPull := context.WithTimeout(fetchCtx, cfg.FetchWait)
		ds, err := c.Fetch(pull, cfg.Batch)
		cancelPull()
		if err != nil {
			// The connection reconnects by itself; a queue that stays
			// unreachable ends the worker.
			failures++
			if failures >= 5 {
				return w.stats, err
			}
			cfg.Log.Warn("fetch failed; retrying", "err", err, "attempt", failures)
			sleep(fetchCtx, time.Duration(failures)*500*time.Millisecond)
		} else {
			failures = 0
		}
		if len(ds) == 0 {
			if cfg.Idle != nil && err == nil {
				if err := cfg.Idle(ctx); err != nil {
					return w.stats, err
				}
			}
			if cfg.IdleExit > 0 && time.Since(idleSince) >= cfg.IdleExit {
				cfg.Log.Info("idle; exiting", "idle", cfg.IdleExit)
				return w.stats, nil
			}
			continue
		}
		if err := w.batch(ctx, ds); err != nil {
			return w.stats, err
		}
		idleSince = time.Now()
	}
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

type worker struct {
	c     Consumer
	cfg   WorkConfig
	h     Handler
	stats WorkStats
}

// batch handles one fetched batch and settles every delivery in it. It
// returns an error only when ctx is done: the batch is then abandoned.
func (w *worker) batch(ctx context.Context, ds []*Delivery) error {
	log := w.cfg.Log
	w.stats.Batches++
	var live []*Delivery
	for _, d := range ds {
		if d.Err != nil {
			// An undecodable message never becomes decodable.
			log.Error("terminating undecodable job", "job", d.Job.ID, "err", d.Err)
			w.term(d, d.Err.Error())
			continue
		}
		live = append(live, d)
	}
	if len(live) == 0 {
		return nil
	}
	start := time.Now()
	err := w.handle(ctx, live)
	if ctx.Err() != nil {
		// Killed mid-batch: settle nothing. Whatever the handler
		// committed is found again by content hash on redelivery.
		log.Warn("abandoning batch unacknowledged", "jobs", len(live))
		return context.Cause(ctx)
	}
	if err == nil {
		w.ackAll(ctx, live)
		log.Info("batch done", "jobs", len(live), "elapsed", time.Since(start).Round(time.Millisecond))
		return nil
	}
	if len(live) == 1 {
		w.fail(live[0], err)
		return nil
	}
	log.Warn("batch failed; retrying its jobs one by one", "jobs", len(live), "err", err)
	for _, d := range live {
		err := w.handle(ctx, []*Delivery{d})
		if ctx.Err() != nil {
			log.Warn("abandoning batch unacknowledged", "jobs", len(live))
			return context.Cause(ctx)
		}
		if err != nil {
			w.fail(d, err)
			continue
		}
		w.ackAll(ctx, []*Delivery{d})
	}
	return nil
}

// handle runs the handler while keeping the deliveries' ack wait from
// running out.
func (w *worker) handle(ctx context.Context, ds []*Delivery) error {
	jobs := make([]Job, len(ds))
	for i, d := range ds {
		jobs[i] = d.Job
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	if every := w.c.AckWait() / 3; every > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.NewTicker(every)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					for _, d := range ds {
						if err := d.InProgress(); err != nil {
							w.cfg.Log.Warn("extending ack wait failed", "err", err)
						}
					}
				}
			}
		}()
	}
	err := w.h(ctx, jobs)
	close(stop)
	wg.Wait()
	return err
}

func (w *worker) ackAll(ctx context.Context, ds []*Delivery) {
	for _, d := range ds {
		if err := d.Ack(ctx); err != nil {
			// The job is done; if the ack was lost it comes back and is
			// found already stored.
			w.cfg.Log.Warn("ack failed; the job may be delivered again", "err", err)
			continue
		}
		w.stats.Acked++
	}
}

// fail hands a job that failed on its own back to the queue, or gives up
// on it on its last attempt.
func (w *worker) fail(d *Delivery, err error) {
	if d.LastAttempt() {
		w.cfg.Log.Error("giving up on job after its last attempt", "job", d.Job.ID, "origin", d.Job.Origin, "attempts", d.Attempt, "err", err)
		w.term(d, fmt.Sprintf("failed %d times: %v", d.Attempt, err))
		return
	}
	// Back off: a store that is down should not be hammered.
	delay := time.Duration(d.Attempt*d.Attempt) * time.Second
	w.cfg.Log.Warn("job failed; handing it back", "job", d.Job.ID, "attempt", d.Attempt, "retry_in", delay, "err", err)
	if nerr := d.Nak(delay); nerr != nil {
		w.cfg.Log.Warn("nak failed; the job comes back after its ack wait", "err", nerr)
	}
	w.stats.Retried++
}

func (w *worker) term(d *Delivery, reason string) {
	if err := d.Term(reason); err != nil {
		w.cfg.Log.Warn("terminate failed", "err", errors.Unwrap(err))
		return
	}
	w.stats.Terminated++
}
