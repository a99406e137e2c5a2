package place

import (
	"strings"
	"testing"
)

// TestShortDescriptions checks the patterns of one-sentence event
// descriptions: a town given with its division, often with no country
// named. Each case wants the place spelled surface within 25 km of a
// point (GeoNames' coordinates for it).
func TestShortDescriptions(t *testing.T) {
	cases := []struct {
		name     string
		text     string
		surface  string
		lat, lon float64
	}{
		{"a country after a particle still names the country",
			"Students marched in Santiago de Chile against the fare rise.",
			"Santiago de Chile", -33.46, -70.65},
		{"a town comma its state is the town in that state",
			"Farmers blocked a road near the market of Santarem, Para, on Tuesday.",
			"Santarem", -2.44, -54.71},
		{"the state after a town is the one holding the town",
			"Farmers blocked a road near the market of Santarem, Para, on Tuesday.",
			"Para", -3.5, -52.5},
		{"a town with its region in brackets is in that region",
			"Two guards were hurt in a scuffle in Los Angeles (Biobio) on Friday.",
			"Los Angeles", -37.47, -72.35},
		{"a city named like its province is that province's city",
			"Students marched in San Juan (San Juan) against the fare rise.",
			"San Juan", -31.54, -68.54},
		{"a town with district and province in brackets is in the province",
			"Unknown men set fire to a bus in Santa Rosa (Santa Rosa, La Pampa) overnight.",
			"Santa Rosa", -36.62, -64.29},
		{"a town comma its state with diacritics dropped",
			"A rally took place in Toledo, Parana, without incident.",
			"Toledo", -24.71, -53.74},
		{"a division type word may come before the comma",
			"Gunmen killed a shopkeeper in Gardez city, Paktia, at dawn.",
			"Gardez", 33.6, 69.23},
		{"lower-case particles stay inside a name",
			"Two men were shot dead in Leon de los Aldama, Guanajuato, late on Sunday.",
			"Leon de los Aldama", 21.13, -101.67},
		{"a village's exact name after near needs no other place",
			"Artillery fire was reported near Popasna on Sunday.",
			"Popasna", 48.63, 38.38},
		{"a city after in is found though a club's name holds it too",
			"Supporters of Red Star Belgrade fought police in Belgrade, Serbia.",
			"Belgrade", 44.80, 20.47},
		{"an exact full name beats a longer name that starts like it",
			"Police raided a warehouse in Sao Goncalo, Rio de Janeiro, on Monday.",
			"Sao Goncalo", -22.83, -43.05},
		{"a seat of government beats a provincial capital of the same name",
			"Miners marched through La Paz city to demand their pay.",
			"La Paz", -16.50, -68.15},
		{"a type word may come before the brackets of a division",
			"Herders fought over a well in Donga LGA (Taraba) last week.",
			"Donga", 7.72, 10.05},
		{"a town in a list before countries keeps its own country",
			"The strains named after Bundibugyo, Ivory Coast and Sudan differ.",
			"Bundibugyo", 0.71, 30.06},
		{"a state named like its capital after a town is the state",
			"Robbers blew up a cash machine in Ourinhos, Sao Paulo, on Friday.",
			"Sao Paulo", -22.26, -48.73},
		{"a region's English spelling",
			"Herders blocked the highway through Chui region on Monday.",
			"Chui", 42.62, 74.62},
		{"a capital inside a slogan is still the capital later",
			"The group Let Belgrade Breathe called a rally. Hundreds marched in Belgrade, Serbia.",
			"Belgrade", 44.80, 20.47},
		{"a small town on an island the text names by its English name",
			"Fishermen rallied in Souda against the plan to house migrants on Crete.",
			"Souda", 35.49, 24.07},
		{"a state in a list of states is not a town in the next one",
			"Sick birds were found on farms in Iowa, Ohio, Oklahoma, Pennsylvania and Texas.",
			"Oklahoma", 35.58, -97.51},
		{"a name in a list of states is the state, not the capital",
			"Recalls were ordered in Oregon, Utah, Washington and Idaho this week.",
			"Washington", 47.37, -120.44},
		{"a town and its state abbreviation are not a list",
			"GLASGOW, Ky. (AP) -- A barn burned down on Sunday near the county fairground.",
			"GLASGOW", 37.00, -85.91},
		{"a district given as a region's own short name",
			"Residents protested in Providencia, Metropolitana, on Friday.",
			"Providencia", -33.43, -70.60},
		{"a town with a coder's state code in brackets is in that state",
			"Fishermen staged a sit-in at the harbour of Kochi (Ernakulam, KL) on Monday.",
			"Kochi", 9.94, 76.26},
		{"a state code after a town and a comma is the state",
			"Two shops were looted in Lucknow, UP, overnight.",
			"UP", 26.9, 80.5},
		{"a Brazilian state code in brackets is the state",
			"Teachers marched in Campinas (SP) over their pay.",
			"SP", -22.26, -48.73},
		{"a city district the cities500 table lacks",
			"A car bomb hit a checkpoint in Hodan district of Mogadishu.",
			"Hodan", 2.03, 45.30},
		{"a name in brackets after a prison's name is where the prison is",
			"Relatives gathered outside Kober Prison (Khartoum North) at dawn.",
			"Khartoum North", 15.64, 32.54},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := geoparse(t, tc.text)
			for _, p := range d.Places {
				if d.Text[p.Span.Start:p.Span.End] != tc.surface || p.Relation != "" {
					continue
				}
				if got := km(p.Lat, p.Lon, tc.lat, tc.lon); got > 25 && !(p.Precision == "admin1" && got < 400) {
					t.Errorf("%s: got %s, %s (%.2f, %.2f), %.0f km from want (%.2f, %.2f)",
						tc.surface, p.Name, p.Country, p.Lat, p.Lon, got, tc.lat, tc.lon)
				}
				return
			}
			t.Errorf("%s not recognised; places: %v", tc.surface, d.Places)
		})
	}
}

