package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/record"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func readEvents(t testing.TB) []record.Event {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "events.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var evs []record.Event
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var ev record.Event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatal(err)
		}
		evs = append(evs, ev)
	}
	return evs
}

func export(t testing.TB, format string, evs []record.Event, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := New(format, &buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		if err := w.Write(ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	evs := readEvents(t)
	sources := map[string]string{"wire-a": "Invented Wire", "wire-b": "Other Daily"}
	opts := Options{Source: func(id string) string { return sources[id] }}
	for _, tt := range []struct{ format, file string }{
		{FormatACLEDCSV, "golden.csv"},
		{FormatGeoJSON, "golden.geojson"},
		{FormatJSONL, "golden.jsonl"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			got := export(t, tt.format, evs, opts)
			path := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s output differs from %s (run with -update to accept):\n%s", tt.format, path, got)
			}
		})
	}
}

func TestCSVColumns(t *testing.T) {
	evs := readEvents(t)
	rows, err := csv.NewReader(bytes.NewReader(export(t, FormatACLEDCSV, evs, Options{}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	tests := []struct {
		name   string
		row    int
		column string
		want   string
	}{
		{"a day-precise date is time precision 1", 1, "time_precision", "1"},
		{"a week is time precision 2", 2, "time_precision", "2"},
		{"an undated event has no time precision", 3, "time_precision", ""},
		{"a town is geo precision 1", 1, "geo_precision", "1"},
		{"a district is geo precision 2", 2, "geo_precision", "2"},
		{"fatalities take the lowest figure", 1, "fatalities", "3"},
		{"an open range keeps its low end and no high end", 2, "fatalities_max", ""},
		{"unknown fatalities stay empty, not zero", 3, "fatalities", ""},
		{"sources fall back to document ids", 1, "source", "wire-a; wire-b"},
		{"disputed fields are listed", 1, "disputes", "fatalities"},
		{"reports are counted", 1, "report_count", "2"},
		{"civilian targets are flagged", 1, "civilian_targeting", "Civilian targeting"},
		{"battles are political violence", 2, "disorder_type", "Political violence"},
		{"a range's end is kept", 2, "date_end", "2024-05-09"},
		{"the year comes from the date", 2, "year", "2024"},
		{"notes hold the first report sentence", 3, "notes", "Shops were looted, residents said."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i, ok := col[tt.column]
			if !ok {
				t.Fatalf("no column %q", tt.column)
			}
			if got := rows[tt.row][i]; got != tt.want {
				t.Errorf("row %d %s = %q, want %q", tt.row, tt.column, got, tt.want)
			}
		})
	}
}

func TestEmptyOutputsAreValid(t *testing.T) {
	var fc struct {
		Type     string `json:"type"`
		Features []any  `json:"features"`
	}
	if err := json.Unmarshal(export(t, FormatGeoJSON, nil, Options{}), &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) != 0 {
		t.Errorf("empty geojson = %+v, %v", fc, err)
	}
	if got := string(export(t, FormatACLEDCSV, nil, Options{})); got != strings.Join(ACLEDColumns, ",")+"\n" {
		t.Errorf("empty csv = %q, want the header only", got)
	}
	if got := export(t, FormatJSONL, nil, Options{}); len(got) != 0 {
		t.Errorf("empty jsonl = %q", got)
	}
}

func TestGeoJSONParses(t *testing.T) {
	var buf bytes.Buffer
	g := NewGeoJSON(&buf)
	g.SetForeignMembers(map[string]any{"next": "abc"})
	for _, ev := range readEvents(t) {
		g.Write(ev)
	}
	g.Close()
	var fc struct {
		Next     string    `json:"next"`
		Features []Feature `json:"features"`
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Next != "abc" || len(fc.Features) != 3 {
		t.Fatalf("collection = %+v", fc)
	}
	if g := fc.Features[0].Geometry; g == nil || g.Coordinates != [2]float64{36.12, 35.21} {
		t.Errorf("geometry = %+v, want [lon, lat]", g)
	}
	if fc.Features[2].Geometry != nil {
		t.Errorf("an event without a location has geometry %+v, want null", fc.Features[2].Geometry)
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := New("xlsx", new(bytes.Buffer), Options{}); err == nil {
		t.Error("New(xlsx) succeeded")
	}
}

func BenchmarkCSV(b *testing.B) {
	evs := readEvents(b)
	n := len(export(b, FormatACLEDCSV, evs, Options{}))
	b.SetBytes(int64(n))
	for b.Loop() {
		export(b, FormatACLEDCSV, evs, Options{})
	}
}

func BenchmarkGeoJSON(b *testing.B) {
	evs := readEvents(b)
	b.SetBytes(int64(len(export(b, FormatGeoJSON, evs, Options{}))))
	for b.Loop() {
		export(b, FormatGeoJSON, evs, Options{})
	}
}
