package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestTimexCommand(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","dct":"2019-08-20","text":"Forces entered the town on Monday evening."}`,
		`{"id":"b","dct":null,"text":"Rebels held Kafr Nabl — since 2014."}`,
		`not json`,
		`{"id":"c","dct":"2019-13-45","text":"On Tuesday."}`,
		`{"id":7,"dct":"2013-03-22","text":"Now it ends."}`,
	}, "\n") + "\n"
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(in), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	if code := Run(context.Background(), []string{"timex"}, env); code != ExitInputErrors {
		t.Errorf("exit %d, want %d (bad lines)", code, ExitInputErrors)
	}
	for _, want := range []string{"line 3", "line 4"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr %q does not name %s", errb.String(), want)
		}
	}
	type record struct {
		ID      json.RawMessage `json:"id"`
		Timexes []struct {
			Start, End        int
			Text, Type, Value string
		} `json:"timexes"`
	}
	var recs []record
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var rec record
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("output line %q: %v", line, err)
		}
		recs = append(recs, rec)
	}
	if len(recs) != 3 {
		t.Fatalf("got %d records, want 3 (the good lines)", len(recs))
	}
	if x := recs[0].Timexes; len(x) != 1 || x[0].Value != "2019-08-19TEV" || x[0].Type != "TIME" || x[0].Start != 27 || x[0].End != 41 {
		t.Errorf("record a: got %+v, want Monday evening at 27-41 as 2019-08-19TEV", x)
	}
	// Offsets count code points: the em dash before "since" is one.
	text := []rune("Rebels held Kafr Nabl — since 2014.")
	if x := recs[1].Timexes; len(x) != 1 || string(text[x[0].Start:x[0].End]) != "2014" || x[0].Text != "2014" {
		t.Errorf("record b: got %+v, want 2014 at code point offsets", x)
	}
	if string(recs[2].ID) != "7" || len(recs[2].Timexes) != 1 || recs[2].Timexes[0].Value != "PRESENT_REF" {
		t.Errorf("record 7: got %s %+v, want the numeric id kept and Now as PRESENT_REF", recs[2].ID, recs[2].Timexes)
	}
}
