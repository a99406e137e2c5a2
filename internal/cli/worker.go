package cli

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/sitrep-dev/sitrep/internal/app"
	"github.com/sitrep-dev/sitrep/internal/queue"
)

// workerOptions are sitrep worker's flags.
type workerOptions struct {
	nats, stream, subject string
	db, places, actors    string
	batch, workers        int
	idleExit, ackWait     time.Duration
	mergeEvery            time.Duration
	maxDeliver            int
	// wrap, when set, wraps the batch handler: tests use it to kill a
	// worker at a chosen point of a batch.
	wrap func(queue.Handler) queue.Handler
	// lock, when set, replaces the merge lock: tests use it to kill a
	// worker between its commit and its merge.
	lock queue.Locker
}

func runWorker(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "worker", "[flags]",
		`Pulls jobs that "sitrep submit" queued on NATS JetStream, analyses them in
batches and stores them in the shared store (see docs/SCALE.md). Workers are
stateless: run as many as there are cores to spare, on any machine that
reaches the NATS server and the database (postgres://… for several machines).
A batch's jobs are acknowledged only once the batch is committed, so a worker
that dies leaves them to be delivered again; ingest is idempotent, so nothing
is stored twice. SIGTERM or Ctrl-C finishes the batch in hand, acknowledges it
and exits.`)
	o := workerOptions{}
	fs.StringVar(&o.nats, "nats", natsURL(env), "NATS server `URL` (default $NATS_URL or "+nats.DefaultURL+")")
	fs.StringVar(&o.subject, "subject", queue.DefaultSubject, "subject jobs are published on (used when the stream must be created)")
	fs.StringVar(&o.stream, "stream", queue.DefaultStream, "JetStream stream holding the jobs")
	fs.StringVar(&o.db, "db", "", "store: postgres://… shared by every worker, or a file path or sqlite://PATH on one machine (default $SITREP_DB or "+app.DefaultDBPath(env.Getenv)+")")
	fs.IntVar(&o.batch, "batch", app.DefaultBatchSize, "jobs pulled, analysed and committed at once")
	fs.IntVar(&o.workers, "workers", 0, "documents analysed in parallel in this process (default: number of CPUs)")
	fs.DurationVar(&o.idleExit, "idle-exit", 0, "exit once no job has come for this long (0: run until stopped)")
	fs.DurationVar(&o.ackWait, "ack-wait", queue.DefaultAckWait, "time a pulled job may stay unacknowledged before it is delivered again (the worker extends it while a batch runs)")
	fs.IntVar(&o.maxDeliver, "max-deliver", queue.DefaultMaxDeliver, "deliveries of a job before it is given up on")
	fs.DurationVar(&o.mergeEvery, "merge-every", DefaultMergeEvery, "merge stored events with each other at most this often while jobs keep coming (0: after every batch); an idle worker merges at once")
	fs.StringVar(&o.places, "places", "", "supplement `file` of extra places and name variants (see docs/GAZETTEER.md)")
	fs.StringVar(&o.actors, "actors", "", "supplement `file` of extra actors and aliases, in the format of the embedded dictionary (see docs/EVENTS.md)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "sitrep worker: takes no inputs (jobs come from the queue; see sitrep submit)")
		return errUsage
	}
	if o.batch <= 0 {
		fmt.Fprintln(env.Stderr, "sitrep worker: --batch must be positive")
		return errUsage
	}
	// The signal that cancels ctx asks for a graceful stop; the batch in
	// hand still runs to its commit and ack, so it gets a context that
	// the signal does not cancel.
	return work(context.WithoutCancel(ctx), ctx.Done(), env, o)
}

// work runs one worker until stop is closed, it has been idle for
// o.idleExit, or ctx is done (a hard stop: the batch in hand is abandoned
// unacknowledged).
func work(ctx context.Context, stop <-chan struct{}, env *Env, o workerOptions) error {
	log := slog.New(slog.NewTextHandler(env.Stderr, nil))
	q, err := queue.Open(ctx, queue.Config{
		URL: o.nats, Stream: o.stream, Subject: o.subject,
		AckWait: o.ackWait, MaxDeliver: o.maxDeliver, Log: log,
	})
	if err != nil {
		return err
	}
	defer q.Close()
	a, err := app.Open(ctx, app.Config{DB: o.db, BatchSize: o.batch, Workers: o.workers, Places: o.places, Actors: o.actors, Log: log}, env.Getenv)
	if err != nil {
		return err
	}
	defer a.Close()

	var lock queue.Locker = q
	if o.lock != nil {
		lock = o.lock
	}
	// Batches are handled one at a time (queue.Work), so the merge state
	// needs no lock of its own.
	var total app.Stats
	var merges int
	unmerged := true // a worker that died may have left events unmerged
	lastMerge := time.Now()
	merge := func(ctx context.Context) error {
		if err := a.MergePending(ctx, lock); err != nil {
			return err
		}
		merges++
		unmerged, lastMerge = false, time.Now()
		return nil
	}
	var h queue.Handler = func(ctx context.Context, jobs []queue.Job) error {
		st, err := a.StoreJobs(ctx, jobs, app.Output{
			Document: func(r app.Result) error {
				for _, e := range r.Doc.Errors {
					log.Warn("stage error", "doc", r.Doc.ID, "origin", r.Doc.Origin, "err", e)
				}
				return nil
			},
		})
		if err != nil {
			return err
		}
		total.Documents += st.Documents
		total.New += st.New
		total.Existing += st.Existing
		total.Duplicates += st.Duplicates
		total.Events += st.Events
		total.StageErrors += st.StageErrors
		unmerged = true
		// The batch is committed: a merge failing now must not hand it
		// back, so its error is logged and the merge left to the next
		// occasion (a later batch, the idle queue, the exit).
		if time.Since(lastMerge) >= o.mergeEvery {
			if err := merge(ctx); err != nil {
				if ctx.Err() != nil {
					return err
				}
				log.Warn("merge failed; retrying later", "err", err)
			}
		}
		return nil
	}
	if o.wrap != nil {
		h = o.wrap(h)
	}
	idle := func(ctx context.Context) error {
		if !unmerged {
			return nil
		}
		// The next empty pull, a second later, tries again; only a
		// stop ends the worker.
		if err := merge(ctx); err != nil {
			if ctx.Err() != nil {
				return err
			}
			log.Warn("merge failed; retrying when next idle", "err", err)
		}
		return nil
	}
	ws, err := queue.Work(ctx, q, queue.WorkConfig{Batch: o.batch, IdleExit: o.idleExit, Stop: stop, Log: log, Idle: idle}, h)
	if err == nil && unmerged {
		// A graceful stop or an idle exit leaves nothing unmerged behind.
		err = merge(ctx)
	}
	fmt.Fprintf(env.Stderr, "sitrep worker: %d batches, %d documents (%d new, %d already stored, %d duplicates), %d single-document events, %d merges, %d jobs acked, %d handed back, %d given up\n",
		ws.Batches, total.Documents, total.New, total.Existing, total.Duplicates, total.Events, merges, ws.Acked, ws.Retried, ws.Terminated)
	return err
}

// DefaultMergeEvery is how often a busy worker merges. Merging costs about
// the same for one batch as for several, so a busy worker merges every few
// batches; any worker's merge takes in every worker's stored events, and
// the last one to go idle leaves the store fully merged.
const DefaultMergeEvery = 5 * time.Second
