package place

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/segment"
	"github.com/sitrep-dev/sitrep/internal/synth"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	gazOnce sync.Once
	gaz     *gazetteer.Gazetteer
	gazErr  error
)

func testGazetteer(tb testing.TB) *gazetteer.Gazetteer {
	tb.Helper()
	gazOnce.Do(func() { gaz, gazErr = gazetteer.Load() })
	if gazErr != nil {
		tb.Fatal(gazErr)
	}
	return gaz
}

func geoparse(tb testing.TB, text string) *doc.Document {
	tb.Helper()
	d := &doc.Document{Text: text}
	ctx := context.Background()
	if err := segment.New().Process(ctx, d); err != nil {
		tb.Fatal(err)
	}
	if err := New(testGazetteer(tb), Options{}).Process(ctx, d); err != nil {
		tb.Fatal(err)
	}
	return d
}

func TestGeoparse(t *testing.T) {
	type want struct {
		surface string
		id      int64
		kind    string
	}
	cases := []struct {
		name string
		text string
		want []want
		not  []string
	}{
		{"a French spelling resolves to the GeoNames town",
			"Jets struck Khan Sheikhoun in Idlib province on Monday.",
			[]want{{"Khan Sheikhoun", 168325, "place"}}, nil},
		{"every spelling of one town gets one id",
			"Shelling hit Khan Shaykhun in Syria. Later Khan Sheikhun and Khan Sheikoun were quiet.",
			[]want{{"Khan Shaykhun", 168325, "place"}, {"Khan Sheikhun", 168325, "place"}, {"Khan Sheikoun", 168325, "place"}}, nil},
		{"a country gets its GeoNames id",
			"Talks on Syria resumed.",
			[]want{{"Syria", 163843, "place"}}, nil},
		{"a demonym is reported with its country",
			"Syrian troops advanced.",
			[]want{{"Syrian", 163843, "demonym"}}, nil},
		{"a facility named after its town is in that town",
			"Jets struck the Saraqib Hospital in Idlib province on Monday.",
			[]want{{"Saraqib", 164816, "place"}}, nil},
		{"months and weekdays are not places",
			"In May and on Friday the talks stalled.",
			nil, []string{"May", "Friday"}},
		{"a name after a title is a person",
			"President Hama spoke to reporters in Damascus.",
			[]want{{"Damascus", 170654, "place"}}, []string{"Hama"}},
		{"a town inside an organisation's name is not a place",
			"The Denver Post reported it.",
			nil, []string{"Denver"}},
		{"a newspaper's or broadcaster's home is not where things happen",
			"The Bucharest Daily News and China Daily quoted Radio Pyongyang on the floods in Aleppo.",
			[]want{{"Aleppo", 170063, "place"}}, []string{"Bucharest", "China", "Pyongyang"}},
		{"a surname after a given name is a person here and later",
			"Officials quoted Maya Harden on Monday. Harden works in Damascus.",
			[]want{{"Damascus", 170654, "place"}}, []string{"Harden"}},
		{"a country code before a dollar sign is a currency",
			"Repairs in Syria will cost US$5 million.",
			[]want{{"Syria", 163843, "place"}}, []string{"US"}},
		{"an abbreviation must be written in capitals",
			"The Consumer Act was passed in Canberra.",
			nil, []string{"Act"}},
		{"a small town's name before said is a speaker",
			"The spraying will go on in Texas, Whitley said.",
			nil, []string{"Whitley"}},
		{"a city named like another is the one in the country the story names",
			"Doctors in Vancouver said overdoses rose this year, and officials in Alberta and across Canada agreed.",
			[]want{{"Vancouver", 6173331, "place"}}, nil},
		{"a lone given name is not a small town without a cue",
			"Dora was found at home in Ohio.",
			nil, []string{"Dora"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := geoparse(t, c.text)
			got := map[string]doc.Place{}
			for _, p := range d.Places {
				if p.Relation == "" {
					got[d.Slice(p.Span)] = p
				}
			}
			for _, w := range c.want {
				p, ok := got[w.surface]
				if !ok {
					t.Errorf("%q: not found; got %v", w.surface, keys(got))
					continue
				}
				if p.GeonameID != w.id || p.Kind != w.kind {
					t.Errorf("%q: got id %d kind %s (%s), want %d %s", w.surface, p.GeonameID, p.Kind, p.Name, w.id, w.kind)
				}
			}
			for _, n := range c.not {
				if _, ok := got[n]; ok {
					t.Errorf("%q: reported as a place, want not", n)
				}
			}
		})
	}
}

