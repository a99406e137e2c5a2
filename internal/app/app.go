package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/sitrep-dev/sitrep/internal/actor"
	"github.com/sitrep-dev/sitrep/internal/dedup"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/ingest"
	"github.com/sitrep-dev/sitrep/internal/pipeline"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/postgres"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
)

// App is a configured sitrep: the analysis chains and the store.
type App struct {
	cfg   Config
	store store.Store
	// prepare turns raw input into cleaned, segmented, fingerprinted text;
	// it runs on every document. extract finds places, dates, figures,
	// actors and events; it runs only on documents that are not copies.
	prepare *pipeline.Chain
	extract *pipeline.Chain
	records func(*doc.Document) []record.Event
	actors  *actor.Stage
}

// Open builds the chains and opens the store named by cfg.DB.
func Open(ctx context.Context, cfg Config, getenv func(string) string) (*App, error) {
	cfg = cfg.withDefaults(getenv)
	// The store first: it creates the database file the gazetteer's
	// imported rows are read from.
	st, err := OpenStore(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	chains, err := NewChains(ctx, cfg)
	if err != nil {
		st.Close()
		return nil, err
	}
	return &App{cfg: cfg, store: st, prepare: chains.Prepare, extract: chains.Extract, records: chains.Records, actors: chains.Actors}, nil
}

// OpenStore opens the store a DSN names: a file path or sqlite://PATH for
// SQLite, postgres://… or postgresql://… for PostgreSQL.
func OpenStore(ctx context.Context, dsn string) (store.Store, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		// The DSN may hold a password, so the error names the database
		// the way postgres.Open does, not by the DSN.
		st, err := postgres.Open(ctx, dsn)
		if err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
		return st, nil
	case strings.HasPrefix(dsn, "sqlite://"):
		dsn = strings.TrimPrefix(dsn, "sqlite://")
	}
	st, err := sqlite.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", dsn, err)
	}
	return st, nil
}

// Store is the app's store.
func (a *App) Store() store.Store { return a.store }

// Close closes the store.
func (a *App) Close() error { return a.store.Close() }

// Result is the outcome of one input document, emitted after its batch is
// committed.
type Result struct {
	Doc *doc.Document
	// Status is "new" (stored by this run), "existing" (the same content
	// was already stored: nothing added) or "duplicate" (stored, linked to
	// the original it copies, not extracted).
	Status string
	Events []record.Event
}

// Stats counts what a run did.
type Stats struct {
	Documents, New, Existing, Duplicates, Events int
	Bytes                                        int64
	InputErrors, StageErrors                     int
}

// Output receives what Analyze produces.
type Output struct {
	// Document is called for each input document after its batch is
	// committed, in input order.
	Document func(Result) error
	// Event is called, after every batch is committed and merged, for each
	// event that this run's documents report.
	Event func(record.Event) error
	// Report is called for each bad input.
	Report func(error)
}

// Analyze reads inputs (paths, directories, "-" for stdin), analyses every
// document and stores them in batches, then merges the new single-document
// events with the stored events they report on. Bad inputs go to
// out.Report and are counted; they never stop the run. The error is non-nil
// only for infrastructure failures (the store, the output, a cancelled
// ctx).
func (a *App) Analyze(ctx context.Context, inputs []string, stdin io.Reader, out Output) (Stats, error) {
	opts := ingest.Options{MaxBytes: a.cfg.MaxBytes, Published: a.cfg.Published}
	return a.AnalyzeFrom(ctx, func(ctx context.Context, emit func(*doc.Document) error, report func(error)) error {
		return ingest.Walk(ctx, inputs, stdin, opts, emit, report)
	}, out)
}

// Source produces documents for a run: it calls emit for each document,
// in order, and report for each bad input, and returns when it is done,
// when ctx is done or when emit fails. ingest.Walk over files is one; a
// work queue consumer is another.
type Source func(ctx context.Context, emit func(*doc.Document) error, report func(error)) error

// AnalyzeFrom is Analyze over any source of documents whose Raw text is
// set, as the readers in internal/ingest leave them.
func (a *App) AnalyzeFrom(ctx context.Context, src Source, out Output) (Stats, error) {
	return a.analyzeFrom(ctx, src, out, true)
}