// TestForeignNamesakes checks that a name only folded like a place
// abroad, in a text that names other countries or divisions, or with
// nothing to support it, is not put in that foreign place.
func TestForeignNamesakes(t *testing.T) {
	cases := []struct {
		name, text, surface, notCountry string
	}{
		{"an exonym of a far capital is not that capital",
			"Militiamen looted shops in Kahira (Rutshuru, Nord-Kivu) at night.",
			"Kahira", "EG"},
		{"a folded match abroad is not taken while a division is named",
			"Workers walked out of a factory in Gazipur (Gazipur, Dhaka) on Monday.",
			"Gazipur", "IN"},
		{"a town the text puts in a division is not its large namesake abroad",
			"Neighbours blocked the road into San Miguel, Puno, on Tuesday.",
			"San Miguel", "SV"},
		{"a town with its division in brackets is not a namesake abroad",
			"Soldiers on patrol in El Refugio (Ahuachapan) were fired at.",
			"El Refugio", "MX"},
		{"a town, its district and its province in brackets after a type word",
			"A shop burned in Badah town (Larkana, Sindh) after a quarrel.",
			"Badah", "RU"},
		{"a small town abroad is not taken while the text names another country's region",
			"Workers protested outside a warehouse in Vostok village in Chui region, Kyrgyzstan.",
			"Vostok", "RU"},
		{"a folded match with no support is not reported",
			"A small bomb went off in Pothia, wounding a passer-by.",
			"Pothia", "BD"},
		{"a piece of a hyphenated division's name is not a county abroad",
			"Raiders took cattle from Tokombere town (Mayo-Sava, Extreme-Nord) last night.",
			"Mayo", "IE"},
		{"the other piece of a hyphenated division's name is not a region abroad",
			"Raiders took cattle from Tokombere town (Mayo-Sava, Extreme-Nord) last night.",
			"Sava", "MG"},
		{"a capital's name before a word for a community is that people",
			"Arsonists burned a Roma camp on the edge of Odesa, Ukraine.",
			"Roma", "IT"},
		{"the start of a longer name with particles is not a namesake abroad",
			"Masked men fired at a patrol in San Pedro de la Paz, Biobio, at night.",
			"San Pedro", "HN"},
		{"a common noun at the start of a sentence is not a city it folds like",
			"Gunmen opened fire on a bus near Kandahar.",
			"Gunmen", "CN"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := geoparse(t, tc.text)
			for _, p := range d.Places {
				if d.Text[p.Span.Start:p.Span.End] == tc.surface && p.Country == tc.notCountry {
					t.Errorf("%s: got %s, %s; want no place in %s", tc.surface, p.Name, p.Country, tc.notCountry)
				}
			}
		})
	}
}

