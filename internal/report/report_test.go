package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/app"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/report"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var updateStore = flag.Bool("update-store", false, "re-analyse ../../examples through the pipeline into testdata/examples.store.jsonl")

// storeFixture holds the examples as the pipeline stored them: their
// documents (with text) and events. The reports are tested on this fixed
// input, so a better extractor changes the fixture only when someone
// refreshes it with -update-store, not every report golden file on the way.
const storeFixture = "testdata/examples.store.jsonl"

type fixtureLine struct {
	Document *store.StoredDocument `json:"document,omitempty"`
	Event    *record.Event         `json:"event,omitempty"`
}

// examplesStore loads the fixture into a fresh store once per test binary
// (after re-analysing the examples with -update-store) and returns its path.
var examplesStore = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "sitrep-report-")
	if err != nil {
		return "", err
	}
	ctx := context.Background()
	if *updateStore {
		if err := analyseExamples(ctx, filepath.Join(dir, "analysed.db")); err != nil {
			return "", err
		}
	}
	path := filepath.Join(dir, "examples.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return "", err
	}
	defer st.Close()
	f, err := os.Open(storeFixture)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var docs []*doc.Document
	var events []record.Event
	dec := json.NewDecoder(f)
	for dec.More() {
		var l fixtureLine
		if err := dec.Decode(&l); err != nil {
			return "", fmt.Errorf("read %s: %w", storeFixture, err)
		}
		switch {
		case l.Document != nil:
			d := l.Document
			docs = append(docs, &doc.Document{ID: d.ID, Title: deref(d.Title), Source: deref(d.Source), URL: deref(d.URL),
				Published: parseDay(d.Published), PublishedInferred: d.PublishedInferred, Origin: d.Origin, Format: d.Format,
				DuplicateOf: deref(d.DuplicateOf), Text: d.Text, Raw: d.Text})
		case l.Event != nil:
			events = append(events, *l.Event)
		}
	}
	if _, err := st.SaveBatch(ctx, docs, events); err != nil {
		return "", err
	}
	return path, nil
})

