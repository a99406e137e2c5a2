package actor

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/segment"
)

func TestStrippedPossessives(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "surface=Name/type/country"
	}{
		{"a force's possessive without its apostrophe names the force as with it",
			"Residents fled the Syrian armys offensive near the dam.",
			[]string{"Residents=Civilians/civilians/", "Syrian army=Military Forces of Syria/state/SY"}},
		{"the apostrophe version names the same force",
			"Residents fled the Syrian army's offensive near the dam.",
			[]string{"Residents=Civilians/civilians/", "Syrian army=Military Forces of Syria/state/SY"}},
		{"the regime's stripped possessive before an attack is the regime",
			"The regimes shelling of the market went on all night.",
			[]string{"The regime=Military Forces/state/"}},
		{"a nationality's army with a stripped possessive is that state's",
			"Villagers described the Turkish armys bombardment of the ridge.",
			[]string{"Villagers=Civilians/civilians/", "Turkish army=Military Forces of Turkey/state/TR"}},
		{"a named regime with a stripped possessive before a modifier is its state's",
			"Witnesses blamed the Assad regimes air strikes on the bakery.",
			[]string{"Assad regime=Military Forces of Syria/state/SY"}},
		{"a plural before a verb is no possessive",
			"The two governments agreed while the regimes in the region watched.",
			nil},
		{"a plural force noun stays a plural before a noun",
			"The militias commander and the rebels positions were hit.",
			[]string{"militias=Militia/militia/", "rebels=Rebel Forces/rebel/"}},
		{"forces is a plural, not a stripped possessive of force",
			"Syrian forces shelled the hill.",
			[]string{"Syrian forces=Military Forces of Syria/state/SY"}},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(s, tt.text); strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestCoalitionReferredBack(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"the coalition after a US-led coalition is the US-led one",
			"A US-led coalition jet struck a depot. Later the coalitions air strikes hit a bridge.",
			[]string{"US-led coalition=Military Forces of the United States/foreign/US", "coalition=Military Forces of the United States/foreign/US"}},
		{"the coalition after a Saudi-led coalition is the Saudi-led one",
			"The Saudi-led coalition bombed a port. The coalition denied it.",
			[]string{"Saudi-led coalition=Saudi-led coalition/foreign/SA", "coalition=Saudi-led coalition/foreign/SA"}},
		{"coalition warplanes are the coalition the story named",
			"The US-led coalition said coalition warplanes hit the bridge.",
			[]string{"US-led coalition=Military Forces of the United States/foreign/US", "coalition warplanes=Military Forces of the United States/foreign/US"}},
		{"a coalition is a new one",
			"The US-led coalition said a coalition of tribes fled.",
			[]string{"US-led coalition=Military Forces of the United States/foreign/US"}},
		{"a bare coalition with none named before is no one",
			"The coalition said the bridge was hit.",
			nil},
		{"a political coalition is no armed coalition to refer back to",
			"The Syrian National Coalition condemned it. The coalition said more.",
			[]string{"Syrian National Coalition=Syrian National Coalition/political/SY"}},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(s, tt.text); strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func describe(s *Stage, text string) []string {
	var got []string
	for _, m := range s.Find(text) {
		got = append(got, fmt.Sprintf("%s=%s/%s/%s", text[m.Start:m.End], m.Name, m.Type, m.Country))
	}
	return got
}

func TestProcessCarriesTheCoalitionAcrossSentences(t *testing.T) {
	text := "A Saudi-led coalition raid hit a port on Monday. Two days later the coalitions jets struck again."
	d := &doc.Document{Text: text}
	if err := segment.New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Sentences) < 2 {
		t.Fatalf("got %d sentences, want 2", len(d.Sentences))
	}
	if err := newStage(t).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range d.Actors {
		got = append(got, d.Slice(a.Span)+"="+a.Key)
	}
	if want := "Saudi-led coalition=ye.coalition|coalition=ye.coalition"; strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", strings.Join(got, "|"), want)
	}
}
