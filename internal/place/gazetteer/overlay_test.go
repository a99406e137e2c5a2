package gazetteer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
)

func TestImportAddsVillagesTheEmbeddedGazetteerLacks(t *testing.T) {
	ctx := context.Background()
	ov, err := OpenOverlay(ctx, filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ov.Close()
	for _, f := range []string{"testdata/SY-sample.txt", "testdata/admin1-sample.txt", "testdata/alternateNamesV2-sample.txt"} {
		if _, err := ov.ImportFile(ctx, f); err != nil {
			t.Fatalf("import %s: %v", f, err)
		}
	}
	before, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range before.Lookup("Latamneh") {
		if before.Entry(c.Entry).ID == 7535633 {
			t.Fatal("the embedded gazetteer already has Latamneh; pick a test village it lacks")
		}
	}
	b := NewBuilder()
	if err := b.AddDefault(); err != nil {
		t.Fatal(err)
	}
	if err := ov.AddTo(ctx, b); err != nil {
		t.Fatal(err)
	}
	g := b.Build()
	cases := []struct {
		name   string
		lookup string
		wantID int64
	}{
		{"the primary name of an imported village resolves", "Al Laţāminah", 7535633},
		{"an alternate spelling from the geoname row resolves", "Latamneh", 7535633},
		{"an alternate name from alternateNamesV2 resolves", "Latamna", 7535633},
		{"a city district resolves", "al-Qaboun", 7535634},
		{"an admin1 code gives the Natural Earth division its GeoNames id", "Idlib", 169388},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, cand := range g.Lookup(c.lookup) {
				if g.Entry(cand.Entry).ID == c.wantID {
					return
				}
			}
			t.Errorf("Lookup(%q) has no entry %d", c.lookup, c.wantID)
		})
	}
	for _, cand := range g.Lookup("Oldhamathia") {
		if g.Entry(cand.Entry).ID == 170017 {
			t.Error("a historic alternate name was imported")
		}
	}
}

func TestParseDumpRejectsOtherFormats(t *testing.T) {
	err := ParseDump(bytes.NewReader([]byte("a,b,c\n")), "x.csv", func(Record) error { return nil })
	var le *LineError
	if !errors.As(err, &le) || le.Line != 1 || !errors.Is(err, ErrFormat) {
		t.Errorf("got %v, want a line 1 format error", err)
	}
}

// FuzzImport checks that no input panics the GeoNames dump parser and that
// every place it returns has valid coordinates.
func FuzzImport(f *testing.F) {
	f.Add("7535633\tAl Laţāminah\tAl Latamina\tLatamneh\t35.3183\t36.6228\tP\tPPL\tSY\t\t10\t\t\t\t0\t\t310\tAsia/Damascus\t2012-01-18\n")
	f.Add("SY.12\tIdlib\tIdlib\t169388\n")
	f.Add("1\t7535633\ten\tLatamna\t\t\t\t\t\t\n")
	f.Fuzz(func(t *testing.T, s string) {
		_ = ParseDump(bytes.NewReader([]byte(s)), "fuzz.txt", func(r Record) error {
			if p := r.Place; p != nil && (p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180) {
				t.Fatalf("place with bad coordinates %v,%v", p.Lat, p.Lon)
			}
			return nil
		})
	})
}

func ExampleGazetteer_Lookup() {
	g, err := Load()
	if err != nil {
		panic(err)
	}
	for _, spelling := range []string{"Khan Sheikhoun", "Khan Shaykhun", "Khan Sheikoun"} {
		for _, c := range g.Lookup(spelling) {
			if e := g.Entry(c.Entry); e.Country == "SY" {
				fmt.Println(spelling, "->", e.ID)
			}
		}
	}
	// Output:
	// Khan Sheikhoun -> 168325
	// Khan Shaykhun -> 168325
	// Khan Sheikoun -> 168325
}

func ExampleFold() {
	fmt.Println(Fold("Taibat al-Imam"), Fold("Tayyibat al Imam"))
	// Output: [taybat al imam] [taybat al imam]
}
