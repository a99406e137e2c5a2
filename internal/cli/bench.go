package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sitrep-dev/sitrep/internal/app"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/ingest"
	"github.com/sitrep-dev/sitrep/internal/synth"
)

func runBench(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "bench", "[flags] [INPUT...]",
		`Measures the whole analysis pipeline (every stage after reading, no store):
articles/s, MB/s and the time and MB/s of each stage. Reads INPUTs like
analyze does, or generates --synthetic N articles (deterministic for --seed).`)
	synthetic := fs.Int("synthetic", 0, "generate this many synthetic articles instead of reading inputs")
	seed := fs.Uint64("seed", 1, "seed for --synthetic")
	workers := fs.Int("workers", 1, "documents analysed in parallel (1 measures per-core throughput)")
	asJSON := fs.Bool("json", false, "print the result as one JSON object")
	if err := parse(fs, args); err != nil {
		return err
	}
	var docs []*doc.Document
	if *synthetic > 0 {
		for _, a := range synth.Generate(*seed, *synthetic) {
			pub := a.Published
			docs = append(docs, &doc.Document{ID: a.ID, Title: a.Title, Source: a.Source, Published: &pub, Raw: a.Title + "\n\n" + a.Text, Format: "text"})
		}
	} else {
		if fs.NArg() == 0 {
			fmt.Fprintln(env.Stderr, "sitrep bench: give inputs or --synthetic N")
			return errUsage
		}
		readStart := time.Now()
		var bytes int64
		err := ingest.Walk(ctx, fs.Args(), env.Stdin, ingest.Options{}, func(d *doc.Document) error {
			docs = append(docs, d)
			bytes += int64(len(d.Raw))
			return nil
		}, func(err error) { fmt.Fprintln(env.Stderr, err) })
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "read %d documents (%.1f MB of text) in %v\n", len(docs), float64(bytes)/1e6, time.Since(readStart).Round(time.Millisecond))
	}
	res, err := app.Bench(ctx, app.Config{}, docs, *workers)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(res)
	}
	fmt.Fprintf(env.Stdout, "pipeline: %d articles, %.2f MB, %d events in %v with %d worker(s): %.1f articles/s, %.2f MB/s\n",
		res.Documents, float64(res.Bytes)/1e6, res.Events, res.Elapsed.Round(time.Millisecond), res.Workers, res.DocsPerSecond(), res.MBPerSecond())
	for _, s := range res.Stages {
		fmt.Fprintf(env.Stdout, "  %-10s %8v  %8.2f MB/s  %d errors\n", s.Name, s.Elapsed.Round(time.Millisecond), s.MBPerSecond(), s.Errors)
	}
	return nil
}
