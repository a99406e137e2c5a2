package app

import (
	"context"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/pipeline"
)

// BenchResult is the outcome of a whole-pipeline benchmark run.
type BenchResult struct {
	Documents int
	Bytes     int64
	Events    int
	Workers   int
	Elapsed   time.Duration
	Stages    []pipeline.StageTiming
}

// DocsPerSecond is the pipeline's article throughput.
func (r BenchResult) DocsPerSecond() float64 { return float64(r.Documents) / r.Elapsed.Seconds() }

// MBPerSecond is the pipeline's text throughput over the raw input.
func (r BenchResult) MBPerSecond() float64 { return float64(r.Bytes) / 1e6 / r.Elapsed.Seconds() }

// Bench runs the prepare and extract chains over docs with the given number
// of workers, timing every stage. It measures analysis only: no store, no
// duplicate decisions, so figures compare across corpora.
func Bench(ctx context.Context, cfg Config, docs []*doc.Document, workers int) (BenchResult, error) {
	// No defaults: an empty DB means no imported gazetteer rows, so the
	// figures do not depend on a store in the working directory.
	chains, err := NewChains(ctx, cfg)
	if err != nil {
		return BenchResult{}, err
	}
	var tm pipeline.Timings
	prepare, extract := chains.Prepare.Timed(&tm), chains.Extract.Timed(&tm)
	if workers <= 0 {
		workers = 1
	}
	res := BenchResult{Documents: len(docs), Workers: workers}
	for _, d := range docs {
		res.Bytes += int64(len(d.Raw))
	}
	next := make(chan *doc.Document)
	var wg sync.WaitGroup
	var mu sync.Mutex
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				_ = prepare.Run(ctx, d)
				_ = extract.Run(ctx, d)
				mu.Lock()
				res.Events += len(d.Events)
				mu.Unlock()
			}
		}()
	}
	for _, d := range docs {
		select {
		case next <- d:
		case <-ctx.Done():
		}
	}
	close(next)
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Stages = tm.Stages()
	return res, ctx.Err()
}