func TestStateNamedLikeAForeignCapital(t *testing.T) {
	// Florida is Uruguay's departmental capital too; in a US story the
	// state is meant.
	d := geoparse(t, "Voters in Texas and Ohio heard Senator Marco Rubio of Florida.")
	for _, p := range d.Places {
		if d.Slice(p.Span) == "Florida" {
			if p.Country != "US" || p.Precision != doc.PrecisionAdmin1 {
				t.Errorf("Florida: got %s in %s (%s), want the US state", p.Name, p.Country, p.Precision)
			}
			return
		}
	}
	t.Error("Florida: not found")
}

func keys(m map[string]doc.Place) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestRelativeLocations(t *testing.T) {
	d := geoparse(t, "Rebels shelled a checkpoint 10 km west of Idlib and clashes erupted near Hama.")
	var rel []doc.Place
	for _, p := range d.Places {
		if p.Relation != "" {
			rel = append(rel, p)
		}
	}
	if len(rel) != 2 {
		t.Fatalf("got %d relative places, want 2: %+v", len(rel), rel)
	}
	if rel[0].Relation != "10 km west" || rel[0].Anchor == nil || d.Slice(*rel[0].Anchor) != "Idlib" {
		t.Errorf("got %q anchored on %v, want 10 km west of Idlib", rel[0].Relation, rel[0].Anchor)
	}
	if rel[0].Lon >= 36.63 {
		t.Errorf("derived point %f,%f is not west of Idlib", rel[0].Lat, rel[0].Lon)
	}
	if rel[1].Relation != "near" {
		t.Errorf("got relation %q, want near", rel[1].Relation)
	}
}

func TestSpansAreSurfaceForms(t *testing.T) {
	b, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := geoparse(t, string(b))
	if len(d.Places) == 0 {
		t.Fatal("no places")
	}
	for _, p := range d.Places {
		if !p.Valid(len(d.Text)) || p.Start >= p.End {
			t.Errorf("span %v out of text", p.Span)
		}
	}
}

