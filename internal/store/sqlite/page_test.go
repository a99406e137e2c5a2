package sqlite

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

// pageFixture stores events spread around the antimeridian and the prime
// meridian, some on cell edges (whole degrees), some undated, some with
// no location, some lasting several days, some whose two actors are the
// same: every case a page query's index walks must agree on.
func pageFixture(t *testing.T) (*Store, []record.Event) {
	t.Helper()
	s := openTest(t)
	t.Cleanup(func() { s.Close() })
	rng := rand.New(rand.NewPCG(7, 9))
	d := storetest.GeneratedDocument(1, 2000)
	actors := []string{"Northern Front", "River Guard", "Hill Battalion"}
	types := [][2]string{{"Battles", "Armed clash"}, {"Riots", "Mob violence"}}
	var evs []record.Event
	for i := range 700 {
		date := ""
		if rng.IntN(10) > 0 {
			date = storetest.Day("2023-01-01").AddDate(0, 0, rng.IntN(120)).Format(time.DateOnly)
		}
		ty := types[rng.IntN(len(types))]
		ev := storetest.NewEvent(fmt.Sprintf("ev-%04d", i), d, rng.IntN(len(d.Sentences)), date, ty[0], ty[1])
		if date != "" && rng.IntN(15) == 0 {
			end := storetest.Day(date).AddDate(0, 0, 1+rng.IntN(20)).Format(time.DateOnly)
			ev.DateEnd = &end
		}
		if rng.IntN(12) > 0 {
			lon := []float64{-180, 0, 179}[rng.IntN(3)] + rng.Float64()*2 - 0.5
			lon = max(-180, min(180, lon))
			lat := rng.Float64()*6 - 3
			if rng.IntN(5) == 0 {
				// On a cell edge.
				lat, lon = float64(int(lat)), float64(int(lon))
			}
			ev.Location = &record.Location{Name: fmt.Sprintf("Town %d", i%9), Lat: lat, Lon: lon, Precision: "town"}
		}
		ev.Actor1 = &record.Actor{Name: actors[rng.IntN(len(actors))]}
		if rng.IntN(2) == 0 {
			ev.Actor2 = &record.Actor{Name: actors[rng.IntN(len(actors))]}
		}
		evs = append(evs, ev)
	}
	if _, err := s.SaveBatch(context.Background(), []*doc.Document{d}, evs); err != nil {
		t.Fatal(err)
	}
	return s, evs
}

// want lists what Events must yield for q, worked out in Go from the
// events themselves: the specification the SQL paths must meet.
func want(evs []record.Event, q store.EventQuery) []string {
	var dated, undated []record.Event
	for _, ev := range evs {
		if b := q.BBox; b != nil && (ev.Location == nil || !b.Contains(ev.Location.Lon, ev.Location.Lat)) {
			continue
		}
		if q.Actor != "" && !((ev.Actor1 != nil && ev.Actor1.Name == q.Actor) || (ev.Actor2 != nil && ev.Actor2.Name == q.Actor)) {
			continue
		}
		if q.EventType != "" && ev.EventType != q.EventType {
			continue
		}
		if ev.Date == nil {
			if q.From.IsZero() && q.To.IsZero() {
				undated = append(undated, ev)
			}
			continue
		}
		end := *ev.Date
		if ev.DateEnd != nil {
			end = *ev.DateEnd
		}
		if !q.From.IsZero() && end < q.From.Format(time.DateOnly) || !q.To.IsZero() && *ev.Date > q.To.Format(time.DateOnly) {
			continue
		}
		dated = append(dated, ev)
	}
	slices.SortFunc(dated, func(a, b record.Event) int { return cmp.Or(cmp.Compare(*a.Date, *b.Date), cmp.Compare(a.ID, b.ID)) })
	slices.SortFunc(undated, func(a, b record.Event) int { return cmp.Compare(a.ID, b.ID) })
	var ids []string
	for _, ev := range append(dated, undated...) {
		ids = append(ids, ev.ID)
	}
	return ids
}

