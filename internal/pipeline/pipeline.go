// Package pipeline runs documents through a chain of stages.
//
// A Stage annotates one document in place. The contract:
//   - Process may add annotations, never remove or shift earlier ones: every
//     span stays a valid range of Document.Text.
//   - An error means this stage failed on this document. The runner records
//     it on the document (Document.Errors) and the document goes on to the
//     next stage; later stages must cope with missing annotations.
//   - A stage keeps no per-document state between calls, so one chain can
//     serve many goroutines.
//   - A panic inside a stage is recovered and recorded like an error: no
//     document can stop a batch.
package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Stage is one step of the analysis.
type Stage interface {
	// Name identifies the stage in errors, logs and metrics.
	Name() string
	// Process annotates d. See the package comment for the contract.
	Process(ctx context.Context, d *doc.Document) error
}

// Func adapts a function to a Stage.
type Func struct {
	StageName string
	Fn        func(ctx context.Context, d *doc.Document) error
}

func (f Func) Name() string { return f.StageName }

func (f Func) Process(ctx context.Context, d *doc.Document) error { return f.Fn(ctx, d) }

// Chain is an ordered list of stages.
type Chain struct {
	stages []Stage
	log    *slog.Logger
}

// New builds a chain from stages in order. A nil logger discards.
func New(log *slog.Logger, stages ...Stage) *Chain {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Chain{stages: stages, log: log}
}

// Stages returns the stages in order.
func (c *Chain) Stages() []Stage { return c.stages }

// Run passes d through every stage. It returns an error only when ctx is
// done; stage failures are recorded on the document.
func (c *Chain) Run(ctx context.Context, d *doc.Document) error {
	for _, s := range c.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		if err := runStage(ctx, s, d); err != nil {
			d.Fail(s.Name(), err)
			c.log.Debug("stage failed", "stage", s.Name(), "doc", d.ID, "err", err)
		}
		c.log.Debug("stage done", "stage", s.Name(), "doc", d.ID, "took", time.Since(start))
	}
	return nil
}

func runStage(ctx context.Context, s Stage, d *doc.Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	return s.Process(ctx, d)
}
