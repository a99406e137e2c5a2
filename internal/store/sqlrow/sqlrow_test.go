package sqlrow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

func TestBaseID(t *testing.T) {
	tests := []struct {
		name, id, hash, want string
	}{
		{"a named document keeps its name", "report-7", "0123456789abcdef", "report-7"},
		{"an unnamed document is named by twelve digits of its hash", "", "0123456789abcdef", "doc-0123456789ab"},
		{"a hash shorter than twelve digits is used whole", "", "abc", "doc-abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := BaseID(tt.id, tt.hash); got != tt.want {
				t.Errorf("BaseID(%q, %q) = %q, want %q", tt.id, tt.hash, got, tt.want)
			}
		})
	}
}

func TestBandsSplitTheFingerprintLowFirst(t *testing.T) {
	got := Bands(0xffff_0001_8000_1234)
	want := [4]int32{0x1234, 0x8000, 0x0001, 0xffff}
	if got != want {
		t.Errorf("Bands = %#x, want %#x", got, want)
	}
}

func TestDocumentOf(t *testing.T) {
	text := "Shelling hit Tarvo on Tuesday, the council said."
	d := &doc.Document{
		Text: text, Raw: "<p>" + text + "</p>", Title: "Tarvo", Fingerprint: 0x0004_0003_0002_0001,
		Sentences:         []doc.Span{{Start: 0, End: len(text)}},
		PublishedEvidence: doc.Span{Start: 22, End: 29},
	}
	d.Fail("timex", errors.New("ambiguous weekday"))
	v, err := DocumentOf(d, "earlier")
	if err != nil {
		t.Fatal(err)
	}
	if v.Bands != [4]int32{1, 2, 3, 4} || v.Fingerprint != 0x0004_0003_0002_0001 {
		t.Errorf("fingerprint %#x, bands %v", v.Fingerprint, v.Bands)
	}
	if v.Title == nil || *v.Title != "Tarvo" || v.Source != nil || v.URL != nil {
		t.Errorf("title %v, source %v, url %v: want Tarvo and two NULLs", v.Title, v.Source, v.URL)
	}
	if v.DuplicateOf == nil || *v.DuplicateOf != "earlier" {
		t.Errorf("duplicate of %v, want earlier", v.DuplicateOf)
	}
	if v.EvidenceStart == nil || *v.EvidenceStart != 22 || *v.EvidenceEnd != 29 {
		t.Errorf("evidence %v-%v, want 22-29", v.EvidenceStart, v.EvidenceEnd)
	}
	if v.Raw == nil || *v.Raw != d.Raw {
		t.Errorf("raw %v, want the raw text", v.Raw)
	}
	if got, want := string(v.Errors), `["timex: ambiguous weekday"]`; got != want {
		t.Errorf("errors %s, want %s", got, want)
	}
	if v.Chars != len(text) || v.Sentences != 1 {
		t.Errorf("chars %d, sentences %d; want %d, 1", v.Chars, v.Sentences, len(text))
	}
}

func TestDocumentOfLeavesWhatIsAbsentNull(t *testing.T) {
	text := "Ceasefire talks in Ostrava stalled."
	v, err := DocumentOf(&doc.Document{Text: text, Raw: text, PublishedEvidence: doc.Span{Start: 5, End: 500}}, "")
	if err != nil {
		t.Fatal(err)
	}
	if v.Raw != nil || v.RawOffsets != nil || v.Errors != nil || v.DuplicateOf != nil || v.EvidenceStart != nil {
		t.Errorf("got %+v, want raw, offsets, errors, duplicate and evidence NULL", v)
	}
}

