package storetest

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// testEventsRaw checks that raw records decode to what Events yields, in
// the same order and with the positions a cursor needs.
func testEventsRaw(t *testing.T, s store.Store) {
	rl, ok := s.(store.RawEventLister)
	if !ok {
		t.Skip("backend has no EventsRaw")
	}
	richFixture(t, s)
	ctx := context.Background()
	for _, q := range []store.EventQuery{
		{},
		{Limit: 2},
		{EventType: "Battles"},
		{Actor: "government forces", Limit: 1},
		{After: &store.Cursor{Date: "2024-05-03", ID: "r-assault"}},
		{After: &store.Cursor{ID: "r-drones"}},
		{From: Day("2024-05-03")},
	} {
		want := events(t, s, q)
		var got []record.Event
		var pos []store.Cursor
		if err := rl.EventsRaw(ctx, q, func(c store.Cursor, raw []byte) error {
			var ev record.Event
			if err := json.Unmarshal(raw, &ev); err != nil {
				return err
			}
			got = append(got, ev)
			pos = append(pos, c)
			return nil
		}); err != nil {
			t.Fatalf("EventsRaw(%+v): %v", q, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("EventsRaw(%+v) = %v, want the records of Events %v", q, eventIDs(got), eventIDs(want))
			continue
		}
		for i, ev := range want {
			if pos[i] != store.CursorOf(ev) {
				t.Errorf("EventsRaw(%+v) position %d = %+v, want %+v", q, i, pos[i], store.CursorOf(ev))
			}
		}
	}
}

// testEventsVersion checks that the version moves with every kind of
// write to events and only then.
func testEventsVersion(t *testing.T, s store.Store) {
	vs, ok := s.(store.Versioner)
	if !ok {
		t.Skip("backend has no EventsVersion")
	}
	ctx := context.Background()
	version := func() store.Version {
		t.Helper()
		v, err := vs.EventsVersion(ctx)
		if err != nil {
			t.Fatalf("EventsVersion: %v", err)
		}
		return v
	}
	seen := map[string]string{}
	step := func(what string, v store.Version) {
		t.Helper()
		if prev, dup := seen[v.Tag]; dup {
			t.Errorf("version after %s = %q, the same as after %s", what, v.Tag, prev)
		}
		seen[v.Tag] = what
	}
	empty := version()
	step("opening", empty)
	if again := version(); again != empty {
		t.Errorf("version read twice = %+v then %+v, want the same", empty, again)
	}
	d := NewDocument("v-doc", "Shelling hit Kfar Tala.", "A raid on Bir Zahra followed.")
	save(t, s, nil, nil) // an empty batch writes nothing
	if v := version(); v.Tag != empty.Tag {
		t.Errorf("version after an empty batch = %q, want unchanged %q", v.Tag, empty.Tag)
	}
	a, b := NewEvent("v-a", d, 0, "2024-02-01", "Battles", "Armed clash"), NewEvent("v-b", d, 1, "2024-02-02", "Battles", "Armed clash")
	save(t, s, []*doc.Document{d}, []record.Event{a, b})
	saved := version()
	step("saving events", saved)
	if saved.Modified.IsZero() {
		t.Errorf("modified after saving events is zero, want the time of the write")
	}
	events(t, s, store.EventQuery{})
	if v := version(); v.Tag != saved.Tag {
		t.Errorf("version after a read = %q, want unchanged %q", v.Tag, saved.Tag)
	}
	a.EventType = "Riots"
	if err := s.ReplaceEvents(ctx, nil, []record.Event{a}); err != nil {
		t.Fatal(err)
	}
	step("rewriting an event", version())
	if err := s.ReplaceEvents(ctx, []string{"v-b"}, nil); err != nil {
		t.Fatal(err)
	}
	removed := version()
	step("removing an event", removed)
	if removed.Modified.Before(saved.Modified) {
		t.Errorf("modified went back from %v to %v", saved.Modified, removed.Modified)
	}
}

// testEventGrid checks cell counts, the per-type split, filters and the
// alignment of cells south and west of zero, and the counts per day.
func testEventGrid(t *testing.T, s store.Store) {
	g, ok := s.(store.Gridder)
	if !ok {
		t.Skip("backend has no EventGrid")
	}
	richFixture(t, s)
	ctx := context.Background()
	grid := func(q store.EventQuery, cell float64) []store.GridCell {
		t.Helper()
		cells, err := g.EventGrid(ctx, q, cell)
		if err != nil {
			t.Fatalf("EventGrid(%+v, %v): %v", q, cell, err)
		}
		return cells
	}
	type key struct{ row, col, count int }
	keys := func(cells []store.GridCell) []key {
		var ks []key
		for _, c := range cells {
			ks = append(ks, key{c.Row, c.Col, c.Count})
		}
		return ks
	}
	// Kfar Tala (36.1, 35.2), Bir Zahra (36.4, 35.9) and Qasr Abyad
	// (35.8, 34.9) share no 1° cell; with 2° cells the first two share
	// row 17, col 18; Tell Maqam (37.0, 36.5) is row 18; Taveuni
	// (179.9, -16.8) is row -9 (floor, not truncation), col 89.
	tests := []struct {
		name string
		q    store.EventQuery
		cell float64
		want []key
	}{
		{"every located event counts in its cell", store.EventQuery{}, 2,
			[]key{{-9, 89, 1}, {17, 17, 1}, {17, 18, 2}, {18, 18, 1}}},
		{"a filter narrows the counts", store.EventQuery{EventType: "Battles"}, 2,
			[]key{{-9, 89, 1}, {17, 17, 1}, {17, 18, 1}}},
		{"a box keeps the cells of its events", store.EventQuery{BBox: &store.BBox{MinLon: 35, MinLat: 34, MaxLon: 37, MaxLat: 36}}, 1,
			[]key{{34, 35, 1}, {35, 36, 2}}},
		{"a date range leaves out undated events", store.EventQuery{From: Day("2024-05-01"), To: Day("2024-05-04")}, 2,
			[]key{{17, 17, 1}, {17, 18, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := grid(tt.q, tt.cell)
			if !slices.Equal(keys(got), tt.want) {
				t.Errorf("cells = %v, want %v", keys(got), tt.want)
			}
		})
	}
	cells := grid(store.EventQuery{}, 2)
	for _, c := range cells {
		if c.Row == 17 && c.Col == 18 {
			want := map[string]int{"Explosions/Remote violence": 1, "Battles": 1}
			if !reflect.DeepEqual(c.Types, want) {
				t.Errorf("types of the shared cell = %v, want %v", c.Types, want)
			}
			if c.Lat < 35.54 || c.Lat > 35.56 || c.Lon < 36.24 || c.Lon > 36.26 {
				t.Errorf("position of the shared cell = (%v, %v), want the mean (35.55, 36.25)", c.Lat, c.Lon)
			}
			if want := [4]float64{36.1, 35.2, 36.4, 35.9}; c.Extent != want {
				t.Errorf("extent of the shared cell = %v, want %v", c.Extent, want)
			}
		}
	}
	days, err := g.EventDays(ctx, store.EventQuery{EventType: "Battles", From: Day("2024-05-04")})
	if err != nil {
		t.Fatal(err)
	}
	if want := []store.DayCount{{Date: "2024-05-04", Count: 1}, {Date: "2024-05-05", Count: 1}}; !slices.Equal(days, want) {
		t.Errorf("EventDays(Battles from 2024-05-04) = %v, want %v", days, want)
	}
	if days, err = g.EventDays(ctx, store.EventQuery{}); err != nil || len(days) != 4 {
		t.Errorf("EventDays() = %v, %v; want the 4 dated days, not the undated event", days, err)
	}
	if _, err := g.EventGrid(ctx, store.EventQuery{}, 0); err == nil {
		t.Errorf("EventGrid with a zero cell: no error, want one")
	}
}
