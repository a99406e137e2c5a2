package place

import (
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// TestNamesWithTypeAndFeatureWords: a name written with a type, feature
// or compass word is another entity than the bare name; each case says
// where the whole phrase must be, at which precision, or that it must be
// reported without a point (unresolved), never at the bare name's.
func TestNamesWithTypeAndFeatureWords(t *testing.T) {
	const unresolved = "unresolved"
	type want struct {
		surface   string
		lat, lon  float64 // within 100 km
		precision string  // or unresolved
	}
	cases := []struct {
		name string
		text string
		want []want
		not  []string
	}{
		{"a US county is the county of the state the text names, not a town of the name",
			"Deputies in Scott County, Indiana, closed the bridge after the storm.",
			[]want{{"Scott County", 38.69, -85.75, doc.PrecisionDistrict}}, []string{"Scott"}},
		{"a county's office names the county",
			"The Laurel County Sheriff's Office in Kentucky said two men were held.",
			[]want{{"Laurel County", 37.11, -84.12, doc.PrecisionDistrict}}, nil},
		{"the state the story is about picks among counties of one name",
			"Officers in Iowa said a Scott County deputy was hurt in the crash.",
			[]want{{"Scott County", 41.64, -90.62, doc.PrecisionDistrict}}, nil},
		{"a dateline's abbreviated county is the county",
			"PLYMOUTH CO., Iowa - Thieves took tools from a farm.",
			[]want{{"PLYMOUTH CO.", 42.74, -96.21, doc.PrecisionDistrict}}, nil},
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
				if w.precision == unresolved {
					if p.Resolved {
						t.Errorf("%q: got %s (%f,%f), want no point", w.surface, p.Name, p.Lat, p.Lon)
					}
					continue
				}
				if !p.Resolved || p.Precision != w.precision || km(p.Lat, p.Lon, w.lat, w.lon) > 100 {
					t.Errorf("%q: got %s (%.2f,%.2f) %s resolved=%v, want (%.2f,%.2f) %s",
						w.surface, p.Name, p.Lat, p.Lon, p.Precision, p.Resolved, w.lat, w.lon, w.precision)
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
