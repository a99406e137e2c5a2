package merge

import (
	"fmt"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/record"
)

func TestLexiconClassifiesClaimants(t *testing.T) {
	tests := []struct {
		claimedBy, name, kind string
	}{
		{"the UK-based Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights", KindMonitor},
		{"SOHR", "Syrian Observatory for Human Rights", KindMonitor},
		{"Syrian state news agency SANA", "SANA", KindParty},
		{"state television", "State media", KindParty},
		{"Reuters", "Reuters", KindWire},
		{"AP", "Associated Press", KindWire},
		{"rescuers from the White Helmets", "Syria Civil Defence (White Helmets)", KindMonitor},
		{"a source close to the army", "An unnamed source", KindAnonymous},
		{"the defence ministry", "Government", KindParty},
	}
	lex := DefaultLexicon()
	for _, tt := range tests {
		t.Run(tt.claimedBy, func(t *testing.T) {
			name, kind, ok := lex.Classify(tt.claimedBy)
			if !ok || name != tt.name || kind != tt.kind {
				t.Errorf("Classify(%q) = %q, %q, %v; want %q, %q", tt.claimedBy, name, kind, ok, tt.name, tt.kind)
			}
		})
	}
	if _, _, ok := lex.Classify("a map of the area"); ok {
		t.Errorf("a lower-case 'map' matched the capitalised alias AP")
	}
}

func TestCorroborationCountsIndependentSources(t *testing.T) {
	at := func(doc, by, modality string) unitSpec {
		return unitSpec{doc: doc, sub: "Air/drone strike", date: "2024-06-14", lat: 13.63, lon: 25.35, prec: "town",
			country: "SD", by: by, modality: modality, min: ptr(7), max: ptr(7)}
	}
	tests := []struct {
		name                         string
		units                        []unitSpec
		outlets, independent         int
		single, partisan, secondHand bool
		fatalitiesIndependent        int
	}{
		{"three outlets all citing one monitor rest on one source", []unitSpec{
			at("a", "SOHR", ""), at("b", "the Syrian Observatory for Human Rights", ""), at("c", "Syrian Observatory", ""),
		}, 3, 1, true, false, false, 1},
		{"two outlets' own reporting are two sources", []unitSpec{
			at("a", "", ""), at("b", "", ""),
		}, 2, 2, false, false, false, 2},
		{"state media repeated by two outlets is one partisan source", []unitSpec{
			at("a", "SANA", ""), at("b", "Syrian state media", ""),
		}, 2, 1, true, true, false, 1},
		{"a government and a rebel channel are both parties", []unitSpec{
			at("a", "the army", ""), at("b", "Amaq", ""),
		}, 2, 2, false, true, false, 2},
		{"an unnamed source is second-hand and counts for its outlet", []unitSpec{
			at("a", "a source", ""),
		}, 1, 1, true, false, true, 1},
		{"an allegation by a monitor and a wire report are two sources", []unitSpec{
			at("a", "SOHR", "alleged"), at("b", "Reuters", ""),
		}, 2, 2, false, false, false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var units []record.Event
			for _, s := range tt.units {
				units = append(units, mk(s))
			}
			got := Merge(units, Options{})
			if len(got) != 1 {
				t.Fatalf("got %d events, want 1", len(got))
			}
			e := got[0]
			if e.Sources == nil {
				t.Fatal("no sources")
			}
			if e.Sources.Outlets != tt.outlets || e.Sources.Independent != tt.independent {
				t.Errorf("outlets %d independent %d, want %d and %d (claimants %+v)", e.Sources.Outlets, e.Sources.Independent, tt.outlets, tt.independent, e.Sources.Claimants)
			}
			if e.SingleSource != tt.single || e.PartisanOnly != tt.partisan || e.SecondHand != tt.secondHand {
				t.Errorf("single %v partisan %v second-hand %v, want %v %v %v", e.SingleSource, e.PartisanOnly, e.SecondHand, tt.single, tt.partisan, tt.secondHand)
			}
			if f := e.Sources.Fatalities; f == nil || f.Independent != tt.fatalitiesIndependent {
				t.Errorf("fatalities basis %+v, want %d independent", f, tt.fatalitiesIndependent)
			}
		})
	}
}

