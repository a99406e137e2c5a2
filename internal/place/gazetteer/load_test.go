package gazetteer

import (
	"runtime"
	"testing"
)

func TestLoadFindsPlacesByAnySpelling(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		spell   string
		wantID  int64
		feature string
	}{
		{"a French spelling finds the Syrian town", "Khan Sheikhoun", 168325, ""},
		{"a spelling without h finds it", "Khan Sheikoun", 168325, ""},
		{"the GeoNames spelling finds it", "Khan Shaykhun", 168325, ""},
		{"Idleb finds the city", "Idleb", 169389, ""},
		{"a country by its name", "Syria", 163843, ""},
		{"a country by its abbreviation", "U.S.", 6252001, ""},
		{"a continent from the supplement", "Europe", 6255148, ""},
		{"a division from Natural Earth", "Alberta", 0, FeatureAdmin1},
		{"a state abbreviation from the supplement", "Ky.", 0, FeatureAdmin1},
		{"a base from the supplement", "Shayrat airbase", 0, "S.AIRB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			found := false
			for _, cand := range g.Lookup(c.spell) {
				e := g.Entry(cand.Entry)
				if (c.wantID != 0 && e.ID == c.wantID) || (c.wantID == 0 && e.Feature == c.feature) {
					found = true
				}
			}
			if !found {
				t.Errorf("Lookup(%q) has no entry with id %d / feature %q", c.spell, c.wantID, c.feature)
			}
		})
	}
}

func TestLoadKnowsDemonyms(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	got := false
	for _, c := range g.Lookup("Syrian") {
		if c.Demonym && g.Entry(c.Entry).Country == "SY" {
			got = true
		}
	}
	if !got {
		t.Error(`Lookup("Syrian") has no demonym of Syria`)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var g *Gazetteer
	for b.Loop() {
		var err error
		g, err = Load()
		if err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(g.Len()), "places")
}

// The generated name index holds folded keys; this fails when Fold changes
// without `go generate`.
func TestEmbeddedNamesAgreeWithFold(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for i := g.static.base; i < g.static.base+int32(len(g.entries))-g.static.base; i += 997 {
		e := g.Entry(i)
		if e.Name == "" || len(Fold(e.Name)) == 0 {
			continue
		}
		found := false
		for _, c := range g.Lookup(e.Name) {
			if c.Entry == i {
				found = true
			}
		}
		if !found {
			t.Errorf("Lookup(%q) misses its own entry %d: regenerate data/ after changing Fold", e.Name, i)
		}
		checked++
	}
	if checked < 100 {
		t.Errorf("checked only %d entries", checked)
	}
}
