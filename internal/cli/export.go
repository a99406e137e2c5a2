package cli

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/api"
	"github.com/sitrep-dev/sitrep/internal/app"
	"github.com/sitrep-dev/sitrep/internal/export"
	"github.com/sitrep-dev/sitrep/internal/record"
)

func runExport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "export", "--format FORMAT [filters]",
		`Writes stored events to stdout for GIS and data tools: acled-csv (ACLED's
column names where one exists, then sitrep's: date_end, disputes,
report_count, modality, fatalities_min, fatalities_max, geonameid), geojson
(a FeatureCollection of points with flat properties), jsonl (event records)
or parquet (the acled-csv columns, typed, zstd-compressed; redirect it to a
file). The filters are those of GET /api/events.`)
	db := fs.String("db", "", "store: a file path or sqlite://PATH (default $SITREP_DB or "+app.DefaultDBPath(env.Getenv)+")")
	format := fs.String("format", "", "output format: "+strings.Join(export.Formats(), ", "))
	filters := map[string]*string{}
	for _, f := range []struct{ flag, param, usage string }{
		{"from", "from", "only events on or after `YYYY-MM-DD`"},
		{"to", "to", "only events on or before `YYYY-MM-DD`"},
		{"bbox", "bbox", "only events inside `minLon,minLat,maxLon,maxLat`"},
		{"type", "type", "only this event type (e.g. Battles)"},
		{"sub-type", "sub_type", "only this sub-event type"},
		{"actor", "actor", "only events with this actor (exact name)"},
		{"place", "place", "only events at this place (a name in any spelling the gazetteer knows, or a GeoNames id)"},
		{"modality", "modality", "only events with this modality"},
		{"q", "q", "only events with a report sentence containing these words"},
		{"doc", "doc", "only events reported by this document id"},
	} {
		filters[f.param] = fs.String(f.flag, "", f.usage)
	}
	disputed := fs.Bool("disputed", false, "only events whose reports disagree")
	limit := fs.Int("limit", 0, "at most this many events (0: all)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := oneOf(env, "format", *format, export.Formats()...); err != nil {
		return err
	}
	v := url.Values{}
	for k, p := range filters {
		if *p != "" {
			v.Set(k, *p)
		}
	}
	v.Set("disputed", strconv.FormatBool(*disputed))
	q, err := api.ParseQuery(v)
	if err != nil {
		fmt.Fprintf(env.Stderr, "sitrep export: %v\n", err)
		return errUsage
	}
	q.Limit = *limit
	st, err := app.OpenStore(ctx, dbPath(env, *db))
	if err != nil {
		return err
	}
	defer st.Close()
	if q.Place, err = placeFilter(ctx, env, "export", st, dbPath(env, *db), q.Place); err != nil {
		return err
	}
	sources := map[string]string{}
	w, err := export.New(*format, env.Stdout, export.Options{Source: func(id string) string {
		if s, ok := sources[id]; ok {
			return s
		}
		s := ""
		if d, err := st.Document(ctx, id); err == nil && d.Source != nil {
			s = *d.Source
		}
		sources[id] = s
		return s
	}})
	if err != nil {
		return err
	}
	if err := st.Events(ctx, q, func(ev record.Event) error { return w.Write(ev) }); err != nil {
		return fmt.Errorf("export events: %w", err)
	}
	return w.Close()
}
