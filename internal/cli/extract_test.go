package cli

import (
	"bytes"
	"context"
	"encoding/json"
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