func TestDocumentOfCountsEvidenceInCodePoints(t *testing.T) {
	text := "Über Kyïv, dès mardi."
	start := strings.Index(text, "mardi")
	v, err := DocumentOf(&doc.Document{Text: text, PublishedEvidence: doc.Span{Start: start, End: start + len("mardi")}}, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := len([]rune(text[:start])); v.EvidenceStart == nil || *v.EvidenceStart != want {
		t.Errorf("evidence start %v, want %d code points", v.EvidenceStart, want)
	}
	if got := byteOffset(text, *v.EvidenceStart); got != start {
		t.Errorf("byteOffset back = %d, want %d", got, start)
	}
}

func TestEventOf(t *testing.T) {
	day, end := "2024-03-05", "2024-03-07"
	min, max := 2, 4
	ev := record.Event{ID: "e1", Date: &day, DateEnd: &end,
		Location:   &record.Location{Name: "Tarvo", Lat: 48.5, Lon: 35.1, Country: "UA"},
		Fatalities: &record.Figure{Min: &min, Max: &max}}
	v, err := EventOf(&ev)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Record != "event" {
		t.Errorf("record kind %q, want event", ev.Record)
	}
	if want := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC); v.Date == nil || !v.Date.Equal(want) {
		t.Errorf("date %v, want %v", v.Date, want)
	}
	if v.GeonameID != nil {
		t.Errorf("geonameid %v, want NULL for 0", *v.GeonameID)
	}
	if v.LocationName == nil || *v.LocationName != "Tarvo" || *v.Lat != 48.5 {
		t.Errorf("location %v at %v", v.LocationName, v.Lat)
	}
	if *v.FatalitiesMin != 2 || *v.FatalitiesMax != 4 {
		t.Errorf("fatalities %d-%d, want 2-4", *v.FatalitiesMin, *v.FatalitiesMax)
	}
	var back record.Event
	if err := json.Unmarshal(v.Record, &back); err != nil || !reflect.DeepEqual(back, ev) {
		t.Errorf("record decodes to %+v (%v), want %+v", back, err, ev)
	}
}

