package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/sitrep-dev/sitrep/internal/app"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/place"
	"github.com/sitrep-dev/sitrep/internal/segment"
)

type geoparseInput struct {
	ID   json.RawMessage `json:"id"`
	Text *string         `json:"text"`
}

type geoparseOut struct {
	ID       json.RawMessage `json:"id"`
	Toponyms []toponymOut    `json:"toponyms"`
}

type toponymOut struct {
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Name      string   `json:"name"`
	Kind      string   `json:"kind"`
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
	GeonameID *int64   `json:"geonameid"`
	Country   *string  `json:"country"`
}

func runGeoparse(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "geoparse", "[flags] < IN.jsonl > OUT.jsonl",
		`Reads JSON Lines {"id","text"} on stdin and writes one line
{"id","toponyms":[{"start","end","name","kind","lat","lon","geonameid",
"country"}]} per input line: the places named in the text, resolved with
the embedded gazetteer (plus rows imported with 'sitrep gazetteer import'
and --places). Offsets are Unicode code points of the input text; kind is
"place" or "demonym". A bad line is reported on stderr and skipped.`)
	db := fs.String("db", "", "database with imported GeoNames rows (default: none)")
	places := fs.String("places", "", "supplement file of extra places and variants (format of data/supplement.tsv)")
	noDem := fs.Bool("no-demonyms", false, "do not report demonyms (Syrian, Russian)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "sitrep geoparse: reads stdin only; no arguments expected")
		return errUsage
	}
	g, err := app.LoadGazetteer(ctx, *db, *places)
	if err != nil {
		return err
	}
	seg := segment.New()
	gp := place.New(g, place.Options{NoDemonyms: *noDem})
	return mapJSONLines(ctx, env, "geoparse", func(raw string) (any, error) {
		return geoparseLine(ctx, seg, gp, raw)
	})
}

// geoparseLine geoparses one input line. The text is not cleaned, so
// offsets stay those of the input.
func geoparseLine(ctx context.Context, seg *segment.Segmenter, gp *place.Geoparser, raw string) (geoparseOut, error) {
	var in geoparseInput
	if err := json.Unmarshal([]byte(raw), &in); err != nil {
		return geoparseOut{}, fmt.Errorf("decode record: %w", err)
	}
	if in.Text == nil {
		return geoparseOut{}, fmt.Errorf("decode record: no \"text\" field")
	}
	if len(in.ID) == 0 {
		in.ID = json.RawMessage("null")
	}
	d := &doc.Document{Text: *in.Text}
	if err := seg.Process(ctx, d); err != nil {
		return geoparseOut{}, fmt.Errorf("segment: %w", err)
	}
	if err := gp.Process(ctx, d); err != nil {
		return geoparseOut{}, fmt.Errorf("geoparse: %w", err)
	}
	out := geoparseOut{ID: in.ID, Toponyms: []toponymOut{}}
	pos, runes := 0, 0
	toRune := func(b int) int {
		if b < pos {
			pos, runes = 0, 0
		}
		runes += utf8.RuneCountInString(d.Text[pos:b])
		pos = b
		return runes
	}
	for _, p := range d.Places {
		if p.Relation != "" {
			continue // a derived location, not a toponym of its own
		}
		t := toponymOut{Start: toRune(p.Start), End: toRune(p.End), Name: p.Name, Kind: p.Kind}
		if p.Resolved {
			lat, lon := p.Lat, p.Lon
			t.Lat, t.Lon = &lat, &lon
			if p.GeonameID != 0 {
				id := p.GeonameID
				t.GeonameID = &id
			}
			if p.Country != "" {
				c := p.Country
				t.Country = &c
			}
		}
		out.Toponyms = append(out.Toponyms, t)
	}
	return out, nil
}
