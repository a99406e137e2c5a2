package pipeline

import (
	"context"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Timings accumulates the time and bytes each stage has processed. It is
// filled by stages wrapped with Timed; it is safe for concurrent use.
type Timings struct {
	mu     sync.Mutex
	order  []string
	totals map[string]*StageTiming
}

// StageTiming is one stage's totals.
type StageTiming struct {
	Name      string
	Documents int
	Bytes     int64
	Elapsed   time.Duration
	Errors    int
}

// MBPerSecond is the stage's throughput over the text it processed.
func (s StageTiming) MBPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Bytes) / 1e6 / s.Elapsed.Seconds()
}

// Timed wraps a stage so every call is measured into t. Observability is
// added around stages, not inside them, so no stage carries metrics code.
func Timed(s Stage, t *Timings) Stage { return timedStage{s, t} }

type timedStage struct {
	Stage
	t *Timings
}

func (ts timedStage) Process(ctx context.Context, d *doc.Document) error {
	start := time.Now()
	err := ts.Stage.Process(ctx, d)
	n := int64(len(d.Text))
	if n == 0 {
		n = int64(len(d.Raw))
	}
	ts.t.add(ts.Name(), n, time.Since(start), err != nil)
	return err
}

func (t *Timings) add(name string, n int64, d time.Duration, failed bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.totals == nil {
		t.totals = make(map[string]*StageTiming)
	}
	st, ok := t.totals[name]
	if !ok {
		st = &StageTiming{Name: name}
		t.totals[name] = st
		t.order = append(t.order, name)
	}
	st.Documents++
	st.Bytes += n
	st.Elapsed += d
	if failed {
		st.Errors++
	}
}

// Stages returns the totals in the order the stages first ran.
func (t *Timings) Stages() []StageTiming {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]StageTiming, 0, len(t.order))
	for _, n := range t.order {
		out = append(out, *t.totals[n])
	}
	return out
}

// Timed returns a copy of the chain with every stage wrapped by Timed.
func (c *Chain) Timed(t *Timings) *Chain {
	stages := make([]Stage, len(c.stages))
	for i, s := range c.stages {
		stages[i] = Timed(s, t)
	}
	return &Chain{stages: stages, log: c.log}
}
