package event

import (
	"context"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// pl is a resolved place for a test: the surface it is found at (the
// n-th occurrence when n > 0) and what the resolver made of it.
type pl struct {
	surface, country, precision string
	lat, lon, score             float64
	kind                        string
	n                           int
}

func placed(text string, ps []pl) *doc.Document {
	d := &doc.Document{ID: "t", Text: text, Sentences: roughSentences(text)}
	for _, p := range ps {
		from := 0
		for k := 0; k < p.n; k++ {
			from += strings.Index(text[from:], p.surface) + len(p.surface)
		}
		i := from + strings.Index(text[from:], p.surface)
		kind := p.kind
		if kind == "" {
			kind = "place"
		}
		feature := "P.PPL"
		if p.precision == doc.PrecisionAdmin1 {
			feature = "A.ADM1"
		}
		d.Places = append(d.Places, doc.Place{
			Span: doc.Span{Start: i, End: i + len(p.surface)}, Kind: kind, Name: p.surface,
			Lat: p.lat, Lon: p.lon, Country: p.country, Precision: p.precision, Feature: feature,
			Resolved: true, Score: p.score,
		})
	}
	for i := 1; i < len(d.Places); i++ {
		for j := i; j > 0 && d.Places[j].Start < d.Places[j-1].Start; j-- {
			d.Places[j], d.Places[j-1] = d.Places[j-1], d.Places[j]
		}
	}
	return d
}

func TestTheEventIsAtThePlaceTheSentenceLocatesItIn(t *testing.T) {
	const town, district, admin1, country = doc.PrecisionTown, doc.PrecisionDistrict, doc.PrecisionAdmin1, doc.PrecisionCountry
	tests := []struct {
		name, text string
		places     []pl
		want       string
	}{
		{
			"a village inside a district inside a province is the village",
			"Gunmen attacked a checkpoint in the Tor area of Qarabagh district, Ghazni.",
			[]pl{{surface: "Tor", country: "AF", precision: town, lat: 33.1, lon: 68.1, score: .7},
				{surface: "Qarabagh", country: "AF", precision: district, lat: 33.2, lon: 68.1, score: .8},
				{surface: "Ghazni", country: "AF", precision: admin1, lat: 33.5, lon: 68.4, score: .9}},
			"Tor",
		},
		{
			"a town read as one abroad gives way to the city the text puts it in",
			"Workers rallied in Savar, Dhaka, over unpaid wages.",
			[]pl{{surface: "Savar", country: "HU", precision: town, lat: 47.2, lon: 16.9, score: .5},
				{surface: "Dhaka", country: "BD", precision: town, lat: 23.7, lon: 90.4, score: .9}},
			"Dhaka",
		},
		{
			"a misread province does not condemn the town inside it when the town is surer",
			"Youths killed a trader in Rumbek (Lakes state).",
			[]pl{{surface: "Rumbek", country: "SS", precision: town, lat: 6.8, lon: 29.7, score: .8},
				{surface: "Lakes", country: "BR", precision: town, lat: -27.8, lon: -50.3, score: .6}},
			"Rumbek",
		},
		{
			"a homonym far from the town it is said to be in is misread",
			"Police clashed with traffickers in Pinheiro, Lagoa, on Monday.",
			[]pl{{surface: "Pinheiro", country: "BR", precision: town, lat: -2.5, lon: -45.1, score: .6},
				{surface: "Lagoa", country: "BR", precision: town, lat: -22.9, lon: -43.2, score: .8}},
			"Lagoa",
		},
		{
			"where the protesters come from is not where they protest",
			"Residents of Ashgrove held a protest in Millbrook over the water supply.",
			[]pl{{surface: "Ashgrove", country: "GB", precision: town, lat: 51.1, lon: -1.2, score: .8},
				{surface: "Millbrook", country: "GB", precision: town, lat: 51.5, lon: -1.5, score: .8}},
			"Millbrook",
		},
		{
			"the origin of a militia is not the village it attacked",
			"Militiamen from the Gora area of Upper Lanar state attacked a village near Tessi town.",
			[]pl{{surface: "Lanar", country: "SS", precision: admin1, lat: 8, lon: 26, score: .9},
				{surface: "Tessi", country: "SS", precision: town, lat: 7.3, lon: 28.7, score: .7}},
			"Tessi",
		},
		{
			"a road named after a town is a landmark, not the place of a protest in a city",
			"Journalists protested on Jalal road in Peshawar against the arrest.",
			[]pl{{surface: "Jalal", country: "PK", precision: town, lat: 34.4, lon: 70.4, score: .7},
				{surface: "Peshawar", country: "PK", precision: town, lat: 34.0, lon: 71.6, score: .9}},
			"Peshawar",
		},
		{
			"a road named after a town still beats a province",
			"Migrant workers blocked the Kurukshetra road (Haryana) for hours.",
			[]pl{{surface: "Kurukshetra", country: "IN", precision: town, lat: 29.97, lon: 76.85, score: .8},
				{surface: "Haryana", country: "IN", precision: admin1, lat: 29, lon: 76, score: .9}},
			"Kurukshetra",
		},
		{
			"the place inside wins even when the gazetteer calls the container finer",
			"Traders demonstrated in Kouroussa town (Kouroussa-Centre, Kankan) over power cuts.",
			[]pl{{surface: "Kouroussa", country: "GN", precision: district, lat: 10.65, lon: -9.88, score: .8},
				{surface: "Kankan", country: "GN", precision: town, lat: 10.38, lon: -9.3, score: .9, n: 0}},
			"Kouroussa",
		},
		{
			"a town the text calls a town beats its province even when the gazetteer made a province of it",
			"Traders marched in Dorvalle town (Dorvalle-Nord, Kessa) over fuel prices.",
			[]pl{{surface: "Dorvalle", country: "GN", precision: admin1, lat: 10.6, lon: -9.9, score: .9},
				{surface: "Dorvalle", country: "GN", precision: admin1, lat: 10.6, lon: -9.9, score: .9, n: 1},
				{surface: "Kessa", country: "GN", precision: town, lat: 10.4, lon: -9.3, score: .9}},
			"Dorvalle",
		},
		{
			"a market named after a town is a landmark of the city it is in",
			"Police beat vendors at Kelmora Bazaar in Tarvin city for opening early.",
			[]pl{{surface: "Kelmora", country: "IN", precision: town, lat: 26.1, lon: 84.3, score: .8},
				{surface: "Tarvin", country: "IN", precision: town, lat: 23.8, lon: 91.3, score: .9}},
			"Tarvin",
		},
		{
			"both ends of a highway named after two towns are landmarks",
			"Migrants blocked the Ardel-Fenwick national highway at Corran village on Sunday.",
			[]pl{{surface: "Ardel", country: "IN", precision: town, lat: 27.2, lon: 78.0, score: .9},
				{surface: "Fenwick", country: "IN", precision: town, lat: 19.1, lon: 72.9, score: .9},
				{surface: "Corran", country: "IN", precision: town, lat: 21.7, lon: 75.1, score: .7}},
			"Corran",
		},
		{
			"of two towns the one the text puts the event in beats one named as a party",
			"Members of Oakvale and local traders protested in Brisk over taxes.",
			[]pl{{surface: "Oakvale", country: "UA", precision: town, lat: 49.3, lon: 31.1, score: .7},
				{surface: "Brisk", country: "UA", precision: town, lat: 49.4, lon: 32.1, score: .9}},
			"Brisk",
		},
		{
			"a list of provinces is not a hierarchy",
			"Police raids took place in Kabul, Ghor, Laghman and Balkh provinces.",
			[]pl{{surface: "Kabul", country: "AF", precision: admin1, lat: 34.5, lon: 69.2, score: .9},
				{surface: "Ghor", country: "AF", precision: admin1, lat: 34, lon: 65, score: .9},
				{surface: "Laghman", country: "AF", precision: admin1, lat: 34.7, lon: 70.2, score: .9},
				{surface: "Balkh", country: "AF", precision: admin1, lat: 36.7, lon: 67, score: .9}},
			"Kabul",
		},
		{
			"a town abroad in a sentence framed by a province of the story's country is misread",
			"Afghan police said a guard was killed near the Mirza well of Qadis district, Badghis.",
			[]pl{{surface: "Afghan", country: "AF", precision: country, lat: 33, lon: 66, score: .9, kind: "demonym"},
				{surface: "Mirza", country: "RO", precision: town, lat: 45, lon: 25, score: .6},
				{surface: "Badghis", country: "AF", precision: admin1, lat: 35.2, lon: 63.7, score: .9}},
			"Badghis",
		},
		{
			"of two districts the text is unsure between, neither is the place: the province is",
			"Insurgents ambushed troops in Dara province (either in Molak or Sefid districts).",
			[]pl{{surface: "Dara", country: "AF", precision: admin1, lat: 36.7, lon: 67.1, score: .9},
				{surface: "Molak", country: "AF", precision: town, lat: 36.6, lon: 66.8, score: .8}},
			"Dara",
		},
		{
			"one of two towns joined by or beats only a country",
			"Afghan officials said the convoy was hit in Molak or Sefid.",
			[]pl{{surface: "Afghan", country: "AF", precision: country, lat: 33, lon: 66, score: .9, kind: "demonym"},
				{surface: "Molak", country: "AF", precision: town, lat: 36.6, lon: 66.8, score: .8}},
			"Molak",
		},
		{
			"a bridge named after a town does not put the event at the town but in the district",
			"Farmers blocked traffic near Holt Bridge in Varna district on Friday.",
			[]pl{{surface: "Holt", country: "IN", precision: town, lat: 26.1, lon: 79.7, score: .8},
				{surface: "Varna", country: "IN", precision: town, lat: 26.2, lon: 79.3, score: .8}},
			"Varna",
		},
		{
			"a division word only one country uses settles which of two readings abroad is wrong",
			"Bandits raided Dakora (Tesi LGA, Coteau) overnight.",
			[]pl{{surface: "Dakora", country: "NG", precision: town, lat: 9.5, lon: 8.9, score: .88},
				{surface: "Coteau", country: "BJ", precision: admin1, lat: 7.2, lon: 2.6, score: .93}},
			"Dakora",
		},
		{
			"a village 250 km from the town the text puts it in is another village of that name",
			"Police dispersed a rally in Lomar, Velden City, Velden province.",
			[]pl{{surface: "Lomar", country: "PH", precision: town, lat: 11.2, lon: 124.8, score: .85},
				{surface: "Velden City", country: "PH", precision: town, lat: 10.7, lon: 122.6, score: .95},
				{surface: "Velden", country: "PH", precision: admin1, lat: 11.0, lon: 122.6, score: .97, n: 1}},
			"Velden City",
		},
		{
			"a state named like a far city it is not is no contradiction",
			"Residents protested in Tocora, Alvar state, over fuel shortages.",
			[]pl{{surface: "Tocora", country: "VE", precision: town, lat: 10.1, lon: -68.1, score: .8},
				{surface: "Alvar", country: "VE", precision: town, lat: 8.6, lon: -70.4, score: .9}},
			"Tocora",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := placed(tt.text, tt.places)
			ix := newIndex(d, d.Sentences)
			got := ix.placeOf(d, 0)
			if got < 0 {
				t.Fatalf("got no place, want %s", tt.want)
			}
			if p := d.Slice(d.Places[got].Span); p != tt.want {
				t.Errorf("got %s, want %s", p, tt.want)
			}
		})
	}
}

