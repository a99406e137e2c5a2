package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/sitrep-dev/sitrep/internal/api"
	"github.com/sitrep-dev/sitrep/internal/app"
	"github.com/sitrep-dev/sitrep/internal/report"
)

func runReport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "report", "[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--place P | --bbox B] [--format md|html]",
		`Writes a situation report over the stored events of a period and an area:
counts by type and place, the main events with their sources, casualty
figures with their ranges, disputes and control changes. Every number links
to the report sentences it rests on (Markdown footnotes; in HTML, links to
notes and a list of the sentences with their document ids).`)
	db := fs.String("db", "", "store: a file path or sqlite://PATH (default $SITREP_DB or "+app.DefaultDBPath(env.Getenv)+")")
	from := fs.String("from", "", "first day of the period, `YYYY-MM-DD`")
	to := fs.String("to", "", "last day of the period, `YYYY-MM-DD`")
	place := fs.String("place", "", "only events at this place (a name in any spelling the gazetteer knows, or a GeoNames id)")
	bbox := fs.String("bbox", "", "only events inside `minLon,minLat,maxLon,maxLat`")
	format := fs.String("format", "md", "output format: md or html")
	title := fs.String("title", "", "title (default: from the period and area)")
	top := fs.Int("top", report.DefaultMainEvents, "how many main events to list")
	out := fs.String("o", "", "write to this `file` instead of stdout")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := oneOf(env, "format", *format, "html", "md"); err != nil {
		return err
	}
	opts := report.Options{Title: *title, MainEvents: *top}
	for _, d := range []struct {
		name, v string
		t       *time.Time
	}{{"from", *from, &opts.From}, {"to", *to, &opts.To}} {
		if d.v == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.v)
		if err != nil {
			fmt.Fprintf(env.Stderr, "sitrep report: --%s %q is not a date YYYY-MM-DD\n", d.name, d.v)
			return errUsage
		}
		*d.t = t
	}
	if *bbox != "" {
		b, err := api.ParseBBox(*bbox)
		if err != nil {
			fmt.Fprintf(env.Stderr, "sitrep report: %v\n", err)
			return errUsage
		}
		opts.BBox = b
	}
	st, err := app.OpenStore(ctx, dbPath(env, *db))
	if err != nil {
		return err
	}
	defer st.Close()
	if opts.Place, err = placeFilter(ctx, env, "report", st, dbPath(env, *db), *place); err != nil {
		return err
	}
	r, err := report.Build(ctx, st, opts)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(env.Stdout)
	var f *os.File
	if *out != "" {
		if f, err = os.Create(*out); err != nil {
			return fmt.Errorf("create report: %w", err)
		}
		defer f.Close()
		w = bufio.NewWriter(f)
	}
	if *format == "html" {
		err = r.HTML(w)
	} else {
		err = r.Markdown(w)
	}
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	return nil
}
