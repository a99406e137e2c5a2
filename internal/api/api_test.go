package api

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

func newStore(t testing.TB) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// fixture stores two documents and four events.
func fixture(t testing.TB, st store.Store) {
	t.Helper()
	a := storetest.NewDocument("wire-a",
		"Artillery shelled the grain depot in Kfar Tala overnight.",
		"The Northern Front said it repelled an assault near Bir Zahra.",
		"A convoy was ambushed on the coast road at Qasr Abyad.")
	title, source := "Depot shelled", "Invented Wire"
	a.Title, a.Source = title, source
	b := storetest.NewDocument("wire-b", "Officials denied that the depot in Kfar Tala was hit.", "Drones circled over Tell Maqam.")
	depot := storetest.NewEvent("ev-depot", a, 0, "2024-05-02", "Explosions/Remote violence", "Shelling/artillery/missile attack")
	depot.Location = &record.Location{Name: "Kfar Tala", Lat: 35.2, Lon: 36.1, Precision: "town"}
	depot.Reports = append(depot.Reports, storetest.NewEvent("", b, 0, "", "", "").Reports[0])
	officials := "officials"
	depot.Reports[1].ClaimedBy = &officials
	depot.Disputes = []record.Dispute{{Field: "occurred", Claims: []record.Claim{{Value: true, Doc: "wire-a"}, {Value: false, Doc: "wire-b", ClaimedBy: &officials}}}}
	assault := storetest.NewEvent("ev-assault", a, 1, "2024-05-03", "Battles", "Armed clash")
	assault.Location = &record.Location{Name: "Bir Zahra", Lat: 35.9, Lon: 36.4, Precision: "town"}
	assault.Actor1 = &record.Actor{Name: "Northern Front"}
	ambush := storetest.NewEvent("ev-ambush", a, 2, "2024-05-04", "Battles", "Armed clash")
	ambush.Location = &record.Location{Name: "Qasr Abyad", Lat: 34.9, Lon: 35.8, Precision: "town"}
	drones := storetest.NewEvent("ev-drones", b, 1, "", "Explosions/Remote violence", "Air/drone strike")
	if _, err := st.SaveBatch(context.Background(), []*doc.Document{a, b}, []record.Event{depot, assault, ambush, drones}); err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
	return rec
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %s: %v", rec.Body, err)
	}
	return v
}

func ids(evs []record.Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.ID)
	}
	return out
}

func TestListEventsFilters(t *testing.T) {
	st := newStore(t)
	fixture(t, st)
	h := New(st, Options{})
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"no filter lists every event by date, undated last", "", []string{"ev-depot", "ev-assault", "ev-ambush", "ev-drones"}},
		{"a date range keeps the events in it", "from=2024-05-03&to=2024-05-03", []string{"ev-assault"}},
		{"a bounding box keeps events inside", "bbox=36,35,37,36", []string{"ev-depot", "ev-assault"}},
		{"type and sub-type filter", "type=Explosions/Remote+violence&sub_type=Air/drone+strike", []string{"ev-drones"}},
		{"an actor filters", "actor=Northern+Front", []string{"ev-assault"}},
		{"a place filters by name", "place=Qasr+Abyad", []string{"ev-ambush"}},
		{"disputed keeps disputed events", "disputed=true", []string{"ev-depot"}},
		{"free text searches every report sentence", "q=officials+denied", []string{"ev-depot"}},
		{"a document keeps its events", "doc=wire-b", []string{"ev-depot", "ev-drones"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, h, "/api/events?"+tt.query)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			page := decode[eventPage](t, rec)
			if got := ids(page.Events); !slices.Equal(got, tt.want) {
				t.Errorf("events = %v, want %v", got, tt.want)
			}
			if page.Next != nil {
				t.Errorf("next = %q on the only page", *page.Next)
			}
		})
	}
}

func TestListEventsPages(t *testing.T) {
	st := newStore(t)
	fixture(t, st)
	h := New(st, Options{})
	var got []string
	target := "/api/events?limit=1&type=Battles"
	for range 5 {
		rec := get(t, h, target)
		page := decode[eventPage](t, rec)
		got = append(got, ids(page.Events)...)
		if page.Next == nil {
			break
		}
		target = "/api/events?limit=1&type=Battles&cursor=" + url.QueryEscape(*page.Next)
	}
	if want := []string{"ev-assault", "ev-ambush"}; !slices.Equal(got, want) {
		t.Errorf("pages = %v, want %v", got, want)
	}
	// Four events in pages of two: the undated one is reached too.
	rec := get(t, h, "/api/events?limit=2")
	page := decode[eventPage](t, rec)
	rec = get(t, h, "/api/events?limit=2&cursor="+*page.Next)
	page = decode[eventPage](t, rec)
	if got, want := ids(page.Events), []string{"ev-ambush", "ev-drones"}; !slices.Equal(got, want) || page.Next != nil {
		t.Errorf("second page = %v next %v, want %v and no next", got, page.Next, want)
	}
}

