package event

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// lastLocation runs the stage over d and returns the surface of the last
// event's place ("" when it has none) and that event's record location.
func lastLocation(t *testing.T, s *Stage, d *doc.Document) (string, string, string) {
	t.Helper()
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) == 0 {
		t.Fatal("got no event")
	}
	e := d.Events[len(d.Events)-1]
	if e.Location < 0 {
		return "", "", ""
	}
	rs := Records(d)
	l := rs[len(rs)-1].Location
	return d.Slice(d.Places[e.Location].Span), l.Precision, l.Relation
}

func TestADatelineIsWhereTheStoryWasFiledNotWhereTheEventHappened(t *testing.T) {
	const town = doc.PrecisionTown
	korvan := pl{surface: "KORVAN", country: "LB", precision: town, lat: 33.9, lon: 35.5, score: .9}
	korvanTitle := pl{surface: "Korvan", country: "LB", precision: town, lat: 33.9, lon: 35.5, score: .9}
	// a province, coarser than the dateline's town
	varos := pl{surface: "Varos", country: "SY", precision: doc.PrecisionAdmin1, lat: 35.9, lon: 36.6, score: .8}
	belt := pl{surface: "Belt", country: "LB", precision: doc.PrecisionCountry, lat: 33.8, lon: 35.8, score: .9}
	tests := []struct {
		name, text string
		places     []pl
		date       string // a date expression to annotate, if any
		// want is the last event's place, precision and relation what
		// its record says of it
		want, precision, relation string
	}{
		{
			"a wire dateline gives way to the place the sentence names",
			"KORVAN (Wire) - Air strikes on rebel-held villages near Varos killed 12 people on Tuesday.",
			[]pl{korvan, varos}, "",
			"Varos", doc.PrecisionAdmin1, "",
		},
		{
			"a dateline cut off the lead by the segmenter gives way to the lead's place",
			"KORVAN\nAir strikes killed 12 people in Varos on Tuesday.",
			[]pl{korvan, varos}, "",
			"Varos", doc.PrecisionAdmin1, "",
		},
		{
			"a dated dateline in title case is one too",
			"Korvan, Oct 3 (Wire) Shells hit a market in Varos, killing nine people.",
			[]pl{korvanTitle, varos}, "Oct 3",
			"Varos", doc.PrecisionAdmin1, "",
		},
		{
			"a dateline in capitals run into the lead is one too",
			"KORVAN At least nine people were killed when shells hit a market in Varos.",
			[]pl{korvan, varos}, "",
			"Varos", doc.PrecisionAdmin1, "",
		},
		{
			"a later sentence's place beats the dateline",
			"KORVAN (Wire) - Air strikes killed 12 people on Tuesday. The raids hit a market in the town of Varos.",
			[]pl{korvan, varos}, "",
			"Varos", doc.PrecisionAdmin1, "",
		},
		{
			"with no other place the dateline is a last resort its record marks",
			"KORVAN, Belt (Wire) - A suicide bomber killed nine people at a mosque on Friday.",
			[]pl{korvan, belt}, "",
			"KORVAN", town, RelationDateline,
		},
		{
			"a town that starts a sentence with no agency or dash is no dateline",
			"Korvan was shelled on Tuesday, killing four people.",
			[]pl{korvanTitle}, "",
			"Korvan", town, "",
		},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := placed(tt.text, tt.places)
			if tt.date != "" {
				i := strings.Index(tt.text, tt.date)
				day := time.Date(2017, 10, 3, 0, 0, 0, 0, time.UTC)
				d.Timexes = append(d.Timexes, doc.Timex{Span: doc.Span{Start: i, End: i + len(tt.date)}, Type: doc.TimexDate,
					Value: "2017-10-03", Start: day, End: day, Precision: doc.DateDay, Anchor: -1})
			}
			got, precision, relation := lastLocation(t, s, d)
			if got != tt.want || precision != tt.precision || relation != tt.relation {
				t.Errorf("got %q precision %q relation %q, want %q %q %q", got, precision, relation, tt.want, tt.precision, tt.relation)
			}
		})
	}
}

func TestACountryNamedAsAPartyIsNoPlaceOfTheEvent(t *testing.T) {
	const town, country = doc.PrecisionTown, doc.PrecisionCountry
	varos := pl{surface: "Varos", country: "SY", precision: town, lat: 35.9, lon: 36.6, score: .8}
	korvan := pl{surface: "Korvan", country: "SY", precision: town, lat: 36.2, lon: 37.1, score: .8}
	russia := pl{surface: "Russia", country: "RU", precision: country, lat: 60, lon: 100, score: .9}
	us := pl{surface: "US", country: "US", precision: country, lat: 39.8, lon: -98.5, score: .9}
	turkey := pl{surface: "Turkey", country: "TR", precision: country, lat: 39, lon: 35, score: .9}
	iran := pl{surface: "Iran", country: "IR", precision: country, lat: 32, lon: 53, score: .9}
	syria := pl{surface: "Syria", country: "SY", precision: country, lat: 35, lon: 38, score: .9}
	tests := []struct {
		name, text string
		places     []pl
		want       string
	}{
		{
			"a country that says something is a party, the event stays where the text put it",
			"Air strikes hit Varos on Monday. Russia said its jets killed 30 militants.",
			[]pl{varos, russia}, "Varos",
		},
		{
			"a country before the strikes it carries out is a party",
			"Shelling killed four people in Korvan. US strikes killed 12 fighters on Tuesday, a monitor said.",
			[]pl{korvan, us}, "Korvan",
		},
		{
			"two countries that agree are parties",
			"Fighting raged around Varos on Sunday. The US and Russia agreed on a truce after shelling killed six people.",
			[]pl{varos, us, russia}, "Varos",
		},
		{
			"countries between which talks are held are parties",
			"Fighting raged around Varos on Sunday. Talks between Turkey and Iran failed as shelling killed six people.",
			[]pl{varos, turkey, iran}, "Varos",
		},
		{
			"a country that backs a side is a party",
			"Rebels held Korvan on Sunday. Militias backed by Iran shelled the town, killing six people.",
			[]pl{korvan, iran}, "Korvan",
		},
		{
			"a country the text puts the event in is its place",
			"Fighting raged around Varos on Sunday. Rockets killed three people in Turkey on Monday.",
			[]pl{varos, turkey}, "Turkey",
		},
		{
			"the country the story is about is its scene whatever the words around it",
			"Shelling hit Korvan on Sunday. Syria air strikes killed 12 people in a market on Monday, and Syria said the toll would rise.",
			[]pl{korvan, syria, {surface: "Syria", country: "SY", precision: country, lat: 35, lon: 38, score: .9, n: 1}}, "Syria",
		},
		{
			"with no other place a party is the last resort",
			"Russia said its jets killed 30 militants on Monday.",
			[]pl{russia}, "Russia",
		},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, relation := lastLocation(t, s, placed(tt.text, tt.places))
			if got != tt.want || relation != "" {
				t.Errorf("got %q relation %q, want %q", got, relation, tt.want)
			}
		})
	}
}