func TestEventOfNamesEveryBadDate(t *testing.T) {
	bad, worse := "5 March 2024", "2024-3-7"
	_, err := EventOf(&record.Event{ID: "e1", Date: &bad, DateEnd: &worse})
	if err == nil {
		t.Fatal("EventOf accepted dates that are not YYYY-MM-DD")
	}
	for _, want := range []string{`date "5 March 2024"`, `date_end "2024-3-7"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}

func TestLikePatterns(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"each word is a substring pattern", "convoy Coast", []string{"%convoy%", "%Coast%"}},
		{"punctuation separates words and is dropped", `"depot" (Kfar*`, []string{"%depot%", "%Kfar%"}},
		{"LIKE's wildcards and escape separate words too", `100%_a\b`, []string{"%100%", "%a%", "%b%"}},
		{"only punctuation is no word", "?! %", nil},
		{"letters of any script are words", "Харків", []string{"%Харків%"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LikePatterns(tt.text); !reflect.DeepEqual(got, tt.want) && (len(got) > 0 || len(tt.want) > 0) {
				t.Errorf("LikePatterns(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestPlaceID(t *testing.T) {
	tests := []struct {
		place  string
		want   int64
		wantOK bool
	}{
		{"706483", 706483, true},
		{"Kharkiv", 0, false},
		{"0", 0, false},
		{"-5", 0, false},
	}
	for _, tt := range tests {
		if got, ok := PlaceID(tt.place); ok != tt.wantOK || (ok && got != tt.want) {
			t.Errorf("PlaceID(%q) = %d, %v; want %d, %v", tt.place, got, ok, tt.want, tt.wantOK)
		}
	}
}

// fakeRows serves rows of values in memory, assigning by the
// destination's type as a driver would.
type fakeRows struct {
	rows [][]any
	i    int
	err  error
}

func (r *fakeRows) Next() bool { r.i++; return r.i <= len(r.rows) }
func (r *fakeRows) Err() error { return r.err }
func (r *fakeRows) Scan(dest ...any) error {
	row := r.rows[r.i-1]
	if len(dest) != len(row) {
		return fmt.Errorf("scan %d columns into %d", len(row), len(dest))
	}
	for i, v := range row {
		reflect.ValueOf(dest[i]).Elem().Set(reflect.ValueOf(v))
	}
	return nil
}

// fakeQuery answers every query with the same rows and records the SQL.
func fakeQuery(rows [][]any, sqls *[]string) Query {
	return func(_ context.Context, sql string, _ []any, each func(Rows) error) error {
		*sqls = append(*sqls, sql)
		return each(&fakeRows{rows: rows})
	}
}

var testDialect = Dialect{
	Param: func(n int) string { return fmt.Sprintf("$%d", n) },
	AnyOf: func(col string, n int, vals []string) (string, []any) {
		return fmt.Sprintf("%s = ANY($%d)", col, n), []any{vals}
	},
	Day:    func(col string) string { return "to_char(" + col + ", 'YYYY-MM-DD')" },
	NoRows: errors.New("no rows"),
}

func TestNearDuplicatePicksTheClosestThenTheEarliest(t *testing.T) {
	const fp = 0b1111
	tests := []struct {
		name     string
		rows     [][]any
		max      int
		wantID   string
		wantDist int
		found    bool
	}{
		{"the fewest differing bits win", [][]any{{"far", int64(0b0001), int64(1)}, {"near", int64(0b0111), int64(2)}}, 3, "near", 1, true},
		{"of equally close ones the earliest ingested wins", [][]any{{"late", int64(0b0111), int64(9)}, {"early", int64(0b1011), int64(3)}}, 3, "early", 1, true},
		{"a candidate beyond the distance is not one", [][]any{{"far", int64(0b0000), int64(1)}}, 3, "", 0, false},
		{"no candidates find nothing", nil, 3, "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sqls []string
			id, dist, found, err := NewReader(fakeQuery(tt.rows, &sqls), nil, testDialect).NearDuplicate(context.Background(), fp, tt.max)
			if err != nil {
				t.Fatal(err)
			}
			if id != tt.wantID || dist != tt.wantDist || found != tt.found {
				t.Errorf("NearDuplicate = %q, %d, %v; want %q, %d, %v", id, dist, found, tt.wantID, tt.wantDist, tt.found)
			}
			if len(sqls) != 1 || !strings.Contains(sqls[0], "band3 = $4") {
				t.Errorf("queries %q, want one through the four bands", sqls)
			}
		})
	}
}

func TestNearDuplicateBeyondThreeBitsScansEveryFingerprint(t *testing.T) {
	var sqls []string
	_, _, _, err := NewReader(fakeQuery(nil, &sqls), nil, testDialect).NearDuplicate(context.Background(), 1, 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(sqls) != 1 || strings.Contains(sqls[0], "band") {
		t.Errorf("queries %q, want one without bands", sqls)
	}
}

func TestNearDuplicateOfAsksByAnchorThenByBand(t *testing.T) {
	var sqls []string
	rows := [][]any{{"copy", int64(0b0111), int64(1)}}
	d := &doc.Document{Fingerprint: 0b1111, Anchors: []uint64{0xabc}}
	id, dist, found, err := NewReader(fakeQuery(rows, &sqls), nil, testDialect).NearDuplicateOf(context.Background(), d, 2)
	if err != nil || id != "copy" || dist != 1 || !found {
		t.Errorf("NearDuplicateOf = %q, %d, %v, %v; want copy, 1, true", id, dist, found, err)
	}
	if len(sqls) != 2 || !strings.Contains(sqls[0], "spans.label = ANY($1)") || !strings.Contains(sqls[1], "band0") {
		t.Errorf("queries %q, want the anchor look-up then the bands", sqls)
	}
}

func TestQueryErrorsAreWrapped(t *testing.T) {
	boom := errors.New("connection lost")
	q := func(context.Context, string, []any, func(Rows) error) error { return boom }
	_, _, _, err := NewReader(q, nil, testDialect).NearDuplicate(context.Background(), 1, 2)
	if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "find near duplicate: ") {
		t.Errorf("err = %v, want find near duplicate wrapping %v", err, boom)
	}
}

func TestScanDocument(t *testing.T) {
	title, pub, ev := "Tarvo", "2024-03-05", "Tuesday"
	start, end := 22, 29
	row := &fakeRows{rows: [][]any{{
		"d1", &title, (*string)(nil), (*string)(nil), &pub, true,
		&start, &end, &ev,
		"file", "text", "abc", (*string)(nil), 48, 1, 2,
		[]byte(`["timex: ambiguous weekday"]`),
	}}}
	row.Next()
	got, err := scanDocument(row)
	if err != nil {
		t.Fatal(err)
	}
	want := record.Document{Record: "document", ID: "d1", Title: &title, Published: &pub, PublishedInferred: true,
		PublishedEvidence: &record.Span{Start: 22, End: 29, Text: "Tuesday"},
		Origin:            "file", Format: "text", Hash: "abc", Chars: 48, Sentences: 1, Events: 2,
		Errors: []string{"timex: ambiguous weekday"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ScanDocument =\n%+v\nwant\n%+v", got, want)
	}
}

func TestReaderSaysNotFound(t *testing.T) {
	row := func(context.Context, string, ...any) Scanner { return scanErr{testDialect.NoRows} }
	r := NewReader(nil, row, testDialect)
	ctx := context.Background()
	if _, err := r.Document(ctx, "gone"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document err = %v, want store.ErrNotFound", err)
	}
	if _, err := r.Event(ctx, "gone"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Event err = %v, want store.ErrNotFound", err)
	}
	if _, err := r.LoadDocument(ctx, "gone"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("LoadDocument err = %v, want store.ErrNotFound", err)
	}
	if id, found, err := r.LookupHash(ctx, "abc"); found || err != nil {
		t.Errorf("LookupHash = %q, %v, %v; want not found and no error", id, found, err)
	}
}

func TestReaderWritesItsDialect(t *testing.T) {
	var sqls []string
	row := func(_ context.Context, sql string, _ ...any) Scanner {
		sqls = append(sqls, sql)
		return scanErr{testDialect.NoRows}
	}
	r := NewReader(nil, row, testDialect)
	r.Document(context.Background(), "x")
	if len(sqls) != 1 || !strings.Contains(sqls[0], "to_char(published, 'YYYY-MM-DD')") || !strings.HasSuffix(sqls[0], "WHERE id = $1") {
		t.Errorf("Document ran %q, want the dialect's day and parameter", sqls)
	}
}

func TestDocumentsPassesTheCallbacksErrorOn(t *testing.T) {
	stop := errors.New("enough")
	title, pub := "T", "2024-01-02"
	one := []any{"d1", &title, (*string)(nil), (*string)(nil), &pub, false,
		(*int)(nil), (*int)(nil), (*string)(nil),
		"file", "text", "abc", (*string)(nil), 10, 1, 0, []byte(nil)}
	var sqls []string
	r := NewReader(fakeQuery([][]any{one, one}, &sqls), nil, testDialect)
	n := 0
	err := r.Documents(context.Background(), func(record.Document) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("Documents = %v after %d calls, want the callback's own error after 1", err, n)
	}
}

type scanErr struct{ err error }

func (s scanErr) Scan(...any) error { return s.err }

func TestCheckCellSize(t *testing.T) {
	for _, c := range []float64{0, -1, math.Inf(1), math.NaN()} {
		if CheckCellSize(c) == nil {
			t.Errorf("CheckCellSize(%v) = nil, want an error", c)
		}
	}
	if err := CheckCellSize(0.5); err != nil {
		t.Errorf("CheckCellSize(0.5) = %v", err)
	}
}

func ExampleLikePatterns() {
	fmt.Println(LikePatterns(`"Ammunition depot" hit?`))
	// Output: [%Ammunition% %depot% %hit%]
}
