package event

import (
	"context"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

func TestTheWordsOfBlameAndALaterReportNameWhoDidIt(t *testing.T) {
	tests := []struct {
		name, text string
		typ        string // sub-event type of the event to check
		want       string // actor1's surface text, or "" for none
		modality   string // "" when any
	}{
		{"an attack blamed on a group was carried out by it, allegedly",
			"A car bombing blamed on the Islamic State killed 14 people in the border town on Monday.",
			"Remote explosive/landmine/IED", "Islamic State", doc.Alleged},
		{"a party blamed for an attack carried it out, allegedly",
			"The Syrian army was blamed for the barrel bomb attack that killed 9 people in the suburb.",
			"Remote explosive/landmine/IED", "Syrian army", doc.Alleged},
		{"a party accused of an air strike is its perpetrator",
			"An air strike killed 11 people in the market town and activists accused Russian jets of carrying it out.",
			"Air/drone strike", "Russian jets", doc.Alleged},
		{"a strike carried out by a party is its own",
			"Seven people were killed in a raid by Turkish jets on the hill village.",
			"Air/drone strike", "Turkish jets", ""},
		{"a headline with no perpetrator takes the one its lead names",
			"Air strikes kill 12 in hill town. Russian warplanes struck the market on Sunday killing 12 people.",
			"Air/drone strike", "Russian warplanes", ""},
		{"a generic party gives way to the specific one of a later report",
			"The army shelled the old quarter on Monday killing 8 people. Syrian army artillery pounded the old quarter on Monday.",
			"Shelling/artillery/missile attack", "Syrian army artillery", ""},
		{"the next sentence saying who carried out the strike names its perpetrator",
			"An air strike killed 9 civilians in the hill village on Friday the monitor said. " +
				"Witnesses believe the strike was carried out by Russian planes.",
			"Air/drone strike", "Russian planes", ""},
		{"a sentence that does not refer back to the strike names no perpetrator",
			"An air strike killed 9 civilians in the hill village on Friday the monitor said. " +
				"Convoys were carried out by Russian planes last year.",
			"Air/drone strike", "", ""},
		{"a party blamed for something else in another sentence is no perpetrator",
			"An air strike killed 9 civilians in the hill village on Friday. " +
				"Separately the rebels were blamed for the failure of the talks.",
			"Air/drone strike", "", ""},
		{"soldiers killed in an attack are its victims, not its perpetrators",
			"A suicide bomber struck the hospital on Sunday. A nurse and three soldiers were killed in the attack.",
			"Suicide bomb", "", ""},
		{"soldiers who killed are the perpetrators",
			"Soldiers killed two gunmen at the checkpoint on Sunday.",
			"Armed clash", "Soldiers", ""},
	}
	c := chain(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &doc.Document{ID: "t", Text: tt.text}
			if err := c.Run(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			var e *doc.Event
			for i := range d.Events {
				if d.Events[i].SubEventType == tt.typ {
					e = &d.Events[i]
					break
				}
			}
			if e == nil {
				t.Fatalf("got no %s event in %+v", tt.typ, d.Events)
			}
			got := ""
			if e.Actor1 != nil {
				got = d.Text[e.Actor1.Start:e.Actor1.End]
			}
			if got != tt.want {
				t.Errorf("got actor1 %q, want %q", got, tt.want)
			}
			if tt.modality != "" && e.Modality != tt.modality {
				t.Errorf("got modality %q, want %q", e.Modality, tt.modality)
			}
		})
	}
}

func TestAGenericPartyIsOnlyTheKindOfASpecificOne(t *testing.T) {
	army := &doc.ActorMention{Name: "Military Forces", Type: "state"}
	syria := &doc.ActorMention{Name: "Military Forces of Syria", Type: "state", Country: "SY"}
	police := &doc.ActorMention{Name: "Police Forces of Syria", Type: "police", Country: "SY"}
	tests := []struct {
		name string
		a, b *doc.ActorMention
		want bool
	}{
		{"the military is the kind of the Syrian military", army, syria, true},
		{"the Syrian military is no kind of the military", syria, army, false},
		{"the military is not the kind of the Syrian police", army, police, false},
		{"a party is not the kind of itself", syria, syria, false},
		{"no party is the kind of nothing", army, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := genericOf(tt.a, tt.b); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
