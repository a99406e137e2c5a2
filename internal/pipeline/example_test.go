package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/pipeline"
)

func ExampleChain_Run() {
	title := pipeline.Func{StageName: "title", Fn: func(ctx context.Context, d *doc.Document) error {
		d.Title, _, _ = strings.Cut(d.Text, "\n")
		return nil
	}}
	strict := pipeline.Func{StageName: "strict", Fn: func(ctx context.Context, d *doc.Document) error {
		return errors.New("no date found")
	}}
	d := &doc.Document{ID: "a", Text: "Clashes in Marib\nFighting resumed on Sunday."}
	_ = pipeline.New(nil, title, strict).Run(context.Background(), d)
	fmt.Println(d.Title)
	fmt.Println(d.Errors[0])
	// Output:
	// Clashes in Marib
	// strict: no date found
}
