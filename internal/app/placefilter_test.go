package app

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

func TestPlaceFilter(t *testing.T) {
	ctx := context.Background()
	st, err := OpenStore(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	g, err := LoadGazetteer(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	loads := 0
	load := func() (*gazetteer.Gazetteer, error) {
		loads++
		return g, nil
	}
	id := func(name, cc string) int64 {
		for _, c := range g.Lookup(name) {
			if e := g.Entry(c.Entry); e.Country == cc && e.ID > 0 {
				return e.ID
			}
		}
		t.Fatalf("no %s in %s in the embedded gazetteer", name, cc)
		return 0
	}
	khan, tripoliLY, tripoliLB := id("Khan Shaykhun", "SY"), id("Tripoli", "LY"), id("Tripoli", "LB")

	d := storetest.NewDocument("wire", "Shelling hit the town.", "Clashes in the city.", "A strike on the port.", "Shots near the old mill.")
	at := func(i int, name string, gid int64) record.Event {
		ev := storetest.NewEvent("ev-"+name+string(rune('a'+i)), d, i, "2024-03-01", "Battles", "Armed clash")
		ev.Location = &record.Location{Name: name, GeonameID: gid, Lat: 35, Lon: 36, Precision: "town"}
		return ev
	}
	events := []record.Event{at(0, "Khan Shaykhun", khan), at(1, "Tripoli", tripoliLY), at(2, "Tripoli", tripoliLB), at(3, "Old Mill", 0)}
	if _, err := st.SaveBatch(ctx, []*doc.Document{d}, events); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name, typed, want string
		loads             int
	}{
		{"a stored spelling is used as it is", "Khan Shaykhun", "Khan Shaykhun", 0},
		{"a GeoNames id is used as it is", "2210247", "2210247", 0},
		{"a place with no id is found by its stored name", "Old Mill", "Old Mill", 0},
		{"another spelling finds the place's id", "Khan Sheikhun", itoa(khan), 1},
		{"spelling and case do not matter", "khan sheikhoun", itoa(khan), 1},
		{"a name no event carries stays as it is", "Kfar Nowhere", "Kfar Nowhere", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			loads = 0
			got, err := PlaceFilter(ctx, st, load, tc.typed)
			if err != nil || got != tc.want || loads != tc.loads {
				t.Errorf("PlaceFilter(%q) = %q, %v after %d gazetteer loads; want %q after %d", tc.typed, got, err, loads, tc.want, tc.loads)
			}
		})
	}

	t.Run("a name two places with events share is ambiguous", func(t *testing.T) {
		_, err := PlaceFilter(ctx, st, load, "Tarabulus")
		if !errors.Is(err, ErrAmbiguousPlace) || !strings.Contains(err.Error(), itoa(tripoliLY)) || !strings.Contains(err.Error(), itoa(tripoliLB)) {
			t.Errorf("PlaceFilter(Tarabulus) error = %v, want ErrAmbiguousPlace listing both ids", err)
		}
	})
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