func TestAPlaceInsideAnActorsNameAbroadIsNoLocation(t *testing.T) {
	const town = doc.PrecisionTown
	tests := []struct {
		name, text, actor string
		places            []pl
		want              string // "" for no place
	}{
		{
			"a town read from a group's name abroad is not where the group struck",
			"Al-Shabaab fighters stormed an army post at dawn. Officials in Jowhar and Balcad said the roads were shut.",
			"Al-Shabaab",
			[]pl{{surface: "Al", country: "NO", precision: town, lat: 60.6, lon: 8.6, score: .4},
				{surface: "Jowhar", country: "SO", precision: town, lat: 2.8, lon: 45.5, score: .8},
				{surface: "Balcad", country: "SO", precision: town, lat: 2.4, lon: 45.4, score: .8}},
			"",
		},
		{
			"a town in an actor's name in the story's country is still its place when alone",
			"The Kandahar police chief was shot dead on Monday. Officials in Kabul condemned it.",
			"Kandahar police chief",
			[]pl{{surface: "Kandahar", country: "AF", precision: town, lat: 31.6, lon: 65.7, score: .9},
				{surface: "Kabul", country: "AF", precision: town, lat: 34.5, lon: 69.2, score: .9}},
			"Kandahar",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := placed(tt.text, tt.places)
			i := strings.Index(tt.text, tt.actor)
			d.Actors = []doc.ActorMention{{Span: doc.Span{Start: i, End: i + len(tt.actor)}, Name: tt.actor, Type: "rebel"}}
			ix := newIndex(d, d.Sentences)
			got := ix.placeOf(d, 0)
			switch {
			case tt.want == "" && got >= 0:
				t.Errorf("got %s, want no place", d.Slice(d.Places[got].Span))
			case tt.want != "" && got < 0:
				t.Errorf("got no place, want %s", tt.want)
			case tt.want != "" && d.Slice(d.Places[got].Span) != tt.want:
				t.Errorf("got %s, want %s", d.Slice(d.Places[got].Span), tt.want)
			}
		})
	}
}

