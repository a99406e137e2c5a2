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
		{"a town in a county is the one near the county's centre",
			"Nurses in Austin, in Scott County, Indiana, opened a clinic.",
			[]want{{"Austin", 38.76, -85.81, doc.PrecisionTown}, {"Scott County", 38.69, -85.75, doc.PrecisionDistrict}}, nil},
		{"a county located in a state is that state's",
			"Swans died in Crawford County located in Pennsylvania last week.",
			[]want{{"Crawford County", 41.68, -80.11, doc.PrecisionDistrict}}, nil},
		{"an ocean is the ocean at region precision, not a village of its name",
			"Storms over the Pacific delayed the fleet bound for the Atlantic.",
			[]want{{"Pacific", 0, -160, doc.PrecisionRegion}, {"Atlantic", 0, -30, doc.PrecisionRegion}}, nil},
		{"a world region is the region, not its continent or a country inside it",
			"Aid reached Central America and Latin America before Northern Europe pledged more.",
			[]want{{"Central America", 14, -87, doc.PrecisionRegion}, {"Latin America", -5, -65, doc.PrecisionRegion},
				{"Northern Europe", 60, 15, doc.PrecisionRegion}}, []string{"America", "Europe"}},
		{"a division named after a country is the division",
			"Herders in Inner Mongolia and farmers in East Azerbaijan lost stock.",
			[]want{{"Inner Mongolia", 44.08, 113.9, doc.PrecisionAdmin1}, {"East Azerbaijan", 37.92, 46.57, doc.PrecisionAdmin1}},
			[]string{"Mongolia", "Azerbaijan"}},
		{"a valley named like a town abroad is not the town",
			"In Regina, Saskatchewan, engineers said Stockton Valley fields may flood.",
			[]want{{"Stockton Valley", 0, 0, unresolved}}, []string{"Stockton"}},
		{"a square named after a saint is not a town called after him",
			"Crowds in Rome, Italy, gathered in St. Peter's Square at noon.",
			[]want{{"St. Peter's Square", 0, 0, unresolved}}, nil},
		{"a division named by a generic word, inside a longer name, is not that division",
			"Herons nest in the Danube Delta of Romania, and fishermen work Mahim Bay off Mumbai.",
			[]want{{"Danube Delta", 0, 0, unresolved}, {"Mahim Bay", 0, 0, unresolved}, {"Romania", 46, 25, doc.PrecisionCountry}},
			[]string{"Delta", "Bay"}},
		{"a feature word that is itself a division joins the name before it",
			"Kayakers paddled Islington Bay near Auckland, New Zealand.",
			[]want{{"Islington Bay", 0, 0, unresolved}}, []string{"Islington", "Bay"}},
		{"a compass word before a division abroad names another area",
			"Hospitals in the West Midlands of England filled up.",
			[]want{{"West Midlands", 0, 0, unresolved}, {"England", 52.16, -0.7, doc.PrecisionAdmin1}}, []string{"Midlands"}},
		{"a valley of the country the story is about stays in that country",
			"Settlers moved into the Jordan Valley, officials in Amman said.",
			[]want{{"Jordan", 31, 36, doc.PrecisionCountry}}, nil},
		{"a part of a city keeps the city",
			"Police raided homes in East Jerusalem on Monday.",
			[]want{{"East Jerusalem", 31.77, 35.22, doc.PrecisionDistrict}}, nil},
		{"an island is the island, not a village of its name",
			"Typhoon winds reached Luzon before the storm turned.",
			[]want{{"Luzon", 16, 121, doc.PrecisionRegion}}, nil},
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