// pages lists q page by page, limit at a time, resuming from each page's
// last event, as the API does; limit 0 lists it in one go.
func pages(t *testing.T, s *Store, q store.EventQuery, limit int) []string {
	t.Helper()
	var ids []string
	for range 1000 {
		q.Limit = limit
		var page []record.Event
		if err := s.Events(context.Background(), q, func(ev record.Event) error {
			page = append(page, ev)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for _, ev := range page {
			ids = append(ids, ev.ID)
		}
		if limit == 0 || len(page) < limit {
			return ids
		}
		c := store.CursorOf(page[len(page)-1])
		q.After = &c
	}
	t.Fatal("more than 1000 pages")
	return nil
}

func TestPagesMatchTheFiltersWhateverIndexTheyWalk(t *testing.T) {
	s, evs := pageFixture(t)
	box := func(a, b, c, d float64) *store.BBox { return &store.BBox{MinLon: a, MinLat: b, MaxLon: c, MaxLat: d} }
	for _, tc := range []struct {
		name string
		q    store.EventQuery
	}{
		{"a small box is split into cells", store.EventQuery{BBox: box(0.2, -1.5, 1.4, 0.7)}},
		{"a box on whole degrees includes the events on its edges", store.EventQuery{BBox: box(0, -1, 1, 1)}},
		{"a box across the antimeridian is split on both sides", store.EventQuery{BBox: box(179.2, -2, -179.6, 2)}},
		{"a box at the antimeridian's edge", store.EventQuery{BBox: box(178, -3, 180, 3)}},
		{"a box with dates walks the cells from the first date", store.EventQuery{BBox: box(-0.5, -3, 1.5, 3), From: storetest.Day("2023-02-01"), To: storetest.Day("2023-02-28")}},
		{"a box with a lower date bound keeps the events reaching into it", store.EventQuery{BBox: box(-0.5, -3, 1.5, 3), From: storetest.Day("2023-03-15")}},
		{"a box and a type", store.EventQuery{BBox: box(-0.5, -3, 1.5, 3), EventType: "Riots"}},
		{"a box too large to split walks the date order", store.EventQuery{BBox: box(-180, -90, 180, 90)}},
		{"a box with no events", store.EventQuery{BBox: box(60, 10, 61, 11)}},
		{"an actor is either actor, once", store.EventQuery{Actor: "River Guard"}},
		{"an actor and a month", store.EventQuery{Actor: "Northern Front", From: storetest.Day("2023-02-01"), To: storetest.Day("2023-02-28")}},
		{"an actor and a box", store.EventQuery{Actor: "Hill Battalion", BBox: box(-1, -3, 2, 3)}},
		{"a month", store.EventQuery{From: storetest.Day("2023-03-01"), To: storetest.Day("2023-03-31")}},
		{"a type and a lower date bound", store.EventQuery{EventType: "Battles", From: storetest.Day("2023-04-01")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := want(evs, tc.q)
			all := pages(t, s, tc.q, 0)
			if !slices.Equal(all, w) {
				t.Fatalf("unpaged: got %d events %v, want %d %v", len(all), all, len(w), w)
			}
			for _, limit := range []int{3, 7, 100} {
				if got := pages(t, s, tc.q, limit); !slices.Equal(got, w) {
					t.Errorf("pages of %d: got %d events %v, want %d %v", limit, len(got), got, len(w), w)
				}
			}
		})
	}
}

func TestBoxCells(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    store.BBox
		want []int64
	}{
		{"a box inside one cell", store.BBox{MinLon: 0.2, MinLat: 0.2, MaxLon: 0.8, MaxLat: 0.8}, []int64{90*361 + 180}},
		{"a box ending on a whole degree takes the cell beyond it", store.BBox{MinLon: 0.5, MinLat: 0.5, MaxLon: 1, MaxLat: 0.7}, []int64{90*361 + 180, 90*361 + 181}},
		{"a box across the antimeridian", store.BBox{MinLon: 179.5, MinLat: -0.5, MaxLon: -179.5, MaxLat: -0.2}, []int64{89*361 + 359, 89*361 + 360, 89*361 + 0}},
		{"a box of more cells than allowed", store.BBox{MinLon: 0, MinLat: 0, MaxLon: 10, MaxLat: 10}, nil},
		{"a box beyond the poles is not split", store.BBox{MinLon: 0, MinLat: -91, MaxLon: 1, MaxLat: -89}, nil},
		{"a box beyond the antimeridian is not split", store.BBox{MinLon: 179.5, MinLat: 0, MaxLon: 180.5, MaxLat: 1}, nil},
		{"a box of NaN is not split", store.BBox{MinLon: math.NaN(), MinLat: 0, MaxLon: 1, MaxLat: 1}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := boxCells(tc.b, 40); !slices.Equal(got, tc.want) {
				t.Errorf("boxCells = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestListingsStayRightWhenTheStatementCacheStartsOver(t *testing.T) {
	s, evs := pageFixture(t)
	// A box of several cells makes a compound query whose page size is
	// part of its text: every limit below is a statement of its own.
	q := store.EventQuery{BBox: &store.BBox{MinLon: -0.5, MinLat: -3, MaxLon: 1.5, MaxLat: 3}}
	all := want(evs, q)
	for limit := 1; limit <= maxStmts+10; limit++ {
		q.Limit = limit
		n := 0
		if err := s.EventsRaw(context.Background(), q, func(store.Cursor, []byte) error { n++; return nil }); err != nil {
			t.Fatal(err)
		}
		if w := min(limit, len(all)); n != w {
			t.Fatalf("limit %d: %d events, want %d", limit, n, w)
		}
	}
	s.stmts.mu.Lock()
	n := len(s.stmts.m)
	s.stmts.mu.Unlock()
	if n > maxStmts {
		t.Errorf("%d statements kept, want at most %d", n, maxStmts)
	}
}

func TestAStatementTakenBeforeTheCacheStartsOverStillRuns(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	st, release, err := s.stmts.acquire(ctx, s.r, "SELECT 41 + 1")
	if err != nil {
		t.Fatal(err)
	}
	// Other callers fill the cache until it starts over while st is held.
	for i := range maxStmts + 1 {
		_, rel, err := s.stmts.acquire(ctx, s.r, fmt.Sprintf("SELECT %d", i))
		if err != nil {
			t.Fatal(err)
		}
		rel()
	}
	var got int
	if err := st.QueryRowContext(ctx).Scan(&got); err != nil || got != 42 {
		t.Fatalf("query on a statement held across the cache starting over: %d, %v", got, err)
	}
	release()
	if err := st.QueryRowContext(ctx).Scan(&got); err == nil {
		t.Error("the statement let go of is still open after its last user released it")
	}
}

func TestMigrationIndexesTheCellsOfStoredEvents(t *testing.T) {
	ctx := context.Background()
	s, evs := pageFixture(t)
	path := s.Path()
	// Take the store back to schema version 8, events and all, as a
	// release before events_cell left it.
	for _, q := range []string{"DROP INDEX events_cell", "DELETE FROM schema_migrations WHERE version = 9"} {
		if _, err := s.w.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open a version 8 store: %v", err)
	}
	defer s2.Close()
	var n int
	if err := s2.r.QueryRowContext(ctx, "SELECT count(*) FROM events INDEXED BY events_cell WHERE lat IS NOT NULL AND lon IS NOT NULL").Scan(&n); err != nil {
		t.Fatal(err)
	}
	located := 0
	for _, ev := range evs {
		if ev.Location != nil {
			located++
		}
	}
	if n != located {
		t.Errorf("events_cell holds %d events, want the %d located ones", n, located)
	}
	q := store.EventQuery{BBox: &store.BBox{MinLon: 0.2, MinLat: -1.5, MaxLon: 1.4, MaxLat: 0.7}}
	if got, w := pages(t, s2, q, 7), want(evs, q); !slices.Equal(got, w) {
		t.Errorf("box after the upgrade: got %v, want %v", got, w)
	}
}
