package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/sitrep-dev/sitrep/internal/app"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/event"
	"github.com/sitrep-dev/sitrep/internal/pipeline"
	"github.com/sitrep-dev/sitrep/internal/place"
	"github.com/sitrep-dev/sitrep/internal/quantity"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/segment"
	"github.com/sitrep-dev/sitrep/internal/timex"
)

// extractInput is one line of `sitrep extract` input.
type extractInput struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	Published *string         `json:"published"`
	Source    *string         `json:"source"`
}

type extractOut struct {
	ID     json.RawMessage `json:"id"`
	Events []record.Event  `json:"events"`
}

func runExtract(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "extract", "[flags] < IN.jsonl > OUT.jsonl",
		`Reads JSON Lines {"id","text","published"?,"source"?} on stdin and writes
one line {"id","events":[...]} per input line, with events as in 'analyze'
(no merging across lines; the first event is the text's main event).
Offsets are Unicode code points of the input text, which is not cleaned.
A bad line is reported on stderr and skipped.`)
	db := fs.String("db", "", "database with imported GeoNames rows (default: none)")
	places := fs.String("places", "", "supplement file of extra places and variants")
	actors := fs.String("actors", "", "supplement `file` of extra actors and aliases, in the format of the embedded dictionary (see docs/EVENTS.md)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "sitrep extract: reads stdin only; no arguments expected")
		return errUsage
	}
	chain, err := extractChain(ctx, *db, *places, *actors)
	if err != nil {
		return err
	}
	return mapJSONLines(ctx, env, "extract", func(raw string) (any, error) {
		return extractLine(ctx, chain, raw)
	})
}

// extractChain is the analysis chain of extract: segment, place, timex,
// quantity, actor, event. No cleaning, so offsets are into the input.
func extractChain(ctx context.Context, db, places, actorsFile string) (*pipeline.Chain, error) {
	g, err := app.LoadGazetteer(ctx, db, places)
	if err != nil {
		return nil, err
	}
	q, err := quantity.New()
	if err != nil {
		return nil, err
	}
	a, err := app.LoadActors(actorsFile)
	if err != nil {
		return nil, err
	}
	e, err := event.New()
	if err != nil {
		return nil, err
	}
	return pipeline.New(nil,
		segment.New(),
		place.New(g, place.Options{}),
		timex.New(timex.Options{}),
		q, a, e,
	), nil
}

// extractLine analyses one input line.
func extractLine(ctx context.Context, chain *pipeline.Chain, raw string) (extractOut, error) {
	var in extractInput
	if err := json.Unmarshal([]byte(raw), &in); err != nil {
		return extractOut{}, fmt.Errorf("decode record: %w", err)
	}
	if in.Text == nil {
		return extractOut{}, fmt.Errorf("decode record: no \"text\" field")
	}
	if len(in.ID) == 0 {
		in.ID = json.RawMessage("null")
	}
	d := &doc.Document{ID: idString(in.ID), Format: "jsonl", Raw: *in.Text, Text: *in.Text}
	if in.Source != nil {
		d.Source = *in.Source
	}
	if in.Published != nil && *in.Published != "" {
		s := *in.Published
		if len(s) > 10 {
			s = s[:10]
		}
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return extractOut{}, fmt.Errorf("parse published %q: %w", *in.Published, err)
		}
		d.Published = &t
	}
	if err := chain.Run(ctx, d); err != nil {
		return extractOut{}, err
	}
	evs := event.Records(d)
	if evs == nil {
		evs = []record.Event{}
	}
	return extractOut{ID: in.ID, Events: evs}, nil
}

// idString renders a JSON id (string or number) as the document id.
func idString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}
