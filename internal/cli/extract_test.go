package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestExtractWritesOneLinePerInputWithTheMainEventFirst(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"one","text":"On 3 March 2021, gunmen attacked a village near Kandahar, killing at least 6 civilians, police said.","published":"2021-03-04"}`,
		`{"id":2,"text":"The weather was mild and the market was busy."}`,
		`not json`,
	}, "\n")
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(in), Stdout: &out, Stderr: &errb}
	if code := Run(context.Background(), []string{"extract"}, env); code != ExitInputErrors {
		t.Fatalf("got exit %d, want %d (one bad line); stderr: %s", code, ExitInputErrors, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d output lines, want 2:\n%s", len(lines), out.String())
	}
	var first struct {
		ID     string `json:"id"`
		Events []struct {
			SubEventType string `json:"sub_event_type"`
			Date         *string
			Location     *struct{ Name string }
			Fatalities   *struct{ Min, Max *int }
			Reports      []struct{ Start, End int }
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.ID != "one" || len(first.Events) == 0 {
		t.Fatalf("got %+v, want events for id one", first)
	}
	e := first.Events[0]
	if e.SubEventType != "Attack" {
		t.Errorf("got sub-event %q, want Attack", e.SubEventType)
	}
	if e.Date == nil || *e.Date != "2021-03-03" {
		t.Errorf("got date %v, want 2021-03-03", e.Date)
	}
	if e.Location == nil || !strings.HasPrefix(e.Location.Name, "Kandah") {
		t.Errorf("got location %+v, want Kandahar", e.Location)
	}
	if e.Fatalities == nil || e.Fatalities.Min == nil || *e.Fatalities.Min != 6 || e.Fatalities.Max != nil {
		t.Errorf("got fatalities %+v, want {6,nil}", e.Fatalities)
	}
	if !strings.Contains(lines[1], `"id":2`) || !strings.Contains(lines[1], `"events":[]`) {
		t.Errorf("got %s, want id 2 with no events", lines[1])
	}
	if !strings.Contains(errb.String(), "line 3") {
		t.Errorf("got stderr %q, want the bad line reported", errb.String())
	}
}

func TestActorsFileAddsAndReplacesActors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "actors.tsv")
	// An invented brigade, and the embedded key sy.hts under a new name.
	if err := os.WriteFile(good, []byte("# local additions\n"+
		"sy.valley-lions\tValley Lions Brigade\trebel\tSY\tValley Lions|Valley Lions Brigade\n"+
		"sy.hts\tHTS (renamed)\trebel\tSY\tHTS|Hayat Tahrir al-Sham\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := `{"id":"a","published":"2024-03-06","text":"Fighters of the Valley Lions Brigade attacked an army checkpoint near Hama on Monday, killing three soldiers. Hayat Tahrir al-Sham fighters shelled Saraqib on Tuesday."}` + "\n"
	actors := func(out string) []string {
		var rec struct {
			Events []struct {
				Actor1 *struct{ Name string } `json:"actor1"`
			} `json:"events"`
		}
		if err := json.Unmarshal([]byte(out), &rec); err != nil {
			t.Fatalf("decode %q: %v", out, err)
		}
		var names []string
		for _, e := range rec.Events {
			if e.Actor1 != nil {
				names = append(names, e.Actor1.Name)
			}
		}
		return names
	}
	code, out, errOut := run(t, in, "extract", "--actors", good)
	if got := actors(out); code != ExitOK || !slices.Equal(got, []string{"Valley Lions Brigade", "HTS (renamed)"}) {
		t.Errorf("with --actors: exit %d, actor1s %q (stderr %s); want the added brigade and the renamed group", code, got, errOut)
	}
	if _, out, _ := run(t, in, "extract"); slices.Contains(actors(out), "Valley Lions Brigade") {
		t.Errorf("without --actors the invented brigade is known: %s", out)
	}

	bad := filepath.Join(dir, "bad.tsv")
	if err := os.WriteFile(bad, []byte("# header\nsy.x\tSome Group\tgang\tSY\tSome Group\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = run(t, in, "extract", "--actors", bad)
	if code == ExitOK || !strings.Contains(errOut, bad+" line 2") || !strings.Contains(errOut, `unknown actor type "gang"`) {
		t.Errorf("bad actors file: exit %d, stderr %q; want a failure naming the file, line 2 and the type", code, errOut)
	}
}