// TestFarFromItsDivision checks that a name the text puts in a division
// is not reported far from that division: the gazetteer lacks the one
// meant (US counties, villages) and has a namesake elsewhere.
func TestFarFromItsDivision(t *testing.T) {
	cases := []struct {
		name, text, surface string
		lat, lon            float64 // the division's point
	}{
		{"a county the gazetteer lacks is not a far town of its name in another state",
			"The sheriff of Scott County, Indiana, closed two roads after the storm.",
			"Scott", 39.9, -86.3},
		{"a county after an abbreviated state is not a town elsewhere",
			"A barn burned down in Clark County, Nev., on Sunday.",
			"Clark", 39.3, -116.6},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := geoparse(t, tc.text)
			for _, p := range d.Places {
				if d.Text[p.Span.Start:p.Span.End] == tc.surface && km(p.Lat, p.Lon, tc.lat, tc.lon) > 400 {
					t.Errorf("%s: got %s (%.2f, %.2f), want nothing farther than 400 km from (%.2f, %.2f)",
						tc.surface, p.Name, p.Lat, p.Lon, tc.lat, tc.lon)
				}
			}
		})
	}
}

// TestAbbreviationsOnlyAsParents checks that a division's abbreviation
// (data/abbreviations.tsv) is a place only where it follows a town it
// may hold: elsewhere it is an acronym, an agency or a word.
func TestAbbreviationsOnlyAsParents(t *testing.T) {
	cases := []struct{ name, text, surface string }{
		{"an abbreviation before a noun is an acronym",
			"The UP government sent more police to the border.", "UP"},
		{"an agency's initials after a dateline are not a state",
			"NEWARK, N.J. (AP) -- A cargo plane landed safely after a tyre burst.", "AP"},
		{"an abbreviation before a capitalised word belongs to a longer name",
			"Officials in Lucknow, UP Police said, had arrested two men.", "UP"},
		{"an abbreviation after a town it cannot hold is not its parent",
			"Flights from Lisbon, MH were cancelled.", "MH"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := geoparse(t, tc.text)
			for _, p := range d.Places {
				if d.Text[p.Span.Start:p.Span.End] == tc.surface {
					t.Errorf("%s: got %s, %s; want no place", tc.surface, p.Name, p.Country)
				}
			}
		})
	}
}

// TestEveryAbbreviationNamesADivision checks the shipped abbreviation
// table against the gazetteer: a misspelt division would silently drop
// its line.
func TestEveryAbbreviationNamesADivision(t *testing.T) {
	g := testGazetteer(t)
	for n, l := range strings.Split(abbreviationsTSV, "\n") {
		if l == "" || l[0] == '#' {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 3 {
			t.Errorf("data/abbreviations.tsv:%d: got %d fields, want 3", n+1, len(f))
			continue
		}
		if division(g, f[2], f[1]) < 0 {
			t.Errorf("data/abbreviations.tsv:%d: no division %q in %s", n+1, f[2], f[1])
		}
	}
}
