package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/sitrep-dev/sitrep/internal/app"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

func runEvents(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "events", "[flags]", "Lists stored events by date, as a timeline (table) or as event records (jsonl).")
	db := fs.String("db", "", "store: a file path or sqlite://PATH (default $SITREP_DB or "+app.DefaultDBPath(env.Getenv)+")")
	format := fs.String("format", "table", "output format: table or jsonl")
	from := fs.String("from", "", "only events on or after `YYYY-MM-DD`")
	to := fs.String("to", "", "only events on or before `YYYY-MM-DD`")
	typ := fs.String("type", "", "only this event type (e.g. Battles)")
	sub := fs.String("sub-type", "", "only this sub-event type (e.g. \"Chemical weapon\")")
	limit := fs.Int("limit", 0, "at most this many events (0: all)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := oneOf(env, "format", *format, "jsonl", "table"); err != nil {
		return err
	}
	q := store.EventQuery{EventType: *typ, SubEventType: *sub, Limit: *limit}
	var err error
	if q.From, err = optionalDate(env, "from", *from); err != nil {
		return err
	}
	if q.To, err = optionalDate(env, "to", *to); err != nil {
		return err
	}
	st, err := app.OpenStore(ctx, dbPath(env, *db))
	if err != nil {
		return err
	}
	defer st.Close()
	out := newRecordWriter(env.Stdout, *format)
	if err := st.Events(ctx, q, func(e record.Event) error { return out.event(e) }); err != nil {
		return fmt.Errorf("list events: %w", err)
	}
	return out.flush()
}

func runDocs(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "docs", "[flags]", "Lists stored documents in ingest order.")
	db := fs.String("db", "", "store: a file path or sqlite://PATH (default $SITREP_DB or "+app.DefaultDBPath(env.Getenv)+")")
	format := fs.String("format", "table", "output format: table or jsonl")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := oneOf(env, "format", *format, "jsonl", "table"); err != nil {
		return err
	}
	st, err := app.OpenStore(ctx, dbPath(env, *db))
	if err != nil {
		return err
	}
	defer st.Close()
	out := newRecordWriter(env.Stdout, *format)
	if err := st.Documents(ctx, func(d record.Document) error { return out.document(d, "stored") }); err != nil {
		return fmt.Errorf("list documents: %w", err)
	}
	return out.flush()
}

func dbPath(env *Env, flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	return app.DefaultDBPath(env.Getenv)
}

func optionalDate(env *Env, name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		fmt.Fprintf(env.Stderr, "sitrep: --%s %q is not a date YYYY-MM-DD\n", name, v)
		return time.Time{}, errUsage
	}
	return t, nil
}
