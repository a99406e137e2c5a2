package event

import (
	"context"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// withPlace adds a resolved town of country at the first occurrence of
// surface.
func withPlace(d *doc.Document, surface, country string) *doc.Document {
	i := strings.Index(d.Text, surface)
	d.Places = append(d.Places, doc.Place{Span: doc.Span{Start: i, End: i + len(surface)}, Kind: "place", Name: surface,
		Country: country, Precision: doc.PrecisionTown, Feature: "P.PPL", Resolved: true, Score: 1})
	return d
}

func TestGovernmentAffiliatesRegainTerritory(t *testing.T) {
	const grt, nsa = "Government regains territory", "Non-state actor overtakes territory"
	tests := []struct {
		name, text, actor string
		typ, country      string   // the actor's
		backers           []string // the actor's
		place, in         string   // a town of the sentence and its country ("" for none)
		want              string
	}{
		{"pro-regime forces capturing a village are the government's side",
			"Pro-regime forces captured the village of Aldmoor.", "Pro-regime forces", "militia", "", []string{doc.BackerGovernment}, "Aldmoor", "SY", grt},
		{"forces loyal to the president seizing a town are the government's side",
			"Forces loyal to President Ana Delgado seized the town of Brenton.", "Forces loyal to President Ana Delgado", "militia", "", []string{doc.BackerGovernment}, "Brenton", "", grt},
		{"pro-government militias taking control are the government's side",
			"Pro-government militias took control of Calder after two days.", "Pro-government militias", "militia", "", []string{doc.BackerGovernment}, "Calder", "NG", grt},
		{"an auxiliary of the country it fights in is the government's side",
			"The National Defence Forces recaptured Dunmore.", "National Defence Forces", "militia", "SY", []string{"SY"}, "Dunmore", "SY", grt},
		{"an auxiliary of its own country is the government's side where the place is unknown",
			"The National Defence Forces recaptured the hilltop.", "National Defence Forces", "militia", "SY", []string{"SY"}, "", "", grt},
		{"a foreign fighter group in the country it fights for is the government's side",
			"Hezbollah fighters captured the village of Elsworth.", "Hezbollah fighters", "militia", "LB", []string{"SY"}, "Elsworth", "SY", grt},
		{"a foreign fighter group outside the country it fights for is non-state",
			"Hezbollah fighters captured the village of Elsworth.", "Hezbollah fighters", "militia", "LB", []string{"SY"}, "Elsworth", "LB", nsa},
		{"Iran-backed militias in Iraq are non-state",
			"Iran-backed militias seized the town of Farrow.", "Iran-backed militias", "militia", "", []string{"IR"}, "Farrow", "IQ", nsa},
		{"Turkish-backed rebels in Syria are non-state",
			"Turkish-backed rebels captured the village of Garth.", "Turkish-backed rebels", "rebel", "", []string{"TR"}, "Garth", "SY", nsa},
		{"pro-Russian separatists in Ukraine are non-state",
			"Pro-Russian separatists took control of Hollin.", "Pro-Russian separatists", "militia", "", []string{"RU"}, "Hollin", "UA", nsa},
		{"a foreign-backed group with no known place is non-state",
			"Iran-backed militias seized the hilltop.", "Iran-backed militias", "militia", "", []string{"IR"}, "", "", nsa},
		{"forces loyal to a warlord are non-state",
			"Forces loyal to Omar Dagane seized the town of Islay.", "Forces loyal to Omar Dagane", "militia", "", nil, "Islay", "SO", nsa},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := annotate(tt.text, nil, map[string]doc.ActorMention{
				tt.actor: {Name: tt.actor, Type: tt.typ, Country: tt.country, Backers: tt.backers},
			})
			if tt.place != "" {
				withPlace(d, tt.place, tt.in)
			}
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if len(d.Events) == 0 {
				t.Fatalf("got no event, want %q", tt.want)
			}
			if got := d.Events[0].SubEventType; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAnAffiliateJoinedToAMilitiaMakesTheAdvanceTheGovernments(t *testing.T) {
	d := annotate("Pro-government militias and allied tribal fighters moved into Oldbridge.", nil, map[string]doc.ActorMention{
		"Pro-government militias": {Name: "Pro-government forces", Type: "militia", Backers: []string{doc.BackerGovernment}},
		"tribal fighters":         {Name: "Militia", Type: "militia"},
	})
	if err := newStage(t).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) == 0 || d.Events[0].SubEventType != "Government regains territory" {
		t.Errorf("got %+v, want Government regains territory", d.Events)
	}
}

func TestTheActorRecordSaysWhyAnActorIsAnAffiliate(t *testing.T) {
	tests := []struct {
		name, backer, in string
		want             bool
	}{
		{"a pro-government militia is one anywhere", doc.BackerGovernment, "YE", true},
		{"an auxiliary is one in its country", "SY", "SY", true},
		{"a foreign-backed militia is none", "IR", "IQ", false},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := withPlace(annotate("The militia captured the town of Oldbridge.", nil, map[string]doc.ActorMention{
				"The militia": {Name: "M", Type: "militia", Backers: []string{tt.backer}},
			}), "Oldbridge", tt.in)
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			rs := Records(d)
			if len(rs) == 0 || rs[0].Actor1 == nil {
				t.Fatalf("got %+v, want an event with an actor", rs)
			}
			a := rs[0].Actor1
			if a.GovernmentAffiliate != tt.want || strings.Join(a.Backers, "|") != tt.backer {
				t.Errorf("got affiliate %v backers %q, want %v %q", a.GovernmentAffiliate, a.Backers, tt.want, tt.backer)
			}
		})
	}
}