// analyzeFrom is AnalyzeFrom; without merge it stops once every batch is
// committed, leaving the new events for a later MergePending (out.Event
// is then not called, and Stats.Events counts single-document events).
func (a *App) analyzeFrom(ctx context.Context, src Source, out Output, merge bool) (Stats, error) {
	emit, report := out.Document, out.Report
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	var stats Stats
	var statsMu sync.Mutex
	reportInput := func(err error) {
		statsMu.Lock()
		stats.InputErrors++
		statsMu.Unlock()
		report(err)
	}

	type job struct {
		seq int
		d   *doc.Document
	}
	workers := a.cfg.Workers
	// inflight bounds the documents between reading and committing, so
	// memory depends on the batch size, never on the corpus size.
	inflight := make(chan struct{}, 2*a.cfg.BatchSize+workers)
	jobs := make(chan job, workers)
	done := make(chan job, workers)

	var readErr error
	go func() {
		defer close(jobs)
		seq := 0
		readErr = src(ctx, func(d *doc.Document) error {
			select {
			case inflight <- struct{}{}:
			case <-ctx.Done():
				return context.Cause(ctx)
			}
			select {
			case jobs <- job{seq, d}:
				seq++
				return nil
			case <-ctx.Done():
				return context.Cause(ctx)
			}
		}, reportInput)
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				a.analyseOne(ctx, j.d)
				done <- j
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	b := &batcher{app: a, emit: emit, stats: &stats, statsMu: &statsMu}
	pending := make(map[int]*doc.Document)
	next := 0
	var runErr error
	for j := range done {
		if runErr != nil {
			<-inflight
			continue // drain so the workers can finish
		}
		pending[j.seq] = j.d
		for {
			d, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if err := b.add(ctx, d, func() { <-inflight }); err != nil {
				runErr = err
				cancel(err)
				break
			}
		}
	}
	if runErr == nil {
		runErr = b.flush(ctx)
	}
	if runErr == nil && readErr != nil && !errors.Is(readErr, context.Canceled) {
		runErr = readErr
	}
	if runErr == nil {
		runErr = ctx.Err()
	}
	switch {
	case runErr != nil:
	case merge:
		stats.Events, runErr = a.mergeRun(ctx, b.run, out.Event)
	default:
		stats.Events = len(b.run.units)
	}
	return stats, runErr
}

// analyseOne prepares a document and, unless the store already holds its
// content, extracts from it. Stage failures are recorded on the document.
func (a *App) analyseOne(ctx context.Context, d *doc.Document) {
	_ = a.prepare.Run(ctx, d)
	if d.Hash != "" {
		if _, found, err := a.store.LookupHash(ctx, d.Hash); err == nil && found {
			return // the batcher reports it as existing; no need to extract
		}
	}
	_ = a.extract.Run(ctx, d)
}

// batcher decides duplicates in input order and commits batches.
type batcher struct {
	app     *App
	emit    func(Result) error
	stats   *Stats
	statsMu *sync.Mutex

	batch    []Result
	releases []func()
	// batchHashes finds exact copies inside the uncommitted batch; copies
	// of earlier batches are found in the store.
	batchHashes map[string]string
	batchFP     *dedup.Index
	run         runUnits
}

// nearDistance is the SimHash distance at or below which two documents
// are the same story (see internal/dedup for how it was measured).
const nearDistance = dedup.DefaultThreshold

func (b *batcher) add(ctx context.Context, d *doc.Document, release func()) error {
	if b.batchHashes == nil {
		b.run.docs = make(map[string]bool)
		b.batchHashes = make(map[string]string)
		b.batchFP = dedup.NewIndex(nearDistance)
	}
	st := b.app.store
	res := Result{Doc: d, Status: "new"}
	switch id, found, err := st.LookupHash(ctx, d.Hash); {
	case err != nil:
		return fmt.Errorf("look up %s: %w", d.ID, err)
	case found:
		res.Status = "existing"
		d.ID = id
	}
	if res.Status == "new" {
		if orig, ok := b.batchHashes[d.Hash]; ok {
			markDuplicate(d, orig, 1)
		} else if id, dist, ok := b.batchFP.Find(d.Fingerprint); ok {
			markDuplicate(d, id, 1-float64(dist)/64)
		} else if id, dist, found, err := st.NearDuplicateOf(ctx, d, nearDistance); err != nil {
			return fmt.Errorf("look up near duplicates of %s: %w", d.ID, err)
		} else if found {
			markDuplicate(d, id, 1-float64(dist)/64)
		}
		if d.DuplicateOf != "" {
			res.Status = "duplicate"
		} else {
			b.batchHashes[d.Hash] = d.ID
			b.batchFP.Add(d.ID, d.Fingerprint)
			res.Events = unitRecords(d, b.app.records(d))
		}
	}
	b.batch = append(b.batch, res)
	b.releases = append(b.releases, release)
	if len(b.batch) >= b.app.cfg.BatchSize {
		return b.flush(ctx)
	}
	return nil
}

func markDuplicate(d *doc.Document, original string, score float64) {
	d.DuplicateOf = original
	d.DuplicateScore = score
	d.Events = nil
}

func (b *batcher) flush(ctx context.Context) error {
	defer func() {
		for _, r := range b.releases {
			r()
		}
		b.batch, b.releases = b.batch[:0], b.releases[:0]
		clear(b.batchHashes)
		b.batchFP = dedup.NewIndex(nearDistance)
	}()
	var docs []*doc.Document
	var events []record.Event
	for _, r := range b.batch {
		if r.Status == "existing" {
			continue
		}
		docs = append(docs, r.Doc)
		events = append(events, r.Events...)
	}
	if len(docs) > 0 {
		if _, err := b.app.store.SaveBatch(ctx, docs, events); err != nil {
			return fmt.Errorf("save batch: %w", err)
		}
		// SaveBatch has set each document's final id; the merge after the
		// run looks for events reported by these documents.
		for _, d := range docs {
			b.run.docs[d.ID] = true
		}
		for _, ev := range events {
			b.run.addDates(ev)
		}
	}
	for _, r := range b.batch {
		b.statsMu.Lock()
		s := b.stats
		s.Documents++
		s.Bytes += int64(len(r.Doc.Raw))
		s.StageErrors += len(r.Doc.Errors)
		switch r.Status {
		case "new":
			s.New++
		case "existing":
			s.Existing++
		case "duplicate":
			s.Duplicates++
		}
		b.statsMu.Unlock()
		if err := b.emit(r); err != nil {
			return err
		}
	}
	return nil
}
