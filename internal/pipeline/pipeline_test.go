package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

func upper(ctx context.Context, d *doc.Document) error {
	d.Title = strings.ToUpper(d.Title)
	return nil
}

func TestChainRunsStagesInOrderAndRecordsFailures(t *testing.T) {
	var order []string
	stage := func(name string, err error) Stage {
		return Func{name, func(ctx context.Context, d *doc.Document) error {
			order = append(order, name)
			return err
		}}
	}
	boom := errors.New("boom")
	c := New(nil, stage("a", nil), stage("b", boom), stage("c", nil))
	d := &doc.Document{ID: "x"}
	if err := c.Run(context.Background(), d); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if got, want := strings.Join(order, ","), "a,b,c"; got != want {
		t.Errorf("stages ran %q, want %q: a failing stage must not stop the document", got, want)
	}
	if len(d.Errors) != 1 || d.Errors[0].Stage != "b" || !errors.Is(d.Errors[0], boom) {
		t.Errorf("errors = %v, want one from stage b wrapping boom", d.Errors)
	}
}

func TestChainRecoversPanicsAsStageErrors(t *testing.T) {
	c := New(nil, Func{"panicky", func(context.Context, *doc.Document) error { panic("bad input") }}, Func{"after", upper})
	d := &doc.Document{Title: "t"}
	if err := c.Run(context.Background(), d); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(d.Errors) != 1 || !strings.Contains(d.Errors[0].Error(), "panic: bad input") {
		t.Errorf("errors = %v, want the recovered panic", d.Errors)
	}
	if d.Title != "T" {
		t.Errorf("the stage after a panic did not run")
	}
}

func TestChainStopsWhenContextIsDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := New(nil, Func{"a", upper}).Run(ctx, &doc.Document{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run on a cancelled context = %v, want context.Canceled", err)
	}
}

func TestTimedCountsDocumentsAndBytes(t *testing.T) {
	var tm Timings
	c := New(nil, Func{"a", upper}).Timed(&tm)
	for range 3 {
		_ = c.Run(context.Background(), &doc.Document{Text: "12345"})
	}
	st := tm.Stages()
	if len(st) != 1 || st[0].Documents != 3 || st[0].Bytes != 15 {
		t.Errorf("timings = %+v, want 3 documents, 15 bytes", st)
	}
}
