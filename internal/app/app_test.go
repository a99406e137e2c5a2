package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// Two outlets on one shelling, and an unrelated protest. Our own text.
var reports = map[string]string{
	"outlet-a.txt": "Shelling kills 12 in Taiz market\n\nTAIZ, Yemen, March 3, 2024 — Shells hit the central market in Taiz on Sunday, killing at least 12 people, medics said.\n",
	"outlet-b.txt": "Taiz market toll rises\n\nTAIZ, Yemen, March 4, 2024 — The toll from Sunday's shelling of the central market in Taiz rose to 15, local officials said on Monday.\n",
	"outlet-c.txt": "Protest in Aden\n\nADEN, Yemen, March 4, 2024 — Hundreds of people protested in Aden on Monday over power cuts, witnesses said.\n",
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFilesB(t, dir, files)
	return dir
}

func writeFilesB(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func open(t *testing.T, db string) *App {
	t.Helper()
	a, err := Open(context.Background(), Config{DB: db, BatchSize: 2}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

type collected struct {
	statuses map[string]string
	events   []record.Event
	errs     []error
}

func analyze(t *testing.T, a *App, inputs ...string) (Stats, collected) {
	t.Helper()
	c := collected{statuses: map[string]string{}}
	st, err := a.Analyze(context.Background(), inputs, strings.NewReader(""), Output{
		Document: func(r Result) error { c.statuses[r.Doc.ID] = r.Status; return nil },
		Event:    func(e record.Event) error { c.events = append(c.events, e); return nil },
		Report:   func(err error) { c.errs = append(c.errs, err) },
	})
	if err != nil {
		t.Fatalf("Analyze: %v", err)
	}
	return st, c
}

func storedEvents(t *testing.T, s store.Store) []record.Event {
	t.Helper()
	var evs []record.Event
	if err := s.Events(context.Background(), store.EventQuery{}, func(e record.Event) error { evs = append(evs, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return evs
}

// signature describes events by what they are and who reports them,
// ignoring ids, so runs can be compared.
func signature(evs []record.Event) []string {
	var out []string
	for _, e := range evs {
		var docs []string
		for _, r := range e.Reports {
			docs = append(docs, r.Doc)
		}
		sort.Strings(docs)
		loc := ""
		if e.Location != nil {
			loc = e.Location.Name
		}
		out = append(out, fmt.Sprintf("%s|%v|%s|%s", e.SubEventType, deref(e.Date), loc, strings.Join(docs, ",")))
	}
	sort.Strings(out)
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func TestAnalyzeMergesOneAttackReportedByTwoOutlets(t *testing.T) {
	a := open(t, filepath.Join(t.TempDir(), "s.db"))
	dir := writeFiles(t, reports)
	st, c := analyze(t, a, dir)
	if st.New != 3 || len(c.errs) != 0 {
		t.Fatalf("stats %+v, errors %v", st, c.errs)
	}
	var shelling []record.Event
	for _, e := range storedEvents(t, a.Store()) {
		if e.Location != nil && strings.Contains(e.Location.Name, "Taizz") || strings.Contains(signature([]record.Event{e})[0], "outlet-a") {
			shelling = append(shelling, e)
		}
	}
	found := false
	for _, e := range shelling {
		docs := map[string]bool{}
		for _, r := range e.Reports {
			docs[r.Doc] = true
		}
		if docs["outlet-a"] && docs["outlet-b"] {
			found = true
			if f := e.Fatalities; f == nil || f.Min == nil || *f.Min < 12 {
				t.Errorf("fatalities %+v, want at least 12", f)
			}
		}
	}
	if !found {
		t.Errorf("no event carries reports from both outlets: %v", signature(storedEvents(t, a.Store())))
	}
}

func TestAnalyzeTwiceAddsNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	dir := writeFiles(t, reports)
	a := open(t, db)
	_, _ = analyze(t, a, dir)
	before := signature(storedEvents(t, a.Store()))
	st, c := analyze(t, a, dir)
	if st.Existing != 3 || st.New != 0 {
		t.Errorf("second run stats %+v, want 3 existing", st)
	}
	for id, s := range c.statuses {
		if s != "existing" {
			t.Errorf("document %s is %s on the second run", id, s)
		}
	}
	if after := signature(storedEvents(t, a.Store())); !slices.Equal(before, after) {
		t.Errorf("events changed on a second run:\nbefore %v\nafter  %v", before, after)
	}
}

// TestAnalyzeResultDoesNotDependOnInputOrder ingests the same reports
// forwards, backwards and one at a time, and expects the same events.
func TestAnalyzeResultDoesNotDependOnInputOrder(t *testing.T) {
	dir := writeFiles(t, reports)
	names := []string{"outlet-a.txt", "outlet-b.txt", "outlet-c.txt"}
	var paths []string
	for _, n := range names {
		paths = append(paths, filepath.Join(dir, n))
	}
	run := func(batches ...[]string) []string {
		a := open(t, filepath.Join(t.TempDir(), "s.db"))
		for _, b := range batches {
			analyze(t, a, b...)
		}
		return signature(storedEvents(t, a.Store()))
	}
	forwards := run(paths)
	backwards := run([]string{paths[2], paths[1], paths[0]})
	oneByOne := run([]string{paths[1]}, []string{paths[2]}, []string{paths[0]})
	if !slices.Equal(forwards, backwards) {
		t.Errorf("backwards differs:\n%v\n%v", forwards, backwards)
	}
	if !slices.Equal(forwards, oneByOne) {
		t.Errorf("one run per document differs:\n%v\n%v", forwards, oneByOne)
	}
}

func TestAnalyzeReportsABadFileAndStoresTheRest(t *testing.T) {
	files := map[string]string{"good.txt": reports["outlet-a.txt"], "empty.txt": ""}
	a := open(t, filepath.Join(t.TempDir(), "s.db"))
	st, c := analyze(t, a, writeFiles(t, files))
	if st.InputErrors != 1 || len(c.errs) != 1 || !strings.Contains(c.errs[0].Error(), "empty.txt") {
		t.Errorf("input errors %d %v, want one naming empty.txt", st.InputErrors, c.errs)
	}
	if c.statuses["good"] != "new" {
		t.Errorf("the good file was not stored: %v", c.statuses)
	}
}

func TestAnalyzeResolvesPlacesImportedIntoTheStore(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "s.db")
	// A village the embedded gazetteer does not hold, in GeoNames' dump
	// format (19 tab-separated columns). Fictional: our own fixture.
	row := strings.Join([]string{"99000001", "Tell Zibad", "Tell Zibad", "Tal Zibad,Tell Zebad", "35.5012", "36.7011",
		"P", "PPL", "SY", "", "10", "", "", "", "0", "", "300", "Asia/Damascus", "2024-01-01"}, "\t")
	dump := filepath.Join(t.TempDir(), "SY.txt")
	if err := os.WriteFile(dump, []byte(row+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a := open(t, db) // creates the store file first
	ov, err := gazetteer.OpenOverlay(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ov.ImportFile(ctx, dump); err != nil {
		t.Fatal(err)
	}
	ov.Close()
	a.Close()

	a = open(t, db)
	text := "Shelling hits Tell Zebad\n\nIDLIB, Syria, May 2, 2024 — Artillery shells hit the village of Tell Zebad in Idlib province on Thursday, killing three civilians, rescuers said.\n"
	analyze(t, a, writeFiles(t, map[string]string{"tz.txt": text}))
	found := false
	for _, e := range storedEvents(t, a.Store()) {
		if e.Location != nil && e.Location.GeonameID == 99000001 {
			found = true
		}
	}
	if !found {
		t.Errorf("no event located at the imported village: %v", signature(storedEvents(t, a.Store())))
	}
}