type goldenPlace struct {
	Text      string  `json:"text"`
	Kind      string  `json:"kind"`
	Name      string  `json:"name"`
	GeonameID int64   `json:"geonameid"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Precision string  `json:"precision"`
	Relation  string  `json:"relation,omitempty"`
}

func TestGolden(t *testing.T) {
	b, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := geoparse(t, string(b))
	var got []goldenPlace
	for _, p := range d.Places {
		got = append(got, goldenPlace{d.Slice(p.Span), p.Kind, p.Name, p.GeonameID,
			float64(int(p.Lat*1e4)) / 1e4, float64(int(p.Lon*1e4)) / 1e4, p.Precision, p.Relation})
	}
	out, _ := json.MarshalIndent(got, "", "  ")
	path := filepath.Join("testdata", "article.golden.json")
	if *update {
		if err := os.WriteFile(path, append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if strings.TrimSpace(string(want)) != strings.TrimSpace(string(out)) {
		t.Errorf("geoparse output differs from %s (run go test -update after checking):\n%s", path, out)
	}
}

func Example() {
	g, err := gazetteer.Load()
	if err != nil {
		panic(err)
	}
	d := &doc.Document{Text: "Jets struck Khan Sheikhoun in southern Idlib province."}
	ctx := context.Background()
	_ = segment.New().Process(ctx, d)
	_ = New(g, Options{}).Process(ctx, d)
	for _, p := range d.Places {
		fmt.Printf("%s -> %s (%d) %s\n", d.Slice(p.Span), p.Name, p.GeonameID, p.Precision)
	}
	// Output:
	// Khan Sheikhoun -> Khān Shaykhūn (168325) town
	// Idlib -> Idlib (0) admin1
}

// FuzzGeoparse checks that no input panics the geoparser and every span
// lies inside the text, start before end.
func FuzzGeoparse(f *testing.F) {
	f.Add("Shelling hit Khan Shaykhun, 10 km west of Idlib.")
	f.Add("between Hama and Aleppo")
	f.Add("AL-QABOUN\n\nal- Ras el")
	g := testGazetteer(f)
	gp := New(g, Options{})
	seg := segment.New()
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		d := &doc.Document{Text: text}
		_ = seg.Process(context.Background(), d)
		if err := gp.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		for _, p := range d.Places {
			if !p.Valid(len(text)) || p.Start >= p.End {
				t.Fatalf("span %v outside text of %d bytes", p.Span, len(text))
			}
		}
	})
}

func BenchmarkGeoparse(b *testing.B) {
	text, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	big := strings.Repeat(string(text)+"\n\n", 50)
	g := testGazetteer(b)
	gp := New(g, Options{})
	d := &doc.Document{Text: big}
	_ = segment.New().Process(context.Background(), d)
	b.SetBytes(int64(len(big)))
	b.ResetTimer()
	for b.Loop() {
		_ = gp.Parse(d.Text, d.Tokens)
	}
}

// BenchmarkGeoparseNews measures ordinary news prose, where places are a
// few words in a hundred.
func BenchmarkGeoparseNews(b *testing.B) {
	text, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	big := strings.Repeat(string(text)+"\n\n", 40)
	gp := New(testGazetteer(b), Options{})
	d := &doc.Document{Text: big}
	_ = segment.New().Process(context.Background(), d)
	b.SetBytes(int64(len(big)))
	b.ResetTimer()
	for b.Loop() {
		_ = gp.Parse(d.Text, d.Tokens)
	}
}

// BenchmarkGeoparseSynthetic measures many short generated articles, as
// `sitrep bench --synthetic` feeds the stage: per-document costs count.
func BenchmarkGeoparseSynthetic(b *testing.B) {
	gp := New(testGazetteer(b), Options{})
	var docs []*doc.Document
	size := 0
	for _, a := range synth.Generate(1, 200) {
		d := &doc.Document{Text: a.Title + "\n\n" + a.Text}
		_ = segment.New().Process(context.Background(), d)
		docs = append(docs, d)
		size += len(d.Text)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			_ = gp.Parse(d.Text, d.Tokens)
		}
	}
}

// The stage keeps its buffers from document to document; documents parsed
// at the same time on one Geoparser must still get what each gets alone.
func TestParseIsSafeForConcurrentUse(t *testing.T) {
	gp := New(testGazetteer(t), Options{})
	texts := []string{
		"Jets struck Khan Sheikhoun in Idlib province on Monday.",
		"Doctors in Vancouver said overdoses rose, and officials in Alberta agreed.",
		"The Denver Post reported shelling near Aleppo and 10 km west of Hama.",
		"Syrian and Turkish troops met between Tell Rifaat and Azaz.",
	}
	var docs []*doc.Document
	var want [][]doc.Place
	for _, text := range texts {
		d := &doc.Document{Text: text}
		if err := segment.New().Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
		want = append(want, gp.Parse(d.Text, d.Tokens))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				k := (g + i) % len(docs)
				got := gp.Parse(docs[k].Text, docs[k].Tokens)
				if !reflect.DeepEqual(got, want[k]) {
					errs <- fmt.Sprintf("%q: got %v, want %v", texts[k], got, want[k])
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
