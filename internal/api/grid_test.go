package api

import (
	"context"
	"math"
	"net/url"
	"reflect"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// TestGridMatchesTheEvents checks the store's grid against one counted by
// walking the events themselves, on a generated store, for several zooms
// and filters.
func TestGridMatchesTheEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 10,000 events")
	}
	st := newStore(t)
	ctx := context.Background()
	if err := fillBenchStore(ctx, st, 10000); err != nil {
		t.Fatal(err)
	}
	h := New(st, Options{})
	for _, tt := range []struct {
		name, query string
	}{
		{"the whole region at the lowest zoom", "zoom=0"},
		{"the whole region at zoom 5", "zoom=5"},
		{"a box and a month at zoom 8", "zoom=8&bbox=34,30,38,33&from=2023-03-01&to=2023-03-31"},
		{"one type at zoom 3", "zoom=3&type=Battles&sub_type=Armed+clash"},
		{"an actor at zoom 6", "zoom=6&actor=River+Guard"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, h, "/api/events/grid?"+tt.query)
			if rec.Code != 200 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			got := decode[gridAnswer](t, rec)
			q, err := ParseQuery(mustQuery(t, tt.query))
			if err != nil {
				t.Fatal(err)
			}
			want, err := gridByWalking(ctx, st, q, got.Cell)
			if err != nil {
				t.Fatal(err)
			}
			total := 0
			if err := st.Events(ctx, q, func(record.Event) error { total++; return nil }); err != nil {
				t.Fatal(err)
			}
			if got.Total != total || total == 0 {
				t.Errorf("total = %d, want the %d matching events", got.Total, total)
			}
			if len(got.Cells) != len(want) {
				t.Fatalf("%d cells, want %d", len(got.Cells), len(want))
			}
			for i, c := range got.Cells {
				w := want[i]
				sum := 0
				for _, n := range c.Types {
					sum += n
				}
				if c.Row != w.Row || c.Col != w.Col || c.Count != w.Count || sum != c.Count || c.Extent != w.Extent ||
					math.Abs(c.Lat-w.Lat) > 1e-6 || math.Abs(c.Lon-w.Lon) > 1e-6 {
					t.Errorf("cell %d = %+v, want %+v", i, c.GridCell, w)
				}
				if c.Lat < c.BBox[1] || c.Lat >= c.BBox[3] || c.Lon < c.BBox[0] || c.Lon >= c.BBox[2] {
					t.Errorf("cell %d position (%v, %v) is outside its box %v", i, c.Lat, c.Lon, c.BBox)
				}
			}
		})
	}
}

func TestGridCellSizeHalvesPerZoom(t *testing.T) {
	for z := range MaxGridZoom {
		if got, want := CellSize(z+1), CellSize(z)/2; got != want {
			t.Errorf("CellSize(%d) = %v, want %v", z+1, got, want)
		}
	}
	if got := CellSize(0); got != 90 {
		t.Errorf("CellSize(0) = %v, want 90 (a quarter of the world's width)", got)
	}
}

func mustQuery(t *testing.T, raw string) map[string][]string {
	t.Helper()
	v, err := url.ParseQuery(raw)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestDaysCountDatedEventsUnderTheFilters(t *testing.T) {
	st := newStore(t)
	fixture(t, st)
	h := New(st, Options{})
	got := decode[daysAnswer](t, get(t, h, "/api/events/days?type=Battles"))
	want := daysAnswer{Total: 2, Days: []store.DayCount{{Date: "2024-05-03", Count: 1}, {Date: "2024-05-04", Count: 1}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("days = %+v, want %+v", got, want)
	}
	if got := decode[daysAnswer](t, get(t, h, "/api/events/days?type=Riots")); got.Total != 0 || got.Days == nil {
		t.Errorf("days of no event = %+v, want total 0 and an empty list", got)
	}
}
