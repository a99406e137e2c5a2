package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/sitrep-dev/sitrep/internal/app"
	"github.com/sitrep-dev/sitrep/internal/record"
)

func runAnalyze(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "analyze", "[flags] INPUT...",
		`Reads news articles from files, directories (recursively) or "-" (stdin):
plain text, HTML pages, RSS/Atom/JSON feeds, JSON Lines from crawlers and WARC
archives, detected from their content. Stores documents and events, then
prints a "document" record for every input document and an "event" record for
every event (see docs/FORMATS.md). Ingest is idempotent: content already in
the store is reported as existing and not added again.`)
	db := fs.String("db", "", "store: a file path or sqlite://PATH (default $SITREP_DB or "+app.DefaultDBPath(env.Getenv)+")")
	format := fs.String("format", "table", "output format: table or jsonl")
	published := fs.String("published", "", "publication date `YYYY-MM-DD` for inputs whose metadata has none")
	maxBytes := fs.Int64("max-bytes", 0, "largest input file or record in bytes (default 64 MiB)")
	batch := fs.Int("batch", app.DefaultBatchSize, "documents committed per transaction")
	workers := fs.Int("workers", 0, "documents analysed in parallel (default: number of CPUs)")
	places := fs.String("places", "", "supplement `file` of extra places and name variants (see docs/GAZETTEER.md)")
	actors := fs.String("actors", "", "supplement `file` of extra actors and aliases, in the format of the embedded dictionary (see docs/EVENTS.md)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := oneOf(env, "format", *format, "jsonl", "table"); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(env.Stderr, `sitrep analyze: no inputs (give files, directories or "-" for stdin)`)
		return errUsage
	}
	cfg := app.Config{DB: *db, MaxBytes: *maxBytes, BatchSize: *batch, Workers: *workers, Places: *places, Actors: *actors}
	if *published != "" {
		t, err := time.Parse("2006-01-02", *published)
		if err != nil {
			fmt.Fprintf(env.Stderr, "sitrep analyze: --published %q is not a date YYYY-MM-DD\n", *published)
			return errUsage
		}
		cfg.Published = &t
	}

	a, err := app.Open(ctx, cfg, env.Getenv)
	if err != nil {
		return err
	}
	defer a.Close()

	out := newRecordWriter(env.Stdout, *format)
	progress := newProgress(env)
	stats, err := a.Analyze(ctx, fs.Args(), env.Stdin, app.Output{
		Document: func(r app.Result) error {
			progress.add(r)
			for _, e := range r.Doc.Errors {
				progress.clear()
				fmt.Fprintf(env.Stderr, "%s: %v\n", r.Doc.Origin, e)
			}
			dr := record.FromDocument(r.Doc)
			if r.Status == "existing" {
				// The content is stored already; say so rather than
				// count its events again as if they were new.
				dr.Events = 0
			}
			return out.document(dr, r.Status)
		},
		Event: out.event,
		Report: func(err error) {
			progress.clear()
			fmt.Fprintln(env.Stderr, err)
		},
	})
	progress.done()
	if ferr := out.flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "sitrep analyze: %d documents (%d new, %d already stored, %d duplicates), %d events, %d input errors, %d stage errors\n",
		stats.Documents, stats.New, stats.Existing, stats.Duplicates, stats.Events, stats.InputErrors, stats.StageErrors)
	if stats.InputErrors > 0 || stats.StageErrors > 0 {
		return errInputs
	}
	return nil
}
