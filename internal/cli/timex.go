package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/timex"
)

// timexInput is one line of `sitrep timex` input.
type timexInput struct {
	ID   json.RawMessage `json:"id"`
	DCT  *string         `json:"dct"`
	Text *string         `json:"text"`
}

type timexOut struct {
	ID      json.RawMessage `json:"id"`
	Timexes []timexItem     `json:"timexes"`
}

type timexItem struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

func runTimex(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "timex", "[flags] < IN.jsonl > OUT.jsonl",
		`Reads JSON Lines {"id","dct","text"} on stdin (dct: the document creation
date, YYYY-MM-DD, may be null) and writes one line {"id","timexes":[{"start",
"end","text","type","value"}]} per input line: the temporal expressions of
the text with TIMEX3 types and values resolved against dct. Offsets are
Unicode code points. A bad line is reported on stderr and skipped.`)
	dayFirst := fs.Bool("day-first", false, "read slashed dates as day/month/year")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "sitrep timex: reads stdin only; no arguments expected")
		return errUsage
	}
	tagger := timex.New(timex.Options{DayFirst: *dayFirst})
	return mapJSONLines(ctx, env, "timex", func(raw string) (any, error) {
		return timexLine(tagger, raw)
	})
}

// timexLine tags one input line.
func timexLine(tagger *timex.Tagger, raw string) (timexOut, error) {
	var in timexInput
	if err := json.Unmarshal([]byte(raw), &in); err != nil {
		return timexOut{}, fmt.Errorf("decode record: %w", err)
	}
	if in.Text == nil {
		return timexOut{}, fmt.Errorf("decode record: no \"text\" field")
	}
	if len(in.ID) == 0 {
		in.ID = json.RawMessage("null")
	}
	var dct *time.Time
	if in.DCT != nil && *in.DCT != "" {
		s := *in.DCT
		if len(s) > 10 {
			s = s[:10] // a full timestamp: the day is what counts
		}
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return timexOut{}, fmt.Errorf("parse dct %q: %w", *in.DCT, err)
		}
		dct = &t
	}
	text := *in.Text
	out := timexOut{ID: in.ID, Timexes: []timexItem{}}
	// Byte offsets to code points, in one forward walk: timexes are sorted.
	pos, runes := 0, 0
	toRune := func(b int) int {
		if b < pos {
			pos, runes = 0, 0
		}
		runes += utf8.RuneCountInString(text[pos:b])
		pos = b
		return runes
	}
	for _, t := range tagger.Tag(text, dct) {
		out.Timexes = append(out.Timexes, timexItem{
			Start: toRune(t.Span.Start), End: toRune(t.Span.End),
			Text: text[t.Span.Start:t.Span.End], Type: t.Type, Value: t.Value,
		})
	}
	return out, nil
}
