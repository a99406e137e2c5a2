package event

import (
	"context"
	"fmt"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/quantity"
)

// TestATollToldTwiceIsNotAdded runs the quantity stage and the event stage
// on sentences split at ". " only, so that a headline run into its first
// sentence stays one sentence whatever the segmenter does with it.
func TestATollToldTwiceIsNotAdded(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // the first event's toll as "min..max" ("nil" is open) and its text
	}{
		{"a headline run into its first sentence tells one toll",
			"Jets kill 12 villagers in Marjah Monitor AFP Friday 2 Jun 2017 An air strike killed at least 12 villagers on Friday in the town of Marjah.",
			"12..nil at least 12 villagers"},
		{"a bare headline figure restated with its noun is one toll",
			"Car bomb kills 9 near Tel Hamra Observer Sunday 4 Mar 2018 A car bomb killed 9 people at a checkpoint near Tel Hamra on Sunday.",
			"9..9 9"},
		{"the exact headline figure is finer than the report's round one",
			"Shelling kills 62 in Kafr Dael Monitor Shelling of Kafr Dael killed more than 60 people on Monday the monitor said.",
			"62..62 62"},
		{"more than one less is no qualifier of the exact figure",
			"Shelling kills 31 in Kafr Dael Monitor Shelling of Kafr Dael killed more than 30 people on Monday the monitor said.",
			"31..31 31"},
		{"soldiers and rebels joined by and are one total",
			"The monitor said 14 soldiers and 22 rebels were killed in the fighting near the dam.",
			"36..36 14 soldiers and 22 rebels"},
		{"soldiers and rebels with their commas stripped are one total",
			"Raids on the valley killed 14 jihadists 3 civilians the monitor said.",
			"17..17 14 jihadists 3 civilians"},
		{"a part between two members of a list is left out",
			"The fighting left 40 civilians - including nine children - and 16 fighters dead.",
			"56..56 40 civilians - including nine children - and 16 fighters"},
		{"the children among the dead are no addition",
			"Air strikes killed 61 civilians including 14 children in the eastern district.",
			"61..61 61 civilians"},
		{"the other side's dead in another clause are added",
			"Clashes near the dam killed 12 soldiers while 20 rebels died in the counter-attack.",
			"32..32 12 soldiers while 20 rebels"},
		{"people the sentence says are other people are added",
			"A mortar round killed 5 civilians at the market and 3 more civilians were also killed near the school.",
			"8..8 5 civilians at the market and 3 more civilians"},
		{"a toll the sentence calls an earlier one is replaced",
			"The strike killed 32 fighters at the crossing the monitor said updating an earlier toll of 15.",
			"32..32 32 fighters"},
		{"the same toll in two sentences is told twice",
			"Rockets kill 7 in Tal Sabeen. Rockets fired at Tal Sabeen killed at least 7 people on Monday.",
			"7..nil at least 7 people"},
		{"an earlier toll and the dead added to it are the new toll",
			"Jets kill 11 in Kafr Nabl Monitor At least 11 civilians were killed in an air strike on Kafr Nabl on Sunday. An earlier toll from the raid gave 8 people killed but three more died in hospital.",
			"11..nil At least 11 civilians"},
		{"a toll that rose replaces the one before it",
			"A car bomb killed 6 people at the checkpoint in Azaz. The toll later rose to 9 the monitor said.",
			"9..9 9"},
		{"another source's lower toll replaces nothing",
			"Barrel bombs killed 31 civilians in Anadan on Friday the rescuers said. The monitor gave a lower toll of 8 civilians killed.",
			"31..31 31 civilians"},
		{"a headline and its lead telling one toll are not added",
			"Air strikes kill six in Saraqeb village. Air strikes killed six civilians in the village of Saraqeb on Friday.",
			"6..6 six"},
		{"more dead in the next sentence are added",
			"A roadside bomb killed 4 soldiers near the dam in Tabqa. Three more soldiers died of their wounds in hospital.",
			"7..7 4 soldiers near the dam in Tabqa. Three more soldiers"},
		{"the other side's dead in the next sentence are added",
			"Gunmen killed 5 villagers in Tal Abyad on Monday. 2 policemen were also killed in the attack.",
			"7..7 5 villagers in Tal Abyad on Monday. 2 policemen"},
		{"more than in the next sentence is no other people",
			"A bomb killed 27 people at the bus station. Doctors at the clinic counted 31 people dead and more than 60 hurt by evening.",
			"27..27 27 people"},
	}
	q, err := quantity.New()
	if err != nil {
		t.Fatal(err)
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &doc.Document{ID: "t", Text: tt.text, Sentences: roughSentences(tt.text)}
			if err := q.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if len(d.Events) == 0 || d.Events[0].Fatalities == nil {
				t.Fatalf("got events %+v, want one with a toll", d.Events)
			}
			f := d.Events[0].Fatalities
			if got := bounds(f) + " " + d.Slice(f.Span); got != tt.want {
				t.Errorf("got toll %q, want %q", got, tt.want)
			}
		})
	}
}