// analyseExamples runs the examples through the real pipeline and writes
// what it stored to the fixture.
func analyseExamples(ctx context.Context, path string) error {
	a, err := app.Open(ctx, app.Config{DB: path}, func(string) string { return "" })
	if err != nil {
		return err
	}
	defer a.Close()
	var bad []error
	if _, err := a.Analyze(ctx, []string{filepath.Join("..", "..", "examples")}, nil, app.Output{
		Document: func(app.Result) error { return nil },
		Event:    func(record.Event) error { return nil },
		Report:   func(err error) { bad = append(bad, err) },
	}); err != nil {
		return err
	}
	if len(bad) > 0 {
		return bad[0]
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	st := a.Store()
	var ids []string
	if err := st.Documents(ctx, func(d record.Document) error { ids = append(ids, d.ID); return nil }); err != nil {
		return err
	}
	for _, id := range ids {
		sd, err := st.Document(ctx, id)
		if err != nil {
			return err
		}
		if err := enc.Encode(fixtureLine{Document: &sd}); err != nil {
			return err
		}
	}
	if err := st.Events(ctx, store.EventQuery{}, func(e record.Event) error { return enc.Encode(fixtureLine{Event: &e}) }); err != nil {
		return err
	}
	return os.WriteFile(storeFixture, out.Bytes(), 0o644)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func parseDay(s *string) *time.Time {
	if s == nil {
		return nil
	}
	t, err := time.Parse("2006-01-02", *s)
	if err != nil {
		return nil
	}
	return &t
}

func openExamples(t *testing.T) store.Store {
	t.Helper()
	path, err := examplesStore()
	if err != nil {
		t.Fatalf("analyse the examples: %v", err)
	}
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if path, err := examplesStore(); err == nil {
		os.RemoveAll(filepath.Dir(path))
	}
	os.Exit(code)
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./internal/report -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended (the pipeline's output moved), run go test ./internal/report -update and review the diff.\ngot:\n%s", path, got)
	}
}

func day(s string) time.Time { return storetest.Day(s) }

func TestReportsOnTheExamples(t *testing.T) {
	st := openExamples(t)
	tests := []struct {
		name string
		opts report.Options
	}{
		{"all", report.Options{}},
		{"june-el-fasher", report.Options{From: day("2024-06-01"), To: day("2024-06-30"), Place: "El Fasher"}},
		{"ukraine-box-may-june", report.Options{From: day("2024-05-01"), To: day("2024-06-30"), BBox: &store.BBox{MinLon: 22, MinLat: 44, MaxLon: 41, MaxLat: 53}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := report.Build(context.Background(), st, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Events) == 0 {
				t.Fatalf("no events: the examples should give some for %s", tt.name)
			}
			var md, html bytes.Buffer
			if err := r.Markdown(&md); err != nil {
				t.Fatal(err)
			}
			if err := r.HTML(&html); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join(tt.name, "report.md"), md.Bytes())
			golden(t, filepath.Join(tt.name, "report.html"), html.Bytes())
			checkLinks(t, md.String(), html.String(), len(r.Sentences))
		})
	}
}

var (
	htmlNumber = regexp.MustCompile(`<a class="n" href="#n(\d+)"`)
	htmlNote   = regexp.MustCompile(`<li id="n(\d+)">[^\n]*`)
	htmlRef    = regexp.MustCompile(`href="#s(\d+)"`)
	mdNumber   = regexp.MustCompile(`\[\^(\d+)\][^:]`)
	mdNote     = regexp.MustCompile(`(?m)^\[\^(\d+)\]: .*$`)
)

// checkLinks checks that every number has a note, that every note names
// at least one sentence, and that every sentence named is listed.
func checkLinks(t *testing.T, md, html string, sentences int) {
	t.Helper()
	nums, notes := htmlNumber.FindAllStringSubmatch(html, -1), htmlNote.FindAllString(html, -1)
	if len(nums) == 0 || len(nums) != len(notes) {
		t.Errorf("html: %d numbers, %d notes; want as many, and some", len(nums), len(notes))
	}
	for _, n := range notes {
		refs := htmlRef.FindAllStringSubmatch(n, -1)
		if len(refs) == 0 {
			t.Errorf("html note names no sentence: %s", n)
		}
		for _, ref := range refs {
			if !strings.Contains(html, `<li id="s`+ref[1]+`">`) {
				t.Errorf("html note names S%s, which is not listed", ref[1])
			}
		}
	}
	if got := strings.Count(html, `<li id="s`); got != sentences {
		t.Errorf("html lists %d sentences, want %d", got, sentences)
	}
	mnums, mnotes := mdNumber.FindAllString(md, -1), mdNote.FindAllString(md, -1)
	if len(mnums) != len(nums) || len(mnotes) != len(nums) {
		t.Errorf("markdown: %d numbers, %d footnotes; html has %d numbers", len(mnums), len(mnotes), len(nums))
	}
	for _, n := range mnotes {
		if !strings.Contains(n, "](#s") {
			t.Errorf("markdown footnote names no sentence: %s", n)
		}
	}
}

// TestArticleMarkupStaysText checks that a sentence carrying markup is
// escaped in both renderings.
func TestArticleMarkupStaysText(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d := storetest.NewDocument("forum", `A post said <script>alert(1)</script> and *bold* [link](x) near Bir Zahra.`)
	ev := storetest.NewEvent("ev-post", d, 0, "2024-05-20", "Battles", "Armed clash")
	ev.Location = &record.Location{Name: "Bir <b>Zahra</b>", Lat: 15.6, Lon: 32.5, Precision: "town"}
	if _, err := st.SaveBatch(context.Background(), []*doc.Document{d}, []record.Event{ev}); err != nil {
		t.Fatal(err)
	}
	r, err := report.Build(context.Background(), st, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var md, html bytes.Buffer
	r.Markdown(&md)
	r.HTML(&html)
	for name, out := range map[string]string{"markdown": md.String(), "html": html.String()} {
		if strings.Contains(out, "<script") || strings.Contains(out, "<b>Zahra") {
			t.Errorf("%s carries the article's markup unescaped:\n%s", name, out)
		}
	}
	if !strings.Contains(md.String(), `\*bold\* \[link\](x)`) {
		t.Errorf("markdown does not escape emphasis and links:\n%s", md.String())
	}
}

func TestBuildRefusesAnInvertedPeriod(t *testing.T) {
	st := openExamples(t)
	if _, err := report.Build(context.Background(), st, report.Options{From: day("2024-06-02"), To: day("2024-06-01")}); err == nil {
		t.Error("Build with --to before --from: no error")
	}
}