func TestBadRequestsAnswerJSONErrors(t *testing.T) {
	st := newStore(t)
	h := New(st, Options{})
	for _, tt := range []struct {
		name, target string
		status       int
	}{
		{"a bad date", "/api/events?from=yesterday", 400},
		{"a bad box", "/api/events?bbox=1,2,3", 400},
		{"a box with latitudes upside down", "/api/events?bbox=0,10,1,5", 400},
		{"a limit too large", "/api/events?limit=1000000", 400},
		{"a forged cursor", "/api/events?cursor=bm90IGpzb24", 400},
		{"an unknown format", "/api/events?format=xml", 400},
		{"a missing event", "/api/events/nope", 404},
		{"a missing document", "/api/documents/nope", 404},
		{"an unknown API path", "/api/nothing", 404},
		{"a grid without a zoom", "/api/events/grid", 400},
		{"a grid zoomed in too far", "/api/events/grid?zoom=40", 400},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, h, tt.target)
			if rec.Code != tt.status {
				t.Errorf("status = %d, want %d", rec.Code, tt.status)
			}
			e := decode[map[string]string](t, rec)
			if e["error"] == "" {
				t.Errorf("body %s has no error message", rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("content type %q", ct)
			}
		})
	}
}

func TestGeoJSONAndCSV(t *testing.T) {
	st := newStore(t)
	fixture(t, st)
	h := New(st, Options{})
	rec := get(t, h, "/api/events?format=geojson&limit=2")
	var fc struct {
		Type     string  `json:"type"`
		Next     *string `json:"next"`
		Features []struct {
			ID       string `json:"id"`
			Geometry *struct {
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &fc); err != nil {
		t.Fatalf("geojson %s: %v", rec.Body, err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 2 || fc.Next == nil || fc.Features[0].Geometry.Coordinates[0] != 36.1 {
		t.Errorf("geojson = %+v", fc)
	}
	rec = get(t, h, "/api/events?format=csv&limit=1")
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0][0] != "event_id_cnty" || rows[1][0] != "ev-depot" {
		t.Errorf("csv = %v", rows)
	}
	if !slices.Contains(rows[1], "Invented Wire; wire-b") {
		t.Errorf("csv row %v does not name the sources", rows[1])
	}
	if rec.Header().Get("X-Next-Cursor") == "" {
		t.Error("csv page has no X-Next-Cursor")
	}
}

func TestEventDetail(t *testing.T) {
	st := newStore(t)
	fixture(t, st)
	rec := get(t, New(st, Options{}), "/api/events/ev-depot")
	det := decode[eventDetail](t, rec)
	if len(det.Reports) != 2 || det.Reports[1].Text != "Officials denied that the depot in Kfar Tala was hit." || *det.Reports[1].ClaimedBy != "officials" {
		t.Errorf("reports = %+v", det.Reports)
	}
	if len(det.Disputes) != 1 {
		t.Errorf("disputes = %+v", det.Disputes)
	}
	if d := det.Documents["wire-a"]; d.Title == nil || *d.Title != "Depot shelled" {
		t.Errorf("documents = %+v", det.Documents)
	}
}

func TestDocumentHighlightsAreCodePointsOfItsReports(t *testing.T) {
	st := newStore(t)
	fixture(t, st)
	det := decode[documentDetail](t, get(t, New(st, Options{}), "/api/documents/wire-b"))
	if len(det.Highlights) != 2 {
		t.Fatalf("highlights = %+v", det.Highlights)
	}
	runes := []rune(det.Text)
	h := det.Highlights[0]
	if got := string(runes[h.Start:h.End]); got != "Officials denied that the depot in Kfar Tala was hit." || h.EventID != "ev-depot" {
		t.Errorf("highlight %+v covers %q", h, got)
	}
}

func TestHeaders(t *testing.T) {
	st := newStore(t)
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "page") })
	h := New(st, Options{Page: page})
	for _, target := range []string{"/", "/api/events", "/healthz"} {
		rec := get(t, h, target)
		if rec.Code != 200 {
			t.Errorf("%s: status %d", target, rec.Code)
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s: CSP %q", target, csp)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", target)
		}
	}
	if cc := get(t, h, "/api/events/nope").Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("event Cache-Control = %q, want no-store", cc)
	}
	// Listings may be kept, but only with revalidation by their ETag.
	rec := get(t, h, "/api/events")
	if cc := rec.Header().Get("Cache-Control"); cc != "no-cache" || rec.Header().Get("ETag") == "" {
		t.Errorf("events Cache-Control = %q, ETag %q; want no-cache and an ETag", cc, rec.Header().Get("ETag"))
	}
}

// TestOpenAPIMatchesRoutes keeps openapi.json and the routes in step: every
// route is documented and every documented operation is routed.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var spec struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	rec := get(t, New(newStore(t), Options{}), "/api/openapi.json")
	if err := json.Unmarshal(rec.Body.Bytes(), &spec); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(spec.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", spec.OpenAPI)
	}
	var documented, routed []string
	for p, ops := range spec.Paths {
		for m := range ops {
			documented = append(documented, strings.ToUpper(m)+" "+p)
		}
	}
	for _, r := range routes() {
		routed = append(routed, r.method+" "+r.path)
	}
	sort.Strings(documented)
	sort.Strings(routed)
	if !slices.Equal(documented, routed) {
		t.Errorf("openapi.json documents\n%v\nbut the routes are\n%v", documented, routed)
	}
}