func TestClaimantFallbackClassifiesWhatTheLexiconDoesNotKnow(t *testing.T) {
	units := []record.Event{
		mk(unitSpec{doc: "a", sub: "Armed clash", date: "2024-06-14", lat: 13.63, lon: 25.35, prec: "town", country: "SD", by: "the Rapid Support Forces"}),
	}
	fallback := func(s string) (string, string, bool) {
		if s == "the Rapid Support Forces" {
			return "Rapid Support Forces", KindParty, true
		}
		return "", "", false
	}
	got := Merge(units, Options{Claimant: fallback})
	if c := got[0].Sources.Claimants; len(c) != 1 || c[0].Name != "Rapid Support Forces" || c[0].Kind != KindParty || !got[0].PartisanOnly {
		t.Errorf("claimants %+v partisan %v, want the RSF as a party", c, got[0].PartisanOnly)
	}
}

func TestControlDisputeWhenOneSideSaysItStillHoldsThePlace(t *testing.T) {
	territory := func(doc, text, control, by string) record.Event {
		ev := mk(unitSpec{doc: doc, sub: "Non-state actor overtakes territory", date: "2021-03-02", lat: 12.0, lon: 14.0, prec: "town", country: "NG", by: by})
		ev.Reports[0].Text = text
		if control != "" {
			ev.Reports[0].Control = ptr(control)
		}
		return ev
	}
	tests := []struct {
		name     string
		units    []record.Event
		disputed bool
	}{
		{"a monitor's withdrawal against the group's 'only repositioned'", []record.Event{
			territory("a", "The monitor said the fighters had withdrawn from the town overnight.", "", "the monitor"),
			territory("b", "The group said its men had merely repositioned to the eastern quarter.", "", "the group"),
		}, true},
		{"the extractor's control values disagree", []record.Event{
			territory("a", "Troops took the town.", "taken by Army", ""),
			territory("b", "The group says it is still there.", "still held by the group", "the group"),
		}, true},
		{"two reports of the same capture agree", []record.Event{
			territory("a", "Troops captured the town on Tuesday.", "", ""),
			territory("b", "The army seized the town after two days of fighting.", "", ""),
		}, false},
		{"background on who held the town takes no side", []record.Event{
			territory("a", "Troops captured the town, held by the group since 2016.", "", ""),
			territory("b", "The town was held by the group since 2016 before the assault.", "", ""),
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Merge(tt.units, Options{})
			if len(got) != 1 {
				t.Fatalf("got %d events, want 1", len(got))
			}
			disputed := false
			for _, d := range got[0].Disputes {
				disputed = disputed || d.Field == "control"
			}
			if disputed != tt.disputed {
				t.Errorf("control disputed = %v, want %v (%+v)", disputed, tt.disputed, got[0].Disputes)
			}
		})
	}
}

func TestAReportDatedOnlyByItsArticleJoinsTheEarlierEventItDescribes(t *testing.T) {
	precise := func(doc string, min int) record.Event {
		return mk(unitSpec{doc: doc, sub: "Chemical weapon", date: "2017-04-04", lat: khanLat, lon: khanLon, prec: "town", country: "SY", min: ptr(min), max: ptr(min)})
	}
	late := mk(unitSpec{doc: "late", sub: "Chemical weapon", date: "2017-04-20", lat: khanLat, lon: khanLon, prec: "town", country: "SY", min: ptr(70), max: ptr(70)})
	late.Reports[0].Date, late.Reports[0].DateSource = ptr("2017-04-20"), "published"
	sameDayLate := late
	sameDayLate.Reports = []record.Report{late.Reports[0]}
	sameDayLate.Reports[0].DateSource = "sentence"

	got := Merge([]record.Event{precise("a", 70), precise("b", 70), late}, Options{})
	if len(got) != 1 || *got[0].Date != "2017-04-04" {
		t.Errorf("a publication-dated report: got %d events (%s), want one dated 2017-04-04", len(got), describe(got))
	}
	for _, d := range got[0].Disputes {
		if d.Field == "date" {
			t.Errorf("a publication date is not a date claim: %+v", d)
		}
	}
	if got := Merge([]record.Event{precise("a", 70), sameDayLate}, Options{}); len(got) != 2 {
		t.Errorf("a report whose text dates it two weeks later: got %d events, want 2", len(got))
	}
}

func describe(evs []record.Event) string {
	s := ""
	for _, e := range evs {
		s += fmt.Sprintf("[%s %d reports] ", str(e.Date), len(e.Reports))
	}
	return s
}