func TestARoadNamedAfterItsEndsIsNoEvidenceTheEventWasAtEither(t *testing.T) {
	const town = doc.PrecisionTown
	belt := pl{surface: "Belt", country: "SY", precision: town, lat: 33.5, lon: 36.3, score: .9}
	varos := pl{surface: "Varos", country: "SY", precision: town, lat: 36.2, lon: 37.2, score: .9}
	korvan := pl{surface: "Korvan", country: "SY", precision: town, lat: 35.9, lon: 36.8, score: .7}
	tests := []struct {
		name, text string
		places     []pl
		// want is the location of the last event, precision and
		// relation what its record says of it
		want, precision, relation string
	}{
		{
			"a checkpoint on a highway named after two cities is in the town the paragraph is about",
			"Army units advanced on Korvan on Tuesday. Rebels shelled a checkpoint on the Belt-Varos highway.",
			[]pl{korvan, belt, varos},
			"Korvan", town, "",
		},
		{
			"a highway said to link two cities is no more at either of them",
			"Fighting raged near Korvan. Rebels shelled the M9 highway linking Belt and Varos.",
			[]pl{korvan, belt, varos},
			"Korvan", town, "",
		},
		{
			"with no better place a road's end is a fallback as coarse as a province",
			"Rebels shelled a checkpoint on the Belt-Varos highway on Tuesday.",
			[]pl{belt, varos},
			"Belt", doc.PrecisionAdmin1, RelationRoad,
		},
		{
			"the road between two towns is at neither",
			"Gunmen shelled a bus on the road between Belt and Varos.",
			[]pl{belt, varos},
			"Belt", doc.PrecisionAdmin1, RelationRoad,
		},
		{
			"a town that merely lies by a road is still the place",
			"Rebels shelled Korvan, a town on the Belt-Varos highway.",
			[]pl{korvan, belt, varos},
			"Korvan", town, "",
		},
		{
			"the event of a relative clause is at the place the clause is about",
			"The highway joins the capital Belt with the northern city of Varos, which was shelled by rebels in 2016.",
			[]pl{belt, varos},
			"Varos", town, "",
		},
		{
			"a clause opened by where is about the place before it",
			"Officials in Belt said families had reached Korvan, where an air strike killed six people.",
			[]pl{belt, korvan},
			"Korvan", town, "",
		},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := placed(tt.text, tt.places)
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if len(d.Events) == 0 {
				t.Fatal("got no event")
			}
			e := d.Events[len(d.Events)-1]
			if e.Location < 0 {
				t.Fatalf("got no place, want %s", tt.want)
			}
			if got := d.Slice(d.Places[e.Location].Span); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			rs := Records(d)
			l := rs[len(rs)-1].Location
			if l.Precision != tt.precision || l.Relation != tt.relation {
				t.Errorf("got precision %q relation %q, want %q %q", l.Precision, l.Relation, tt.precision, tt.relation)
			}
		})
	}
}