func bounds(q *doc.Quantity) string {
	b := func(p *int) string {
		if p == nil {
			return "nil"
		}
		return fmt.Sprint(*p)
	}
	return b(q.Min) + ".." + b(q.Max)
}

// TestAGenericTellingAndAMeansTellingOfOneTollAreOneEvent runs the
// quantity stage and the event stage on placed sentences: a headline
// that only says people were killed and the lead that says how, at one
// place with one toll, are one event of the lead's type; a different toll
// or place keeps them apart.
func TestAGenericTellingAndAMeansTellingOfOneTollAreOneEvent(t *testing.T) {
	tests := []struct {
		name, text string
		places     []pl
		want       []string // each event as "sub-event type min"
	}{
		{"a headline kill and the lead's air strike are one air strike",
			"Strike kills 15 in Kafr Nabl. An air strike killed 15 civilians in Kafr Nabl on Saturday.",
			[]pl{{surface: "Kafr Nabl", country: "SY", lat: 35.61, lon: 36.56, score: 0.9}, {surface: "Kafr Nabl", country: "SY", lat: 35.61, lon: 36.56, score: 0.9, n: 1}},
			[]string{"Air/drone strike 15"}},
		{"rocket attacks and the civilians they killed are one shelling",
			"25 villagers killed 40 injured in rocket attacks on Tal Rifaat. 25 villagers were killed in Tal Rifaat in the attacks.",
			[]pl{{surface: "Tal Rifaat", country: "SY", lat: 36.47, lon: 37.1, score: 0.9}, {surface: "Tal Rifaat", country: "SY", lat: 36.47, lon: 37.1, score: 0.9, n: 1}},
			[]string{"Shelling/artillery/missile attack 25"}},
		{"another toll is another event",
			"Strike kills 15 in Kafr Nabl. An air strike killed 4 soldiers in Kafr Nabl on Saturday.",
			[]pl{{surface: "Kafr Nabl", country: "SY", lat: 35.61, lon: 36.56, score: 0.9}, {surface: "Kafr Nabl", country: "SY", lat: 35.61, lon: 36.56, score: 0.9, n: 1}},
			[]string{"Attack 15", "Air/drone strike 4"}},
		{"another place is another event",
			"Gunmen killed 6 villagers in Tal Rifaat. An air strike killed 6 people in Kafr Nabl on Saturday.",
			[]pl{{surface: "Tal Rifaat", country: "SY", lat: 36.47, lon: 37.1, score: 0.9}, {surface: "Kafr Nabl", country: "SY", lat: 35.61, lon: 36.56, score: 0.9}},
			[]string{"Attack 6", "Air/drone strike 6"}},
	}
	q, err := quantity.New()
	if err != nil {
		t.Fatal(err)
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := placed(tt.text, tt.places)
			if err := q.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range d.Events {
				n := "nil"
				if e.Fatalities != nil && e.Fatalities.Min != nil {
					n = fmt.Sprint(*e.Fatalities.Min)
				}
				got = append(got, e.SubEventType+" "+n)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAnEventToldAgainAtATownInItsCountryIsOneEventThere(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // each event as "sub-event type @ place"
	}{
		{"the next sentence's village locates the bombing",
			"A suicide bomber struck a wedding in northeast Syria killing 32 people. The bomber blew himself up in the village of Tall Tawil.",
			[]string{"Suicide bomb @ Tall Tawil"}},
		{"a bombing in a village many sentences later is another",
			"A suicide bomber struck a wedding in northeast Syria killing 32 people. The groom survived. The music stopped. The police came. The bomber blew himself up in the village of Tall Tawil.",
			[]string{"Suicide bomb @ Syria", "Suicide bomb @ Tall Tawil"}},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := placed(tt.text, []pl{
				{surface: "Syria", country: "SY", precision: doc.PrecisionCountry, lat: 35, lon: 38, score: 0.9},
				{surface: "Tall Tawil", country: "SY", precision: doc.PrecisionTown, lat: 36.9, lon: 40.9, score: 0.9},
			})
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range d.Events {
				where := "-"
				if e.Location >= 0 {
					where = d.Places[e.Location].Name
				}
				got = append(got, e.SubEventType+" @ "+where)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
